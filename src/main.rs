use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{self, BufferedStandardStream};

use relcheck::cli::{
    CheckArgs, Cli, ColorChoice, Command, FailOn, FmtArgs, Format, LimitArgs, LspArgs, OutputArgs, RepairArgs,
    RulesFormat, ValidateArgs,
};
use relcheck::diagnostics::escape::visible;
use relcheck::diagnostics::fix::Applicability;
use relcheck::diagnostics::Severity;
use relcheck::report::destination::{self, Target};
use relcheck::rules::schema::budget::Counting;
use relcheck::source::Limits;
use relcheck::{report, rules, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { format } => list_rules(format),
        Command::Validate(args) => validate(args),
        Command::Fmt(args) => fmt(args),
        Command::Lsp(args) => lsp(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            // Messages quote paths, configuration and data: nothing in them reaches the terminal raw.
            eprintln!("relcheck: error: {}", visible(&message));
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let settings = settings(args.today, &args.limits);
    let mut fix_notices = Vec::new();
    if let Some(mode) = repair_mode(&args.repair) {
        let fixes = relcheck::fix_paths(&cwd, &args.paths, &settings, mode).map_err(|e| error_chain(&e))?;
        if args.repair.diff {
            return print_diff(&fixes);
        }
        relcheck::fix::write(&fixes)?;
        fix_notices = relcheck::fix::notices(&fixes);
    }
    let mut report = relcheck::check_paths(&cwd, &args.paths, &settings).map_err(|e| error_chain(&e))?;
    report.notices.splice(0..0, fix_notices);
    emit(&report, &args.output)?;
    let fail_on = match (args.fail_on, args.deny_warnings) {
        (FailOn::Warning, _) | (_, true) => Severity::Warning,
        (FailOn::Error, false) => Severity::Error,
    };
    let code = relcheck::exit_code(&report, fail_on);
    if code == 2 {
        // The configuration names rules that do not exist: say where the first one is.
        let unknown = report.diagnostics.iter().find(|d| d.rule.name == "unknown-rule");
        let place = unknown.and_then(|d| {
            let found = report::locate(&report, d.file, d.primary.span?)?;
            Some(format!(
                "{}:{}:{}",
                report.files[d.file].path, found.start.line, found.start.column
            ))
        });
        let place = place.unwrap_or_else(|| "relcheck.toml".into());
        let message = unknown.map_or("unknown rule", |d| d.message.as_str());
        eprintln!(
            "relcheck: error: {}",
            visible(&format!("{place}: {message}; the run does not match the configuration"))
        );
    }
    // The process ends here: freeing every finding of a large run one by one (tens of thousands)
    // would only delay the exit; the operating system takes the memory back at once.
    std::mem::forget(report);
    Ok(code)
}

/// `--diff`: the changes --fix would make, on standard output; why a file would be left alone, on
/// standard error. Exit 1 when there is something to fix.
fn print_diff(fixes: &[relcheck::fix::FileFix]) -> Result<u8, String> {
    let mut out = String::new();
    let mut changed = false;
    for fix in fixes {
        if let relcheck::fix::Fixed::Changed { text, .. } = &fix.outcome {
            changed = true;
            out.push_str(&relcheck::fix::diff::unified(&fix.display, &fix.before, text));
        }
    }
    for notice in relcheck::fix::notices(fixes)
        .iter()
        .filter(|n| !n.starts_with("fixed "))
    {
        eprintln!("relcheck: note: {}", visible(notice));
    }
    if stdout_was_closed() {
        return Err("standard output is closed, so the diff cannot be written".into());
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write the diff to standard output: {e}"))?;
    Ok(u8::from(changed))
}

/// `relcheck fmt`: why a file is left as it is goes to standard error; what `--check` lists, the
/// diff, or the summary of what was written, to standard output.
fn fmt(args: FmtArgs) -> Result<u8, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let options = relcheck::format::Options {
        limits: Limits {
            max_depth: usize::from(args.max_depth),
        },
        max_file_size: args.max_file_size,
    };
    let files = relcheck::format::format_paths(&cwd, &args.paths, &options).map_err(|e| error_chain(&e))?;
    let out = if args.check {
        relcheck::format::unformatted(&files)
            .iter()
            .map(|line| format!("{line}\n"))
            .collect()
    } else if args.diff {
        relcheck::format::diff(&files)
    } else {
        relcheck::format::write(&files)?;
        format!("{}\n", relcheck::format::summary(&files))
    };
    for line in relcheck::format::refusals(&files) {
        eprintln!("relcheck: {}", visible(&line));
    }
    write_text(&out, "the result")?;
    Ok(relcheck::format::exit_code(&files, args.check || args.diff))
}

/// Writes `text` to standard output; a closed or failing standard output is a run that did not happen.
fn write_text(text: &str, what: &str) -> Result<(), String> {
    if text.is_empty() {
        return Ok(());
    }
    if stdout_was_closed() {
        return Err(format!("standard output is closed, so {what} cannot be written"));
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write {what} to standard output: {e}"))
}

fn validate(args: ValidateArgs) -> Result<u8, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let settings = settings(None, &args.limits);
    let mut sources = relcheck::validate::SchemaSources::default()
        .assert_formats(args.assert_format)
        .draft(args.draft);
    for path in args.resolve {
        sources = sources.resolve(path);
    }
    let mut fix_notices = Vec::new();
    if let Some(mode) = repair_mode(&args.repair) {
        let fixes = relcheck::validate::fix(&cwd, &args.schema, &args.files, &settings, &sources, mode)
            .map_err(|e| error_chain(&e))?;
        if args.repair.diff {
            return print_diff(&fixes);
        }
        relcheck::fix::write(&fixes)?;
        fix_notices = relcheck::fix::notices(&fixes);
    }
    let mut outcome =
        relcheck::validate::run(&cwd, &args.schema, &args.files, &settings, &sources).map_err(|e| error_chain(&e))?;
    outcome.report.notices.splice(0..0, fix_notices);
    emit(&outcome.report, &args.output)?;
    // Files that need a schema relcheck was not given have no verdict: the run cannot answer as asked.
    if let Some(first) = outcome.unchecked.first() {
        let more = match outcome.unchecked.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more file)".to_string(),
            n => format!(" (and {n} more files)"),
        };
        let file = &outcome.report.files[first.file].path;
        eprintln!(
            "relcheck: error: {}",
            visible(&format!("cannot validate {file}{more}: {}", first.reason))
        );
        return Ok(2);
    }
    Ok(relcheck::exit_code(&outcome.report, Severity::Error))
}

