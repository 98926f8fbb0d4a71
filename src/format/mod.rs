//! `relcheck fmt`: data files in the dataset's one layout (see `layout`), object members in the
//! order the schema declares them (see `order`). A formatter, not a serialiser: only whitespace,
//! line breaks and member order change; every name and scalar is copied as written. A file that is
//! not JSON, or holds a name twice in one object, is left as it is.

mod layout;
mod order;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::check::{Settings, ENTITIES_SCHEMA, RELATION_SCHEMA};
use crate::dataset::{self, FileKind, Input};
use crate::diagnostics::escape::visible;
use crate::error::Error;
use crate::source::{self, lines::LineIndex, Limits};

/// Bounds of a run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limits: Limits,
    /// The largest file read, and the longest formatted text written.
    pub max_file_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            max_file_size: 64 * 1024 * 1024,
        }
    }
}

/// Why a file is left as it is, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unformattable {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// `text`, a whole data file of kind `kind`, in the dataset's layout. Line breaks are those of the
/// file: `\r\n` when its first line break is one, `\n` otherwise. A UTF-8 byte-order mark is dropped.
pub fn format_text(text: &str, kind: FileKind, options: &Options) -> Result<String, Unformattable> {
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let body = &text[bom..];
    let at = |offset: usize| {
        let position = LineIndex::new(text).position(text, offset);
        (position.line, position.column)
    };
    let refuse = |offset: usize, reason: String| {
        let (line, column) = at(offset);
        Unformattable { line, column, reason }
    };
    let document = source::json::parse(body, bom, options.limits).map_err(|e| refuse(e.span.start, e.message))?;
    if let Some(duplicate) = document.duplicates.first() {
        let (line, column) = at(duplicate.first.start);
        let reason = format!(
            "the name `{}` appears twice in one object (first at {line}:{column}): remove the one that is wrong",
            visible(&duplicate.name)
        );
        return Err(refuse(duplicate.second.start, reason));
    }
    // Spans are offsets of `text`; the printer reads them from `text` itself.
    let newline = if text.find('\n').is_some_and(|n| text[..n].ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    let max_len = usize::try_from(options.max_file_size).unwrap_or(usize::MAX);
    layout::print(text, &document, schema(kind), newline, max_len).map_err(|layout::TooLong| {
        let reason = format!(
            "formatted, it would be larger than the limit of {} bytes (raise it with --max-file-size)",
            options.max_file_size
        );
        refuse(0, reason)
    })
}

/// The schema whose property order a data file of `kind` follows: the one `check` validates it with.
fn schema(kind: FileKind) -> Option<&'static order::Schema> {
    static RELATION: OnceLock<Option<order::Schema>> = OnceLock::new();
    static ENTITIES: OnceLock<Option<order::Schema>> = OnceLock::new();
    match kind {
        FileKind::Relation => RELATION.get_or_init(|| order::Schema::new(RELATION_SCHEMA)),
        FileKind::Entities => ENTITIES.get_or_init(|| order::Schema::new(ENTITIES_SCHEMA)),
    }
    .as_ref()
}

/// What formatting one file came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file is already in the layout.
    Formatted,
    /// The file as it is, and in the layout.
    Changed {
        before: String,
        after: String,
    },
    Unformattable(Unformattable),
}

/// One file of a run, formatted in memory.
#[derive(Debug)]
pub struct FileFormat {
    pub path: PathBuf,
    /// Its path as shown (escaped).
    pub display: String,
    pub outcome: Outcome,
}

/// Formats the data files of `paths` (or of the dataset's `data/` around `cwd`) in memory: only
/// the files named or inside the folders named, never the relation files that naming an entity file
/// brings into a check. Nothing is written (see `write`).
pub fn format_paths(cwd: &Path, paths: &[PathBuf], options: &Options) -> Result<Vec<FileFormat>, Error> {
    let plan = dataset::plan(cwd, paths)?;
    plan.check
        .par_iter()
        .filter(|input| !plan.dependents.contains(&input.path))
        .map(|input| format_file(input, options))
        .collect()
}

