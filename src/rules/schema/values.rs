//! A value the schema rejects, in the field's own words: what the field expects, an example, and
//! where it can be worked out, the value the contributor most likely meant, with a fix.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde_json::Value;

use super::repair::{repair, Repaired};
use super::words::{self, clause, expected_type, short_json, type_name};
use super::{
    description, CompiledSchema, CONSTRAINT_VIOLATION, MISSING_REQUIRED_FIELD, NO_MATCHING_VARIANT, PATTERN_MISMATCH,
    UNKNOWN_FIELD, VALUE_NOT_ALLOWED, WRONG_TYPE,
};
use crate::diagnostics::fix::{Applicability, Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::fix::edits::json_string;
use crate::rules::{describe_pointer, quote, FileContext, Rule};
use crate::source::pointer;

pub(super) fn diagnose(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let place = context.describe(at);
    match error.kind() {
        ValidationErrorKind::Type { kind } => wrong_type(context, schema, error, &place, &expected_type(kind), out),
        ValidationErrorKind::Enum { options } => {
            let allowed = options.as_array().cloned().unwrap_or_default();
            not_allowed(context, schema, error, &place, &allowed, out);
        }
        ValidationErrorKind::Constant { expected_value } => {
            not_allowed(context, schema, error, &place, &[Value::clone(expected_value)], out)
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            wrong_form(context, schema, error, &place, out)
        }
        ValidationErrorKind::AnyOf { context: branches } | ValidationErrorKind::OneOfNotValid { context: branches } => {
            no_matching_variant(context, schema, error, branches, out)
        }
        ValidationErrorKind::PropertyNames { error: inner } => bad_member_name(context, error, inner, &place, out),
        _ => constraint(context, error, &place, out),
    }
}

/// The rule `diagnose` reports `error` under, for an error that is counted without being described.
pub(super) fn rule_for(error: &ValidationError) -> &'static Rule {
    match error.kind() {
        ValidationErrorKind::Type { .. } => &WRONG_TYPE,
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => &VALUE_NOT_ALLOWED,
        ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::Format { .. }
        | ValidationErrorKind::PropertyNames { .. } => &PATTERN_MISMATCH,
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => &NO_MATCHING_VARIANT,
        ValidationErrorKind::Required { .. } => &MISSING_REQUIRED_FIELD,
        ValidationErrorKind::AdditionalProperties { .. } | ValidationErrorKind::UnevaluatedProperties { .. } => {
            &UNKNOWN_FIELD
        }
        _ => &CONSTRAINT_VIOLATION,
    }
}

/// A value of the wrong JSON type; when the right one is the same text written differently (a
/// number in quotes, a single id without brackets), the fix writes it so.
fn wrong_type(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    place: &str,
    expected: &str,
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let instance = error.instance();
    let found = type_name(instance);
    let span = context.value_span(at);
    let raw = span.and_then(|s| context.text.get(s.range())).unwrap_or_default();
    let wants = |t: &str| match error.kind() {
        ValidationErrorKind::Type {
            kind: TypeKind::Single(single),
        } => single.to_string() == t,
        ValidationErrorKind::Type {
            kind: TypeKind::Multiple(set),
        } => set.iter().any(|one| one.to_string() == t),
        _ => false,
    };
    // The same value in the type the field takes, when there is exactly one way to read it so.
    let rewritten: Option<(String, String)> = match &**instance {
        Value::String(text) if wants("boolean") && (text == "true" || text == "false") => Some((
            text.clone(),
            format!("write `{text}` without quotes: it is a boolean, not text"),
        )),
        Value::String(text)
            if json_number(text.trim())
                .is_some_and(|n| wants("number") || (wants("integer") && (n.is_i64() || n.is_u64()))) =>
        {
            Some((
                text.trim().to_owned(),
                format!("write `{}` without quotes: it is a number, not text", text.trim()),
            ))
        }
        Value::Number(_) | Value::Bool(_) if wants("string") => {
            Some((json_string(raw), format!("write it in quotes: `{}`", json_string(raw))))
        }
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Object(_)
            if wants("array") && !raw.contains('\n') =>
        {
            Some((
                format!("[{raw}]"),
                format!("put it in brackets, as a list of one: `[{raw}]`"),
            ))
        }
        _ => None,
    };
    let mut diagnostic = context
        .diagnostic(&WRONG_TYPE, at, format!("{place} must be {expected}, not {found}"))
        .primary(context.value_anchor(at), format!("expected {expected}"));
    if let Some(text) = schema.field_description(error) {
        diagnostic = diagnostic.note(format!("{}: {text}", describe_pointer(at)));
    }
    diagnostic = match rewritten {
        Some((value, help)) => {
            let edit = span.map(|s| Edit::replace(s, value.clone()));
            diagnostic
                .help(help)
                .fix(Fix::safe(format!("write `{value}`"), edit.into_iter().collect()))
        }
        None => diagnostic.help(format!("write {} as {expected}", describe_pointer(at))),
    };
    context.known.invalid(at);
    out.push(diagnostic);
}

