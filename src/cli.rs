//! The command line: commands, options, output formats.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

pub use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "relcheck",
    version,
    about = "Lint and validate a dataset of bilateral foreign relations"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check data files against the schema and the semantic rules.
    Check(CheckArgs),
    /// Show the documentation of one rule, by code (R201) or name (invalid-date), or of a group (dates).
    Explain {
        /// A rule code or name, or a group name.
        rule: String,
    },
    /// List every rule with its code, name, group, default level and summary.
    Rules {
        /// `table` for reading, `json` for tools, `markdown` for docs/rules.md.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Validate any JSON files against any local JSON Schema (drafts 4, 6, 7, 2019-09 and 2020-12),
    /// with the same diagnostics and output formats as `check` but without the dataset's semantic rules.
    Validate(ValidateArgs),
    /// Rewrite data files in the dataset's one layout: two-space indentation, one member or item per
    /// line, members in the order the schema declares them. Only whitespace and member order change.
    Fmt(FmtArgs),
    /// Serve the Language Server Protocol on standard input and output, for editors: every
    /// finding as you type, fixes as code actions, and navigation, completion, hover and rename of
    /// the dataset's ids.
    Lsp(LspArgs),
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files or folders to format. Default: the `data/` folder of the dataset, found as `check`
    /// finds it.
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that are not formatted, and exit 1 when there is one.
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,

    /// Write nothing; print the changes as a unified diff (for `git apply`), and exit 1 when there
    /// is something to change.
    #[arg(long)]
    pub diff: bool,

    /// The deepest nesting of arrays and objects a file may have.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub max_depth: u16,

    /// The largest file, in bytes, that relcheck reads or writes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// The date that "in the future" is measured against (default: the day of each check, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub today: Option<NaiveDate>,

    /// Accepted and ignored: standard input and output are the only transport (some editor
    /// clients pass this flag to every server they start).
    #[arg(long, hide = true)]
    pub stdio: bool,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The schema file.
    #[arg(long, short = 's', value_name = "SCHEMA")]
    pub schema: PathBuf,

    /// The JSON files (or folders of them) to validate.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Check `format` (date, email, uri, …) as an assertion; by default it is an annotation, in every
    /// dialect.
    #[arg(long)]
    pub assert_format: bool,

    /// Read the schema as this dialect, whatever its `$schema` says (by default: its `$schema`, or
    /// 2020-12 when it has none). Referenced documents with a `$schema` of their own keep theirs.
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub draft: Option<crate::validate::Dialect>,

    /// A schema file, or a folder of them, that references may name by `$id` (`id` in draft-04), e.g.
    /// `https://json.schemastore.org/x.json`: served from disk, never fetched. Repeatable. Files in
    /// these folders may also be referenced by path.
    #[arg(long, value_name = "FILE_OR_FOLDER")]
    pub resolve: Vec<PathBuf>,

    #[command(flatten)]
    pub repair: RepairArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// How and where the report is written.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write a report to a file: `FILE` writes the `--format` report there instead of standard output;
    /// `FORMAT=FILE` (repeatable) writes an extra report in that format, e.g. `--output sarif=relcheck.sarif`.
    #[arg(long, short = 'o', value_name = "[FORMAT=]FILE", value_parser = parse_output)]
    pub output: Vec<Output>,

    /// When to use colours in human output (auto: only on a terminal, and never when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Bounds that keep hostile input from exhausting the machine.
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// The deepest nesting of arrays and objects a file may have.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub max_depth: u16,

    /// The largest file, in bytes, that relcheck reads.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_file_size: u64,

    /// The most findings listed for one file; the rest are counted in the summary and said to be
    /// there (0: list them all).
    #[arg(long, value_name = "N", default_value_t = crate::check::MAX_FINDINGS_PER_FILE)]
    pub max_findings_per_file: usize,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check. Default: the `data/` folder of the dataset (the nearest folder at or
    /// above the current one that holds a relcheck.toml, else the current folder).
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The date that "in the future" is measured against (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub today: Option<NaiveDate>,

    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// The same as `--fail-on warning`.
    #[arg(long)]
    pub deny_warnings: bool,

    #[command(flatten)]
    pub limits: LimitArgs,

    #[command(flatten)]
    pub repair: RepairArgs,
}

/// Repairing what a check finds.
#[derive(Debug, Clone, Copy, clap::Args)]
#[group(id = "repair", multiple = true)]
pub struct RepairArgs {
    /// Apply the safe fixes (they keep the data's meaning) to the files checked, then report what
    /// remains. Files are written atomically; a file with a parse error is never touched.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Also apply unsafe fixes (plausible, but a person should look: a renamed field, a replaced
    /// value, a removed reference). With --fix or --diff.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print what --fix would change as a unified diff (for `git apply`) and write nothing; exit 1
    /// when there is something to fix, 0 otherwise.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Where one report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// `None`: the `--format` report, redirected from standard output.
    pub format: Option<Format>,
    pub path: PathBuf,
}

fn parse_output(text: &str) -> Result<Output, String> {
    if let Some((name, path)) = text.split_once('=') {
        if let Ok(format) = Format::from_str(name, true) {
            if path.is_empty() {
                return Err(format!("`{text}` names no file after `=`"));
            }
            return Ok(Output {
                format: Some(format),
                path: PathBuf::from(path),
            });
        }
    }
    Ok(Output {
        format: None,
        path: PathBuf::from(text),
    })
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}
