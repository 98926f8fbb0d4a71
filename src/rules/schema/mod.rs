//! JSON Schema validation: the only module that touches the `jsonschema` crate. Each error is mapped by
//! its *kind* (never by its message text) to a rule of its own and to the exact span it concerns: an
//! unknown field at its key, a missing one at the object that lacks it, a wrong value at the value.

mod patterns;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use ahash::AHashMap as HashMap;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::{describe_pointer, quote, FileContext, Fix, Group, Level, Rule};
use crate::diagnostics::Diagnostic;
use crate::source::pointer;

pub static MISSING_REQUIRED_FIELD: Rule = Rule {
    code: "R101",
    name: "missing-required-field",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "an object lacks a field the schema requires",
    why: "Every relation, event, quote, reference and entity has fields without which it means nothing: a reference without a title cannot be found, an event without a date cannot be placed. The help quotes the schema's description of the missing field.",
    example: "{ \"id\": \"abc-nyheter-2022-01-15\", \"publisher\": \"ABC Nyheter\", \"language\": \"no\" }",
    instead: "Add the field: `\"title\": \"Støre slår cyberalarm: – Vi må være mer våkne\"`.",
};

pub static UNKNOWN_FIELD: Rule = Rule {
    code: "R102",
    name: "unknown-field",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "an object has a field the schema does not define",
    why: "The schema is strict (`additionalProperties: false`) so that a misspelt field is caught instead of silently ignored: a `retreived` date is never checked against `published`. The help suggests the nearest allowed name.",
    example: "{ \"id\": \"vg-2022-02-27\", \"title\": \"…\", \"language\": \"no\", \"retreived\": \"2022-02-27\" }",
    instead: "Rename the field to the name the schema defines (`retrieved`), or remove it. If the format needs a new field, extend the schema first.",
};

pub static WRONG_TYPE: Rule = Rule {
    code: "R103",
    name: "wrong-type",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "a value has the wrong JSON type",
    why: "Tools read each field as one type: a string where a list of ids is expected is not a list with one id, and a number written as a string is not a number.",
    example: "\"cite\": \"abc-nyheter-2022-01-15\"",
    instead: "Write the value as the expected type: `\"cite\": [\"abc-nyheter-2022-01-15\"]`.",
};

pub static VALUE_NOT_ALLOWED: Rule = Rule {
    code: "R104",
    name: "value-not-allowed",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "a value is not one of the values the schema allows (enum or const)",
    why: "Fields such as a mission's `kind` or a membership's `status` take one of a fixed list of values, so that tools and people can count and compare them. The help suggests the nearest allowed value.",
    example: "\"kind\": \"embasy\"",
    instead: "Use one of the allowed values: `\"kind\": \"embassy\"`.",
};

pub static PATTERN_MISMATCH: Rule = Rule {
    code: "R105",
    name: "pattern-mismatch",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "a string does not have the form the schema requires (pattern or format)",
    why: "Ids, country codes, dates and language tags have fixed forms (`NO-UA`, `NO`, `2022-01-15`, `nb`) so that they can be compared and looked up. The help quotes the schema's description of the expected form.",
    example: "\"parties\": [\"No\", \"UA\"]",
    instead: "Write the value in the expected form: `\"parties\": [\"NO\", \"UA\"]`.",
};

pub static NO_MATCHING_VARIANT: Rule = Rule {
    code: "R106",
    name: "no-matching-variant",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "a value matches none of the alternatives the schema allows (oneOf or anyOf)",
    why: "Where a value may take one of several forms (an actor is a country, an organisation or a person), a wall of errors from every alternative hides the one that matters. relcheck reports the alternative that came closest, or, when every alternative rejects the value as a whole, what each one expects.",
    example: "\"actors\": [\"Jonas Gahr Støre\"]",
    instead: "Write the value in one of the allowed forms: `\"actors\": [\"jonas-gahr-store\"]` (a person id).",
};

