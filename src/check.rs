//! A run of `relcheck check`, in phases: read and check the entity files, index their ids, check the
//! relation files in parallel against that index, compare relations across files, then apply the
//! configuration and assemble the report. Each file is read and parsed once; what happens to one
//! document's text is `Workspace::check_text`, shared with the language server.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;

use crate::config::Config;
use crate::dataset::{FileKind, Input, Plan};
use crate::diagnostics::{escape, Diagnostic, Severity};
use crate::error::Error;
use crate::rules::identity::duplicate_relation::RelationId;
use crate::rules::schema::CompiledSchema;
use crate::rules::{self};
use crate::source::{self, json, Document, Excerpt, Limits, SourceFile};
use crate::workspace::{Checked, Omitted, Purpose, Workspace};

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub today: NaiveDate,
    pub limits: Limits,
    pub max_file_size: u64,
    /// The most findings a report lists for one file (0: no limit); the rest are counted.
    pub max_findings_per_file: usize,
}

/// The default of `--max-findings-per-file`: more findings than this in one file are one problem
/// repeated, and listing them all would only bury the others.
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

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
    /// Per file, the findings beyond `--max-findings-per-file` that are counted but not listed.
    pub omitted: Vec<(usize, Omitted)>,
    /// Every file the run read or depends on (data, entities, schemas, configuration): no report
    /// may be written over one of them.
    pub inputs: Vec<std::path::PathBuf>,
}

impl Report {
    /// Findings of `severity` that count: those no exception accepted, listed or not.
    pub fn count(&self, severity: Severity) -> usize {
        let listed = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity && d.suppressed.is_none())
            .count();
        let omitted: usize = self
            .omitted
            .iter()
            .map(|(_, o)| match severity {
                Severity::Error => o.errors,
                Severity::Warning => o.warnings,
                Severity::Info => o.infos,
            })
            .sum();
        listed + omitted
    }

    /// Findings that an exception in relcheck.toml accepted, listed or not.
    pub fn suppressed(&self) -> usize {
        let listed = self.diagnostics.iter().filter(|d| d.suppressed.is_some()).count();
        listed + self.omitted.iter().map(|(_, o)| o.suppressed).sum::<usize>()
    }

    /// Findings counted but not listed (`--max-findings-per-file`).
    pub fn not_listed(&self) -> usize {
        self.omitted.iter().map(|(_, o)| o.total()).sum()
    }

    /// Makes every text of the report safe to print, once, for every format: wording quotes data,
    /// paths and configuration, and no control character, ANSI escape or bidirectional override in
    /// them may reach a terminal, a CI log or a SARIF viewer raw (see `diagnostics::escape`).
    pub fn make_printable(&mut self) {
        for diagnostic in &mut self.diagnostics {
            diagnostic.make_printable();
        }
        for notice in &mut self.notices {
            escape::in_place(notice, escape::visible);
        }
        for file in &mut self.files {
            escape::in_place(&mut file.path, escape::visible);
        }
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
    Ok(parse_bytes(read(input, settings)?, file, settings.limits))
}

/// The bytes of one file; see `load`.
pub fn read(input: &Input, settings: &Settings) -> Result<Vec<u8>, Error> {
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
        option: " (raise it with --max-file-size)",
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
    Ok(bytes)
}

