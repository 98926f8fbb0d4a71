//! Schemas a reference names but relcheck was not given: they stand in as placeholders, so a schema
//! compiles even when some of the documents it refers to are missing, and a file is validated as
//! long as its validation never needs one of them. A placeholder holds one keyword that marks it;
//! when validating a file reaches it, the file cannot be given a verdict, and the run says which
//! schema it needs.
//!
//! This is what a reader of the schema expects: `package.json`'s schema refers to the schemas of a
//! dozen tools' settings, and a file that configures none of them does not need them.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

/// The keyword that marks a placeholder; its value is the URI of the missing schema.
pub(crate) const KEYWORD: &str = "$relcheck-unavailable";

thread_local! {
    /// The first missing schema that validation reached on this thread since [`watch`] began.
    static REACHED: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// Runs `validate` and reports the first missing schema it reached, if any. Validating one value
/// runs on one thread, so what `validate` reaches is recorded on the current one.
pub(crate) fn watch<T>(validate: impl FnOnce() -> T) -> (T, Option<Arc<str>>) {
    REACHED.with(|reached| reached.borrow_mut().take());
    let result = validate();
    (result, REACHED.with(|reached| reached.borrow_mut().take()))
}

/// The placeholder keyword: it records that it was reached and accepts the value, so that the
/// errors found elsewhere are still reported.
struct Unavailable(Arc<str>);

impl<'i> Keyword<'i> for Unavailable {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.is_valid(instance);
        Ok(())
    }

    fn is_valid(&self, _: &'i Value) -> bool {
        REACHED.with(|reached| {
            reached.borrow_mut().get_or_insert_with(|| Arc::clone(&self.0));
        });
        true
    }
}

type Built<'a> = Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>>;

/// The factory for `ValidationOptions::with_keyword(KEYWORD, ...)`.
pub(crate) fn keyword_factory(
) -> impl for<'a> Fn(&'a Map<String, Value>, &'a Value, Location) -> Built<'a> + Send + Sync {
    |_, value, _| {
        let uri = value.as_str().unwrap_or_default();
        Ok(Box::new(Unavailable(Arc::from(uri))))
    }
}

/// A stand-in for the missing document `uri`: every fragment that references name in it
/// (`fragments`, without `#`) leads to a subschema that holds the marking keyword, so references
/// into it resolve and reaching any of them is noticed.
pub(crate) fn placeholder(uri: &str, fragments: &BTreeSet<String>) -> Value {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        Value::from("https://json-schema.org/draft/2020-12/schema"),
    );
    let mut anchors = Map::new();
    for fragment in fragments {
        let mark = || {
            let mut map = Map::new();
            map.insert(KEYWORD.into(), Value::from(uri));
            map
        };
        if fragment.is_empty() {
            root.insert(KEYWORD.into(), Value::from(uri));
        } else if let Some(pointer) = fragment.strip_prefix('/') {
            let tokens: Vec<String> = pointer.split('/').map(unescape).collect();
            // No schema nests this deep; a longer pointer is left unresolved (and reported so).
            if tokens.len() <= MAX_POINTER {
                insert_at(&mut root, &tokens, uri);
            }
        } else {
            let mut anchor = mark();
            anchor.insert("$anchor".into(), Value::from(fragment.as_str()));
            anchors.insert(format!("anchor-{}", anchors.len()), Value::Object(anchor));
        }
    }
    if !anchors.is_empty() {
        root.insert("$defs".into(), Value::Object(anchors));
    }
    Value::Object(root)
}

/// A JSON Pointer token with `~1`, `~0` and percent-escapes undone.
fn unescape(token: &str) -> String {
    let decoded = super::sources::percent_decode(token).unwrap_or_else(|_| token.to_owned());
    decoded.replace("~1", "/").replace("~0", "~")
}

/// The longest JSON Pointer a placeholder is built for: the nesting a file may have by default.
const MAX_POINTER: usize = 128;

/// Keywords whose value is a list of schemas: a numeric token under them is an index.
const LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];

fn insert_at(node: &mut Map<String, Value>, tokens: &[String], uri: &str) {
    let Some((first, rest)) = tokens.split_first() else {
        node.insert(KEYWORD.into(), Value::from(uri));
        return;
    };
    if LISTS.contains(&first.as_str()) {
        if let Some((index, after)) = rest
            .split_first()
            .and_then(|(i, after)| Some((i.parse::<usize>().ok()?, after)))
        {
            // Bounded: a placeholder is never larger than the references to it.
            if index < 1024 {
                let list = node.entry(first.clone()).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = list {
                    while items.len() <= index {
                        items.push(Value::Object(Map::new()));
                    }
                    if let Value::Object(child) = &mut items[index] {
                        insert_at(child, after, uri);
                    }
                }
                return;
            }
        }
    }
    let child = node.entry(first.clone()).or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(child) = child {
        insert_at(child, rest, uri);
    }
}

/// Why each placeholder stands in, by the URI of the missing document.
pub(crate) type Reasons = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_placeholder_has_a_subschema_at_every_fragment() {
        let fragments: BTreeSet<String> = ["", "/definitions/a~1b", "/allOf/1/properties/x", "name"]
            .into_iter()
            .map(String::from)
            .collect();
        let value = placeholder("https://example.com/s.json", &fragments);
        let mark = json!({ KEYWORD: "https://example.com/s.json" });
        assert_eq!(value[KEYWORD], "https://example.com/s.json");
        assert_eq!(value["definitions"]["a/b"], mark);
        assert_eq!(value["allOf"][0], json!({}));
        assert_eq!(value["allOf"][1]["properties"]["x"], mark);
        assert_eq!(value["$defs"]["anchor-0"]["$anchor"], "name");
        // A pointer deeper than any schema builds nothing (the reference is then reported).
        let deep = format!("/{}", vec!["a"; 100_000].join("/"));
        let value = placeholder("https://example.com/s.json", &[deep].into());
        assert!(value.get("a").is_none());
    }

    #[test]
    fn reaching_a_placeholder_is_noticed_and_accepted() {
        let schema = json!({
            "properties": {
                "a": { "$ref": "https://example.com/missing.json#/definitions/a" },
                "b": { "type": "integer" }
            }
        });
        let missing = placeholder(
            "https://example.com/missing.json",
            &["/definitions/a".to_string()].into(),
        );
        let registry = jsonschema::Registry::new()
            .add("https://example.com/missing.json", missing)
            .and_then(jsonschema::RegistryBuilder::prepare)
            .unwrap();
        let validator = jsonschema::options()
            .with_keyword(KEYWORD, keyword_factory())
            .with_registry(&registry)
            .build(&schema)
            .unwrap();
        let (valid, reached) = watch(|| validator.is_valid(&json!({"b": 1})));
        assert!(valid);
        assert_eq!(reached, None);
        let (valid, reached) = watch(|| validator.is_valid(&json!({"a": 1})));
        assert!(valid);
        assert_eq!(reached.as_deref(), Some("https://example.com/missing.json"));
        let (valid, reached) = watch(|| validator.is_valid(&json!({"b": "x"})));
        assert!(!valid);
        assert_eq!(reached, None);
    }
}
