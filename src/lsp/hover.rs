//! Hover: over a cite id, the reference it names (title, publisher, dates); over an entity id, the
//! entity (kind, name, dates); over an event id, the event; over a member name, what the schema
//! says it is; over a finding, its rule's documentation (`relcheck explain`).

use std::path::Path;

use super::completion::{describe_entity, markdown_text};
use super::cursor::{self, Place};
use super::navigation;
use super::occurrences::Id;
use super::schema;
use super::state::{DocKind, Server};
use crate::model::relation::Relation;
use crate::rules::docs::explain;
use crate::source::Span;

/// What to show at byte `offset` of an open document, as Markdown, and the span it is about.
pub(crate) fn hover(server: &Server, path: &Path, offset: usize) -> Option<(Span, String)> {
    let doc = server.open.get(path)?;
    let mut sections = Vec::new();
    let mut span: Option<Span> = None;
    if let Some(here) = navigation::id_at(server, path, offset) {
        span = Some(here.span);
        sections.push(describe_id(server, path, &here.id));
    } else if let (DocKind::Data(input), Some(cursor)) = (&doc.kind, cursor::at(&doc.text, offset)) {
        if let (Place::Key, Some(token)) = (cursor.place, &cursor.token) {
            let name = token.text.clone().unwrap_or_default();
            let mut member = cursor.path.clone();
            member.push(cursor::Step::Key(name.clone()));
            if let Some(description) = schema::builtin(input.kind).at(&member).description() {
                span = Some(token.span);
                sections.push(format!("`{}`: {}", markdown_text(&name), description));
            }
        }
    }
    for finding in &doc.findings {
        let Some(at) = finding.primary.span else { continue };
        if at.start <= offset && offset <= at.end {
            span.get_or_insert(at);
            sections.push(format!(
                "**{} {}**: {}\n\n```text\n{}```",
                finding.rule.code,
                finding.rule.name,
                markdown_text(&finding.message),
                explain(finding.rule)
            ));
        }
    }
    Some((span?, sections.join("\n\n---\n\n")))
}

/// An id as hover shows it.
fn describe_id(server: &Server, path: &Path, id: &Id) -> String {
    match id {
        Id::Entity(value) => match server.workspace.entities.get(value) {
            Some(info) => describe_entity(value, info),
            None => format!("`{}` is not an entity of data/entities/", markdown_text(value)),
        },
        Id::Reference(value) => {
            let Some((_, _, document)) = server.parsed(path) else {
                return String::new();
            };
            let relation = Relation::from_value(&document.value);
            let found = relation
                .references
                .iter()
                .find(|r| r.id.as_ref().is_some_and(|i| i.value == value));
            let Some(reference) = found else {
                return format!("no reference of this file has the id `{}`", markdown_text(value));
            };
            let field = |text: Option<&str>| text.map(markdown_text);
            let mut lines = vec![format!("**reference** `{}`", markdown_text(value))];
            if let Some(title) = field(reference.title.as_ref().map(|t| t.value)) {
                lines.push(format!("*{title}*"));
            }
            let facts = [
                ("publisher", field(reference.publisher.as_ref().map(|t| t.value))),
                ("published", field(reference.published.as_ref().map(|d| d.text.value))),
                ("retrieved", field(reference.retrieved.as_ref().map(|d| d.text.value))),
                ("language", field(reference.language.as_ref().map(|t| t.value))),
                ("url", field(reference.url.as_ref().map(|t| t.value))),
            ];
            for (name, value) in facts {
                if let Some(value) = value {
                    lines.push(format!("{name}: {value}"));
                }
            }
            lines.join("  \n")
        }
        Id::Event(value) => {
            let Some((_, _, document)) = server.parsed(path) else {
                return String::new();
            };
            let relation = Relation::from_value(&document.value);
            let found = relation
                .events
                .iter()
                .find(|e| e.id.as_ref().is_some_and(|i| i.value == value));
            let Some(event) = found else {
                return format!("no event of this file has the id `{}`", markdown_text(value));
            };
            let mut lines = vec![format!("**event** `{}`", markdown_text(value))];
            if let Some(date) = &event.date {
                lines.push(format!("date: {}", markdown_text(date.text.value)));
            }
            if let Some(summary) = event.value.get("summary").and_then(serde_json::Value::as_str) {
                lines.push(markdown_text(summary));
            }
            lines.join("  \n")
        }
    }
}