fn format_file(input: &Input, options: &Options) -> Result<FileFormat, Error> {
    // Only the file size bound of the settings is read.
    let settings = Settings {
        today: chrono::NaiveDate::MIN,
        limits: options.limits,
        max_file_size: options.max_file_size,
        max_findings_per_file: 0,
    };
    let decoded = source::decode(crate::check::read(input, &settings)?);
    let outcome = match decoded.error.filter(|e| !e.recoverable) {
        Some(error) => {
            let position = LineIndex::new(&decoded.text).position(&decoded.text, error.span.start);
            Outcome::Unformattable(Unformattable {
                line: position.line,
                column: position.column,
                reason: error.message,
            })
        }
        None => match format_text(&decoded.text, input.kind, options) {
            Ok(text) if text == decoded.text => Outcome::Formatted,
            Ok(after) => Outcome::Changed {
                before: decoded.text,
                after,
            },
            Err(refusal) => Outcome::Unformattable(refusal),
        },
    };
    Ok(FileFormat {
        path: input.path.clone(),
        display: input.display.clone(),
        outcome,
    })
}

/// Writes every changed file atomically (see `fix::replace_all`); the number written.
pub fn write(files: &[FileFormat]) -> Result<usize, String> {
    crate::fix::replace_all(files.iter().filter_map(|file| match &file.outcome {
        Outcome::Changed { after, .. } => Some((file.path.as_path(), file.display.as_str(), after.as_bytes())),
        _ => None,
    }))
}

/// Why each file that cannot be formatted is left as it is, one line each.
pub fn refusals(files: &[FileFormat]) -> Vec<String> {
    files
        .iter()
        .filter_map(|file| match &file.outcome {
            Outcome::Unformattable(why) => Some(format!(
                "{}:{}:{}: cannot format: {}; the file is left as it is",
                file.display, why.line, why.column, why.reason
            )),
            _ => None,
        })
        .collect()
}

/// `--check`: one line for each file that is not formatted.
pub fn unformatted(files: &[FileFormat]) -> Vec<String> {
    files
        .iter()
        .filter(|file| matches!(file.outcome, Outcome::Changed { .. }))
        .map(|file| format!("{}: not formatted", file.display))
        .collect()
}

/// `--diff`: the changes as a unified diff that `git apply` takes.
pub fn diff(files: &[FileFormat]) -> String {
    let mut out = String::new();
    for file in files {
        if let Outcome::Changed { before, after } = &file.outcome {
            out.push_str(&crate::fix::diff::unified(&file.display, before, after));
        }
    }
    out
}

/// The one-line summary of a run that wrote the files: `formatted 2 files, 5 already formatted`.
pub fn summary(files: &[FileFormat]) -> String {
    let count = |wanted: fn(&Outcome) -> bool| files.iter().filter(|f| wanted(&f.outcome)).count();
    let changed = count(|o| matches!(o, Outcome::Changed { .. }));
    let already = count(|o| matches!(o, Outcome::Formatted));
    let refused = count(|o| matches!(o, Outcome::Unformattable(_)));
    let files_word = if changed == 1 { "file" } else { "files" };
    let mut line = format!("formatted {changed} {files_word}, {already} already formatted");
    if refused > 0 {
        line.push_str(&format!(", {refused} cannot be formatted"));
    }
    line
}

/// The exit code: 1 when a file cannot be formatted, or (`changes_fail`, for --check and --diff)
/// when a file is not formatted; 0 otherwise.
pub fn exit_code(files: &[FileFormat], changes_fail: bool) -> u8 {
    let fails = |file: &FileFormat| match file.outcome {
        Outcome::Unformattable(_) => true,
        Outcome::Changed { .. } => changes_fail,
        Outcome::Formatted => false,
    };
    u8::from(files.iter().any(fails))
}
