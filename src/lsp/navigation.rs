//! Going from an id to where it is defined, finding every place it is used, and the outline of a
//! document. References and events are a relation's own; entities belong to the dataset, so their
//! uses are looked for in every relation file (open buffers winning over the files on disk).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::occurrences::{self, Id, Occurrence};
use super::state::{parse, Server};
use crate::dataset::FileKind;
use crate::fix::edits::json_string;
use crate::model::entities::EntityFile;
use crate::model::relation::Relation;
use crate::source::Span;

/// A place in a file of the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub path: PathBuf,
    /// The whole thing (a reference object, an entity); the id itself for a use.
    pub span: Span,
    /// The id.
    pub selection: Span,
}

/// The texts of the files a request looked at, read once, for the positions of its answer.
pub(crate) type Texts = BTreeMap<PathBuf, String>;

/// The id under `offset` in the document at `path`.
pub(crate) fn id_at(server: &Server, path: &Path, offset: usize) -> Option<Occurrence> {
    let (kind, text, document) = server.parsed(path)?;
    occurrences::at(&occurrences::of(kind, text, document), offset).cloned()
}

/// Where the id under `offset` is defined, and the span of the id the request started from.
pub(crate) fn definition(server: &Server, path: &Path, offset: usize) -> Option<(Span, Place)> {
    let here = id_at(server, path, offset)?;
    let found = definitions(server, path, &here.id).into_iter().next()?;
    Some((here.span, found))
}

/// Where `id` is defined: in the document itself for a reference or an event, in the entity files
/// for an entity.
pub(crate) fn definitions(server: &Server, path: &Path, id: &Id) -> Vec<Place> {
    let files: Vec<&Path> = if id.is_local() {
        vec![path]
    } else {
        server.entity_files.iter().map(|e| e.input.path.as_path()).collect()
    };
    let mut out = Vec::new();
    for file in files {
        let Some((kind, text, document)) = server.parsed(file) else {
            continue;
        };
        for found in occurrences::of(kind, text, document) {
            if found.definition && found.id == *id {
                out.push(Place {
                    path: file.to_path_buf(),
                    span: found.object.unwrap_or(found.span),
                    selection: found.span,
                });
            }
        }
    }
    out
}

/// Every place the id under `offset` is used (and defined, with `declaration`), with the texts
/// of the files they are in.
pub(crate) fn references(server: &Server, path: &Path, offset: usize, declaration: bool) -> (Vec<Place>, Texts) {
    let mut texts = Texts::new();
    let Some(here) = id_at(server, path, offset) else {
        return (Vec::new(), texts);
    };
    let places = occurrences_of(server, path, &here.id, &mut texts)
        .into_iter()
        .filter(|(_, o)| declaration || !o.definition)
        .map(|(file, o)| Place {
            path: file,
            span: o.span,
            selection: o.span,
        })
        .collect();
    (places, texts)
}

/// Every occurrence of `id`: in the document for a reference or an event; for an entity, in the
/// entity files and in every relation file of the dataset. The texts read are added to `texts`.
pub(crate) fn occurrences_of(server: &Server, path: &Path, id: &Id, texts: &mut Texts) -> Vec<(PathBuf, Occurrence)> {
    let mut out = Vec::new();
    let mut take = |file: &Path, kind: FileKind, text: String, texts: &mut Texts| {
        let Some(document) = parse(&text, server.workspace.settings.limits) else {
            return;
        };
        let found: Vec<Occurrence> = occurrences::of(kind, &text, &document)
            .into_iter()
            .filter(|o| o.id == *id)
            .collect();
        if !found.is_empty() {
            out.extend(found.into_iter().map(|o| (file.to_path_buf(), o)));
            texts.insert(file.to_path_buf(), text);
        }
    };
    if id.is_local() {
        if let Some((kind, text, _)) = server.parsed(path) {
            take(path, kind, text.to_owned(), texts);
        }
        return out;
    }
    for entity in &server.entity_files {
        take(&entity.input.path, FileKind::Entities, entity.text.clone(), texts);
    }
    // A file that does not name the id in its text is not parsed.
    let needle = json_string(id.value());
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    for file in server.relation_files() {
        let Some(text) = server.text_of(&file) else { continue };
        if finder.find(text.as_bytes()).is_some() {
            take(&file, FileKind::Relation, text, texts);
        }
    }
    out
}

