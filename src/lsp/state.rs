//! The server's state: the dataset's `Workspace` (schemas, configuration, entity index), the texts
//! of the documents the editor has open, and the entity files as last indexed. Unsaved buffers win
//! over the files on disk. Edits only mark what must be checked again; `flush` checks it, so a
//! burst of changes is checked once, and an edit to one relation re-checks that relation alone.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::diagnostics;
use crate::config::Config;
use crate::dataset::{self, FileKind, Input};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::entities::EntityIndex;
use crate::model::relation::Relation;
use crate::source::{self, json, Document, Span};
use crate::workspace::{Purpose, Workspace};
use crate::Settings;

/// What an open document is to the dataset.
#[derive(Debug, Clone)]
pub(crate) enum DocKind {
    /// A relation or entity file under `data/`: checked.
    Data(Input),
    /// The dataset's relcheck.toml.
    Config,
    /// Anything else: kept, not checked.
    Other,
}

/// A document the editor has open.
pub(crate) struct Open {
    /// The URI the editor names it by.
    pub uri: String,
    pub version: i32,
    pub text: String,
    pub kind: DocKind,
    /// Its findings, as published (configuration applied, escaped for display).
    pub findings: Vec<Diagnostic>,
    /// The parsed text; `None` while it is not JSON (or not checked yet).
    pub document: Option<Document>,
    /// The ids of the last text that parsed, for completing while the text is not JSON.
    pub outline: Outline,
}

/// A relation's own ids, for completion.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    /// Reference ids with their titles.
    pub references: Vec<(String, Option<String>)>,
    /// Event ids with their dates and summaries.
    pub events: Vec<(String, Option<String>, Option<String>)>,
}

/// An entity file as last indexed: its buffer when open, else the file.
pub(crate) struct EntityText {
    pub input: Input,
    pub text: String,
    pub document: Option<Document>,
}

/// A problem that is not a finding of a rule: relcheck.toml that cannot be read, a buffer too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub span: Span,
    pub message: String,
}

/// The findings to show for one file.
pub(crate) struct Publication {
    pub uri: String,
    pub version: Option<i32>,
    /// The text the findings' spans point into.
    pub text: String,
    pub findings: Vec<Diagnostic>,
    pub problem: Option<Problem>,
}

#[derive(Default)]
struct Pending {
    config: bool,
    entities: bool,
    relations: BTreeSet<PathBuf>,
}

pub(crate) struct Server {
    /// The dataset root (where relcheck.toml is), as a real path.
    pub root: PathBuf,
    pub workspace: Workspace,
    /// Open documents by real path.
    pub open: HashMap<PathBuf, Open>,
    pub entity_files: Vec<EntityText>,
    /// `--today`, when given; else each check uses the day it runs on.
    today: Option<NaiveDate>,
    pending: Pending,
    /// Whether findings of relcheck.toml are shown.
    config_shown: bool,
    /// Things to tell the user that are not findings (a file that cannot be read).
    pub notices: Vec<String>,
}

