//! The path of one file through the tool: read → decode → parse with spans → schema → model → rules.
//! Entity files go first (their ids are what relations resolve against); relation files are then
//! checked in parallel. Each file is read and parsed once.

use ahash::AHashMap as HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;

use crate::config::Config;
use crate::dataset::{FileKind, Input, Plan};
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::model::entities::{Bound, EntityFile, EntityIndex, EntityInfo, EntityKind};
use crate::model::relation::Relation;
use crate::rules::identity::duplicate_relation::RelationId;
use crate::rules::schema::CompiledSchema;
use crate::rules::{self, FileContext};
use crate::source::{self, json, Document, Excerpt, Limits, SourceFile};

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub today: NaiveDate,
    pub limits: Limits,
    pub max_file_size: u64,
}

/// The dataset's two schemas, each compiled once per process, and only when a file needs it (a
/// pre-commit run on one relation file never pays for the entity schema).
#[derive(Default)]
pub struct Schemas {
    relation: OnceLock<Result<CompiledSchema, String>>,
    entities: OnceLock<Result<CompiledSchema, String>>,
}

pub const RELATION_SCHEMA: &str = include_str!("../schema/relation.schema.json");
pub const ENTITIES_SCHEMA: &str = include_str!("../schema/entities.schema.json");

impl Schemas {
    pub fn builtin() -> Self {
        Self::default()
    }

    pub fn relation(&self) -> Result<&CompiledSchema, Error> {
        Self::get(&self.relation, "relation.schema.json", RELATION_SCHEMA)
    }

    pub fn entities(&self) -> Result<&CompiledSchema, Error> {
        Self::get(&self.entities, "entities.schema.json", ENTITIES_SCHEMA)
    }

    fn get<'s>(
        cell: &'s OnceLock<Result<CompiledSchema, String>>,
        name: &str,
        text: &str,
    ) -> Result<&'s CompiledSchema, Error> {
        let compiled = cell.get_or_init(|| {
            let document: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            CompiledSchema::compile_builtin(name, document)
        });
        compiled.as_ref().map_err(|reason| Error::Schema {
            name: name.into(),
            reason: reason.clone(),
        })
    }
}

/// Everything a run found, ready for a renderer.
#[derive(Debug, Default)]
pub struct Report {
    /// Every checked file, sorted by path; the text is kept only for files with findings.
    pub files: Vec<SourceFile>,
    /// Sorted by (file, position, code).
    pub diagnostics: Vec<Diagnostic>,
    /// Things the user should know that are not findings in a file.
    pub notices: Vec<String>,
    /// How many data files were checked (`files` may also hold relcheck.toml, for its findings).
    pub checked: usize,
}

impl Report {
    /// Findings of `severity` that count: those no exception accepted.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity && d.suppressed.is_none())
            .count()
    }

    /// Findings that an exception in relcheck.toml accepted.
    pub fn suppressed(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.suppressed.is_some()).count()
    }
}