/// What the outline of a document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SymbolKind {
    /// A list of a relation (`events`, `references`, `missions`, `entities`).
    List,
    Event,
    Reference,
    Mission,
    Entity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub span: Span,
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The outline of a relation (its events, references and missions, by id and date) or of an entity
/// file (its entities, by id and name).
pub(crate) fn symbols(server: &Server, path: &Path) -> Vec<Symbol> {
    let Some((kind, text, document)) = server.parsed(path) else {
        return Vec::new();
    };
    let locate = |pointer: &str| document.locate(text, pointer);
    let item = |pointer: &str, id: Option<&str>, detail: Option<String>, kind: SymbolKind| {
        let object = locate(pointer)?;
        let selection = locate(&format!("{pointer}/id")).map_or(object.value, |id| id.value);
        Some(Symbol {
            name: id.map_or_else(|| format!("(no id) {pointer}"), str::to_owned),
            detail,
            kind,
            span: object.value,
            selection,
            children: Vec::new(),
        })
    };
    let list = |name: &str, children: Vec<Symbol>| {
        let found = locate(&format!("/{name}"))?;
        (!children.is_empty()).then(|| Symbol {
            name: name.to_owned(),
            detail: Some(format!("{}", children.len())),
            kind: SymbolKind::List,
            span: Span::new(found.key.map_or(found.value.start, |k| k.start), found.value.end),
            selection: found.key.unwrap_or(found.value),
            children,
        })
    };
    let joined = |parts: &[Option<&str>]| {
        let parts: Vec<&str> = parts.iter().flatten().copied().filter(|p| !p.is_empty()).collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    };
    match kind {
        FileKind::Relation => {
            let relation = Relation::from_value(&document.value);
            let events = relation.events.iter().filter_map(|e| {
                let date = e.date.as_ref().map(|d| d.text.value);
                item(
                    &e.pointer,
                    e.id.as_ref().map(|t| t.value),
                    joined(&[date]),
                    SymbolKind::Event,
                )
            });
            let references = relation.references.iter().filter_map(|r| {
                let date = r.published.as_ref().map(|d| d.text.value);
                let detail = joined(&[date, r.title.as_ref().map(|t| t.value)]);
                item(
                    &r.pointer,
                    r.id.as_ref().map(|t| t.value),
                    detail,
                    SymbolKind::Reference,
                )
            });
            let missions = relation.missions.iter().filter_map(|m| {
                let date = document
                    .value
                    .pointer(&format!("{}/date", m.pointer))
                    .and_then(serde_json::Value::as_str);
                let between = match (&m.sending, &m.host) {
                    (Some(sending), Some(host)) => Some(format!("{} in {}", sending.value, host.value)),
                    _ => None,
                };
                let detail = joined(&[between.as_deref(), date]);
                item(&m.pointer, m.id.as_ref().map(|t| t.value), detail, SymbolKind::Mission)
            });
            [
                list("events", events.collect()),
                list("references", references.collect()),
                list("missions", missions.collect()),
            ]
            .into_iter()
            .flatten()
            .collect()
        }
        FileKind::Entities => {
            let file = EntityFile::from_value(&document.value);
            let entities = file.entities.iter().filter_map(|e| {
                let dates = match (&e.start, &e.end) {
                    (None, None) => None,
                    (start, end) => Some(format!(
                        "{}–{}",
                        start.as_ref().map_or("", |d| d.text.value),
                        end.as_ref().map_or("", |d| d.text.value)
                    )),
                };
                let detail = joined(&[e.name, dates.as_deref()]);
                item(&e.pointer, e.id.as_ref().map(|t| t.value), detail, SymbolKind::Entity)
            });
            list("entities", entities.collect()).into_iter().collect()
        }
    }
}
