//! relcheck: a linter and JSON Schema validator for a dataset of bilateral foreign relations.
//!
//! The path of a file: `source` (bytes → text → spans) → `model` (typed, located values) → `rules`
//! (schema and semantic checks) → `diagnostics` → `report` (one renderer per output format).

pub mod check;
pub mod cli;
pub mod config;
pub mod dataset;
pub mod diagnostics;
pub mod error;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod validate;

pub use check::{Report, Schemas, Settings};
pub use error::Error;

use std::path::{Path, PathBuf};

use diagnostics::Severity;

/// Checks `paths` (or the dataset around `cwd` when empty).
pub fn check_paths(cwd: &Path, paths: &[PathBuf], settings: &Settings) -> Result<Report, Error> {
    check_paths_with_config(cwd, paths, settings, None)
}

/// Checks `paths` with the configuration at `config` instead of the dataset's relcheck.toml (the
/// dataset root, which exception paths are relative to, stays where relcheck.toml would be).
pub fn check_paths_with_config(
    cwd: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    config: Option<&Path>,
) -> Result<Report, Error> {
    let plan = dataset::plan(cwd, paths)?;
    let config = match config.or(plan.config.as_deref()) {
        Some(path) => load_config(cwd, path)?,
        None => config::Config::default(),
    };
    let schemas = Schemas::builtin();
    check::run(&plan, &schemas, &config, settings)
}

fn load_config(cwd: &Path, path: &Path) -> Result<config::Config, Error> {
    let display = dataset::display_path(cwd, path);
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: display.clone(),
        source,
    })?;
    config::Config::parse(display.clone(), text).map_err(|e| Error::Config {
        path: display,
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// The process exit code for a report: 2 when relcheck.toml names rules that do not exist (the run
/// is not the one configured), 1 when a finding at or above `fail_on` counts, else 0.
pub fn exit_code(report: &Report, fail_on: Severity) -> u8 {
    let counted = report.diagnostics.iter().filter(|d| d.suppressed.is_none());
    let mut code = 0;
    for diagnostic in counted {
        if std::ptr::eq(diagnostic.rule, &rules::config::unknown_rule::RULE) {
            return 2;
        }
        if diagnostic.severity >= fail_on {
            code = 1;
        }
    }
    code
}
