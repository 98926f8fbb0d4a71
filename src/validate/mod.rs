//! `relcheck validate --schema S FILE...`: any JSON files against any local schema, with the same
//! parser, spans, diagnostics and output formats as `check`, without the dataset's semantic rules.
//!
//! The schema is read in its own dialect (`dialect`): drafts 4, 6, 7, 2019-09 and 2020-12, from its
//! `$schema`, or as `--draft` says. The documents it refers to are handed to the validator as they
//! are written, each read in its own dialect (`library`): files inside the schema's folder, schemas
//! given with `--resolve` by their `$id`, and nothing else: relcheck never reads the network, nor a
//! file outside those folders (`sources`). A referenced document that is none of these stands in as
//! a placeholder (`unavailable`): the files whose validation never reaches it are validated, and a
//! file that does cannot be given a verdict, which the run reports.

mod compile;
mod dialect;
mod library;
mod scan;
mod sources;
mod unavailable;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{parse_bytes, Report, Settings};
use crate::dataset::{display_path, FileKind, Input};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::entities::EntityIndex;
use crate::rules::FileContext;
use crate::source::{Excerpt, SourceFile};

pub use compile::{compile_schema, compile_schema_with, Compiled};
pub use dialect::{Chosen, Dialect, Origin};
pub use sources::{file_uri, SchemaSources};

/// A file that could not be given a verdict, and why.
#[derive(Debug, Clone)]
pub struct Unchecked {
    /// Its index in `Report::files`.
    pub file: usize,
    pub reason: String,
}

/// What a validation run found: the report of the files it validated, and the files it could not.
pub struct Outcome {
    /// Every file named, with its findings; `checked` counts only the files validated.
    pub report: Report,
    /// Files whose validation needs a schema relcheck was not given, sorted by path.
    pub unchecked: Vec<Unchecked>,
    /// The dialect the schema was read as, and why.
    pub dialect: Chosen,
}

/// Stack for a worker that validates values nested up to `max_depth` levels: 8 MiB, plus 32 KiB a level
/// past 128 (unoptimised builds use about 20 KiB a level in the validator). Reserved, not used: pages
/// are only touched by deep files.
fn stack_size(max_depth: usize) -> usize {
    (8 << 20) + max_depth.saturating_sub(128).saturating_mul(32 << 10)
}

pub fn validate(cwd: &Path, schema_path: &Path, paths: &[PathBuf], settings: &Settings) -> Result<Report, Error> {
    validate_with(cwd, schema_path, paths, settings, &SchemaSources::default())
}

/// [`validate`] with the dialect, `--resolve` documents and mapped folders of `sources`; a file
/// that cannot be given a verdict is an error.
pub fn validate_with(
    cwd: &Path,
    schema_path: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    sources: &SchemaSources,
) -> Result<Report, Error> {
    let outcome = run(cwd, schema_path, paths, settings, sources)?;
    match outcome.unchecked.first() {
        Some(unchecked) => Err(Error::Unchecked {
            file: outcome.report.files[unchecked.file].path.clone(),
            reason: unchecked.reason.clone(),
        }),
        None => Ok(outcome.report),
    }
}

/// Validates every JSON file of `paths` against the schema, in parallel.
pub fn run(
    cwd: &Path,
    schema_path: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    sources: &SchemaSources,
) -> Result<Outcome, Error> {
    let compiled = compile_schema_with(cwd, schema_path, settings, sources)?;
    let inputs = inputs(cwd, paths)?;
    // A schema may recurse as deep as the data does, and the validator recurses with it: the
    // workers get a stack that grows with the nesting `--max-depth` allows.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(stack_size(settings.limits.max_depth))
        .build()
        .map_err(|e| Error::Walk {
            path: ".".into(),
            reason: format!("cannot start worker threads: {e}"),
        })?;
    let outcomes: Vec<Result<Validated, Error>> = pool.install(|| {
        inputs
            .par_iter()
            .enumerate()
            .map(|(file, input)| {
                Ok(validate_text(
                    &compiled,
                    file,
                    input,
                    crate::check::read(input, settings)?,
                    settings,
                ))
            })
            .collect()
    });

    let mut report = Report {
        inputs: protected(cwd, schema_path, sources, &inputs),
        ..Report::default()
    };
    let mut unchecked = Vec::new();
    for (file, (input, outcome)) in inputs.iter().zip(outcomes).enumerate() {
        let Validated {
            text,
            mut diagnostics,
            unavailable,
            ..
        } = outcome?;
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let omitted = crate::check::cap_findings(&mut diagnostics, settings.max_findings_per_file);
        if omitted.total() > 0 {
            report.omitted.push((file, omitted));
        }
        report.files.push(SourceFile {
            path: input.display.clone(),
            excerpt: Excerpt::of_spans(&text, diagnostics.iter().flat_map(Diagnostic::spans)),
        });
        match unavailable {
            Some((uri, reason)) => {
                report.notices.push(format!(
                    "{} was not validated: part of it must match {}, which relcheck cannot read",
                    input.display,
                    library::code(&uri)
                ));
                unchecked.push(Unchecked { file, reason });
            }
            None => report.checked += 1,
        }
        // A file not validated may still have findings of its own text (a duplicate key).
        report.diagnostics.extend(diagnostics);
    }
    report.note_omitted(settings.max_findings_per_file);
    report.make_printable();
    report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(Outcome {
        report,
        unchecked,
        dialect: compiled.dialect,
    })
}