pub static CONSTRAINT_VIOLATION: Rule = Rule {
    code: "R107",
    name: "constraint-violation",
    group: Group::Schema,
    level: Level::Error,
    fix: Fix::None,
    summary: "a value breaks another schema constraint (length, item count, uniqueness, range)",
    why: "Lists that must not be empty, items that must be unique, numbers that must be positive: the message states the constraint and what was found.",
    example: "\"parties\": [\"NO\", \"UA\", \"FI\"]",
    instead: "Change the value to satisfy the constraint: a relation has exactly two parties.",
};

/// A compiled schema, built once per run and shared by every file checked against it.
pub struct CompiledSchema {
    pub name: String,
    pub document: Value,
    validators: Validators,
}

enum Validators {
    /// A user's schema: one validator answers and reports.
    One(Validator),
    /// A built-in schema. `standard` reports the errors; `fast`, the same schema with the `pattern`
    /// of `patterns`, answers whether a file is valid once enough files have been checked to repay
    /// compiling it (a pre-commit run on one file never compiles it). `None` if it did not compile.
    Builtin {
        standard: Validator,
        fast: OnceLock<Option<Validator>>,
        checked: AtomicUsize,
    },
}

/// How many files the standard validator checks before the fast one is compiled: compiling it
/// (half a millisecond) costs about what it saves on this many files.
const FAST_AFTER: usize = 40;

impl CompiledSchema {
    /// `assert_formats`: whether `format` is checked (draft 2020-12 makes it an annotation by default).
    pub fn compile(name: impl Into<String>, document: Value, assert_formats: bool) -> Result<Self, String> {
        let options = jsonschema::draft202012::options().should_validate_formats(assert_formats);
        let validator = build(options, &document)?;
        Ok(Self {
            name: name.into(),
            document,
            validators: Validators::One(validator),
        })
    }

    /// A user's schema compiled with `options`, which say its dialect and where the documents it
    /// refers to are read from.
    pub fn compile_with(
        name: impl Into<String>,
        document: Value,
        options: jsonschema::ValidationOptions,
    ) -> Result<Self, ValidationError<'static>> {
        let validator = options.build(&document)?;
        Ok(Self {
            name: name.into(),
            document,
            validators: Validators::One(validator),
        })
    }

    /// The dataset's own schemas: `format` is asserted, and their patterns (plain character classes
    /// and repetitions, no look-around or back-references) run on the linear-time `regex` engine,
    /// which is several times faster than the ECMA-262-compatible default. Once a run has checked
    /// a few dozen files, whether a file is valid is answered with DFAs for the patterns (see
    /// `patterns`), faster still on the short strings they are tried on.
    pub fn compile_builtin(name: impl Into<String>, document: Value) -> Result<Self, String> {
        let standard = build(builtin_options(), &document)?;
        Ok(Self {
            name: name.into(),
            document,
            validators: Validators::Builtin {
                standard,
                fast: OnceLock::new(),
                checked: AtomicUsize::new(0),
            },
        })
    }

    pub(crate) fn is_valid(&self, value: &Value) -> bool {
        match &self.validators {
            Validators::One(validator) => validator.is_valid(value),
            Validators::Builtin {
                standard,
                fast,
                checked,
            } => {
                let fast = match fast.get() {
                    Some(fast) => fast.as_ref(),
                    None if checked.fetch_add(1, Ordering::Relaxed) >= FAST_AFTER => self.fast(),
                    None => None,
                };
                fast.unwrap_or(standard).is_valid(value)
            }
        }
    }

    /// The validator with the fast `pattern`, compiled on first use; `None` for a user's schema.
    fn fast(&self) -> Option<&Validator> {
        match &self.validators {
            Validators::One(_) => None,
            Validators::Builtin { fast, .. } => fast
                .get_or_init(|| {
                    let options = builtin_options().with_keyword("pattern", patterns::keyword_factory());
                    build(options, &self.document).ok()
                })
                .as_ref(),
        }
    }

    /// The validator whose errors are reported.
    fn reporting(&self) -> &Validator {
        match &self.validators {
            Validators::One(validator)
            | Validators::Builtin {
                standard: validator, ..
            } => validator,
        }
    }

    /// The subschema at `schema_path` (an RFC 6901 pointer into this schema document).
    fn at(&self, schema_path: &str) -> Option<&Value> {
        self.document.pointer(schema_path)
    }

    /// `subschema` itself, or the schema its local `$ref` (`#/$defs/...`) names.
    fn resolve<'s>(&'s self, subschema: &'s Value) -> Option<&'s Value> {
        match subschema.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.at(reference.strip_prefix('#')?),
            None => Some(subschema),
        }
    }

    /// The description of the field the failing value sits in: the first description met at the
    /// value's own level along the evaluation path, so a property's own description wins over the
    /// shared `$defs` entry it refers to.
    fn field_description(&self, error: &ValidationError) -> Option<String> {
        let tokens = pointer::tokens(error.evaluation_path().as_str())?;
        let (_, steps) = tokens.split_last()?;
        let mut node = &self.document;
        let mut found: Option<&Value> = None;
        let mut previous = "";
        for token in steps {
            node = if token == "$ref" {
                self.resolve(node)?
            } else {
                match node {
                    Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                    _ => node.get(token)?,
                }
            };
            let new_level = matches!(previous, "properties" | "prefixItems")
                || matches!(token.as_str(), "items" | "additionalProperties");
            if new_level {
                found = None;
            }
            if found.is_none() && node.get("description").is_some() {
                found = Some(node);
            }
            previous = token;
        }
        found.and_then(first_sentence_of_description)
    }

    /// The subschema holding the keyword that failed.
    fn owner(&self, error: &ValidationError) -> Option<&Value> {
        pointer::parent(error.schema_path().as_str()).and_then(|parent| self.at(parent))
    }
}