/// One file read and parsed.
pub struct Loaded {
    pub text: String,
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses one file; encoding and syntax problems are findings, I/O failures are errors.
///
/// The file type is checked before the file is opened (opening a FIFO would block until something
/// writes to it; a device such as /dev/zero never ends), again on the open handle, and the read is
/// bounded by `max_file_size` even if the file grows after it was measured.
pub fn load(input: &Input, file: usize, settings: &Settings) -> Result<Loaded, Error> {
    use std::io::Read;
    let read_error = |source| Error::Read {
        path: input.display.clone(),
        source,
    };
    let not_regular = |metadata: &std::fs::Metadata| !metadata.is_file();
    let metadata = std::fs::metadata(&input.path).map_err(read_error)?;
    if not_regular(&metadata) {
        return Err(Error::NotAFile(input.display.clone()));
    }
    let too_large = |size: u64| Error::TooLarge {
        path: input.display.clone(),
        size,
        limit: settings.max_file_size,
    };
    if metadata.len() > settings.max_file_size {
        return Err(too_large(metadata.len()));
    }
    let handle = std::fs::File::open(&input.path).map_err(read_error)?;
    let metadata = handle.metadata().map_err(read_error)?;
    if not_regular(&metadata) {
        return Err(Error::NotAFile(input.display.clone()));
    }
    if metadata.len() > settings.max_file_size {
        return Err(too_large(metadata.len()));
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    handle
        .take(settings.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > settings.max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(parse_bytes(bytes, file, settings.limits))
}

fn parse_bytes(bytes: Vec<u8>, file: usize, limits: Limits) -> Loaded {
    let decoded = source::decode(bytes);
    let mut diagnostics = Vec::new();
    if let Some(error) = &decoded.error {
        diagnostics.push(rules::parse::encoding(file, error));
        if !error.recoverable {
            return Loaded {
                text: decoded.text,
                document: None,
                diagnostics,
            };
        }
    }
    let document = match json::parse(&decoded.text[decoded.json_start..], decoded.json_start, limits) {
        Ok(document) => {
            diagnostics.extend(document.duplicates.iter().map(|d| rules::parse::duplicate_key(file, d)));
            Some(document)
        }
        Err(error) => {
            diagnostics.push(rules::parse::syntax(file, *error));
            None
        }
    };
    Loaded {
        text: decoded.text,
        document,
        diagnostics,
    }
}

/// Runs the whole check.
pub fn run(plan: &Plan, schemas: &Schemas, config: &Config, settings: &Settings) -> Result<Report, Error> {
    // Every file has one id: its index among the checked files, or after them for entity files
    // that are loaded only to resolve ids.
    let mut ids: HashMap<&Path, usize> = HashMap::new();
    for (i, input) in plan.check.iter().enumerate() {
        ids.insert(&input.path, i);
    }
    let mut all: Vec<&Input> = plan.check.iter().collect();
    for input in &plan.entities {
        if !ids.contains_key(input.path.as_path()) {
            ids.insert(&input.path, all.len());
            all.push(input);
        }
    }

    // Rules the configuration turns off are not run at all.
    let off = config.off_rules();
    let entity_inputs: Vec<(usize, &Input)> = all
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == FileKind::Entities)
        .map(|(file, &i)| (file, i))
        .collect();
    // The dataset has a handful of small entity files: not worth waking the thread pool for.
    let entity_outcomes: Vec<Outcome> = entity_inputs
        .iter()
        .map(|&(file, input)| {
            check_entities(
                input,
                file,
                file < plan.check.len(),
                schemas,
                expected_schema(&plan.root, input),
                settings,
                &off,
            )
        })
        .collect::<Result<_, _>>()?;

    let mut index = EntityIndex::new(plan.entities_dir.is_some());
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut first_file: HashMap<String, usize> = HashMap::new();
    for (mut outcome, &(file, input)) in entity_outcomes.into_iter().zip(&entity_inputs) {
        let kind = outcome.entity_kind.or_else(|| kind_from_file_name(&input.path));
        for DefinedEntity {
            id,
            pointer,
            name,
            start,
            end,
        } in std::mem::take(&mut outcome.entities)
        {
            if let Some(kind) = kind {
                index.insert(&id, EntityInfo { kind, name, start, end });
            }
            match first_file.get(&id) {
                Some(&earlier) if earlier != file => {
                    let earlier_path = &all[earlier].display;
                    let span = outcome.document_span(&pointer);
                    outcome.diagnostics.push(
                        Diagnostic::new(
                            &rules::identity::duplicate_id::RULE,
                            file,
                            &pointer,
                            format!("entity id {} is already defined in {earlier_path}", rules::quote(&id)),
                        )
                        .primary(span, "defined again here")
                        .help("entity ids are unique across all entity files; rename one of the two and update the relations that use it"),
                    );
                }
                Some(_) => {}
                None => {
                    first_file.insert(id, file);
                }
            }
        }
        outcome.excerpt = Excerpt::of_spans(&outcome.text, outcome.diagnostics.iter().flat_map(Diagnostic::spans));
        outcomes.push(outcome);
    }

    let relation_inputs: Vec<(usize, &Input)> = plan
        .check
        .iter()
        .enumerate()
        .filter(|(_, input)| input.kind == FileKind::Relation)
        .collect();
    // Relation files share a few folders: the expected `$schema` is worked out once for each.
    let mut expected: HashMap<Option<&Path>, Option<String>> = HashMap::new();
    for (_, input) in &relation_inputs {
        expected
            .entry(input.path.parent())
            .or_insert_with(|| expected_schema(&plan.root, input));
    }
    let check_one = |&(file, input): &(usize, &Input)| {
        let expected = expected.get(&input.path.parent()).cloned().flatten();
        let mut outcome = check_relation(input, file, schemas, &index, expected, settings, &off)?;
        // Findings of the schema's rules that are off are dropped here (other rules that are off do
        // not run), and of the text only the lines that the findings show are kept (and the line of
        // the relation's id, which a duplicate-relation finding may show), so memory follows the
        // findings, not the dataset.
        outcome
            .diagnostics
            .retain(|d| config.level(d.rule).severity().is_some());
        outcome.diagnostics.shrink_to_fit();
        let id_span = outcome.relation_id.as_ref().and_then(|(_, span)| *span);
        let spans = outcome.diagnostics.iter().flat_map(Diagnostic::spans).chain(id_span);
        outcome.excerpt = Excerpt::of_spans(&outcome.text, spans);
        outcome.text = String::new();
        Ok::<Outcome, Error>(outcome)
    };
    // One file (the pre-commit case) is checked on this thread: starting workers would cost more.
    let relation_outcomes: Vec<Outcome> = if relation_inputs.len() > 1 {
        relation_inputs.par_iter().map(check_one).collect::<Result<_, _>>()?
    } else {
        relation_inputs.iter().map(check_one).collect::<Result<_, _>>()?
    };

    let checked_ids: Vec<RelationId> = relation_inputs
        .iter()
        .zip(&relation_outcomes)
        .filter_map(|(&(file, input), outcome)| {
            let (id, span) = outcome.relation_id.clone()?;
            Some(RelationId {
                file,
                id,
                span,
                path: input.display.clone(),
            })
        })
        .collect();
    // Files named after the same pair, in either order, that this run does not check.
    let mut other_ids: Vec<RelationId> = Vec::new();
    if let Some(dir) = &plan.relations_dir {
        let checked_paths: std::collections::HashSet<&Path> = plan.check.iter().map(|i| i.path.as_path()).collect();
        let mut seen = std::collections::HashSet::new();
        for relation in &checked_ids {
            let Some((a, b)) = relation.id.split_once('-') else {
                continue;
            };
            for name in [format!("{a}-{b}"), format!("{b}-{a}")] {
                let path = dir.join(format!("{name}.json"));
                if !checked_paths.contains(path.as_path()) && !seen.contains(&name) && path.is_file() {
                    seen.insert(name.clone());
                    let path = crate::dataset::display_path(&plan.cwd, &path);
                    other_ids.push(RelationId {
                        file: usize::MAX,
                        id: name,
                        span: None,
                        path,
                    });
                }
            }
        }
    }
    let mut dataset_findings = Vec::new();
    rules::identity::duplicate_relation::check(&checked_ids, &other_ids, &mut dataset_findings);

    // Entity files outside the checked set were loaded for their ids only.
    let checked = plan.check.len();
    let mut findings: Vec<(usize, Outcome)> = outcomes
        .into_iter()
        .zip(entity_inputs.iter().map(|&(file, _)| file))
        .filter(|&(_, file)| file < checked)
        .map(|(outcome, file)| (file, outcome))
        .chain(relation_inputs.iter().map(|&(file, _)| file).zip(relation_outcomes))
        .collect();
    findings.sort_by_key(|(file, _)| *file);

    let mut report = Report {
        files: plan
            .check
            .iter()
            .map(|input| SourceFile::unshown(input.display.clone()))
            .collect(),
        checked: plan.check.len(),
        ..Report::default()
    };
    for diagnostic in dataset_findings {
        if let Some((_, outcome)) = findings.iter_mut().find(|(file, _)| *file == diagnostic.file) {
            outcome.diagnostics.push(diagnostic);
        }
    }
    for (file, outcome) in findings {
        if !outcome.diagnostics.is_empty() {
            report.files[file].excerpt = outcome.excerpt;
            report.diagnostics.extend(outcome.diagnostics);
        }
    }
    let from_root: Vec<String> = plan.check.iter().map(|input| input.from_root.clone()).collect();
    let config_findings = config.apply(&mut report.diagnostics, &from_root, report.files.len());
    if let (Some(source), false) = (&config.source, config_findings.is_empty()) {
        report.files.push(source.clone());
        report.diagnostics.extend(config_findings);
    }
    report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    if plan.entities_dir.is_none() && !relation_inputs.is_empty() {
        report
            .notices
            .push("no data/entities directory found: entity ids were not resolved".into());
    }
    Ok(report)
}

fn kind_from_file_name(path: &Path) -> Option<EntityKind> {
    let stem = path.file_stem()?.to_str()?;
    EntityKind::from_file_kind(stem)
}

/// An entity as an entity file defines it, before the dataset's index is built.
struct DefinedEntity {
    id: String,
    /// The pointer of its id, for duplicate-id across files.
    pointer: String,
    name: Option<String>,
    start: Option<Bound>,
    end: Option<Bound>,
}

/// What checking one file produced.
struct Outcome {
    text: String,
    /// The lines findings show, once the text is no longer needed.
    excerpt: Excerpt,
    diagnostics: Vec<Diagnostic>,
    document: Option<Document>,
    entity_kind: Option<EntityKind>,
    /// A relation file's `id` and where it is written.
    relation_id: Option<(String, Option<source::Span>)>,
    /// The entities an entity file defines.
    entities: Vec<DefinedEntity>,
}

impl Outcome {
    fn document_span(&self, pointer: &str) -> Option<source::Span> {
        self.document.as_ref()?.locate(&self.text, pointer).map(|l| l.value)
    }
}

fn check_entities(
    input: &Input,
    file: usize,
    checked: bool,
    schemas: &Schemas,
    expected_schema: Option<String>,
    settings: &Settings,
    off: &[&'static str],
) -> Result<Outcome, Error> {
    let loaded = load(input, file, settings)?;
    let mut outcome = Outcome {
        text: loaded.text,
        excerpt: Excerpt::default(),
        diagnostics: loaded.diagnostics,
        document: loaded.document,
        entity_kind: None,
        relation_id: None,
        entities: Vec::new(),
    };
    let Some(document) = &outcome.document else {
        return Ok(outcome);
    };
    let entities = EntityFile::from_value(&document.value);
    let empty = EntityIndex::default();
    let context = FileContext {
        file,
        stem: None,
        text: &outcome.text,
        document,
        entities: &empty,
        today: settings.today,
        expected_schema: expected_schema.as_deref(),
        folder: input.path.parent(),
        off,
    };
    let mut diagnostics = Vec::new();
    // Entity files outside the checked set are read for their ids only.
    if checked {
        rules::schema::check(&context, schemas.entities()?, &document.value, &mut diagnostics);
        rules::check_entities(&context, &entities, &mut diagnostics);
    }
    outcome.entity_kind = entities.kind;
    outcome.entities = entities
        .entities
        .iter()
        .filter_map(|e| {
            let id = e.id.as_ref()?;
            let owned = |t: &Option<crate::model::DateText>| t.as_ref().map(Bound::from);
            Some(DefinedEntity {
                id: id.value.to_owned(),
                pointer: id.pointer(),
                name: e.name.map(str::to_owned),
                start: owned(&e.start),
                end: owned(&e.end),
            })
        })
        .collect();
    outcome.diagnostics.extend(diagnostics);
    Ok(outcome)
}

fn check_relation(
    input: &Input,
    file: usize,
    schemas: &Schemas,
    entities: &EntityIndex,
    expected_schema: Option<String>,
    settings: &Settings,
    off: &[&'static str],
) -> Result<Outcome, Error> {
    let loaded = load(input, file, settings)?;
    let mut diagnostics = loaded.diagnostics;
    let mut relation_id = None;
    if let Some(document) = &loaded.document {
        let stem = input.path.file_stem().and_then(|s| s.to_str());
        let context = FileContext {
            file,
            stem,
            text: &loaded.text,
            document,
            entities,
            today: settings.today,
            expected_schema: expected_schema.as_deref(),
            folder: input.path.parent(),
            off,
        };
        rules::schema::check(&context, schemas.relation()?, &document.value, &mut diagnostics);
        let relation = Relation::from_value(&document.value);
        rules::check_relation(&context, &relation, &mut diagnostics);
        relation_id = relation
            .id
            .map(|id| (id.value.to_owned(), context.value_span(&id.pointer())));
    }
    Ok(Outcome {
        text: loaded.text,
        excerpt: Excerpt::default(),
        diagnostics,
        document: None,
        entity_kind: None,
        relation_id,
        entities: Vec::new(),
    })
}

/// The `$schema` a file of `kind` should carry: the path from its folder to the dataset's schema.
fn expected_schema(root: &Path, input: &Input) -> Option<String> {
    let name = match input.kind {
        FileKind::Relation => "relation.schema.json",
        FileKind::Entities => "entities.schema.json",
    };
    let schema = root.join("schema").join(name);
    let folder = input.path.parent()?;
    schema.is_file().then(|| crate::dataset::display_path(folder, &schema))
}
