//! `relcheck validate --schema S FILE...`: any JSON files against any local schema, with the same
//! parser, spans, diagnostics and output formats as `check`, without the dataset's semantic rules.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{load, Report, Settings};
use crate::dataset::{display_path, FileKind, Input};
use crate::error::Error;
use crate::model::entities::EntityIndex;
use crate::rules::schema::CompiledSchema;
use crate::rules::FileContext;
use crate::source::SourceFile;

/// Compiles the schema at `schema_path`; a schema that is not JSON or not a valid schema cannot run.
pub fn compile_schema(cwd: &Path, schema_path: &Path, settings: &Settings) -> Result<CompiledSchema, Error> {
    let display = display_path(cwd, &cwd.join(schema_path));
    let input = Input {
        path: cwd.join(schema_path),
        display: display.clone(),
        from_root: display.clone(),
        kind: FileKind::Relation,
    };
    let loaded = load(&input, 0, settings)?;
    let Some(document) = loaded.document else {
        let reason = loaded
            .diagnostics
            .first()
            .map_or_else(String::new, |d| d.message.clone());
        return Err(Error::Schema {
            name: display,
            reason: format!("not valid JSON: {reason}"),
        });
    };
    CompiledSchema::compile(display.clone(), document.value).map_err(|reason| Error::Schema { name: display, reason })
}

pub fn validate(cwd: &Path, schema_path: &Path, paths: &[PathBuf], settings: &Settings) -> Result<Report, Error> {
    let schema = compile_schema(cwd, schema_path, settings)?;
    let mut inputs = Vec::new();
    for path in paths {
        let absolute = cwd.join(path);
        if !absolute.exists() {
            return Err(Error::PathNotFound(path.clone()));
        }
        if absolute.is_dir() {
            for entry in walkdir::WalkDir::new(&absolute).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Walk {
                    path: display_path(cwd, &absolute),
                    reason: e.to_string(),
                })?;
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "json") {
                    inputs.push(entry.path().to_path_buf());
                }
            }
        } else {
            inputs.push(absolute);
        }
    }
    let mut inputs: Vec<Input> = inputs
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

    let empty = EntityIndex::default();
    let outcomes: Vec<(String, Vec<crate::diagnostics::Diagnostic>)> = inputs
        .par_iter()
        .enumerate()
        .map(|(file, input)| {
            let loaded = load(input, file, settings)?;
            let mut diagnostics = loaded.diagnostics;
            if let Some(document) = &loaded.document {
                let context = FileContext {
                    file,
                    stem: None,
                    text: &loaded.text,
                    document,
                    entities: &empty,
                    today: settings.today,
                    expected_schema: None,
                    folder: None,
                };
                crate::rules::schema::check(&context, &schema, &document.value, &mut diagnostics);
            }
            Ok((loaded.text, diagnostics))
        })
        .collect::<Result<_, Error>>()?;

    let mut report = Report::default();
    for (input, (text, diagnostics)) in inputs.iter().zip(outcomes) {
        let keep = !diagnostics.is_empty();
        report.files.push(SourceFile {
            path: input.display.clone(),
            text: if keep { text } else { String::new() },
        });
        report.diagnostics.extend(diagnostics);
    }
    report.checked = report.files.len();
    report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(report)
}
