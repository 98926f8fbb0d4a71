//! Completion, from what the schema expects at the cursor: member names with their descriptions
//! (those not written yet), enum values, the document's reference ids inside `cite`, its event ids
//! inside `responds_to`, and entity ids of the kind the field holds (countries for `parties`,
//! people for `speaker`, any entity for `actors`). Works on text that is not JSON yet: the cursor
//! is found by a tolerant scan, and ids come from the last text that parsed.

use std::path::Path;

use super::cursor::{self, Cursor, Place, Step};
use super::schema::{self, Here};
use super::state::{DocKind, Server};
use crate::dataset::FileKind;
use crate::fix::edits::json_string;
use crate::model::entities::{EntityInfo, EntityKind};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Property,
    Value,
    Reference,
    Event,
    Entity,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub label: String,
    pub kind: ItemKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// What replaces `replace`: JSON text, or a snippet when `snippet`.
    pub insert: String,
    pub snippet: bool,
    pub replace: Span,
    /// What the editor matches the typed text against (it starts at `replace`, quote included).
    pub filter: String,
    pub sort: String,
}

/// The completions at byte `offset` of an open data file.
pub(crate) fn complete(server: &Server, path: &Path, offset: usize, snippets: bool) -> Vec<Item> {
    let Some(doc) = server.open.get(path) else {
        return Vec::new();
    };
    let DocKind::Data(input) = &doc.kind else {
        return Vec::new();
    };
    let Some(cursor) = cursor::at(&doc.text, offset) else {
        return Vec::new();
    };
    let schema = schema::builtin(input.kind);
    let here = schema.at(&cursor.path);
    let replace = cursor.token.as_ref().map_or(Span::new(offset, offset), |t| t.span);
    let quoted = cursor.token.as_ref().is_some_and(|t| t.text.is_some());
    match cursor.place {
        Place::Key => properties(schema, &here, &cursor, replace, quoted, snippets),
        Place::Value => {
            let mut values = Values {
                out: Vec::new(),
                replace,
                quoted,
                taken: &cursor.siblings,
            };
            let defs = here.defs();
            if defs.contains(&"referenceId") {
                for (id, title) in &doc.outline.references {
                    values.push(id, ItemKind::Reference, title.clone(), None);
                }
            }
            if in_responds_to(&cursor) {
                for (id, date, summary) in &doc.outline.events {
                    values.push(id, ItemKind::Event, date.clone(), summary.clone());
                }
            }
            // An entity file's own ids are defined there, not chosen among the others.
            let defines = input.kind == FileKind::Entities && cursor.path.last() == Some(&Step::Key("id".into()));
            let kinds = if defines { Vec::new() } else { entity_kinds(&defs) };
            if !kinds.is_empty() {
                let mut ids: Vec<(&str, &EntityInfo)> = server
                    .workspace
                    .entities
                    .ids()
                    .filter_map(|id| Some((id, server.workspace.entities.get(id)?)))
                    .filter(|(_, info)| kinds.contains(&info.kind))
                    .collect();
                ids.sort_by_key(|(id, _)| *id);
                for (id, info) in ids {
                    values.push(id, ItemKind::Entity, info.name.clone(), Some(describe_entity(id, info)));
                }
            }
            for value in here.values() {
                let text = value.to_string();
                values.push_json(&text, ItemKind::Value, here.description());
            }
            if cursor.path == [Step::Key("$schema".into())] {
                if let Some(expected) = server.workspace.expected_schema(input) {
                    values.push(&expected, ItemKind::Value, Some("this file's schema".into()), None);
                }
            }
            values.out
        }
    }
}

/// Member names the object at the cursor may still take.
fn properties(
    schema: &schema::Schema,
    here: &Here,
    cursor: &Cursor,
    replace: Span,
    quoted: bool,
    snippets: bool,
) -> Vec<Item> {
    here.properties(schema)
        .into_iter()
        .filter(|p| !cursor.siblings.iter().any(|s| s == p.name))
        .map(|p| {
            let name = json_string(p.name);
            let (insert, snippet) = if cursor.colon_follows {
                (name.clone(), false)
            } else if snippets {
                let value = match p.types.first().copied() {
                    Some("string") => "\"$1\"",
                    Some("array") => "[$1]",
                    Some("object") => "{$1}",
                    _ => "$1",
                };
                (format!("{}: {value}", escape_snippet(&name)), true)
            } else {
                (format!("{name}: "), false)
            };
            let kind = p.types.join(" or ");
            Item {
                label: p.name.to_owned(),
                kind: ItemKind::Property,
                detail: Some(match (p.required, kind.is_empty()) {
                    (true, true) => "required".to_owned(),
                    (true, false) => format!("{kind}, required"),
                    (false, true) => "optional".to_owned(),
                    (false, false) => format!("{kind}, optional"),
                }),
                documentation: p.description.map(str::to_owned),
                insert,
                snippet,
                replace,
                filter: if quoted { name } else { p.name.to_owned() },
                // Required members first, then in the schema's order.
                sort: format!("{}{}", if p.required { 'a' } else { 'b' }, p.name),
            }
        })
        .collect()
}

