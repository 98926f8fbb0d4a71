//! Every validation error in words a contributor reads: what the value must be, never the
//! validator's own text (`None of value are valid …`, `{…} is not allowed for value`).

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde_json::Value;

use crate::rules::{describe_pointer, quote};

/// What is wrong with the value at the error's place, as a clause that follows the place:
/// "must be an array, not a string".
pub fn clause(error: &ValidationError) -> String {
    let instance = error.instance();
    let count = |what: &str, limit: u64| plural(limit, what);
    match error.kind() {
        ValidationErrorKind::Type { kind } => format!("must be {}, not {}", expected_type(kind), type_name(instance)),
        ValidationErrorKind::Required { property } => {
            format!(
                "lacks the required field {}",
                quote(property.as_str().unwrap_or_default())
            )
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            format!(
                "has {} the schema does not allow: {}",
                fields(unexpected.len()),
                names(unexpected)
            )
        }
        ValidationErrorKind::Enum { options } => match options.as_array() {
            Some(values) if values.len() <= 8 => format!(
                "must be one of {}",
                values.iter().map(short_json).collect::<Vec<_>>().join(", ")
            ),
            Some(values) => format!("must be one of {} allowed values", values.len()),
            None => "is not an allowed value".into(),
        },
        ValidationErrorKind::Constant { expected_value } => format!("must be {}", short_json(expected_value)),
        ValidationErrorKind::Pattern { .. } => "does not have the form the schema requires".into(),
        ValidationErrorKind::Format { format } => format!("is not a valid {format}"),
        ValidationErrorKind::MinItems { limit } => format!("must have at least {}", count("item", *limit)),
        ValidationErrorKind::MaxItems { limit } => format!("must have at most {}", count("item", *limit)),
        ValidationErrorKind::MinLength { limit } => format!("must be at least {} long", count("character", *limit)),
        ValidationErrorKind::MaxLength { limit } => format!("must be at most {} long", count("character", *limit)),
        ValidationErrorKind::MinProperties { limit } => format!("must have at least {}", count("field", *limit)),
        ValidationErrorKind::MaxProperties { limit } => format!("must have at most {}", count("field", *limit)),
        ValidationErrorKind::Minimum { limit } => format!("must be at least {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be at most {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("must be greater than {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("must be less than {limit}"),
        ValidationErrorKind::MultipleOf { multiple_of } => format!("must be a multiple of {multiple_of}"),
        ValidationErrorKind::UniqueItems => "lists an item twice".into(),
        ValidationErrorKind::Contains => "has no item of the kind the schema requires".into(),
        ValidationErrorKind::AdditionalItems { limit } => format!("must have at most {}", count("item", *limit as u64)),
        ValidationErrorKind::UnevaluatedItems { unexpected } => {
            format!("has {} more items than the schema allows", unexpected.len())
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            format!("matches none of the {} forms the schema allows", context.len())
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "matches more than one of the forms the schema allows, and must match exactly one".into()
        }
        ValidationErrorKind::Not { schema } => match schema.get("required").and_then(Value::as_array) {
            Some(required) if schema.as_object().is_some_and(|o| o.len() == 1) => {
                let listed: Vec<String> = required.iter().filter_map(Value::as_str).map(quote).collect();
                format!("must not have {}", listed.join(" and "))
            }
            _ => "matches a form the schema forbids (`not`)".into(),
        },
        ValidationErrorKind::FalseSchema => "is not allowed here".into(),
        ValidationErrorKind::PropertyNames { error } => {
            let name = error.instance();
            format!("has a member name, {}, that {}", short_json(name), clause(error))
        }
        ValidationErrorKind::ContentEncoding { content_encoding } => format!("is not {content_encoding}-encoded text"),
        ValidationErrorKind::ContentMediaType { content_media_type } => format!("is not valid {content_media_type}"),
        ValidationErrorKind::BacktrackLimitExceeded { .. } | ValidationErrorKind::RegexEngineFailure { .. } => {
            "could not be checked: the schema's pattern is too costly to match against it".into()
        }
        ValidationErrorKind::Custom { keyword, .. } => format!("does not satisfy the schema's `{keyword}`"),
        _ => "does not satisfy the schema".into(),
    }
}

/// `` `events[0].date` must be a string, not a number ``.
pub fn sentence(error: &ValidationError) -> String {
    format!("{} {}", describe_pointer(error.instance_path().as_str()), clause(error))
}

pub fn expected_type(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

pub fn article(type_name: &str) -> String {
    match type_name {
        "array" | "object" | "integer" => format!("an {type_name}"),
        "null" => "null".into(),
        "boolean" => "`true` or `false`".into(),
        other => format!("a {other}"),
    }
}

pub fn type_name(value: &Value) -> String {
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
pub fn short_json(value: &Value) -> String {
    match value {
        // Text that reads as another JSON value (`"true"`, `"12"`) keeps its quotes, so that it is
        // told from that value.
        Value::String(s) if serde_json::from_str::<Value>(s).is_ok_and(|v| !v.is_string()) => {
            format!("`\"{}\"`", crate::diagnostics::escape::visible(s))
        }
        Value::String(s) => quote(s),
        Value::Array(items) if !items.is_empty() => "an array".into(),
        Value::Object(map) if !map.is_empty() => "an object".into(),
        other => format!("`{other}`"),
    }
}

pub fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn fields(n: usize) -> &'static str {
    if n == 1 {
        "a field"
    } else {
        "fields"
    }
}

/// `` `a`, `b` `` for names.
pub fn names(names: &[String]) -> String {
    names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ")
}