fn builtin_options() -> jsonschema::ValidationOptions<'static> {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_pattern_options(jsonschema::PatternOptions::regex())
}

fn build(options: jsonschema::ValidationOptions, document: &Value) -> Result<Validator, String> {
    options
        .build(document)
        .map_err(|error| format!("{} at {}", error.masked(), error.instance_path().as_str()))
}

/// Validates one file and reports every error, not only the first.
pub fn check(context: &FileContext, schema: &CompiledSchema, value: &Value, out: &mut Vec<Diagnostic>) {
    // Most files are valid, and the yes/no check is much cheaper than collecting every error.
    if schema.is_valid(value) {
        return;
    }
    let errors: Vec<ValidationError> = schema.reporting().iter_errors(value).collect();
    // One value can fail two patterns (a generic id pattern and the stricter one its file kind
    // requires): report only the most specific, the one reached along the longest evaluation path.
    let is_form = |e: &ValidationError| {
        matches!(
            e.kind(),
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. }
        )
    };
    let mut best_form: HashMap<&str, usize> = HashMap::new();
    for (i, error) in errors.iter().enumerate().filter(|(_, e)| is_form(e)) {
        let length = |e: &ValidationError| e.evaluation_path().as_str().len();
        best_form
            .entry(error.instance_path().as_str())
            .and_modify(|best| {
                if length(error) > length(&errors[*best]) {
                    *best = i;
                }
            })
            .or_insert(i);
    }
    for (i, error) in errors.iter().enumerate() {
        if is_form(error) && best_form.get(error.instance_path().as_str()) != Some(&i) {
            continue;
        }
        diagnose(context, schema, error, out);
    }
}