/// Value completions, each value once, leaving out what the array holds already.
struct Values<'c> {
    out: Vec<Item>,
    replace: Span,
    quoted: bool,
    taken: &'c [String],
}

impl Values<'_> {
    fn push(&mut self, id: &str, kind: ItemKind, detail: Option<String>, documentation: Option<String>) {
        if self.taken.iter().any(|t| t == id) {
            return;
        }
        let json = json_string(id);
        if self.out.iter().any(|item| item.insert == json) {
            return;
        }
        let visible = |text: &str| crate::diagnostics::escape::visible(text).into_owned();
        self.out.push(Item {
            label: visible(id),
            kind,
            detail: detail.as_deref().map(visible),
            documentation,
            filter: if self.quoted { json.clone() } else { id.to_owned() },
            insert: json,
            snippet: false,
            replace: self.replace,
            sort: format!("{:05}", self.out.len()),
        });
    }

    fn push_json(&mut self, json: &str, kind: ItemKind, documentation: Option<&str>) {
        if self.out.iter().any(|item| item.insert == json) {
            return;
        }
        self.out.push(Item {
            label: json.trim_matches('"').to_owned(),
            kind,
            detail: None,
            documentation: documentation.map(str::to_owned),
            insert: json.to_owned(),
            snippet: false,
            replace: self.replace,
            filter: if self.quoted {
                json.to_owned()
            } else {
                json.trim_matches('"').to_owned()
            },
            sort: format!("{:05}", self.out.len()),
        });
    }
}

/// The kinds of entity a field holds, from the id definitions its schema refers to.
fn entity_kinds(defs: &[&str]) -> Vec<EntityKind> {
    let mut kinds = Vec::new();
    for def in defs {
        let named: &[EntityKind] = match *def {
            "countryId" => &[EntityKind::Country],
            "organizationId" => &[EntityKind::Organization],
            "personId" => &[EntityKind::Person],
            "entityId" => &[EntityKind::Country, EntityKind::Organization, EntityKind::Person],
            _ => &[],
        };
        for kind in named {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
    }
    kinds
}

/// An item of an event's `responds_to`.
fn in_responds_to(cursor: &Cursor) -> bool {
    matches!(
        cursor.path.as_slice(),
        [Step::Key(events), Step::Index(_), Step::Key(list), Step::Index(_)] if events == "events" && list == "responds_to"
    )
}

/// An entity as hover and completion show it: kind, name and dates.
pub(crate) fn describe_entity(id: &str, info: &EntityInfo) -> String {
    let kind = match info.kind {
        EntityKind::Country => "country",
        EntityKind::Organization => "organisation",
        EntityKind::Person => "person",
    };
    let mut out = format!("**{kind}** `{id}`");
    if let Some(name) = &info.name {
        out.push_str(&format!(": {}", markdown_text(name)));
    }
    let dates = match (&info.start, &info.end) {
        (Some(start), Some(end)) => Some(format!("{} – {}", start.written, end.written)),
        (Some(start), None) => Some(format!("from {}", start.written)),
        (None, Some(end)) => Some(format!("until {}", end.written)),
        (None, None) => None,
    };
    if let Some(dates) = dates {
        out.push_str(&format!("\n\n{}", markdown_text(&dates)));
    }
    out.push_str(&format!("\n\ndefined in data/entities/{}", info.kind.file_name()));
    out
}

/// Text from the data, safe to show as Markdown: characters that would format it are escaped.
pub(crate) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in crate::diagnostics::escape::visible(text).chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A literal for a snippet: `$`, `}` and `\` are escaped.
fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_definitions_name_entity_kinds() {
        assert_eq!(entity_kinds(&["countryId"]), vec![EntityKind::Country]);
        assert_eq!(entity_kinds(&["personId"]), vec![EntityKind::Person]);
        assert_eq!(entity_kinds(&["entityId", "countryId"]).len(), 3);
        assert!(entity_kinds(&["slug", "referenceId"]).is_empty());
    }

    #[test]
    fn data_is_shown_as_text_not_markup() {
        assert_eq!(markdown_text("*Støre* [x](y)"), "\\*Støre\\* \\[x\\](y)");
        assert_eq!(markdown_text("a\u{202E}b"), "a\\\\u{202E}b");
    }
}
