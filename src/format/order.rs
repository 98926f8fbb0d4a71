//! The order of an object's members: the order in which the schema declares the object's
//! properties. A `serde_json::Value` sorts an object's names, so the schema is read with relcheck's
//! own parser into a tree that keeps them as written.

use serde_json::Value;

use crate::source::json::{parse, Document, NodeKind, NodeRef};
use crate::source::{pointer, Limits};

/// A JSON value with its object members in the order of the text.
#[derive(Debug)]
pub(crate) enum Tree {
    Object(Vec<(String, Tree)>),
    Array(Vec<Tree>),
    Scalar(Value),
}

impl Tree {
    fn get(&self, name: &str) -> Option<&Tree> {
        match self {
            Tree::Object(members) => members.iter().find(|(key, _)| key == name).map(|(_, value)| value),
            _ => None,
        }
    }

    fn index(&self, at: usize) -> Option<&Tree> {
        match self {
            Tree::Array(items) => items.get(at),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Tree::Scalar(Value::String(text)) => Some(text),
            _ => None,
        }
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        let members = match self {
            Tree::Object(members) => members.as_slice(),
            _ => &[],
        };
        members.iter().map(|(name, _)| name.as_str())
    }

    fn items(&self) -> &[Tree] {
        match self {
            Tree::Array(items) => items,
            _ => &[],
        }
    }
}

/// Links to follow before a schema is given up as circular.
const MAX_LINKS: usize = 64;

/// A schema, read for the order of its properties.
#[derive(Debug)]
pub(crate) struct Schema {
    root: Tree,
}

impl Schema {
    /// Reads a schema text; `None` when it is not JSON.
    pub(crate) fn new(text: &str) -> Option<Self> {
        let document = parse(text, 0, Limits::default()).ok()?;
        Some(Self {
            root: tree(text, &document),
        })
    }

    pub(crate) fn root(&self) -> &Tree {
        &self.root
    }

    /// For an object with member names `keys` that the schemas `at` describe: the place of each name
    /// in the declared order (`None` for a name no schema declares), and the schemas of each member.
    pub(crate) fn object<'s>(&'s self, at: &[&'s Tree], keys: &[String]) -> Vec<(Option<usize>, Vec<&'s Tree>)> {
        let applying = self.expand(at, Some(keys));
        let mut order: Vec<&str> = Vec::new();
        for schema in &applying {
            for name in schema.get("properties").map(Tree::names).into_iter().flatten() {
                if !order.contains(&name) {
                    order.push(name);
                }
            }
        }
        keys.iter()
            .map(|key| {
                let rank = order.iter().position(|name| name == key);
                let declared = applying.iter().filter_map(|schema| schema.get("properties")?.get(key));
                let mut member: Vec<&Tree> = declared.collect();
                if member.is_empty() {
                    member.extend(applying.iter().filter_map(|s| s.get("additionalProperties")));
                }
                (rank, member)
            })
            .collect()
    }

    /// The schemas of item `at` of an array that the schemas `of` describe.
    pub(crate) fn item<'s>(&'s self, of: &[&'s Tree], at: usize) -> Vec<&'s Tree> {
        self.expand(of, None)
            .into_iter()
            .filter_map(|schema| {
                let prefix = schema.get("prefixItems").and_then(|p| p.index(at));
                prefix.or_else(|| match schema.get("items")? {
                    // Draft 4 to 2019-09: an array of `items` describes the items one by one.
                    tuple @ Tree::Array(_) => tuple.index(at),
                    each => Some(each),
                })
            })
            .collect()
    }

    /// Every schema that applies along with `at`: what a `$ref` names and the members of `allOf`
    /// (their properties come first: they are what a schema builds on), the alternative of `anyOf`
    /// or `oneOf` that declares most of `keys` (every alternative when the value is not an object),
    /// then the schema itself.
    fn expand<'s>(&'s self, at: &[&'s Tree], keys: Option<&[String]>) -> Vec<&'s Tree> {
        let mut out = Vec::new();
        for schema in at {
            self.expand_one(schema, keys, &mut out, &mut Vec::new());
        }
        out
    }

    /// `expand` for one schema; `visiting` holds the schemas being expanded, so that a schema that
    /// refers back to itself ends.
    fn expand_one<'s>(
        &'s self,
        schema: &'s Tree,
        keys: Option<&[String]>,
        out: &mut Vec<&'s Tree>,
        visiting: &mut Vec<&'s Tree>,
    ) {
        let seen = |list: &[&Tree]| list.iter().any(|s| std::ptr::eq(*s, schema));
        if visiting.len() > MAX_LINKS || seen(out) || seen(visiting) {
            return;
        }
        visiting.push(schema);
        if let Some(target) = schema.get("$ref").and_then(Tree::as_str).and_then(|r| self.resolve(r)) {
            self.expand_one(target, keys, out, visiting);
        }
        for member in schema.get("allOf").map(Tree::items).unwrap_or_default() {
            self.expand_one(member, keys, out, visiting);
        }
        for combinator in ["anyOf", "oneOf"] {
            let alternatives = schema.get(combinator).map(Tree::items).unwrap_or_default();
            match keys {
                Some(keys) => {
                    if let Some(chosen) = self.best_alternative(alternatives, keys, visiting) {
                        self.expand_one(chosen, Some(keys), out, visiting);
                    }
                }
                None => {
                    for alternative in alternatives {
                        self.expand_one(alternative, None, out, visiting);
                    }
                }
            }
        }
        visiting.pop();
        out.push(schema);
    }

    /// The alternative that declares the most of `keys` (the first of equals).
    fn best_alternative<'s>(
        &'s self,
        alternatives: &'s [Tree],
        keys: &[String],
        visiting: &mut Vec<&'s Tree>,
    ) -> Option<&'s Tree> {
        let mut best: Option<(usize, &Tree)> = None;
        for alternative in alternatives {
            let mut applying = Vec::new();
            self.expand_one(alternative, None, &mut applying, visiting);
            let declares = |key: &String| {
                applying
                    .iter()
                    .any(|s| s.get("properties").is_some_and(|p| p.get(key).is_some()))
            };
            let known = keys.iter().filter(|key| declares(key)).count();
            if best.is_none_or(|(most, _)| known > most) {
                best = Some((known, alternative));
            }
        }
        best.map(|(_, alternative)| alternative)
    }

    /// The schema a local reference (`#/$defs/date`) names; other references are not followed.
    fn resolve(&self, reference: &str) -> Option<&Tree> {
        let tokens = pointer::tokens(reference.strip_prefix('#')?)?;
        let mut current = &self.root;
        for token in &tokens {
            current = match current {
                Tree::Array(_) => current.index(pointer::array_index(token)?)?,
                _ => current.get(token)?,
            };
        }
        Some(current)
    }
}

