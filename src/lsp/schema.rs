//! The built-in schemas as a guide for the editor: which members an object may have and what each
//! means, which values a field takes, and which kind of id it holds. The subschema at a path is
//! found by following `properties` and `items`, with `$ref`, `allOf`, `anyOf` and `oneOf`
//! expanded (each subschema once, to a bounded depth: the schemas are data, not trusted to be
//! free of cycles).

use std::sync::OnceLock;

use serde_json::Value;

use super::cursor::Step;
use crate::check::{ENTITIES_SCHEMA, RELATION_SCHEMA};
use crate::dataset::FileKind;

/// How deep `$ref` and combinators are followed.
const MAX_EXPANSION: usize = 32;

pub(crate) struct Schema {
    root: Value,
}

/// The schema of the files of `kind`.
pub(crate) fn builtin(kind: FileKind) -> &'static Schema {
    static RELATION: OnceLock<Schema> = OnceLock::new();
    static ENTITIES: OnceLock<Schema> = OnceLock::new();
    let (cell, text) = match kind {
        FileKind::Relation => (&RELATION, RELATION_SCHEMA),
        FileKind::Entities => (&ENTITIES, ENTITIES_SCHEMA),
    };
    cell.get_or_init(|| Schema {
        root: serde_json::from_str(text).unwrap_or(Value::Null),
    })
}

/// A member an object may have.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property<'s> {
    pub name: &'s str,
    pub description: Option<&'s str>,
    pub required: bool,
    /// The JSON types its value may have (`"string"`, `"array"`, …).
    pub types: Vec<&'s str>,
}

/// The subschemas that apply at one place, each expanded.
pub(crate) struct Here<'s> {
    parts: Vec<&'s Value>,
}

impl Schema {
    /// What applies at `path`.
    pub fn at(&self, path: &[Step]) -> Here<'_> {
        let mut parts = self.expand(&self.root);
        for step in path {
            let mut next: Vec<&Value> = Vec::new();
            for part in &parts {
                let child = match step {
                    Step::Key(name) => part
                        .get("properties")
                        .and_then(|p| p.get(name))
                        .or_else(|| part.get("additionalProperties").filter(|v| v.is_object())),
                    Step::Index(index) => part
                        .get("prefixItems")
                        .and_then(|items| items.get(*index))
                        .or_else(|| part.get("items").filter(|v| v.is_object())),
                };
                for expanded in child.map(|c| self.expand(c)).unwrap_or_default() {
                    if !next.iter().any(|known| std::ptr::eq(*known, expanded)) {
                        next.push(expanded);
                    }
                }
            }
            parts = next;
        }
        Here { parts }
    }

    /// `schema`, then every subschema its `$ref`, `allOf`, `anyOf` and `oneOf` lead to.
    fn expand<'s>(&'s self, schema: &'s Value) -> Vec<&'s Value> {
        let mut out: Vec<&Value> = Vec::new();
        let mut pending = vec![(schema, 0)];
        while let Some((part, depth)) = pending.pop() {
            if depth > MAX_EXPANSION || out.iter().any(|known| std::ptr::eq(*known, part)) {
                continue;
            }
            out.push(part);
            let mut children: Vec<&Value> = Vec::new();
            if let Some(target) = part.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)) {
                children.push(target);
            }
            for key in ["allOf", "anyOf", "oneOf"] {
                children.extend(part.get(key).and_then(Value::as_array).into_iter().flatten());
            }
            // Pushed in reverse, so that they are expanded in the order written.
            pending.extend(children.into_iter().rev().map(|child| (child, depth + 1)));
        }
        out
    }

    /// A reference within the schema (`#/$defs/date`).
    fn resolve(&self, reference: &str) -> Option<&Value> {
        let pointer = reference.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    /// The `$defs` name a subschema is reached through (`countryId`).
    fn def_name(part: &Value) -> Option<&str> {
        part.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
    }
}

