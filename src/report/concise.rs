//! One line per finding, `file:line:col: severity[code/name] message`, as gcc and ruff print them, so
//! editors, `grep` and problem matchers read the output; then the summary line of the human format.

use super::summary_line;
use crate::check::Report;
use crate::diagnostics::escape::visible;
use crate::diagnostics::Diagnostic;
use crate::source::Span;

/// Writes one line per finding (those an exception in relcheck.toml accepts are left out, as in the
/// human format; the summary counts them), the notices, and the summary line.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for diagnostic in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
        writeln!(out, "{}", line(report, diagnostic))?;
    }
    for notice in &report.notices {
        writeln!(out, "note: {}", visible(notice))?;
    }
    writeln!(out, "{}", summary_line(report))?;
    if let Some(line) = super::fixable_line(report) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `data/relations/NO-UA.json:403:20: error[R203/retrieved-before-published] reference …`. A finding
/// whose place is unknown is shown at the top of its file, as the human format shows it.
pub fn line(report: &Report, diagnostic: &Diagnostic) -> String {
    let span = diagnostic.primary.span.unwrap_or(Span::new(0, 0));
    let (line, column) =
        super::locate(report, diagnostic.file, span).map_or((1, 1), |found| (found.start.line, found.start.column));
    let fixable = match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
        Some(crate::diagnostics::fix::Applicability::Safe) => " (fixable)",
        Some(crate::diagnostics::fix::Applicability::Unsafe) => " (fixable, unsafe)",
        None => "",
    };
    format!(
        "{}:{line}:{column}: {}[{}/{}] {}{fixable}",
        visible(&report.files[diagnostic.file].path),
        diagnostic.severity.as_str(),
        diagnostic.rule.code,
        diagnostic.rule.name,
        visible(&diagnostic.message),
    )
}