fn diagnose(context: &FileContext, schema: &CompiledSchema, error: &ValidationError, out: &mut Vec<Diagnostic>) {
    let at = error.instance_path().as_str();
    let place = context.describe(at);
    let owner = schema.owner(error);
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let described = owner
                .and_then(|o| o.get("properties")?.get(name))
                .and_then(first_sentence_of_description);
            let mut diagnostic = context
                .diagnostic(
                    &MISSING_REQUIRED_FIELD,
                    at,
                    format!("missing required field {} in {place}", quote(name)),
                )
                .primary(context.value_anchor(at), format!("this object has no {}", quote(name)));
            diagnostic = match described {
                Some(description) => diagnostic.help(format!("add {}: {description}", quote(name))),
                None => diagnostic.help(format!("add the field {}", quote(name))),
            };
            out.push(diagnostic);
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed: Vec<&str> = owner
                .and_then(|o| o.get("properties")?.as_object())
                .map(|properties| properties.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for name in unexpected {
                let field = pointer::child(at, name);
                let help = match context.suggestions.closest(name, allowed.iter().copied()) {
                    Some(suggestion) => format!("did you mean {}?", quote(suggestion)),
                    None if allowed.is_empty() => "remove this field".to_string(),
                    None => format!("remove it; the fields allowed here are {}", list(&allowed)),
                };
                out.push(
                    context
                        .diagnostic(
                            &UNKNOWN_FIELD,
                            &field,
                            format!("unknown field {} in {place}", quote(name)),
                        )
                        .primary(context.key_span(&field), "not defined by the schema")
                        .help(help),
                );
            }
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let found = type_name(error.instance());
            let mut diagnostic = context
                .diagnostic(&WRONG_TYPE, at, format!("{place} must be {expected}, found {found}"))
                .primary(context.value_anchor(at), format!("expected {expected}"));
            if let Some(description) = schema.field_description(error) {
                diagnostic = diagnostic.note(format!("{place}: {description}"));
            }
            out.push(diagnostic.help(format!("write {place} as {expected}")));
        }
        ValidationErrorKind::Enum { options } => {
            let allowed = options.as_array().cloned().unwrap_or_default();
            value_not_allowed(context, error, at, &place, &allowed, out);
        }
        ValidationErrorKind::Constant { expected_value } => {
            value_not_allowed(context, error, at, &place, &[Value::clone(expected_value)], out);
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let expectation = match error.kind() {
                ValidationErrorKind::Pattern { pattern } => format!("the pattern `{pattern}`"),
                ValidationErrorKind::Format { format } => format!("the format `{format}`"),
                _ => unreachable!("matched above"),
            };
            let mut diagnostic = context
                .diagnostic(
                    &PATTERN_MISMATCH,
                    at,
                    format!(
                        "{} does not have the form required for {place}",
                        short_json(error.instance())
                    ),
                )
                .primary(context.value_anchor(at), format!("does not match {expectation}"));
            diagnostic = match schema.field_description(error) {
                Some(description) => diagnostic.help(format!("{place}: {description}")),
                None => diagnostic.help(format!("write a value that matches {expectation}")),
            };
            out.push(diagnostic);
        }
        ValidationErrorKind::AnyOf { context: branches } | ValidationErrorKind::OneOfNotValid { context: branches } => {
            no_matching_variant(context, schema, error, branches, out);
        }
        _ => constraint(context, error, at, &place, out),
    }
}

fn value_not_allowed(
    context: &FileContext,
    error: &ValidationError,
    at: &str,
    place: &str,
    allowed: &[Value],
    out: &mut Vec<Diagnostic>,
) {
    let found = short_json(error.instance());
    let shown: Vec<String> = allowed.iter().map(short_json).collect();
    let names = allowed.iter().filter_map(Value::as_str);
    let suggestion = error
        .instance()
        .as_str()
        .and_then(|s| context.suggestions.closest(s, names));
    let (message, label, help) = match (shown.as_slice(), suggestion) {
        ([only], _) => (
            format!("{found} is not allowed for {place}: it must be {only}"),
            format!("must be {only}"),
            format!("write {only}, or leave the field out if it does not apply"),
        ),
        (_, Some(suggestion)) => (
            format!("{found} is not an allowed value for {place}"),
            format!("allowed: {}", shown.join(", ")),
            format!("did you mean {}?", quote(suggestion)),
        ),
        (_, None) => (
            format!("{found} is not an allowed value for {place}"),
            "not one of the allowed values".to_string(),
            format!("use one of: {}", shown.join(", ")),
        ),
    };
    out.push(
        context
            .diagnostic(&VALUE_NOT_ALLOWED, at, message)
            .primary(context.value_anchor(at), label)
            .help(help),
    );
}

