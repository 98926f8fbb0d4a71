//! relcheck: a linter and JSON Schema validator for a dataset of bilateral foreign relations.
//!
//! The path of a file: `source` (bytes → text → spans) → `model` (typed, located values) → `rules`
//! (schema and semantic checks) → `diagnostics` → `report` (one renderer per output format).

pub mod check;
pub mod cli;
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
    let plan = dataset::plan(cwd, paths)?;
    let schemas = Schemas::builtin()?;
    check::run(&plan, &schemas, settings)
}

/// The process exit code for a report: 1 when it holds errors (or warnings, when they are denied).
pub fn exit_code(report: &Report, deny_warnings: bool) -> u8 {
    let failing = report.count(Severity::Error) > 0 || (deny_warnings && report.count(Severity::Warning) > 0);
    u8::from(failing)
}
