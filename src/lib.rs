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
pub mod fix;
pub mod format;
pub mod lsp;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod validate;
pub mod workspace;

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
    let config_path = config.or(plan.config.as_deref());
    let config = match config_path {
        Some(path) => load_config(cwd, path)?,
        None => config::Config::default(),
    };
    let mut report = check::run(&plan, config, settings)?;
    report.inputs.extend(config_path.map(Path::to_path_buf));
    Ok(report)
}

/// The largest relcheck.toml relcheck reads: a configuration is a few dozen lines; anything this
/// large is not one, and reading it whole could exhaust memory.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Fixes the findings of `paths` (or the dataset around `cwd`) in memory, as `check --fix` does
/// before it reports; nothing is written (see `fix::write`).
pub fn fix_paths(
    cwd: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    mode: fix::Mode,
) -> Result<Vec<fix::FileFix>, Error> {
    let plan = dataset::plan(cwd, paths)?;
    let config = match plan.config.as_deref() {
        Some(path) => load_config(cwd, path)?,
        None => config::Config::default(),
    };
    fix::fix_plan(&plan, config, settings, mode)
}

/// Reads relcheck.toml at `path` (shown relative to `cwd`): a regular file of at most
/// `MAX_CONFIG_SIZE` bytes, or the run cannot happen.
pub fn load_config(cwd: &Path, path: &Path) -> Result<config::Config, Error> {
    use std::io::Read;
    let display = dataset::display_path(cwd, path);
    let read_error = |source| Error::Read {
        path: display.clone(),
        source,
    };
    // The type is checked before opening: opening a FIFO blocks, and a device never ends.
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() {
        return Err(Error::NotAFile(display));
    }
    let too_large = |size: u64| Error::TooLarge {
        path: display.clone(),
        size,
        limit: MAX_CONFIG_SIZE,
        option: "",
    };
    if metadata.len() > MAX_CONFIG_SIZE {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_CONFIG_SIZE + 1).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_CONFIG_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::Config {
        path: display.clone(),
        line: 1,
        column: 1,
        message: format!(
            "relcheck.toml is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
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