fn no_matching_variant(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    branches: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let place = describe_pointer(at);
    let depth = |e: &ValidationError| e.instance_path().as_str().matches('/').count();
    let mut diagnostic = context.diagnostic(
        &NO_MATCHING_VARIANT,
        at,
        format!("{place} matches none of the {} forms the schema allows", branches.len()),
    );
    // The closest branch is the one whose errors reach deepest into the value (it got furthest),
    // then the one with the fewest errors.
    let best = branches
        .iter()
        .filter(|errors| !errors.is_empty())
        .max_by_key(|errors| {
            (
                errors.iter().map(depth).max().unwrap_or(0),
                std::cmp::Reverse(errors.len()),
            )
        });
    let own_depth = at.matches('/').count();
    match best {
        // Some alternative got inside the value: report where it failed.
        Some(errors) if errors.iter().any(|e| depth(e) > own_depth) => {
            let deepest = errors
                .iter()
                .max_by_key(|e| depth(e))
                .map_or(at, |e| e.instance_path().as_str());
            diagnostic = diagnostic.primary(context.value_anchor(deepest), "the closest alternative fails here");
            for error in errors.iter().take(3) {
                let location = describe_pointer(error.instance_path().as_str());
                diagnostic = diagnostic.note(format!("closest alternative: {location}: {}", error.masked()));
            }
            diagnostic = diagnostic.help("change the value to match the closest alternative, as the notes describe");
        }
        // Every alternative rejects the value as a whole: say what each one expects.
        _ => {
            diagnostic = diagnostic.primary(context.value_anchor(at), "matches no alternative");
            let alternatives = schema
                .owner(error)
                .and_then(|owner| owner.get(error.kind().keyword())?.as_array())
                .map(|list| {
                    list.iter()
                        .filter_map(|alt| schema.resolve(alt))
                        .filter_map(first_sentence_of_description)
                })
                .into_iter()
                .flatten();
            for (i, description) in alternatives.enumerate() {
                diagnostic = diagnostic.note(format!("alternative {}: {description}", i + 1));
            }
            diagnostic = diagnostic.help(format!("write {place} in one of the forms the notes describe"));
        }
    }
    out.push(diagnostic);
}

fn constraint(context: &FileContext, error: &ValidationError, at: &str, place: &str, out: &mut Vec<Diagnostic>) {
    let instance = error.instance();
    let count = match &**instance {
        Value::Array(items) => items.len(),
        Value::String(text) => text.chars().count(),
        Value::Object(map) => map.len(),
        _ => 0,
    };
    let plural = |n: u64, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut span = context.value_anchor(at);
    let mut label = "breaks a schema constraint".to_string();
    let (message, help) = match error.kind() {
        ValidationErrorKind::MinItems { limit } if count == 0 => (
            format!("{place} must not be empty"),
            format!("add at least {}, or remove {place}", plural(*limit, "item")),
        ),
        ValidationErrorKind::MinItems { limit } => (
            format!("{place} must have at least {}, found {count}", plural(*limit, "item")),
            "add the missing items".to_string(),
        ),
        ValidationErrorKind::MaxItems { limit } => (
            format!("{place} must have at most {}, found {count}", plural(*limit, "item")),
            "remove the extra items".to_string(),
        ),
        ValidationErrorKind::MinLength { .. } if count == 0 => (
            format!("{place} must not be empty"),
            format!("write a value for {place}, or remove the field"),
        ),
        ValidationErrorKind::MinLength { limit } => (
            format!(
                "{place} must be at least {} long, found {count}",
                plural(*limit, "character")
            ),
            "write the full value".to_string(),
        ),
        ValidationErrorKind::MaxLength { limit } => (
            format!(
                "{place} must be at most {} long, found {count}",
                plural(*limit, "character")
            ),
            "shorten the value".to_string(),
        ),
        ValidationErrorKind::UniqueItems => {
            if let Some((first, second)) = first_repeat(instance) {
                let second_at = pointer::index(at, second);
                span = context.value_anchor(&second_at);
                label = "repeats an earlier item".into();
                let first_at = pointer::index(at, first);
                let earlier = context.value_anchor(&first_at);
                let item = short_json(&instance[second]);
                let diagnostic = context
                    .diagnostic(&CONSTRAINT_VIOLATION, &second_at, format!("{place} lists {item} twice"))
                    .primary(span, label)
                    .secondary(earlier, "first listed here")
                    .help("remove the repeated item");
                out.push(diagnostic);
                return;
            }
            (
                format!("{place} contains repeated items"),
                "remove the repeated items".to_string(),
            )
        }
        ValidationErrorKind::Minimum { limit } => range(place, instance, "at least", limit, &mut label),
        ValidationErrorKind::ExclusiveMinimum { limit } => range(place, instance, "greater than", limit, &mut label),
        ValidationErrorKind::Maximum { limit } => range(place, instance, "at most", limit, &mut label),
        ValidationErrorKind::ExclusiveMaximum { limit } => range(place, instance, "less than", limit, &mut label),
        _ => (
            format!("{place}: {}", error.masked()),
            format!("see the schema at `{}`", error.schema_path().as_str()),
        ),
    };
    out.push(
        context
            .diagnostic(&CONSTRAINT_VIOLATION, at, message)
            .primary(span, label)
            .help(help),
    );
}

