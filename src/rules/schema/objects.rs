//! Fields missing from an object and fields it should not have, judged together per object: a
//! field written under a near misspelling of a name the object lacks is one finding (the unknown
//! field, with the name it most likely is), not an unknown field plus a missing one; the fields an
//! object lacks are one finding listing them. What is found is recorded in `FileContext::known`,
//! so later rules stay silent about the consequences (cites that cannot resolve while `references`
//! is misspelt, a claim without `cite` while `cites` stands in its place).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{description, CompiledSchema, MISSING_REQUIRED_FIELD, UNKNOWN_FIELD};
use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::rules::{quote, FileContext};
use crate::source::pointer;

/// The field problems of every object of a file, by the object's pointer.
#[derive(Default)]
pub(super) struct Objects<'s> {
    by_object: BTreeMap<String, Problems<'s>>,
}

#[derive(Default)]
struct Problems<'s> {
    /// Each missing field with the subschema that requires it.
    missing: Vec<(String, Option<&'s Value>)>,
    unknown: Vec<String>,
    /// The subschema whose `properties` the object may have (from the unknown-field error).
    allowed_by: Option<&'s Value>,
}

impl<'s> Objects<'s> {
    pub fn missing(&mut self, object: &str, field: &str, owner: Option<&'s Value>) {
        let problems = self.by_object.entry(object.to_owned()).or_default();
        if !problems.missing.iter().any(|(name, _)| name == field) {
            problems.missing.push((field.to_owned(), owner));
        }
    }

    pub fn unknown(&mut self, object: &str, fields: &[String], owner: Option<&'s Value>) {
        let problems = self.by_object.entry(object.to_owned()).or_default();
        problems.unknown.extend(fields.iter().cloned());
        problems.allowed_by = problems.allowed_by.or(owner);
    }

    pub fn report(self, context: &FileContext, schema: &'s CompiledSchema, out: &mut Vec<Diagnostic>) {
        for (object, problems) in self.by_object {
            report_object(context, schema, &object, problems, out);
        }
    }
}

fn report_object(
    context: &FileContext,
    schema: &CompiledSchema,
    at: &str,
    mut problems: Problems,
    out: &mut Vec<Diagnostic>,
) {
    let noun = object_noun(schema, at);
    let place = context.describe(at);
    let object = context.document.value.pointer(at).and_then(Value::as_object);
    let allowed: Vec<String> = problems
        .allowed_by
        .or_else(|| problems.missing.first().and_then(|(_, owner)| *owner))
        .and_then(|owner| schema.resolve(owner))
        .and_then(|owner| owner.get("properties")?.as_object())
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default();
    // The fields the object may have but does not.
    let absent: Vec<&str> = allowed
        .iter()
        .map(String::as_str)
        .filter(|name| object.is_none_or(|o| !o.contains_key(*name)))
        .collect();
    // Unknown fields in the order they are written.
    let mut unknown: Vec<(usize, &String)> = problems
        .unknown
        .iter()
        .map(|name| (context.key_span(&pointer::child(at, name)).map_or(0, |s| s.start), name))
        .collect();
    unknown.sort_unstable();
    for (_, written) in unknown {
        let missing_names: Vec<&str> = problems.missing.iter().map(|(n, _)| n.as_str()).collect();
        // A missing required field is the likeliest meaning; then any field the object lacks.
        let intended = context
            .suggestions
            .closest_key(written, missing_names.iter().copied())
            .or_else(|| context.suggestions.closest_key(written, absent.iter().copied()))
            .map(str::to_owned);
        let field = pointer::child(at, written);
        let mut diagnostic = context
            .diagnostic(
                &UNKNOWN_FIELD,
                &field,
                format!("unknown field {} in {place}", quote(written)),
            )
            .primary(context.key_span(&field), format!("not a field of {noun}"));
        diagnostic = match &intended {
            Some(name) => {
                let required = problems.missing.iter().position(|(n, _)| n == name);
                let help = match required.map(|i| problems.missing.remove(i)) {
                    Some((_, owner)) => match owner.and_then(|o| field_description(schema, o, name)) {
                        Some(text) => format!(
                            "did you mean {}? {} needs it: {}",
                            quote(name),
                            capitalised(&noun),
                            decapitalised(&text)
                        ),
                        None => format!("did you mean {}? {} needs it", quote(name), capitalised(&noun)),
                    },
                    None => format!("did you mean {}?", quote(name)),
                };
                context.known.misspelt(at, name, written);
                let rename = context.edits().rename_key(&field, name);
                diagnostic.help(help).fix(Fix::unsafe_edit(
                    format!("rename {} to {}", quote(written), quote(name)),
                    rename.into_iter().collect(),
                ))
            }
            None if allowed.is_empty() => diagnostic.help("remove this field"),
            None => {
                let listed: Vec<String> = allowed.iter().map(|n| quote(n)).collect();
                diagnostic.help(format!("remove it; the fields of {noun} are {}", listed.join(", ")))
            }
        };
        out.push(diagnostic);
    }
    report_missing(context, schema, at, &noun, &place, &problems.missing, out);
}