/// The fixes `--fix`, `--diff` and `--unsafe-fixes` ask for; `None` when no file is to be fixed.
fn repair_mode(repair: &RepairArgs) -> Option<relcheck::fix::Mode> {
    let least = if repair.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    (repair.fix || repair.diff).then_some(relcheck::fix::Mode { least })
}

/// `relcheck lsp`: the protocol is spoken on standard input and output until the editor leaves.
fn lsp(args: LspArgs) -> Result<u8, String> {
    if stdout_was_closed() {
        return Err("standard output is closed, and the language server speaks to the editor on it".into());
    }
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    relcheck::lsp::run(&cwd, settings(args.today, &args.limits), args.today)
}

fn settings(today: Option<chrono::NaiveDate>, limits: &LimitArgs) -> Settings {
    Settings {
        today: today.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        limits: Limits {
            max_depth: usize::from(limits.max_depth),
        },
        max_file_size: limits.max_file_size,
        max_findings_per_file: limits.max_findings_per_file,
    }
}

/// Writes every report of the run: each file report is rendered into a temporary file first, then
/// standard output is written, and only then are the files moved into place, so a run that fails
/// half-way leaves every previous report as it was.
fn emit(report: &relcheck::Report, args: &OutputArgs) -> Result<(), String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let destinations = destination::plan(args.format, &args.output, &cwd, &report.inputs)?;
    let mut staged = Vec::new();
    let mut stdout_format = None;
    for planned in &destinations {
        match &planned.target {
            Target::Stdout => stdout_format = Some(planned.format),
            Target::File { shown, path } => staged.push(destination::stage(shown, path, |out| {
                report::render(report, planned.format, &mut termcolor::NoColor::new(out))
            })?),
        }
    }
    if let Some(format) = stdout_format {
        write_stdout(report, format, args.color)?;
    }
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