/// One file's text validated: its findings, and the schema it could not be given a verdict
/// without (its URI, and why).
struct Validated {
    text: String,
    /// Whether the text is JSON.
    parsed: bool,
    diagnostics: Vec<Diagnostic>,
    unavailable: Option<(String, String)>,
}

/// Validates the text (`bytes`) of one file: parsed with spans, then checked against the schema.
fn validate_text(compiled: &Compiled, file: usize, input: &Input, bytes: Vec<u8>, settings: &Settings) -> Validated {
    let loaded = parse_bytes(bytes, file, settings.limits);
    let mut diagnostics = loaded.diagnostics;
    let mut unavailable = None;
    if let Some(document) = &loaded.document {
        let empty = EntityIndex::default();
        let context = FileContext {
            file,
            stem: None,
            text: &loaded.text,
            document,
            entities: &empty,
            today: settings.today,
            expected_schema: None,
            folder: input.path.parent(),
            off: &[],
            suggestions: Default::default(),
            known: Default::default(),
            described: crate::check::described_errors(settings.max_findings_per_file),
        };
        let schema = &compiled.schema;
        // Only the yes/no answer tells whether a missing schema decided it: reporting every error
        // visits parts the answer did not need.
        let (valid, reached) = if compiled.has_placeholders() {
            unavailable::watch(|| schema.is_valid(&document.value))
        } else {
            (false, None)
        };
        match reached {
            Some(uri) => unavailable = Some((uri.to_string(), compiled.unavailable(&uri))),
            None if !valid => crate::rules::schema::check(&context, schema, &document.value, &mut diagnostics),
            None => {}
        }
    }
    Validated {
        parsed: loaded.document.is_some(),
        text: loaded.text,
        diagnostics,
        unavailable,
    }
}

/// `relcheck validate --fix` and `--diff`: every file's text with the fixes of its findings that
/// `mode` allows applied (see `fix`). Nothing is written.
pub fn fix(
    cwd: &Path,
    schema_path: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    sources: &SchemaSources,
    mode: crate::fix::Mode,
) -> Result<Vec<crate::fix::FileFix>, Error> {
    let compiled = compile_schema_with(cwd, schema_path, settings, sources)?;
    let mut fixes = Vec::new();
    for input in inputs(cwd, paths)? {
        let before = String::from_utf8(crate::check::read(&input, settings)?).unwrap_or_default();
        let outcome = crate::fix::fix_with(&before, mode, |text| {
            let validated = validate_text(&compiled, 0, &input, text.as_bytes().to_vec(), settings);
            // A file whose verdict needs a schema relcheck cannot read is left as it is.
            Ok(match validated.unavailable {
                None => validated.parsed.then_some(validated.diagnostics),
                Some(_) => Some(Vec::new()),
            })
        })?;
        fixes.push(crate::fix::FileFix::new(&input, before, outcome));
    }
    Ok(fixes)
}

/// The files no report may be written over: the instances, the schema and the documents beside it,
/// and every schema given with `--resolve`.
fn protected(cwd: &Path, schema_path: &Path, sources: &SchemaSources, inputs: &[Input]) -> Vec<PathBuf> {
    let schema = cwd.join(schema_path);
    let beside = schema.parent().map(json_files_in).unwrap_or_default();
    let resolve = sources.resolve.iter().flat_map(|path| {
        let path = cwd.join(path);
        if path.is_dir() {
            walkdir::WalkDir::new(&path)
                .into_iter()
                .flatten()
                .map(walkdir::DirEntry::into_path)
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        } else {
            vec![path]
        }
    });
    inputs
        .iter()
        .map(|input| input.path.clone())
        .chain([schema])
        .chain(beside)
        .chain(resolve)
        .collect()
}

fn json_files_in(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect()
}

/// The files `paths` name, folders walked for `*.json`, sorted by displayed path, each once.
fn inputs(cwd: &Path, paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut files = Vec::new();
    for path in paths {
        crate::dataset::ensure_exists(cwd, path)?;
        let absolute = cwd.join(path);
        if absolute.is_dir() {
            files.extend(crate::dataset::json_files(cwd, &absolute, &absolute)?);
        } else {
            files.push(absolute);
        }
    }
    let mut inputs: Vec<Input> = files
        .into_iter()
        .map(|path| {
            let display = display_path(cwd, &path);
            Input {
                path,
                from_root: display.clone(),
                display,
                kind: FileKind::Relation,
            }
        })
        .collect();
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.display == b.display);
    Ok(inputs)
}