fn report_missing(
    context: &FileContext,
    schema: &CompiledSchema,
    at: &str,
    noun: &str,
    place: &str,
    missing: &[(String, Option<&Value>)],
    out: &mut Vec<Diagnostic>,
) {
    // A file that lacks only `$schema` is schema-reference's finding, which can add it.
    let only_schema = at.is_empty() && missing.len() == 1 && missing[0].0 == "$schema";
    if missing.is_empty() || (only_schema && context.expected_schema.is_some()) {
        return;
    }
    for (name, _) in missing {
        context.known.missing(at, name);
    }
    let anchor = context.value_anchor(at);
    let described = |(name, owner): &(String, Option<&Value>)| owner.and_then(|o| field_description(schema, o, name));
    if let [field] = missing {
        let (name, _) = field;
        let diagnostic = context
            .diagnostic(
                &MISSING_REQUIRED_FIELD,
                at,
                format!("missing required field {} in {place}", quote(name)),
            )
            .primary(anchor, format!("this {} has no {}", bare(noun), quote(name)));
        out.push(match described(field) {
            Some(text) => diagnostic.help(format!("add {}: {text}", quote(name))),
            None => diagnostic.help(format!("add the field {}", quote(name))),
        });
        return;
    }
    let names: Vec<String> = missing.iter().map(|(n, _)| quote(n)).collect();
    let mut diagnostic = context
        .diagnostic(
            &MISSING_REQUIRED_FIELD,
            at,
            format!("{place} lacks {} required fields: {}", missing.len(), names.join(", ")),
        )
        .primary(anchor, format!("this {} lacks {} fields", bare(noun), missing.len()));
    for field in missing {
        if let Some(text) = described(field) {
            diagnostic = diagnostic.note(format!("{}: {text}", quote(&field.0)));
        }
    }
    let help = if at.is_empty() && context.stem.is_some() {
        "add each field the notes describe; a relation file of the dataset, such as data/relations/NO-UA.json, shows them filled in"
    } else {
        "add each field the notes describe"
    };
    out.push(diagnostic.help(help));
}

/// The description of property `name` of the object schema `owner`: its own, else its target's.
fn field_description(schema: &CompiledSchema, owner: &Value, name: &str) -> Option<String> {
    let owner = schema.resolve(owner)?;
    let property = owner.get("properties")?.get(name)?;
    description(property).or_else(|| description(schema.resolve(property)?))
}

/// What the object at `at` is, for messages: "a relation", "an event", "`archived`".
fn object_noun(schema: &CompiledSchema, at: &str) -> String {
    let tokens = pointer::tokens(at).unwrap_or_default();
    let Some(last) = tokens.last() else {
        return if schema.name.contains("entities") {
            "an entity file".into()
        } else if schema.name.contains("relation") {
            "a relation".into()
        } else {
            "the document".into()
        };
    };
    if pointer::array_index(last).is_none() {
        return format!("`{last}`");
    }
    let list = tokens.len().checked_sub(2).map_or("", |i| tokens[i].as_str());
    match list {
        "events" => "an event".into(),
        "references" => "a reference".into(),
        "missions" => "a mission".into(),
        "memberships" => "a membership".into(),
        "recognitions" => "a recognition".into(),
        "quotes" => "a quote".into(),
        "roles" => "a role".into(),
        "amounts" => "an amount".into(),
        "entities" => "an entity".into(),
        "external_links" => "an external link".into(),
        other => format!("an item of `{other}`"),
    }
}

/// "a reference" → "reference", for "this reference has no `title`".
fn bare(noun: &str) -> &str {
    noun.strip_prefix("a ")
        .or_else(|| noun.strip_prefix("an "))
        .or_else(|| noun.strip_prefix("the "))
        .unwrap_or(noun)
}

/// A description as the rest of a sentence: "Title of the work" → "title of the work"; an
/// acronym keeps its capitals ("ISO 4217 code").
fn decapitalised(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