/// Decodes and parses a file's bytes; encoding and syntax problems are findings.
pub(crate) fn parse_bytes(bytes: Vec<u8>, file: usize, limits: Limits) -> Loaded {
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
pub fn run(plan: &Plan, config: Config, settings: &Settings) -> Result<Report, Error> {
    let files = Files::of(plan);
    let mut workspace = Workspace::new(plan.root.clone(), config, settings.clone(), plan.entities_dir.is_some());
    let used = workspace.config.exception_flags();

    let mut entity_files = check_entity_files(&workspace, &files)?;
    let duplicate_entities = workspace.index_entities(
        entity_files
            .iter()
            .map(|(file, checked)| (*file, files.all[*file], checked)),
    );
    let relation_files = check_relation_files(&workspace, &files, &plan.dependents, &used)?;
    let duplicate_relations = duplicate_relations(plan, &files, &relation_files);
    let unused_entities = unused_entities(plan, &files, &entity_files, &relation_files);

    let mut report = Report {
        files: plan
            .check
            .iter()
            .map(|input| SourceFile::unshown(input.display.clone()))
            .collect(),
        checked: plan.check.len(),
        inputs: inputs_of(plan),
        ..Report::default()
    };
    // Entity files outside the checked set were read for their ids only.
    entity_files.retain(|(file, _)| *file < files.checked);
    for (file, checked) in entity_files {
        workspace.excuse_exceptions(&checked, &files.all[file].from_root, false, &used);
        let mut diagnostics = checked.diagnostics;
        diagnostics.extend(duplicate_entities.iter().filter(|d| d.file == file).cloned());
        diagnostics.extend(unused_entities.iter().filter(|d| d.file == file).cloned());
        let omitted = workspace.finish(&mut diagnostics, &files.all[file].from_root, &used);
        let excerpt = Excerpt::of_spans(&checked.text, diagnostics.iter().flat_map(Diagnostic::spans));
        report.add_file(file, excerpt, diagnostics, omitted);
    }
    for outcome in relation_files {
        let mut diagnostics = outcome.diagnostics;
        let mut across: Vec<Diagnostic> = duplicate_relations
            .iter()
            .filter(|d| d.file == outcome.file)
            .cloned()
            .collect();
        workspace
            .config
            .apply_to_file(&mut across, &files.all[outcome.file].from_root, &used);
        diagnostics.extend(across);
        report.add_file(outcome.file, outcome.excerpt, diagnostics, outcome.omitted);
    }

    let from_root: Vec<String> = plan.check.iter().map(|input| input.from_root.clone()).collect();
    let config_findings = workspace.config.own_findings(&used, &from_root, report.files.len());
    if let (Some(source), false) = (&workspace.config.source, config_findings.is_empty()) {
        report.files.push(source.clone());
        report.diagnostics.extend(config_findings);
    }
    if plan.entities_dir.is_none() && !files.relations.is_empty() {
        report
            .notices
            .push("no data/entities directory found: entity ids were not resolved".into());
    }
    report.note_omitted(workspace.settings.max_findings_per_file);
    report.make_printable();
    report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(report)
}

impl Report {
    /// Adds one file's findings, and the lines of its text they show.
    fn add_file(&mut self, file: usize, excerpt: Excerpt, diagnostics: Vec<Diagnostic>, omitted: Omitted) {
        if omitted.total() > 0 {
            self.omitted.push((file, omitted));
        }
        if !diagnostics.is_empty() {
            self.files[file].excerpt = excerpt;
            self.diagnostics.extend(diagnostics);
        }
    }

    /// A notice for each file whose findings were not all listed.
    pub(crate) fn note_omitted(&mut self, cap: usize) {
        for (file, omitted) in &self.omitted {
            let more = omitted.total();
            let (findings, are) = if more == 1 {
                ("finding", "is")
            } else {
                ("findings", "are")
            };
            self.notices.push(format!(
                "{}: {more} more {findings} {are} counted but not listed (a report lists the first {cap} of each file; `--max-findings-per-file 0` lists them all)",
                self.files[*file].path
            ));
        }
    }
}

/// How many schema errors of a file are described in full when a report lists at most `cap`
/// findings of it: a margin over `cap`, since one mistake's errors are often told as one finding.
pub fn described_errors(cap: usize) -> usize {
    if cap == 0 {
        usize::MAX
    } else {
        cap.saturating_mul(4)
    }
}

/// Keeps the first `cap` findings of one file's (sorted) findings and counts the rest (`cap` 0:
/// keeps them all).
pub fn cap_findings(diagnostics: &mut Vec<Diagnostic>, cap: usize) -> Omitted {
    let mut omitted = Omitted::default();
    if cap == 0 || diagnostics.len() <= cap {
        return omitted;
    }
    for diagnostic in diagnostics.drain(cap..) {
        let count = match (diagnostic.suppressed.is_some(), diagnostic.severity) {
            (true, _) => &mut omitted.suppressed,
            (false, Severity::Error) => &mut omitted.errors,
            (false, Severity::Warning) => &mut omitted.warnings,
            (false, Severity::Info) => &mut omitted.infos,
        };
        *count += 1;
    }
    diagnostics.shrink_to_fit();
    omitted
}

/// The files of a run, each with one index: the checked files first, in order, then the entity
/// files that are read only to resolve ids.
struct Files<'p> {
    all: Vec<&'p Input>,
    /// How many of them are checked: `all[..checked]`.
    checked: usize,
    entities: Vec<usize>,
    relations: Vec<usize>,
}