fn write_stdout(report: &relcheck::Report, format: Format, color: ColorChoice) -> Result<(), String> {
    if stdout_was_closed() {
        return Err("standard output is closed, so the report cannot be written; redirect it, or write it to a file with --output FILE".into());
    }
    let choice = match color {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        // termcolor's Auto honours NO_COLOR and TERM=dumb but not whether stdout is a terminal.
        ColorChoice::Auto if std::io::stdout().is_terminal() => termcolor::ColorChoice::Auto,
        ColorChoice::Auto => termcolor::ColorChoice::Never,
    };
    let mut stdout = BufferedStandardStream::stdout(choice);
    // A report that did not reach its reader, whole, is a run that did not happen: a closed pipe
    // or a full disk is exit 2, never a silent success.
    report::render(report, format, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write the report to standard output: {e}"))
}

/// Whether standard output was closed when the process started. The Rust runtime opens /dev/null
/// in place of a closed standard stream before `main`, which would swallow the report: the state
/// is read before that, by a function the loader runs first.
#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

#[cfg(not(target_os = "linux"))]
fn stdout_was_closed() -> bool {
    false
}

#[cfg(target_os = "linux")]
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_STDOUT: extern "C" fn() = {
    extern "C" fn record() {
        // SAFETY: F_GETFD only reads the descriptor's flags; it fails with EBADF when it is closed.
        let closed = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1;
        STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
    }
    record
};

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !message.contains(&cause_text) {
            message.push_str(": ");
            message.push_str(&cause_text);
        }
        source = cause.source();
    }
    message
}

fn explain(code_or_name: &str) -> Result<u8, String> {
    if let Some(group) = rules::find_group(code_or_name) {
        print!("{}", rules::docs::explain_group(group));
        return Ok(0);
    }
    let rule = rules::find(code_or_name).ok_or_else(|| {
        let names = rules::ALL
            .iter()
            .map(|r| r.name)
            .chain(rules::Group::ALL.iter().map(|g| g.name()));
        match rules::schema::closest(code_or_name, names) {
            Some(near) => {
                format!("unknown rule `{code_or_name}` (did you mean `{near}`?); `relcheck rules` lists them all")
            }
            None => format!("unknown rule `{code_or_name}`; `relcheck rules` lists them all"),
        }
    })?;
    print!("{}", rules::docs::explain(rule));
    Ok(0)
}

fn list_rules(format: RulesFormat) -> Result<u8, String> {
    let text = match format {
        RulesFormat::Table => rules::docs::table(),
        RulesFormat::Json => rules::docs::json(),
        RulesFormat::Markdown => rules::docs::markdown(),
    };
    print!("{text}");
    Ok(0)
}

// Checking a file makes many small, short-lived allocations (values, pointers, messages) on every
// worker thread; mimalloc's thread-local heaps serve them faster than the system allocator. It is
// built without transparent huge pages (Cargo feature `no_thp`): memory it hands back between
// files would otherwise be faulted in again two megabytes at a time, each zeroed by the kernel.
// `Counting` keeps count of what each thread holds, which bounds the memory of a schema report.
#[global_allocator]
static GLOBAL: Counting<mimalloc::MiMalloc> = Counting(mimalloc::MiMalloc);
