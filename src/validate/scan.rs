//! The references a schema document makes, found before it is compiled: which other documents it
//! refers to, and at which fragments. The validator resolves references itself; this list only
//! says which missing documents need a placeholder, and what the placeholder must hold.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::dialect::{self, Dialect};

/// Fragments (without `#`) referenced in each document, by the document's absolute URI.
pub(crate) type Targets = BTreeMap<String, BTreeSet<String>>;

/// Keywords whose value maps names to schemas.
const NAMED_SCHEMAS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependencies",
    "dependentSchemas",
];

/// Keywords whose value is data, never a schema: a `$ref` inside them is not a reference.
const DATA: &[&str] = &["const", "enum", "examples", "default"];

/// The reference keywords of every dialect.
const REFERENCES: &[&str] = &["$ref", "$dynamicRef", "$recursiveRef"];

/// `reference` resolved against `base`, split into the document URI and the fragment.
pub(crate) fn resolve(base: &str, reference: &str) -> Option<(String, String)> {
    let base = jsonschema::uri::from_str(base).ok()?;
    let resolved = jsonschema::uri::resolve_against(&base.borrow(), reference).ok()?;
    let text = resolved.as_str();
    let (document, fragment) = text.split_once('#').unwrap_or((text, ""));
    Some((document.to_owned(), fragment.to_owned()))
}

/// Adds every reference `document`, read at `base` as `inherited` (unless its own `$schema` says
/// otherwise), makes to `targets`.
pub(crate) fn references(document: &Value, base: &str, inherited: Dialect, targets: &mut Targets) {
    #[derive(Clone, Copy)]
    enum Kind {
        Schema,
        Names,
    }
    // An explicit stack: a schema may be as deep as any other file.
    let mut stack: Vec<(&Value, String, Dialect, Kind)> = vec![(document, base.to_owned(), inherited, Kind::Schema)];
    while let Some((value, base, dialect, kind)) = stack.pop() {
        match (value, kind) {
            (Value::Object(map), Kind::Names) => {
                for child in map.values() {
                    stack.push((child, base.clone(), dialect, Kind::Schema));
                }
            }
            (Value::Object(map), Kind::Schema) => {
                let dialect = dialect::of_document(value, dialect);
                let has_ref = map.get("$ref").is_some_and(Value::is_string);
                let id = map.get(dialect.id_keyword()).and_then(Value::as_str);
                // A plain-name `$id` ("#x") is an anchor; an `$id` beside `$ref` is ignored up to draft-07.
                let moves_base = !(has_ref && dialect.ref_overrides_siblings());
                let base = match id.filter(|id| !id.starts_with('#') && moves_base) {
                    Some(id) => resolve(&base, id).map_or(base, |(document, _)| document),
                    None => base,
                };
                for keyword in REFERENCES {
                    if let Some((document, fragment)) = map
                        .get(*keyword)
                        .and_then(Value::as_str)
                        .and_then(|reference| resolve(&base, reference))
                    {
                        targets.entry(document).or_default().insert(fragment);
                    }
                }
                for (key, child) in map {
                    let key = key.as_str();
                    if NAMED_SCHEMAS.contains(&key) {
                        stack.push((child, base.clone(), dialect, Kind::Names));
                    } else if !DATA.contains(&key) && (child.is_object() || child.is_array()) {
                        stack.push((child, base.clone(), dialect, Kind::Schema));
                    }
                }
            }
            (Value::Array(items), _) => {
                for item in items.iter().filter(|item| item.is_object() || item.is_array()) {
                    stack.push((item, base.clone(), dialect, Kind::Schema));
                }
            }
            _ => {}
        }
    }
}