impl<'p> Files<'p> {
    fn of(plan: &'p Plan) -> Self {
        let mut all: Vec<&Input> = plan.check.iter().collect();
        let checked: std::collections::HashSet<&Path> = plan.check.iter().map(|i| i.path.as_path()).collect();
        all.extend(
            plan.entities
                .iter()
                .filter(|input| !checked.contains(input.path.as_path())),
        );
        let of_kind = |kind: FileKind| (0..all.len()).filter(|&i| all[i].kind == kind).collect();
        let entities = of_kind(FileKind::Entities);
        let relations = (0..plan.check.len())
            .filter(|&i| all[i].kind == FileKind::Relation)
            .collect();
        Self {
            all,
            checked: plan.check.len(),
            entities,
            relations,
        }
    }
}

/// Reads and checks every entity file (the dataset has a handful of small ones: not worth waking
/// the thread pool for).
fn check_entity_files(workspace: &Workspace, files: &Files) -> Result<Vec<(usize, Checked)>, Error> {
    files
        .entities
        .iter()
        .map(|&file| {
            let input = files.all[file];
            let purpose = if file < files.checked {
                Purpose::Check
            } else {
                Purpose::IdsOnly
            };
            let bytes = read(input, &workspace.settings)?;
            Ok((file, workspace.check_text(input, file, bytes, purpose)?))
        })
        .collect()
}

/// One relation file checked: its findings, finished (configuration applied, capped), and the lines
/// they show; the text itself is not kept, so memory follows the findings, not the dataset.
struct RelationOutcome {
    file: usize,
    /// The entity ids it names, and whether it could be read at all.
    names: Vec<String>,
    parsed: bool,
    diagnostics: Vec<Diagnostic>,
    omitted: Omitted,
    excerpt: Excerpt,
    relation_id: Option<(String, Option<source::Span>)>,
}

fn check_relation_files(
    workspace: &Workspace,
    files: &Files,
    dependents: &std::collections::HashSet<PathBuf>,
    used: &[AtomicBool],
) -> Result<Vec<RelationOutcome>, Error> {
    let check_one = |&file: &usize| {
        let input = files.all[file];
        let bytes = read(input, &workspace.settings)?;
        let checked = workspace.check_text(input, file, bytes, Purpose::Check)?;
        let dependent = dependents.contains(&input.path);
        workspace.excuse_exceptions(&checked, &input.from_root, dependent, used);
        let mut diagnostics = checked.diagnostics;
        if dependent {
            diagnostics.retain(|d| rules::ENTITY_DEPENDENT.iter().any(|rule| std::ptr::eq(*rule, d.rule)));
        }
        let omitted = workspace.finish(&mut diagnostics, &input.from_root, used);
        // The line of the relation's id is kept too: a duplicate-relation finding may show it.
        let id_span = checked.relation_id.as_ref().and_then(|(_, span)| *span);
        let spans = diagnostics.iter().flat_map(Diagnostic::spans).chain(id_span);
        Ok::<_, Error>(RelationOutcome {
            file,
            names: checked.names,
            parsed: checked.document.is_some(),
            excerpt: Excerpt::of_spans(&checked.text, spans),
            diagnostics,
            omitted,
            relation_id: checked.relation_id,
        })
    };
    // One file (the pre-commit case) is checked on this thread: starting workers would cost more.
    if files.relations.len() > 1 {
        files.relations.par_iter().map(check_one).collect()
    } else {
        files.relations.iter().map(check_one).collect()
    }
}

