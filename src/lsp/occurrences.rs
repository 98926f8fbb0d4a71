//! Where each id of a document is defined and used, read from the dataset's model: a reference's
//! `id` and every `cite` of it, an event's `id` and every `responds_to` naming it, an entity's `id`
//! in its entity file and every place a relation (or another entity's `country`) names it. What
//! navigation, hover and rename work from.

use serde_json::Value;

use crate::dataset::FileKind;
use crate::model::entities::EntityFile;
use crate::model::relation::{Relation, Role};
use crate::source::{pointer, Document, Span};

/// What an id names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Id {
    Reference(String),
    Event(String),
    Entity(String),
}

impl Id {
    pub fn value(&self) -> &str {
        match self {
            Id::Reference(id) | Id::Event(id) | Id::Entity(id) => id,
        }
    }

    /// Whether its definition and uses are in one file (references and events are a relation's
    /// own; entities belong to the dataset).
    pub fn is_local(&self) -> bool {
        !matches!(self, Id::Entity(_))
    }

    pub fn noun(&self) -> &'static str {
        match self {
            Id::Reference(_) => "reference",
            Id::Event(_) => "event",
            Id::Entity(_) => "entity",
        }
    }
}

/// One place an id is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub id: Id,
    /// Whether this is where it is defined (an `id` member) rather than used.
    pub definition: bool,
    /// The string, with its quotes.
    pub span: Span,
    /// Its JSON Pointer.
    pub pointer: String,
    /// For a definition, the object it defines.
    pub object: Option<Span>,
    /// For an entity a relation uses: what it is used as.
    pub role: Option<Role>,
}

/// The ids of a document of `kind`.
pub(crate) fn of(kind: FileKind, text: &str, document: &Document) -> Vec<Occurrence> {
    match kind {
        FileKind::Relation => of_relation(text, document),
        FileKind::Entities => of_entity_file(text, document),
    }
}

/// The id under byte `offset` (on the string, or just after it).
pub(crate) fn at(occurrences: &[Occurrence], offset: usize) -> Option<&Occurrence> {
    occurrences
        .iter()
        .find(|o| o.span.start <= offset && offset <= o.span.end)
}

fn of_relation(text: &str, document: &Document) -> Vec<Occurrence> {
    let relation = Relation::from_value(&document.value);
    let mut out = Vec::new();
    let mut push = |id: Id, at: String, object: Option<&str>, role: Option<Role>| {
        if let Some(found) = document.locate(text, &at) {
            out.push(Occurrence {
                id,
                definition: object.is_some(),
                span: found.value,
                object: object.and_then(|o| document.locate(text, o)).map(|o| o.value),
                pointer: at,
                role,
            });
        }
    };
    for reference in &relation.references {
        if let Some(id) = &reference.id {
            push(
                Id::Reference(id.value.to_owned()),
                id.pointer(),
                Some(&reference.pointer),
                None,
            );
        }
    }
    for claim in &relation.claims {
        for cite in claim.cite.iter().flatten() {
            push(Id::Reference(cite.value.to_owned()), cite.pointer(), None, None);
        }
    }
    for event in &relation.events {
        if let Some(id) = &event.id {
            push(Id::Event(id.value.to_owned()), id.pointer(), Some(&event.pointer), None);
        }
        for cause in &event.responds_to {
            push(Id::Event(cause.value.to_owned()), cause.pointer(), None, None);
        }
    }
    for used in &relation.entity_uses {
        push(
            Id::Entity(used.id.value.to_owned()),
            used.id.pointer(),
            None,
            Some(used.role),
        );
    }
    out.sort_by_key(|o| o.span.start);
    out
}

fn of_entity_file(text: &str, document: &Document) -> Vec<Occurrence> {
    let file = EntityFile::from_value(&document.value);
    let mut out = Vec::new();
    for entity in &file.entities {
        if let Some(id) = &entity.id {
            let at = id.pointer();
            if let Some(found) = document.locate(text, &at) {
                out.push(Occurrence {
                    id: Id::Entity(id.value.to_owned()),
                    definition: true,
                    span: found.value,
                    object: document.locate(text, &entity.pointer).map(|o| o.value),
                    pointer: at,
                    role: None,
                });
            }
        }
        // An organisation's or a person's `country` names a country too.
        let country = pointer::child(&entity.pointer, "country");
        if let Some(Value::String(id)) = document.value.pointer(&country) {
            if let Some(found) = document.locate(text, &country) {
                out.push(Occurrence {
                    id: Id::Entity(id.clone()),
                    definition: false,
                    span: found.value,
                    object: None,
                    pointer: country,
                    role: None,
                });
            }
        }
    }
    out.sort_by_key(|o| o.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse;

    #[test]
    fn a_relation_defines_references_and_events_and_uses_entities() {
        let text = r#"{"parties": ["NO", "UA"], "events": [
            {"id": "e1", "actors": ["NO"], "cite": ["r1"]},
            {"id": "e2", "responds_to": ["e1"], "quotes": [{"speaker": "p", "cite": "r1"}]}],
          "references": [{"id": "r1"}]}"#;
        let document = parse(text, 0, Default::default()).unwrap();
        let found = of(FileKind::Relation, text, &document);
        let show: Vec<String> = found
            .iter()
            .map(|o| {
                let kind = if o.definition { "def" } else { "use" };
                format!("{kind} {} {} {}", o.id.noun(), o.id.value(), &text[o.span.range()])
            })
            .collect();
        assert_eq!(
            show,
            vec![
                "use entity NO \"NO\"",
                "use entity UA \"UA\"",
                "def event e1 \"e1\"",
                "use entity NO \"NO\"",
                "use reference r1 \"r1\"",
                "def event e2 \"e2\"",
                "use event e1 \"e1\"",
                "use entity p \"p\"",
                "use reference r1 \"r1\"",
                "def reference r1 \"r1\"",
            ]
        );
        let definition = found
            .iter()
            .find(|o| o.id == Id::Reference("r1".into()) && o.definition);
        assert_eq!(&text[definition.unwrap().object.unwrap().range()], "{\"id\": \"r1\"}");
        assert_eq!(
            at(&found, text.find("\"e1\"]").unwrap() + 2).unwrap().pointer,
            "/events/1/responds_to/0"
        );
    }

    #[test]
    fn an_entity_file_defines_ids_and_uses_countries() {
        let text = r#"{"kind": "people", "entities": [{"id": "a", "name": "A", "country": "NO"}]}"#;
        let document = parse(text, 0, Default::default()).unwrap();
        let found = of(FileKind::Entities, text, &document);
        assert_eq!(found.len(), 2);
        assert!(found[0].definition && found[0].id == Id::Entity("a".into()));
        assert!(!found[1].definition && found[1].id == Id::Entity("NO".into()));
        assert_eq!(found[1].pointer, "/entities/0/country");
    }
}