/// `text` as the number a JSON parser reads from it, when it is one: not `+5`, `.5`, `007`, `NaN`
/// or `1e999`, which Rust's float parser takes but which would break the file when written bare.
fn json_number(text: &str) -> Option<serde_json::Number> {
    let document = crate::source::json::parse(text, 0, Default::default()).ok()?;
    document.value.as_number().cloned()
}

/// A value that is not one of those an `enum` or `const` allows.
fn not_allowed(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    place: &str,
    allowed: &[Value],
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let instance = error.instance();
    let found = short_json(instance);
    let shown: Vec<String> = allowed.iter().map(short_json).collect();
    // The intended value, and how sure that reading is.
    let intended: Option<(Value, Applicability, String)> = match &**instance {
        // `"true"` where `true` belongs: the same value written as text.
        Value::String(text) => match serde_json::from_str::<Value>(text)
            .ok()
            .filter(|v| !v.is_string() && allowed.contains(v))
        {
            Some(value) => {
                let kind = type_name(&value);
                let help = format!("write `{value}` without quotes: it is {kind}, not text");
                Some((value, Applicability::Safe, help))
            }
            None => {
                let names = || allowed.iter().filter_map(Value::as_str);
                let same_but_case = names().find(|name| name.eq_ignore_ascii_case(text) && name != text);
                match same_but_case {
                    Some(name) => Some((
                        Value::from(name),
                        Applicability::Safe,
                        format!("write {}, in lower case as the list has it", quote(name)),
                    )),
                    None => context.suggestions.closest(text, names()).map(|name| {
                        (
                            Value::from(name),
                            Applicability::Unsafe,
                            format!("did you mean {}?", quote(name)),
                        )
                    }),
                }
            }
        },
        _ => None,
    };
    let (message, label) = match shown.as_slice() {
        [only] => (
            format!("{place} must be {only}, not {found}"),
            format!("must be {only}"),
        ),
        _ => (
            format!("{found} is not an allowed value for {place}"),
            format!("allowed: {}", shown.join(", ")),
        ),
    };
    let mut diagnostic = context
        .diagnostic(&VALUE_NOT_ALLOWED, at, message)
        .primary(context.value_anchor(at), label);
    diagnostic = match intended {
        Some((value, applicability, help)) => {
            let edit = context.edits().replace_value(at, value.to_string());
            let title = format!("replace {found} with {}", short_json(&value));
            diagnostic
                .help(help)
                .fix(Fix::new(applicability, title, edit.into_iter().collect()))
        }
        None => {
            if let Some(text) = schema.field_description(error) {
                diagnostic = diagnostic.note(format!("{}: {text}", describe_pointer(at)));
            }
            match shown.as_slice() {
                [only] => diagnostic.help(format!("write {only}, or leave the field out if it does not apply")),
                _ => diagnostic.help(format!("use one of: {}", shown.join(", "))),
            }
        }
    };
    context.known.invalid(at);
    out.push(diagnostic);
}