impl Server {
    /// A server for the dataset at or above `start`; the configuration and entity files are read
    /// at the first `flush`.
    pub fn new(start: &Path, settings: Settings, today: Option<NaiveDate>) -> Self {
        let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        let root = dataset::find_root(&start).unwrap_or(start);
        let entities_loaded = root.join("data").join("entities").is_dir();
        Self {
            workspace: Workspace::new(root.clone(), Config::default(), settings, entities_loaded),
            root,
            open: HashMap::new(),
            entity_files: Vec::new(),
            today,
            pending: Pending {
                config: true,
                entities: true,
                relations: BTreeSet::new(),
            },
            config_shown: false,
            notices: Vec::new(),
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join("relcheck.toml")
    }

    /// What a file at `path` (a real path) is to the dataset.
    pub fn kind_of(&self, path: &Path) -> DocKind {
        if path == self.config_path() {
            return DocKind::Config;
        }
        let is_json = path.extension().is_some_and(|e| e == "json");
        if is_json && path.starts_with(self.root.join("data")) {
            return DocKind::Data(dataset::input(&self.root, &self.root, path));
        }
        DocKind::Other
    }

    /// A document the editor opened.
    pub fn open(&mut self, uri: String, path: PathBuf, version: i32, text: String) {
        self.adopt_dataset_of(&path);
        let kind = self.kind_of(&path);
        self.open.insert(
            path.clone(),
            Open {
                uri,
                version,
                text,
                kind,
                findings: Vec::new(),
                document: None,
                outline: Outline::default(),
            },
        );
        self.changed(&path);
    }

    /// When the editor named no folder that holds a dataset (a file opened on its own), the first
    /// file opened inside one makes it the dataset served.
    fn adopt_dataset_of(&mut self, path: &Path) {
        let has_dataset = |root: &Path| root.join("relcheck.toml").exists() || root.join("data").is_dir();
        if has_dataset(&self.root) {
            return;
        }
        let Some(root) = path.parent().and_then(dataset::find_root) else {
            return;
        };
        if !root.join("data").is_dir() {
            return;
        }
        self.root = root;
        let entities_loaded = self.root.join("data").join("entities").is_dir();
        self.set_config(Config::default());
        self.workspace.entities = EntityIndex::new(entities_loaded);
        self.pending.config = true;
        self.pending.entities = true;
        let kinds: Vec<(PathBuf, DocKind)> = self.open.keys().map(|p| (p.clone(), self.kind_of(p))).collect();
        for (open, kind) in kinds {
            if let Some(doc) = self.open.get_mut(&open) {
                doc.kind = kind;
            }
            self.changed(&open);
        }
    }

    /// Replaces `span` of an open document's text (all of it when `None`) with `text`.
    pub fn edit(&mut self, path: &Path, span: Option<Span>, text: &str) {
        let Some(doc) = self.open.get_mut(path) else { return };
        match span {
            None => text.clone_into(&mut doc.text),
            Some(span) => {
                let end = span.end.min(doc.text.len());
                let start = span.start.min(end);
                doc.text.replace_range(start..end, text);
            }
        }
    }

    /// Marks what depends on the document at `path` as to be checked again.
    pub fn changed(&mut self, path: &Path) {
        let Some(doc) = self.open.get_mut(path) else { return };
        doc.document = None;
        match &doc.kind {
            DocKind::Config => self.pending.config = true,
            DocKind::Data(input) if input.kind == FileKind::Entities => self.pending.entities = true,
            DocKind::Data(_) => {
                self.pending.relations.insert(path.to_path_buf());
            }
            DocKind::Other => {}
        }
    }

    pub fn set_version(&mut self, path: &Path, version: i32) {
        if let Some(doc) = self.open.get_mut(path) {
            doc.version = version;
        }
    }

    /// The editor closed a document: the file on disk counts again, and its findings are cleared.
    pub fn close(&mut self, path: &Path) -> Option<Publication> {
        let doc = self.open.remove(path)?;
        self.pending.relations.remove(path);
        match &doc.kind {
            DocKind::Config => self.pending.config = true,
            DocKind::Data(input) if input.kind == FileKind::Entities => self.pending.entities = true,
            DocKind::Data(_) => {}
            // Nothing was published for it.
            DocKind::Other => return None,
        }
        Some(Publication {
            uri: doc.uri,
            version: None,
            text: String::new(),
            findings: Vec::new(),
            problem: None,
        })
    }

    /// A file changed on disk (the editor's file watcher): what depends on it is checked again,
    /// unless its buffer is open, which wins.
    pub fn changed_on_disk(&mut self, path: &Path) {
        if self.open.contains_key(path) {
            return;
        }
        if path == self.config_path() {
            self.pending.config = true;
        } else if let DocKind::Data(input) = self.kind_of(path) {
            if input.kind == FileKind::Entities {
                self.pending.entities = true;
            } else {
                // A relation file that appears or goes may make an open one a duplicate, or not.
                let relations = self.open.iter().filter(|(_, doc)| is_relation(&doc.kind));
                self.pending.relations.extend(relations.map(|(path, _)| path.clone()));
            }
        }
    }

    /// Checks what edits left pending, and returns the findings to publish.
    pub fn flush(&mut self) -> Vec<Publication> {
        self.workspace.settings.today = self.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let mut out = Vec::new();
        if std::mem::take(&mut self.pending.config) {
            out.extend(self.reload_config());
            self.pending.entities = true;
        }
        if std::mem::take(&mut self.pending.entities) {
            out.extend(self.reindex());
        }
        for path in std::mem::take(&mut self.pending.relations) {
            out.extend(self.check_relation(&path));
        }
        out
    }

    /// Reads relcheck.toml again (its buffer when open). A configuration that does not parse is
    /// shown at its error and the last good one stays in force.
    fn reload_config(&mut self) -> Option<Publication> {
        let path = self.config_path();
        let problem_at = |text: &str, line, column, message: &str| Problem {
            span: span_of(text, line, column),
            message: format!("relcheck.toml cannot be read: {message}"),
        };
        let (config, text, problem) = match self.open.get(&path) {
            Some(doc) => match Config::parse("relcheck.toml".into(), doc.text.clone()) {
                Ok(config) => (Some(config), doc.text.clone(), None),
                Err(e) => (
                    None,
                    doc.text.clone(),
                    Some(problem_at(&doc.text, e.line, e.column, &e.message)),
                ),
            },
            None if std::fs::symlink_metadata(&path).is_err() => (Some(Config::default()), String::new(), None),
            None => match crate::load_config(&self.root, &path) {
                Ok(config) => (Some(config), std::fs::read_to_string(&path).unwrap_or_default(), None),
                Err(Error::Config {
                    line, column, message, ..
                }) => {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    let problem = problem_at(&text, line, column, &message);
                    (None, text, Some(problem))
                }
                Err(other) => {
                    let message = other.to_string();
                    (
                        None,
                        String::new(),
                        Some(Problem {
                            span: Span::default(),
                            message,
                        }),
                    )
                }
            },
        };
        if let Some(config) = config {
            self.set_config(config);
        }
        // Without a configuration read from `text`, the findings of the one in force point elsewhere.
        let mut findings = match problem {
            None => self.workspace.config.own_findings(&[], &[], 0),
            Some(_) => Vec::new(),
        };
        for finding in &mut findings {
            finding.make_printable();
        }
        // A relcheck.toml the editor has not opened is shown only when it has something to show,
        // or had.
        let shows = !findings.is_empty() || problem.is_some();
        let showed = std::mem::replace(&mut self.config_shown, shows);
        if !shows && !showed && !self.open.contains_key(&path) {
            return None;
        }
        Some(Publication {
            uri: self.uri_of(&path),
            version: self.open.get(&path).map(|doc| doc.version),
            text,
            findings,
            problem,
        })
    }

    /// A workspace with `config`, keeping the compiled schemas and the entity index.
    fn set_config(&mut self, config: Config) {
        let entities_loaded = self.workspace.entities.loaded;
        let settings = self.workspace.settings.clone();
        let old = std::mem::replace(
            &mut self.workspace,
            Workspace::new(self.root.clone(), config, settings, entities_loaded),
        );
        self.workspace.schemas = old.schemas;
        self.workspace.entities = old.entities;
    }

    /// Checks every entity file (buffer or disk) and builds the entity index from them, as
    /// `relcheck check` does; every open relation is checked again against it.
    fn reindex(&mut self) -> Vec<Publication> {
        let directory = self.root.join("data").join("entities");
        let mut paths = if directory.is_dir() {
            dataset::json_files(&self.root, &self.root, &directory).unwrap_or_else(|error| {
                self.notices.push(error.to_string());
                Vec::new()
            })
        } else {
            Vec::new()
        };
        // An entity file the editor has open but that is not saved yet is one of them too.
        let unsaved = self.open.iter().filter(|(path, doc)| {
            matches!(&doc.kind, DocKind::Data(input) if input.kind == FileKind::Entities) && !paths.contains(path)
        });
        let unsaved: Vec<PathBuf> = unsaved.map(|(path, _)| path.clone()).collect();
        paths.extend(unsaved);
        paths.sort();
        let inputs: Vec<Input> = paths
            .iter()
            .map(|path| dataset::input(&self.root, &self.root, path))
            .filter(|input| input.kind == FileKind::Entities)
            .collect();
        self.workspace.entities = EntityIndex::new(directory.is_dir() || !inputs.is_empty());
        let mut checked = Vec::new();
        for (file, input) in inputs.iter().enumerate() {
            let bytes = match self.open.get(&input.path) {
                Some(doc) => doc.text.clone().into_bytes(),
                None => match crate::check::read(input, &self.workspace.settings) {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        self.notices.push(error.to_string());
                        continue;
                    }
                },
            };
            match self.workspace.check_text(input, file, bytes, Purpose::Check) {
                Ok(result) => checked.push((file, input, result)),
                Err(error) => self.notices.push(error.to_string()),
            }
        }
        let duplicates = self
            .workspace
            .index_entities(checked.iter().map(|(file, input, result)| (*file, *input, result)));
        let mut out = Vec::new();
        self.entity_files.clear();
        for (file, input, result) in checked {
            if let Some(doc) = self.open.get_mut(&input.path) {
                let mut findings = result.diagnostics;
                findings.extend(duplicates.iter().filter(|d| d.file == file).cloned());
                diagnostics::finish(&self.workspace, input, &mut findings);
                doc.findings = findings;
                out.push(publication(doc, None));
            }
            self.entity_files.push(EntityText {
                input: input.clone(),
                text: result.text,
                document: result.document,
            });
        }
        let relations = self.open.iter().filter(|(_, doc)| is_relation(&doc.kind));
        self.pending.relations.extend(relations.map(|(path, _)| path.clone()));
        out
    }