/// Message and help for a number outside its range, e.g. "must be greater than 0, found 0".
fn range(place: &str, found: &Value, bound: &str, limit: &Value, label: &mut String) -> (String, String) {
    *label = format!("must be {bound} {limit}");
    (
        format!("{place} must be {bound} {limit}, found {found}"),
        format!("write a number {bound} {limit}"),
    )
}

fn first_repeat(value: &Value) -> Option<(usize, usize)> {
    let items = value.as_array()?;
    // Locating the repeat compares pairs; past this size the finding is reported on the whole array.
    if items.len() > 2_000 {
        return None;
    }
    (1..items.len()).find_map(|j| (0..j).find(|&i| items[i] == items[j]).map(|i| (i, j)))
}

/// The first sentence of a subschema's `description`, for help lines.
fn first_sentence_of_description(schema: &Value) -> Option<String> {
    let description = schema.get("description")?.as_str()?;
    let abbreviation = |before: &str| ["e.g", "i.e", "etc", "cf"].iter().any(|a| before.ends_with(a));
    let end = description
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| !abbreviation(&description[..i]))
        .map_or(description.len(), |i| i + 1);
    Some(description[..end].trim_end_matches('.').to_string())
}

/// The nearest candidate within a small edit distance, for "did you mean" help outside a file
/// (rule names, configuration keys); a file's rules use its budget, `FileContext::suggestions`.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    super::suggest::Budget::unlimited().closest(name, candidates)
}

fn list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn article(type_name: &str) -> String {
    match type_name {
        "array" | "object" | "integer" => format!("an {type_name}"),
        "null" => "null".into(),
        other => format!("a {other}"),
    }
}