/// A string that does not have the form its field takes (`pattern` or `format`). The schema says,
/// next to the pattern, what the field expects in words, gives examples, and names the repair
/// that reads a near miss.
fn wrong_form(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let instance = error.instance();
    let found = short_json(instance);
    let form = schema.form(error);
    let noun = match (&form, error.kind()) {
        (Some(form), _) => form.noun(),
        (None, ValidationErrorKind::Format { format }) => format!("a valid {format}"),
        (None, _) => "of the form the schema requires".into(),
    };
    let example = form
        .as_ref()
        .and_then(|f| f.examples.first().cloned())
        .or_else(|| match error.kind() {
            ValidationErrorKind::Format { format } => format_example(format).map(str::to_owned),
            _ => None,
        });
    let message = match noun.strip_prefix("of ") {
        Some(rest) => format!("{found} in {place} is not of {rest}"),
        None => format!("{found} in {place} is not {noun}"),
    };
    let label = match &example {
        Some(example) => format!(
            "expected {} like `{example}`",
            form.as_ref().map_or("a value".into(), |f| f.noun())
        ),
        None => format!("not {noun}"),
    };
    let mut diagnostic = context
        .diagnostic(&PATTERN_MISMATCH, at, message)
        .primary(context.value_anchor(at), label);
    if let Some(form) = &form {
        diagnostic = diagnostic.note(format!("{} takes {}", describe_pointer(at), form.expects));
    } else if let ValidationErrorKind::Pattern { pattern } = error.kind() {
        if let Some(text) = schema.field_description(error) {
            diagnostic = diagnostic.note(format!("{}: {text}", describe_pointer(at)));
        }
        diagnostic = diagnostic.note(format!("the schema's pattern is `{pattern}`"));
    }
    let repaired: Option<Repaired> = match (&form, instance.as_str()) {
        (Some(form), Some(text)) => form.repair.as_deref().and_then(|kind| {
            repair(kind, text, context.entities, |candidate| {
                schema.is_valid_at(error, candidate)
            })
        }),
        _ => None,
    };
    diagnostic = match repaired {
        Some(repaired) => {
            let edit = context.edits().replace_string(at, &repaired.value);
            diagnostic
                .help(format!(
                    "write `{}`",
                    crate::diagnostics::escape::visible(&repaired.value)
                ))
                .fix(Fix::new(
                    repaired.applicability,
                    format!("replace {found} with {}", quote(&repaired.value)),
                    edit.into_iter().collect(),
                ))
        }
        None => match &example {
            Some(example) => diagnostic.help(format!("write it like `{example}`")),
            None => diagnostic.help("change the value to the form the note describes"),
        },
    };
    context.known.invalid(at);
    out.push(diagnostic);
}

/// An example of each format `format` can assert, for help.
fn format_example(format: &str) -> Option<&'static str> {
    Some(match format {
        "date" => "2022-01-15",
        "date-time" => "2022-01-15T10:00:00Z",
        "time" => "10:00:00Z",
        "email" | "idn-email" => "name@example.org",
        "uri" | "iri" => "https://example.org/page",
        "uri-reference" | "iri-reference" => "../page",
        "hostname" | "idn-hostname" => "example.org",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "uuid" => "123e4567-e89b-12d3-a456-426614174000",
        "duration" => "P1D",
        "regex" => "^[a-z]+$",
        "json-pointer" => "/events/0",
        _ => return None,
    })
}

/// A member name that `propertyNames` rejects: underlined at the name, not at the object.
fn bad_member_name(
    context: &FileContext,
    error: &ValidationError,
    inner: &ValidationError,
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    let at = error.instance_path().as_str();
    let name = inner.instance().as_str().unwrap_or_default().to_owned();
    let member = pointer::child(at, &name);
    out.push(
        context
            .diagnostic(
                &PATTERN_MISMATCH,
                &member,
                format!("the member name {} in {place} {}", quote(&name), clause(inner)),
            )
            .primary(context.key_span(&member), "member name not allowed")
            .help("rename the member to a name the schema allows, or remove it"),
    );
}

fn no_matching_variant(
    context: &FileContext,
    schema: &CompiledSchema,
    error: &ValidationError,
    branches: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Diagnostic>,
) {
    let (mut error, mut branches) = (error, branches);
    // Follow the closest alternative down while it fails at one deeper place only (a recursive
    // schema over nested data): the finding goes where the data is wrong, not where it begins.
    let outermost = error.instance_path().as_str().to_owned();
    while let Some(deeper) = only_deeper_failure(error, branches) {
        match deeper.kind() {
            ValidationErrorKind::AnyOf { context: inner } | ValidationErrorKind::OneOfNotValid { context: inner } => {
                (error, branches) = (deeper, inner);
            }
            _ => {
                let first = out.len();
                diagnose(context, schema, deeper, out);
                let note = closest_note(&outermost);
                for diagnostic in &mut out[first..] {
                    diagnostic.notes.insert(0, note.clone());
                }
                return;
            }
        }
    }
    let at = error.instance_path().as_str();
    let place = describe_pointer(at);
    let mut diagnostic = context.diagnostic(
        &NO_MATCHING_VARIANT,
        at,
        format!("{place} matches none of the {} forms the schema allows", branches.len()),
    );
    let best = closest(branches);
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
                diagnostic = diagnostic.note(format!("closest alternative: {}", words::sentence(error)));
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
                        .filter_map(|alt| description(alt).or_else(|| schema.resolve(alt).and_then(description)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            for (i, text) in alternatives.iter().enumerate() {
                diagnostic = diagnostic.note(format!("alternative {}: {text}", i + 1));
            }
            diagnostic = match alternatives.is_empty() {
                true => {
                    for (i, errors) in branches.iter().enumerate().take(4) {
                        if let Some(first) = errors.first() {
                            diagnostic = diagnostic.note(format!("alternative {}: {}", i + 1, clause(first)));
                        }
                    }
                    diagnostic.help(format!("write {place} in one of the forms the schema allows"))
                }
                false => diagnostic.help(format!("write {place} in one of the forms the notes describe")),
            };
        }
    }
    if at != outermost {
        diagnostic.notes.insert(0, closest_note(&outermost));
    }
    context.known.invalid(at);
    out.push(diagnostic);
}