    /// Checks one open relation against the workspace.
    fn check_relation(&mut self, path: &Path) -> Option<Publication> {
        let doc = self.open.get_mut(path)?;
        let DocKind::Data(input) = &doc.kind else { return None };
        let limit = self.workspace.settings.max_file_size;
        if doc.text.len() as u64 > limit {
            doc.findings.clear();
            doc.document = None;
            let problem = Problem {
                span: Span::default(),
                message: format!(
                    "the document is {} bytes, more than the {limit} bytes relcheck reads; it is not checked (raise the limit with `relcheck lsp --max-file-size`)",
                    doc.text.len()
                ),
            };
            return Some(publication(doc, Some(problem)));
        }
        match diagnostics::relation(&self.workspace, &self.root, input, &doc.text) {
            Ok((findings, document)) => {
                doc.findings = findings;
                if let Some(document) = &document {
                    doc.outline = Outline::of(&document.value);
                }
                doc.document = document;
            }
            Err(error) => self.notices.push(error.to_string()),
        }
        Some(publication(doc, None))
    }

    /// The parsed text of a relation or entity file the editor has open, or of an entity file.
    pub fn parsed(&self, path: &Path) -> Option<(FileKind, &str, &Document)> {
        if let Some(entity) = self.entity_files.iter().find(|e| e.input.path == path) {
            return Some((FileKind::Entities, &entity.text, entity.document.as_ref()?));
        }
        let doc = self.open.get(path)?;
        match &doc.kind {
            DocKind::Data(input) => Some((input.kind, &doc.text, doc.document.as_ref()?)),
            _ => None,
        }
    }

