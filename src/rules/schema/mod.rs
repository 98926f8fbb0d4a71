//! JSON Schema validation: the only module that touches the `jsonschema` crate. Each error is mapped by
//! its *kind* (never by its message text) to a rule of its own and to the exact span it concerns: an
//! unknown field at its key, a missing one at the object that lacks it, a wrong value at the value.

pub mod budget;
pub mod docs;
mod objects;
mod patterns;
mod repair;
mod values;
mod words;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use ahash::AHashMap as HashMap;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::{FileContext, Fixable, Group, Level, Rule};
use crate::diagnostics::Diagnostic;
use crate::source::pointer;

pub static MISSING_REQUIRED_FIELD: Rule = Rule {
    code: "R101",
    name: "missing-required-field",
    group: Group::Schema,
    level: Level::Error,
    fix: Fixable::None,
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
    fix: Fixable::Unsafe,
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
    fix: Fixable::Safe,
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
    fix: Fixable::Mixed,
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
    fix: Fixable::Mixed,
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
    fix: Fixable::None,
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
    fix: Fixable::Safe,
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

/// What reporting a file's errors collected.
enum Collected<'v> {
    All(Vec<ValidationError<'v>>),
    /// Collecting all would have cost more than the file's size warrants; the first one did not.
    First(ValidationError<'v>),
    /// Not even the first could be collected within the bound.
    None,
}

enum Validators {
    /// A user's schema: `verdict` answers whether a file is valid; `reporting`, compiled from a
    /// copy that carries the budget keyword in every subschema, reports the errors of an invalid
    /// file within a bound on the work (see `budget`).
    User { verdict: Validator, reporting: Validator },
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
    /// A user's schema compiled with `options`, which say its dialect and where the documents it
    /// refers to are read from; `reporting` are the same options for the validator that reports
    /// errors, whose retriever serves referenced documents with the budget keyword in them
    /// (`with_budget`).
    pub fn compile_with(
        name: impl Into<String>,
        document: Value,
        options: jsonschema::ValidationOptions,
        reporting: jsonschema::ValidationOptions,
    ) -> Result<Self, ValidationError<'static>> {
        let verdict = options.build(&document)?;
        let reporting = reporting
            .with_keyword(budget::KEYWORD, budget::keyword_factory())
            .build(&budget::with_budget(document.clone()))?;
        Ok(Self {
            name: name.into(),
            document,
            validators: Validators::User { verdict, reporting },
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
            Validators::User { verdict, .. } => verdict.is_valid(value),
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
            Validators::User { .. } => None,
            Validators::Builtin { fast, .. } => fast
                .get_or_init(|| {
                    let options = builtin_options().with_keyword("pattern", patterns::keyword_factory());
                    build(options, &self.document).ok()
                })
                .as_ref(),
        }
    }

    /// The errors of `value`, as many as the file's size allows collecting (a user's schema only:
    /// the dataset's own have no recursive alternatives).
    fn errors<'v>(&'v self, value: &'v Value) -> Collected<'v> {
        match &self.validators {
            Validators::User { reporting, .. } => {
                if let Some(errors) = budget::within(value, || reporting.iter_errors(value).collect()) {
                    return Collected::All(errors);
                }
                match budget::within(value, || reporting.validate(value)) {
                    Some(Err(first)) => Collected::First(first),
                    _ => Collected::None,
                }
            }
            Validators::Builtin { standard, .. } => Collected::All(standard.iter_errors(value).collect()),
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
        found.and_then(description)
    }

    /// The subschema holding the keyword that failed.
    fn owner(&self, error: &ValidationError) -> Option<&Value> {
        let parent = pointer::parent(error.schema_path().as_str())?;
        self.at(parent).or_else(|| self.along(parent).last().copied())
    }

    /// The subschemas an evaluation path passes through, `$ref`s followed.
    fn along(&self, path: &str) -> Vec<&Value> {
        let Some(tokens) = pointer::tokens(path) else {
            return Vec::new();
        };
        let mut node = &self.document;
        let mut nodes = vec![node];
        for token in &tokens {
            let next = if token == "$ref" {
                self.resolve(node)
            } else {
                match node {
                    Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                    _ => node.get(token),
                }
            };
            let Some(next) = next else { break };
            node = next;
            nodes.push(node);
        }
        nodes
    }

    /// The form the failing field expects (`x-relcheck-expects`, `x-relcheck-repair`,
    /// `examples`), from the subschema that holds the failing keyword or one it refers to.
    fn form(&self, error: &ValidationError) -> Option<Form> {
        let path = pointer::parent(error.evaluation_path().as_str())?;
        let nodes = self.along(path);
        let node = nodes
            .iter()
            .rev()
            .take(3)
            .find(|n| n.get("x-relcheck-expects").is_some())?;
        let text = |key: &str| node.get(key).and_then(Value::as_str).map(str::to_owned);
        Some(Form {
            expects: text("x-relcheck-expects")?,
            repair: text("x-relcheck-repair"),
            examples: node
                .get("examples")
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    }

    /// Whether `candidate` satisfies the pattern that `error` reports (a repair must give a value
    /// the field takes); for a format, whether it is a non-empty string.
    fn is_valid_at(&self, error: &ValidationError, candidate: &str) -> bool {
        match error.kind() {
            ValidationErrorKind::Pattern { pattern } => {
                regex::Regex::new(pattern).map_or(true, |regex| regex.is_match(candidate))
            }
            _ => !candidate.is_empty(),
        }
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

/// Validates one file and reports every error, not only the first: fields missing from and
/// foreign to each object together (`objects`), rejected values in the field's words (`values`).
pub fn check(context: &FileContext, schema: &CompiledSchema, value: &Value, out: &mut Vec<Diagnostic>) {
    // Most files are valid, and the yes/no check is much cheaper than collecting every error.
    if schema.is_valid(value) {
        return;
    }
    let (mut errors, complete) = match schema.errors(value) {
        Collected::All(errors) => (errors, true),
        Collected::First(error) => (vec![error], false),
        Collected::None => {
            out.push(too_costly(context));
            return;
        }
    };
    count_past_allowance(context, &mut errors, out);
    let first = out.len();
    let is_form = |e: &ValidationError| {
        matches!(
            e.kind(),
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. }
        )
    };
    // One value can fail two patterns (a generic id pattern and the stricter one its file kind
    // requires): report only the most specific, the one reached along the longest evaluation path.
    // A value of the wrong type is that, whatever else its value is not.
    let mut best_form: HashMap<&str, usize> = HashMap::new();
    let mut wrong_type: ahash::AHashSet<&str> = ahash::AHashSet::new();
    for (i, error) in errors.iter().enumerate() {
        if matches!(error.kind(), ValidationErrorKind::Type { .. }) {
            wrong_type.insert(error.instance_path().as_str());
        }
        if !is_form(error) {
            continue;
        }
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
    let mut objects = objects::Objects::default();
    for (i, error) in errors.iter().enumerate() {
        let at = error.instance_path().as_str();
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                objects.missing(at, property.as_str().unwrap_or_default(), schema.owner(error));
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                objects.unknown(at, unexpected, schema.owner(error));
            }
            _ if is_form(error) && best_form.get(at) != Some(&i) => {}
            ValidationErrorKind::Enum { .. }
            | ValidationErrorKind::Constant { .. }
            | ValidationErrorKind::Pattern { .. }
                if wrong_type.contains(at) => {}
            _ => values::diagnose(context, schema, error, out),
        }
    }
    objects.report(context, schema, out);
    if !complete {
        for diagnostic in &mut out[first..] {
            diagnostic.notes.push(STOPPED_EARLY.to_owned());
        }
    }
}

const STOPPED_EARLY: &str = "relcheck stopped after this error: collecting every schema error of this file would cost more memory or time than its size warrants; fix this one and run relcheck again";

/// Describing an error costs far more than finding it, and a report lists only the first
/// `--max-findings-per-file` findings of a file: past `context.described` errors (in the order of
/// the file), the rest are counted, each as a finding of its rule at its place, without words.
fn count_past_allowance(context: &FileContext, errors: &mut Vec<ValidationError>, out: &mut Vec<Diagnostic>) {
    if errors.len() <= context.described {
        return;
    }
    let mut placed: Vec<(usize, ValidationError)> = errors
        .drain(..)
        .map(|error| {
            let at = context
                .value_span(error.instance_path().as_str())
                .map_or(0, |span| span.start);
            (at, error)
        })
        .collect();
    placed.sort_by_key(|(at, _)| *at);
    let counted = placed.split_off(context.described);
    errors.extend(placed.into_iter().map(|(_, error)| error));
    let message = format!(
        "a further schema error (only the first {} of this file are described)",
        context.described
    );
    out.extend(counted.into_iter().map(|(_, error)| {
        let at = error.instance_path().as_str();
        context
            .diagnostic(values::rule_for(&error), at, message.as_str())
            .primary(context.value_span(at), "")
    }));
}

/// The finding for a file whose errors cost too much to collect, even the first: it is invalid
/// (the verdict is cheap and exact), but where is left to a smaller file or a simpler schema.
fn too_costly(context: &FileContext) -> Diagnostic {
    context
        .diagnostic(&NO_MATCHING_VARIANT, "", "the document does not match the schema")
        .primary(context.value_anchor(""), "does not match the schema")
        .note("relcheck stopped looking for where: comparing the schema's alternatives (`anyOf`, `oneOf`) with this data would cost more memory or time than the size of the file warrants")
        .help("validate a part of the document on its own, or give the schema's alternatives something that tells them apart early (a `type` or a `const` member), then run relcheck again")
}

/// What a field expects, as the schema states it next to the pattern it checks.
#[derive(Debug, Clone)]
struct Form {
    /// In words: "a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, …".
    expects: String,
    /// The repair that reads a near miss (see `repair`).
    repair: Option<String>,
    examples: Vec<String>,
}

impl Form {
    /// "a date": what the field expects, up to the colon.
    fn noun(&self) -> String {
        self.expects
            .split(": ")
            .next()
            .unwrap_or(&self.expects)
            .trim()
            .to_owned()
    }
}

/// The first sentence of a subschema's `description`, for help lines.
fn description(schema: &Value) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(text: &str) -> CompiledSchema {
        CompiledSchema::compile_builtin("builtin", serde_json::from_str(text).expect("JSON")).expect("compiles")
    }

    /// The fast validator's verdict, then the reporting validator's.
    fn verdicts(schema: &CompiledSchema, value: &Value) -> (bool, bool) {
        let fast = schema.fast().expect("the fast validator compiles");
        (fast.is_valid(value), reported(schema, value).is_empty())
    }

    /// Every error the reporting validator finds.
    fn reported<'v>(schema: &'v CompiledSchema, value: &'v Value) -> Vec<ValidationError<'v>> {
        match schema.errors(value) {
            Collected::All(errors) => errors,
            _ => panic!("a built-in schema reports every error"),
        }
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
            let reported = reported(&relation, &value)
                .iter()
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
        assert_eq!(description(&schema).as_deref(), Some("The day it happened"));
    }
}