/// The one error of the closest alternative of `error`, when that alternative fails at exactly
/// one place, inside the value `error` concerns.
fn only_deeper_failure<'e>(
    error: &ValidationError,
    branches: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e ValidationError<'static>> {
    match closest(branches)?.as_slice() {
        [only] if depth(only) > depth(error) => Some(only),
        _ => None,
    }
}

/// How deep in the document an error is.
fn depth(error: &ValidationError) -> usize {
    error.instance_path().as_str().matches('/').count()
}

/// The errors of the closest alternative: the one whose errors reach deepest into the value (it
/// got furthest), then the one with the fewest errors.
fn closest<'e>(branches: &'e [Vec<ValidationError<'static>>]) -> Option<&'e Vec<ValidationError<'static>>> {
    branches
        .iter()
        .filter(|errors| !errors.is_empty())
        .max_by_key(|errors| {
            (
                errors.iter().map(depth).max().unwrap_or(0),
                std::cmp::Reverse(errors.len()),
            )
        })
}

/// Where a finding inside alternatives comes from: "`x` matches none of the forms the schema
/// allows; the closest one fails only here".
fn closest_note(outermost: &str) -> String {
    format!(
        "{} matches none of the forms the schema allows for it; the closest fails only here",
        describe_pointer(outermost)
    )
}

/// Length, count, range, uniqueness and every other constraint, in words.
fn constraint(context: &FileContext, error: &ValidationError, place: &str, out: &mut Vec<Diagnostic>) {
    let at = error.instance_path().as_str();
    let instance = error.instance();
    let count = match &**instance {
        Value::Array(items) => items.len(),
        Value::String(text) => text.chars().count(),
        Value::Object(map) => map.len(),
        _ => 0,
    };
    let plural = words::plural;
    let span = context.value_anchor(at);
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
        ValidationErrorKind::MinProperties { limit } if count == 0 => (
            format!("{place} must not be empty"),
            format!("give it at least {}", plural(*limit, "field")),
        ),
        ValidationErrorKind::UniqueItems => {
            if let Some((first, second)) = first_repeat(instance) {
                let second_at = pointer::index(at, second);
                let first_at = pointer::index(at, first);
                let item = short_json(&instance[second]);
                let remove = context.edits().remove(&second_at);
                out.push(
                    context
                        .diagnostic(&CONSTRAINT_VIOLATION, &second_at, format!("{place} lists {item} twice"))
                        .primary(context.value_anchor(&second_at), "repeats an earlier item")
                        .secondary(context.value_anchor(&first_at), "first listed here")
                        .help("remove the repeated item")
                        .fix(Fix::safe(
                            format!("remove the second {item}"),
                            remove.into_iter().collect(),
                        )),
                );
                context.known.invalid(at);
                return;
            }
            (
                format!("{place} lists an item twice"),
                "remove the repeated items".to_string(),
            )
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit }
        | ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let bound = match error.kind() {
                ValidationErrorKind::Minimum { .. } => "at least",
                ValidationErrorKind::ExclusiveMinimum { .. } => "greater than",
                ValidationErrorKind::Maximum { .. } => "at most",
                _ => "less than",
            };
            (
                format!("{place} must be {bound} {limit}, found {}", &**instance),
                format!("write a number {bound} {limit}"),
            )
        }
        _ => (
            format!("{place} {}", clause(error)),
            "change the value so that it satisfies the constraint the message names".to_string(),
        ),
    };
    let label = match error.kind() {
        ValidationErrorKind::Minimum { limit } => format!("must be at least {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("must be greater than {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be at most {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("must be less than {limit}"),
        _ => clause(error),
    };
    context.known.invalid(at);
    out.push(
        context
            .diagnostic(&CONSTRAINT_VIOLATION, at, message)
            .primary(span, label)
            .help(help),
    );
}

fn first_repeat(value: &Value) -> Option<(usize, usize)> {
    let items = value.as_array()?;
    // Locating the repeat compares pairs; past this size the finding is reported on the whole array.
    if items.len() > 2_000 {
        return None;
    }
    (1..items.len()).find_map(|j| (0..j).find(|&i| items[i] == items[j]).map(|i| (i, j)))
}