    /// The text of a dataset file: its buffer when open, the indexed text of an entity file, else
    /// the file as read now (`None` when it cannot be read).
    pub fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(doc) = self.open.get(path) {
            return Some(doc.text.clone());
        }
        if let Some(entity) = self.entity_files.iter().find(|e| e.input.path == path) {
            return Some(entity.text.clone());
        }
        let input = dataset::input(&self.root, &self.root, path);
        let bytes = crate::check::read(&input, &self.workspace.settings).ok()?;
        Some(source::decode(bytes).text)
    }

    /// The URI to name a file by: the editor's own when it has the file open.
    pub fn uri_of(&self, path: &Path) -> String {
        match self.open.get(path) {
            Some(doc) => doc.uri.clone(),
            None => super::uri::from_path(path),
        }
    }

    /// Every relation file of the dataset (the files `relcheck check` reads), by real path.
    pub fn relation_files(&self) -> Vec<PathBuf> {
        let mut paths: BTreeSet<PathBuf> = match dataset::plan(&self.root, &[]) {
            Ok(plan) => plan
                .check
                .into_iter()
                .filter(|input| input.kind == FileKind::Relation)
                .map(|input| input.path)
                .collect(),
            Err(_) => BTreeSet::new(),
        };
        // Open buffers not yet saved are part of the dataset too.
        paths.extend(
            self.open
                .iter()
                .filter(|(_, doc)| is_relation(&doc.kind))
                .map(|(path, _)| path.clone()),
        );
        paths.into_iter().collect()
    }
}

impl Outline {
    fn of(value: &serde_json::Value) -> Self {
        let relation = Relation::from_value(value);
        Self {
            references: relation
                .references
                .iter()
                .filter_map(|r| {
                    Some((
                        r.id.as_ref()?.value.to_owned(),
                        r.title.as_ref().map(|t| t.value.to_owned()),
                    ))
                })
                .collect(),
            events: relation
                .events
                .iter()
                .filter_map(|e| {
                    let summary = e.value.get("summary").and_then(serde_json::Value::as_str);
                    Some((
                        e.id.as_ref()?.value.to_owned(),
                        e.date.as_ref().map(|d| d.text.value.to_owned()),
                        summary.map(str::to_owned),
                    ))
                })
                .collect(),
        }
    }
}

fn is_relation(kind: &DocKind) -> bool {
    matches!(kind, DocKind::Data(input) if input.kind == FileKind::Relation)
}

fn publication(doc: &Open, problem: Option<Problem>) -> Publication {
    Publication {
        uri: doc.uri.clone(),
        version: Some(doc.version),
        text: doc.text.clone(),
        findings: doc.findings.clone(),
        problem,
    }
}

/// Parses a text as `relcheck check` does (after a byte-order mark, with the same limits).
pub(crate) fn parse(text: &str, limits: json::Limits) -> Option<Document> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    json::parse(&text[start..], start, limits).ok()
}

/// The byte span of the character at 1-based `line` and `column` (in characters).
fn span_of(text: &str, line: usize, column: usize) -> Span {
    let start = std::iter::once(0)
        .chain(crate::source::lines::line_starts(text))
        .nth(line.saturating_sub(1))
        .unwrap_or(text.len());
    let offset = text[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(at, _)| start + at);
    let end = text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
    Span::new(offset, end)
}
