//! Checking text, not files. A [`Workspace`] holds what checking one document needs besides its
//! text, built once: the compiled schemas, the configuration, the entity index, and where the
//! dataset's folders are. [`Workspace::check_text`] checks one relation or entity document from its
//! bytes; the command line reads files and calls it for each, the language server calls it on the
//! buffers an editor holds. One path, the same findings.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::check::{parse_bytes, Schemas, Settings};
use crate::config::Config;
use crate::dataset::{FileKind, Input};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::entities::{Bound, EntityFile, EntityIndex, EntityInfo, EntityKind};
use crate::model::relation::Relation;
use crate::rules::{self, FileContext};
use crate::source::{Document, Span};

/// Everything a document is checked against.
pub struct Workspace {
    /// The dataset root: where relcheck.toml is (or would be).
    pub root: PathBuf,
    pub schemas: Schemas,
    pub config: Config,
    pub settings: Settings,
    /// Every entity id of the dataset, from the entity files.
    pub entities: EntityIndex,
    /// Codes of the rules the configuration turns off: they are not run.
    off: Vec<&'static str>,
}

/// Whether an entity file is checked, or read only for the ids relations resolve against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Check,
    IdsOnly,
}

/// What checking one document found, and what the rest of the dataset needs to know of it.
pub struct Checked {
    /// The text as decoded (invalid UTF-8 replaced), which the findings' spans point into.
    pub text: String,
    /// The parsed document; `None` when the text is not JSON.
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// A relation's `id` and where it is written.
    pub relation_id: Option<(String, Option<Span>)>,
    /// The entities an entity file defines, and the kind its `kind` names.
    pub entities: Vec<DefinedEntity>,
    pub entity_kind: Option<EntityKind>,
    /// What the checks found wrong (see `rules::known`), for judging the exceptions of the file.
    pub known: rules::known::Known,
    /// The entity ids the document names: a relation's parties, actors, roles…; an entity file's
    /// `country` fields.
    pub names: Vec<String>,
}

/// An entity as its file defines it, before the dataset's index is built.
#[derive(Debug, Clone)]
pub struct DefinedEntity {
    pub id: String,
    /// The pointer of its id, and where the id is written.
    pub pointer: String,
    pub span: Option<Span>,
    pub name: Option<String>,
    pub start: Option<Bound>,
    pub end: Option<Bound>,
}

/// How many findings of each severity a file had beyond those the report lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

impl Omitted {
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos + self.suppressed
    }
}

impl Workspace {
    /// A workspace for the dataset at `root`, with its configuration; the entity index starts
    /// empty (`index_entities` fills it). `entities_loaded` says whether the dataset has entity
    /// files at all: without them, ids are not resolved.
    pub fn new(root: PathBuf, config: Config, settings: Settings, entities_loaded: bool) -> Self {
        Self {
            root,
            schemas: Schemas::builtin(),
            off: config.off_rules(),
            config,
            settings,
            entities: EntityIndex::new(entities_loaded),
        }
    }

