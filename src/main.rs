use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{self, BufferedStandardStream};

use relcheck::cli::{
    CheckArgs, Cli, ColorChoice, Command, FailOn, Format, LimitArgs, OutputArgs, RulesFormat, ValidateArgs,
};
use relcheck::diagnostics::Severity;
use relcheck::source::Limits;
use relcheck::{report, rules, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { format } => list_rules(format),
        Command::Validate(args) => validate(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("relcheck: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let settings = settings(args.today, &args.limits);
    let report = relcheck::check_paths(&cwd, &args.paths, &settings).map_err(|e| error_chain(&e))?;
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
        eprintln!("relcheck: error: {place}: {message}; the run does not match the configuration");
    }
    // The process ends here: freeing every finding of a large run one by one (tens of thousands)
    // would only delay the exit; the operating system takes the memory back at once.
    std::mem::forget(report);
    Ok(code)
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
    let outcome =
        relcheck::validate::run(&cwd, &args.schema, &args.files, &settings, &sources).map_err(|e| error_chain(&e))?;
    emit(&outcome.report, &args.output)?;
    // Files that need a schema relcheck was not given have no verdict: the run cannot answer as asked.
    if let Some(first) = outcome.unchecked.first() {
        let more = match outcome.unchecked.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more file)".to_string(),
            n => format!(" (and {n} more files)"),
        };
        let file = &outcome.report.files[first.file].path;
        eprintln!("relcheck: error: cannot validate {file}{more}: {}", first.reason);
        return Ok(2);
    }
    Ok(relcheck::exit_code(&outcome.report, Severity::Error))
}

fn settings(today: Option<chrono::NaiveDate>, limits: &LimitArgs) -> Settings {
    Settings {
        today: today.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        limits: Limits {
            max_depth: usize::from(limits.max_depth),
        },
        max_file_size: limits.max_file_size,
    }
}

/// Writes the report to standard output and to every `--output` file.
fn emit(report: &relcheck::Report, args: &OutputArgs) -> Result<(), String> {
    let redirected = args.output.iter().rev().find(|o| o.format.is_none());
    for output in &args.output {
        if output.format.is_none() && Some(output) != redirected {
            continue;
        }
        write_file(report, output.format.unwrap_or(args.format), &output.path)?;
    }
    if redirected.is_some() {
        return Ok(());
    }
    let choice = match args.color {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        // termcolor's Auto honours NO_COLOR and TERM=dumb but not whether stdout is a terminal.
        ColorChoice::Auto if std::io::stdout().is_terminal() => termcolor::ColorChoice::Auto,
        ColorChoice::Auto => termcolor::ColorChoice::Never,
    };
    let mut stdout = BufferedStandardStream::stdout(choice);
    match report::render(report, args.format, &mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`relcheck check | head`) is the reader's choice, not a failure to report.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the report: {e}")),
    }
}

fn write_file(report: &relcheck::Report, format: Format, path: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(fail)?;
    let mut out = termcolor::NoColor::new(std::io::BufWriter::new(file));
    report::render(report, format, &mut out).map_err(fail)?;
    out.get_mut().flush().map_err(fail)
}

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
    let rule = rules::find(code_or_name).ok_or_else(|| {
        let names = rules::ALL.iter().map(|r| r.name);
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
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