/// Relations that describe a pair another relation file already describes: among the checked
/// files, and against the files of the dataset's relation folder named after the same pair.
fn duplicate_relations(plan: &Plan, files: &Files, outcomes: &[RelationOutcome]) -> Vec<Diagnostic> {
    let checked: Vec<RelationId> = outcomes
        .iter()
        .filter_map(|outcome| {
            let (id, span) = outcome.relation_id.clone()?;
            Some(RelationId {
                file: outcome.file,
                id,
                span,
                path: files.all[outcome.file].display.clone(),
            })
        })
        .collect();
    let mut others: Vec<RelationId> = Vec::new();
    if let Some(dir) = &plan.relations_dir {
        let checked_paths: std::collections::HashSet<&Path> = plan.check.iter().map(|i| i.path.as_path()).collect();
        let mut seen = std::collections::HashSet::new();
        for relation in &checked {
            let Some((a, b)) = relation.id.split_once('-') else {
                continue;
            };
            for name in [format!("{a}-{b}"), format!("{b}-{a}")] {
                let path = dir.join(format!("{name}.json"));
                if !checked_paths.contains(path.as_path()) && !seen.contains(&name) && path.is_file() {
                    seen.insert(name.clone());
                    others.push(RelationId {
                        file: usize::MAX,
                        id: name,
                        span: None,
                        path: crate::dataset::display_path(&plan.cwd, &path),
                    });
                }
            }
        }
    }
    let mut out = Vec::new();
    rules::identity::duplicate_relation::check(&checked, &others, &mut out);
    out
}

/// The entities of the checked entity files that no relation (and no other entity) names, when
/// every relation of the dataset is checked.
fn unused_entities(
    plan: &Plan,
    files: &Files,
    entity_files: &[(usize, Checked)],
    relations: &[RelationOutcome],
) -> Vec<Diagnostic> {
    // A relation that is not JSON names what nobody can tell.
    if !plan.all_relations || relations.iter().any(|outcome| !outcome.parsed) {
        return Vec::new();
    }
    let used: ahash::AHashSet<&str> = relations
        .iter()
        .flat_map(|outcome| &outcome.names)
        .chain(entity_files.iter().flat_map(|(_, checked)| &checked.names))
        .map(String::as_str)
        .collect();
    let defined: Vec<rules::identity::duplicate_id::EntityDefinition> = entity_files
        .iter()
        .filter(|(file, _)| *file < files.checked)
        .flat_map(|(file, checked)| {
            checked
                .entities
                .iter()
                .map(move |entity| rules::identity::duplicate_id::EntityDefinition {
                    file: *file,
                    path: &files.all[*file].display,
                    id: &entity.id,
                    pointer: &entity.pointer,
                    span: entity.span,
                })
        })
        .collect();
    rules::references::unused_entity::across_files(&defined, &used)
}

/// The files a run reads or depends on: the checked files, the entity files and the dataset's schemas.
fn inputs_of(plan: &Plan) -> Vec<PathBuf> {
    let schemas = std::fs::read_dir(plan.root.join("schema"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path());
    plan.check
        .iter()
        .chain(&plan.entities)
        .map(|input| input.path.clone())
        .chain(schemas)
        .collect()
}