    /// Builds the entity index from checked entity files (in order: the first definition of an id
    /// wins), and reports ids defined again in a later file.
    pub fn index_entities<'c>(
        &mut self,
        files: impl IntoIterator<Item = (usize, &'c Input, &'c Checked)>,
    ) -> Vec<Diagnostic> {
        let mut defined = Vec::new();
        for (file, input, checked) in files {
            let kind = checked.entity_kind.or_else(|| kind_from_file_name(&input.path));
            for entity in &checked.entities {
                if let Some(kind) = kind {
                    let info = EntityInfo {
                        kind,
                        name: entity.name.clone(),
                        start: entity.start.clone(),
                        end: entity.end.clone(),
                    };
                    // An id written in the wrong case (`se` for `SE`) is its file's finding; the
                    // relations that write it rightly resolve, so one mistake is one finding.
                    if let Some(canonical) = kind.canonical_id(&entity.id) {
                        self.entities.insert(&canonical, info.clone());
                    }
                    self.entities.insert(&entity.id, info);
                }
                defined.push(rules::identity::duplicate_id::EntityDefinition {
                    file,
                    path: &input.display,
                    id: &entity.id,
                    pointer: &entity.pointer,
                    span: entity.span,
                });
            }
        }
        rules::identity::duplicate_id::across_entity_files(&defined)
    }

    /// Checks one document from its bytes. `file` is the document's index in the run, which its
    /// findings carry. Encoding and syntax problems are findings; only a schema that does not
    /// compile is an error.
    pub fn check_text(&self, input: &Input, file: usize, bytes: Vec<u8>, purpose: Purpose) -> Result<Checked, Error> {
        let loaded = parse_bytes(bytes, file, self.settings.limits);
        let mut checked = Checked {
            text: loaded.text,
            document: loaded.document,
            diagnostics: loaded.diagnostics,
            relation_id: None,
            entities: Vec::new(),
            entity_kind: None,
            known: Default::default(),
            names: Vec::new(),
        };
        let Some(document) = &checked.document else {
            return Ok(checked);
        };
        let expected = self.expected_schema(input);
        let context = FileContext {
            file,
            stem: input.path.file_stem().and_then(|s| s.to_str()),
            text: &checked.text,
            document,
            entities: &self.entities,
            today: self.settings.today,
            expected_schema: expected.as_deref(),
            folder: input.path.parent(),
            off: &self.off,
            suggestions: Default::default(),
            known: std::mem::take(&mut checked.known),
            described: crate::check::described_errors(self.settings.max_findings_per_file),
        };
        let mut found = Vec::new();
        match input.kind {
            FileKind::Relation => {
                rules::schema::check(&context, self.schemas.relation()?, &document.value, &mut found);
                let relation = Relation::from_value(&document.value);
                rules::check_relation(&context, &relation, &mut found);
                checked.names = relation
                    .entity_uses
                    .iter()
                    .map(|used| used.id.value.to_owned())
                    .collect();
                checked.relation_id = relation
                    .id
                    .map(|id| (id.value.to_owned(), context.value_span(&id.pointer())));
            }
            FileKind::Entities => {
                let entities = EntityFile::from_value(&document.value);
                if purpose == Purpose::Check {
                    rules::schema::check(&context, self.schemas.entities()?, &document.value, &mut found);
                    rules::check_entities(&context, &entities, &mut found);
                }
                checked.entity_kind = entities.kind;
                checked.names = document
                    .value
                    .get("entities")
                    .and_then(serde_json::Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|entity| entity.get("country")?.as_str().map(str::to_owned))
                    .collect();
                checked.entities = defined_entities(&context, &entities, purpose);
            }
        }
        checked.known = context.known;
        checked.diagnostics.extend(found);
        Ok(checked)
    }

    /// Marks as used the exceptions for this file that its findings cannot be judged against: all
    /// of them when the file is not JSON (nothing was checked), and those whose pointer leads
    /// through a member that is missing or misspelt (its findings are that member's).
    /// With `partly`, the file's own findings are not reported (a relation checked only for what an
    /// entity file decides), and so none of its exceptions can be judged.
    pub fn excuse_exceptions(&self, checked: &Checked, from_root: &str, partly: bool, used: &[AtomicBool]) {
        for (i, exception) in self.config.exceptions.iter().enumerate() {
            if exception.file != from_root {
                continue;
            }
            let excused = match &checked.document {
                _ if partly => true,
                None => true,
                Some(document) => {
                    document.locate(&checked.text, &exception.pointer).is_none()
                        && absent_on_the_way(&checked.known, &exception.pointer)
                }
            };
            if excused {
                if let Some(flag) = used.get(i) {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
    }

    /// Applies the configuration to one file's findings (levels, exceptions, marking in `used`
    /// the exceptions that accepted one), sorts them, and keeps the first
    /// `--max-findings-per-file`; says how many more there were.
    pub fn finish(&self, diagnostics: &mut Vec<Diagnostic>, from_root: &str, used: &[AtomicBool]) -> Omitted {
        self.settle(diagnostics, from_root, used);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        crate::check::cap_findings(diagnostics, self.settings.max_findings_per_file)
    }

    /// Applies the configuration to one file's findings (levels, exceptions), then keeps one
    /// finding per place among those that count (`rules::one_finding_per_place`): an accepted
    /// finding is never folded into another.
    pub fn settle(&self, diagnostics: &mut Vec<Diagnostic>, from_root: &str, used: &[AtomicBool]) {
        self.config.apply_to_file(diagnostics, from_root, used);
        let (mut counted, accepted): (Vec<Diagnostic>, Vec<Diagnostic>) = std::mem::take(diagnostics)
            .into_iter()
            .partition(|d| d.suppressed.is_none());
        rules::one_finding_per_place(&mut counted);
        *diagnostics = counted;
        diagnostics.extend(accepted);
    }

    /// The `$schema` a file of this kind should carry: the path from its folder to the dataset's
    /// schema, when the dataset has one.
    pub fn expected_schema(&self, input: &Input) -> Option<String> {
        expected_schema(&self.root, input)
    }
}

/// Whether a member on the way to `pointer` was reported missing or misspelt.
fn absent_on_the_way(known: &rules::known::Known, pointer: &str) -> bool {
    let mut at = Some(pointer);
    while let Some(here) = at {
        let (Some(parent), Some(token)) = (
            crate::source::pointer::parent(here),
            crate::source::pointer::last_token(here),
        ) else {
            break;
        };
        if known.absence_reported(parent, &token) {
            return true;
        }
        at = Some(parent);
    }
    false
}

/// The `$schema` a file should carry, from where it really is to `<root>/schema/<kind>.schema.json`.
pub fn expected_schema(root: &Path, input: &Input) -> Option<String> {
    let name = match input.kind {
        FileKind::Relation => "relation.schema.json",
        FileKind::Entities => "entities.schema.json",
    };
    let schema = root.join("schema").join(name);
    let folder = input.path.parent()?;
    schema.is_file().then(|| crate::dataset::display_path(folder, &schema))
}

/// The entities of an entity file; where each id is written only when the file is checked (only
/// then are its findings reported).
fn defined_entities(context: &FileContext, entities: &EntityFile, purpose: Purpose) -> Vec<DefinedEntity> {
    entities
        .entities
        .iter()
        .filter_map(|e| {
            let id = e.id.as_ref()?;
            let pointer = id.pointer();
            let owned = |t: &Option<crate::model::DateText>| t.as_ref().map(Bound::from);
            Some(DefinedEntity {
                id: id.value.to_owned(),
                span: (purpose == Purpose::Check)
                    .then(|| context.value_span(&pointer))
                    .flatten(),
                pointer,
                name: e.name.map(str::to_owned),
                start: owned(&e.start),
                end: owned(&e.end),
            })
        })
        .collect()
}

fn kind_from_file_name(path: &Path) -> Option<EntityKind> {
    let stem = path.file_stem()?.to_str()?;
    EntityKind::from_file_kind(stem)
}