/// The tree of a parsed document (a schema: small and trusted, so built recursively).
fn tree(text: &str, document: &Document) -> Tree {
    fn build(text: &str, node: NodeRef<'_>) -> Tree {
        let located = node.located();
        match located.kind {
            NodeKind::Object => Tree::Object(
                node.children()
                    .map(|child| {
                        let key = child.located().key.and_then(|key| text.get(key.range()));
                        let name = key.and_then(|key| serde_json::from_str(key).ok()).unwrap_or_default();
                        (name, build(text, child))
                    })
                    .collect(),
            ),
            NodeKind::Array => Tree::Array(node.children().map(|child| build(text, child)).collect()),
            _ => Tree::Scalar(serde_json::from_str(&text[located.value.range()]).unwrap_or(Value::Null)),
        }
    }
    build(text, document.root())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(schema: &Schema, at: &[&Tree], keys: &[&str]) -> Vec<Option<usize>> {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        schema.object(at, &keys).into_iter().map(|(rank, _)| rank).collect()
    }

    #[test]
    fn properties_keep_the_order_of_the_text() {
        let schema = Schema::new(r#"{"properties": {"z": {}, "a": {}, "m": {}}}"#).unwrap();
        assert_eq!(
            names(&schema, &[schema.root()], &["a", "m", "z", "q"]),
            [Some(1), Some(2), Some(0), None]
        );
    }

    #[test]
    fn references_items_and_the_matching_alternative_are_followed() {
        let text = r##"{
            "properties": {"list": {"type": "array", "items": {"$ref": "#/$defs/role"}}},
            "$defs": {
                "role": {"properties": {"role": {}}, "anyOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/b"}]},
                "a": {"properties": {"entity": {}, "role": {}}},
                "b": {"properties": {"group": {}, "role": {}}}
            }
        }"##;
        let schema = Schema::new(text).unwrap();
        let keys = ["list".to_string()];
        let list = schema.object(&[schema.root()], &keys).remove(0).1;
        let item = schema.item(&list, 3);
        // The alternative's own order comes first; the schema's own `role` is already placed.
        assert_eq!(names(&schema, &item, &["role", "group"]), [Some(1), Some(0)]);
        assert_eq!(names(&schema, &item, &["role", "entity"]), [Some(1), Some(0)]);
    }

    #[test]
    fn circular_references_end() {
        let schema =
            Schema::new(r##"{"$ref": "#", "anyOf": [{"$ref": "#"}], "properties": {"b": {}, "a": {}}}"##).unwrap();
        assert_eq!(names(&schema, &[schema.root()], &["a", "b"]), [Some(1), Some(0)]);
    }

    #[test]
    fn tuples_describe_items_one_by_one() {
        let schema = Schema::new(
            r#"{"prefixItems": [{"properties": {"y": {}, "x": {}}}], "items": {"properties": {"x": {}, "y": {}}}}"#,
        )
        .unwrap();
        let first = schema.item(&[schema.root()], 0);
        let second = schema.item(&[schema.root()], 1);
        assert_eq!(names(&schema, &first, &["x", "y"]), [Some(1), Some(0)]);
        assert_eq!(names(&schema, &second, &["x", "y"]), [Some(0), Some(1)]);
    }
}