/// Percent-encodes the characters RFC 3986 does not allow in the references of `document`
/// (`#/definitions/Inputs<String>`, a space in a file name), as browsers and other validators
/// accept them; the validator would otherwise refuse the whole schema. References that are valid
/// are left as they are.
pub(crate) fn encode_references(document: &mut Value) {
    // `true`: a map of names to schemas (`properties`), whose keys are names, not keywords.
    let mut stack = vec![(document, false)];
    while let Some((value, names)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    let key = key.as_str();
                    match child {
                        Value::String(reference)
                            if !names && REFERENCES.contains(&key) && !is_uri_reference(reference) =>
                        {
                            *reference = encode(reference);
                        }
                        Value::Object(_) | Value::Array(_) if names || !DATA.contains(&key) => {
                            stack.push((child, !names && NAMED_SCHEMAS.contains(&key)));
                        }
                        _ => {}
                    }
                }
            }
            Value::Array(items) => stack.extend(
                items
                    .iter_mut()
                    .filter(|v| v.is_object() || v.is_array())
                    .map(|v| (v, false)),
            ),
            _ => {}
        }
    }
}

fn is_uri_reference(text: &str) -> bool {
    static BASE: std::sync::LazyLock<jsonschema::Uri<String>> =
        std::sync::LazyLock::new(|| jsonschema::uri::from_str("json-schema:///").expect("a valid URI"));
    jsonschema::uri::resolve_against(&BASE.borrow(), text).is_ok()
}

/// `text` with every byte outside RFC 3986's unreserved and reserved characters percent-encoded;
/// the first `#` separates the fragment, and a `%` that starts an escape is kept.
fn encode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut seen_hash = false;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape_start = byte == b'%'
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/?".contains(&byte)
            || escape_start
            || (byte == b'#' && !seen_hash);
        seen_hash |= byte == b'#';
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn targets(document: Value, dialect: Dialect) -> Vec<(String, Vec<String>)> {
        let mut found = Targets::new();
        references(&document, "file:///s/root.json", dialect, &mut found);
        found
            .into_iter()
            .map(|(uri, fragments)| (uri, fragments.into_iter().collect()))
            .collect()
    }

    #[test]
    fn references_resolve_against_the_base_each_dialect_gives() {
        let document = json!({
            "$id": "https://example.com/a/root.json",
            "properties": {
                "default": { "$ref": "b.json#/definitions/x" },
                "sub": { "$id": "https://other.example/c/", "$ref": "d.json" },
                "anchor": { "$id": "#plain", "items": { "$ref": "e.json#name" } }
            },
            "default": { "$ref": "not-a-reference.json" },
            "enum": [{ "$ref": "not-either.json" }]
        });
        assert_eq!(
            targets(document.clone(), Dialect::Draft202012),
            vec![
                (
                    "https://example.com/a/b.json".to_string(),
                    vec!["/definitions/x".to_string()]
                ),
                ("https://example.com/a/e.json".to_string(), vec!["name".to_string()]),
                ("https://other.example/c/d.json".to_string(), vec![String::new()]),
            ]
        );
        // Up to draft-07, an `$id` beside `$ref` does not move the base.
        let found = targets(document, Dialect::Draft7);
        assert!(
            found.iter().any(|(uri, _)| uri == "https://example.com/a/d.json"),
            "{found:?}"
        );
    }

    #[test]
    fn references_that_are_not_uri_references_are_encoded() {
        let mut document = json!({
            "$ref": "#/definitions/Inputs<alloc::String>",
            "items": [{ "$ref": "a b.json#/x%41#y" }, { "$ref": "ok.json#/definitions/a" }],
            "const": { "$ref": "#/not <a> reference" },
            "properties": { "default": { "$ref": "#/<b>" }, "$ref": { "type": "string" } }
        });
        encode_references(&mut document);
        assert_eq!(document["$ref"], "#/definitions/Inputs%3Calloc::String%3E");
        assert_eq!(document["items"][0]["$ref"], "a%20b.json#/x%41%23y");
        assert_eq!(document["items"][1]["$ref"], "ok.json#/definitions/a");
        assert_eq!(document["const"]["$ref"], "#/not <a> reference");
        assert_eq!(document["properties"]["default"]["$ref"], "#/%3Cb%3E");
    }

    #[test]
    fn draft_04_names_its_resources_with_id() {
        let document = json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "id": "https://example.com/root.json",
            "$id": "https://ignored.example/",
            "items": { "$ref": "item.json" }
        });
        assert_eq!(
            targets(document, Dialect::Draft202012),
            vec![("https://example.com/item.json".to_string(), vec![String::new()])]
        );
    }
}