fn type_name(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(n) if n.is_f64() => "a number".into(),
        Value::Number(_) => "an integer".into(),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A value written as short JSON for a message: strings quoted, containers abbreviated.
fn short_json(value: &Value) -> String {
    match value {
        Value::String(s) => quote(s),
        Value::Array(items) if !items.is_empty() => "an array".into(),
        Value::Object(map) if !map.is_empty() => "an object".into(),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(text: &str) -> CompiledSchema {
        CompiledSchema::compile_builtin("builtin", serde_json::from_str(text).expect("JSON")).expect("compiles")
    }

    /// The fast validator's verdict, then the reporting validator's.
    fn verdicts(schema: &CompiledSchema, value: &Value) -> (bool, bool) {
        let fast = schema.fast().expect("the fast validator compiles");
        (
            fast.is_valid(value),
            schema.reporting().iter_errors(value).next().is_none(),
        )
    }

    fn json_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|entry| entry.expect("readable").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn fast_and_reporting_validators_agree_on_the_dataset() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let relation = builtin(crate::check::RELATION_SCHEMA);
        let entities = builtin(crate::check::ENTITIES_SCHEMA);
        for (folder, schema) in [("data/relations", &relation), ("data/entities", &entities)] {
            let files = json_files(&root.join(folder));
            assert!(!files.is_empty(), "no files in {folder}");
            for path in files {
                let value: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
                assert_eq!(verdicts(schema, &value), (true, true), "{}", path.display());
            }
        }

        // Values set in NO-UA.json (its references have no URL: one is added).
        let text = std::fs::read_to_string(root.join("data/relations/NO-UA.json")).expect("readable");
        let original: Value = serde_json::from_str(&text).expect("JSON");
        let set = |parent: &str, key: &str, new: &str| {
            let mut value = original.clone();
            let object = value
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .expect("an object");
            object.insert(key.to_owned(), Value::from(new));
            value
        };
        for url in ["https://example.org/a", "http://example.org/ä?q=1#x"] {
            assert_eq!(
                verdicts(&relation, &set("/references/0", "url", url)),
                (true, true),
                "{url}"
            );
        }
        let variants = [
            ("/references/0", "id", "Bad Id"),
            ("/references/0", "id", "mfa-ua-"),
            ("/events/0", "date", "2022-1-05"),
            ("/events/0", "date", "2022-01-05\n"),
            ("/references/0", "language", "norsk"),
            ("/references/0", "url", "https://example.org/a b"),
            ("/references/0", "url", "https://example.org/a\u{a0}b"),
            ("/references/0", "url", "example.org"),
        ];
        for (parent, key, bad) in variants {
            let value = set(parent, key, bad);
            assert_eq!(verdicts(&relation, &value), (false, false), "{parent}/{key} = {bad:?}");
            let at = format!("{parent}/{key}");
            let reported = relation
                .reporting()
                .iter_errors(&value)
                .any(|e| matches!(e.kind(), ValidationErrorKind::Pattern { .. }) && e.instance_path().as_str() == at);
            assert!(reported, "{at} = {bad:?}");
        }
    }

    /// Every JSON file of the test fixtures, valid or not, against both built-in schemas.
    #[test]
    fn fast_and_reporting_validators_agree_on_the_fixtures() {
        let relation = builtin(crate::check::RELATION_SCHEMA);
        let entities = builtin(crate::check::ENTITIES_SCHEMA);
        let mut checked = 0;
        let mut invalid = 0;
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")) {
            let path = entry.expect("readable").into_path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(value) = std::fs::read_to_string(&path).map(|text| serde_json::from_str::<Value>(&text)) else {
                continue;
            };
            let Ok(value) = value else { continue };
            for schema in [&relation, &entities] {
                let (fast, reporting) = verdicts(schema, &value);
                assert_eq!(fast, reporting, "{}", path.display());
                invalid += usize::from(!fast);
            }
            checked += 1;
        }
        assert!(
            checked > 100 && invalid > 100,
            "{checked} files, {invalid} invalid verdicts"
        );
    }

    #[test]
    fn the_fast_validator_is_compiled_only_for_many_files() {
        let relation = builtin(crate::check::RELATION_SCHEMA);
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/relations/NO-UA.json"))
            .expect("readable");
        let mut value: Value = serde_json::from_str(&text).expect("JSON");
        let Validators::Builtin { fast, .. } = &relation.validators else {
            panic!("a built-in schema has two validators");
        };
        for _ in 0..FAST_AFTER {
            assert!(relation.is_valid(&value));
        }
        assert!(fast.get().is_none());
        assert!(relation.is_valid(&value));
        assert!(fast.get().is_some_and(Option::is_some));
        value["id"] = Value::from("no-ua");
        assert!(!relation.is_valid(&value));
    }

    #[test]
    fn help_takes_the_first_sentence_of_a_description() {
        let schema = serde_json::json!({"description": "The day it happened. More detail."});
        assert_eq!(
            first_sentence_of_description(&schema).as_deref(),
            Some("The day it happened")
        );
    }
}