impl<'s> Here<'s> {
    /// The description of the place: its own first, then that of what it refers to.
    pub fn description(&self) -> Option<&'s str> {
        self.parts.iter().find_map(|part| part.get("description")?.as_str())
    }

    /// The members the object may have, in the schema's order, each once.
    pub fn properties(&self, schema: &'s Schema) -> Vec<Property<'s>> {
        let required: Vec<&str> = self
            .parts
            .iter()
            .filter_map(|part| part.get("required")?.as_array())
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut out: Vec<Property> = Vec::new();
        for part in &self.parts {
            let Some(properties) = part.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (name, subschema) in properties {
                let here = Here {
                    parts: schema.expand(subschema),
                };
                match out.iter_mut().find(|p| p.name == name) {
                    // A member described again (an `anyOf` branch that only restates it): the first
                    // description stands, the types add up.
                    Some(known) => {
                        known.description = known.description.or(here.description());
                        for kind in here.types() {
                            if !known.types.contains(&kind) {
                                known.types.push(kind);
                            }
                        }
                    }
                    None => out.push(Property {
                        name,
                        description: here.description(),
                        required: required.contains(&name.as_str()),
                        types: here.types(),
                    }),
                }
            }
        }
        out
    }

    /// The values the place allows, when the schema lists them (`enum`, `const`).
    pub fn values(&self) -> Vec<&'s Value> {
        let mut out: Vec<&Value> = Vec::new();
        for part in &self.parts {
            let listed = part.get("enum").and_then(Value::as_array).into_iter().flatten();
            for value in listed.chain(part.get("const")) {
                if !out.contains(&value) {
                    out.push(value);
                }
            }
        }
        out
    }

    /// The `$defs` names the place refers to (`countryId`, `referenceId`): what kind of id it holds.
    pub fn defs(&self) -> Vec<&'s str> {
        self.parts.iter().filter_map(|part| Schema::def_name(part)).collect()
    }

    /// The JSON types the value may have.
    pub fn types(&self) -> Vec<&'s str> {
        let mut out = Vec::new();
        for part in &self.parts {
            let types: Vec<&str> = match part.get("type") {
                Some(Value::String(one)) => vec![one.as_str()],
                Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
                _ => match part.get("const") {
                    Some(Value::Bool(_)) => vec!["boolean"],
                    _ => Vec::new(),
                },
            };
            for kind in types {
                if !out.contains(&kind) {
                    out.push(kind);
                }
            }
        }
        out
    }

    /// The first `pattern` a string here must match.
    pub fn pattern(&self) -> Option<&'s str> {
        self.parts.iter().find_map(|part| part.get("pattern")?.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(steps: &str) -> Vec<Step> {
        steps
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s.parse() {
                Ok(index) => Step::Index(index),
                Err(_) => Step::Key(s.to_owned()),
            })
            .collect()
    }

    #[test]
    fn places_of_a_relation_resolve_through_refs_and_combinators() {
        let schema = builtin(FileKind::Relation);
        let parties = schema.at(&path("/parties/0"));
        assert!(parties.defs().contains(&"countryId"), "{:?}", parties.defs());
        assert_eq!(schema.at(&path("/events/3/cite/0")).defs(), vec!["referenceId"]);
        assert!(schema.at(&path("/events/0/actors/1")).defs().contains(&"entityId"));
        assert!(schema
            .at(&path("/events/0/quotes/0/speaker"))
            .defs()
            .contains(&"personId"));
        // `roles` items are an entity or a group (anyOf): both branches' members are offered.
        let role = schema.at(&path("/events/0/roles/0"));
        let names: Vec<&str> = role.properties(schema).iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["role", "entity", "group"]);
        let kinds = schema.at(&path("/events/0/kinds/0")).values();
        assert!(kinds.contains(&&Value::from("visit")), "{kinds:?}");
        let nowhere = schema.at(&path("/nothing/here"));
        assert!(nowhere.description().is_none() && nowhere.properties(schema).is_empty());
    }

    #[test]
    fn members_carry_their_descriptions_and_whether_they_are_required() {
        let schema = builtin(FileKind::Relation);
        let event = schema.at(&path("/events/0"));
        let properties = event.properties(schema);
        let id = properties.iter().find(|p| p.name == "id").unwrap();
        assert!(id.required);
        assert!(id.description.unwrap().starts_with("Unique id of the event"));
        let cite = properties.iter().find(|p| p.name == "cite").unwrap();
        assert!(!cite.required);
        assert_eq!(cite.types, vec!["array"]);
        assert_eq!(cite.description, Some("References supporting the event."));
        let third_party = properties.iter().find(|p| p.name == "third_party").unwrap();
        assert_eq!(third_party.types, vec!["boolean"]);
        let entities = builtin(FileKind::Entities);
        let kind = entities.at(&path("/kind"));
        assert_eq!(kind.values().len(), 3);
        assert!(kind.description().unwrap().starts_with("Which kind of entity"));
    }
}
