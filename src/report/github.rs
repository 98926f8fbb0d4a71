//! GitHub Actions workflow commands: each finding becomes an `::error`, `::warning` or `::notice`
//! (info) annotation on the file and line it concerns, shown in the run summary and on the pull
//! request's diff. Findings an exception in relcheck.toml accepts are left out, as in the human format.
//!
//! GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (50 per job). The
//! findings past those limits are printed in their place as plain `file:line:col:` lines of the log
//! instead, and a final `::notice::` says how many were not annotated and where to see them all; one
//! notice is kept for it, and one for each of the run's own notices.

use std::borrow::Cow;

use super::{concise, summary_line};
use crate::check::Report;
use crate::diagnostics::escape::visible;
use crate::diagnostics::{Diagnostic, Severity};

/// The most annotations of one kind (error, warning, notice) GitHub shows for one step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut errors = ANNOTATIONS_PER_KIND;
    let mut warnings = ANNOTATIONS_PER_KIND;
    let mut notices = ANNOTATIONS_PER_KIND.saturating_sub(report.notices.len() + 1);
    let mut not_annotated = 0;
    for diagnostic in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
        let left = match diagnostic.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
            Severity::Info => &mut notices,
        };
        if *left > 0 {
            *left -= 1;
            writeln!(out, "{}", command(report, diagnostic))?;
        } else {
            not_annotated += 1;
            writeln!(out, "{}", plain(&concise::line(report, diagnostic)))?;
        }
    }
    for notice in &report.notices {
        writeln!(out, "::notice::{}", escape_data(&visible(notice)))?;
    }
    writeln!(out, "{}", plain(&summary_line(report)))?;
    if not_annotated > 0 {
        let (findings, were) = if not_annotated == 1 {
            ("finding was", "it is")
        } else {
            ("findings were", "they are")
        };
        let text = format!(
            "{not_annotated} {findings} not annotated: GitHub shows at most {ANNOTATIONS_PER_KIND} error, \
             {ANNOTATIONS_PER_KIND} warning and {ANNOTATIONS_PER_KIND} notice annotations per step; {were} \
             listed in the log above. For the full report run `relcheck check --format human`, or upload \
             the SARIF report (`--output sarif=relcheck.sarif`) to code scanning"
        );
        writeln!(out, "::notice title=relcheck::{}", escape_data(&text))?;
    }
    Ok(())
}

/// A line of the log that must not be read as a workflow command, whatever data it quotes. The
/// runner takes a line for a command when it starts with `::` after leading white space, or (the
/// older syntax) when it holds `##[` anywhere: the first such character is written as an escape.
fn plain(line: &str) -> Cow<'_, str> {
    let leading_colons = line.trim_start().starts_with("::");
    if !leading_colons && !line.contains("##[") {
        return Cow::Borrowed(line);
    }
    let mut out = line.replace("##[", "#\\u{0023}[");
    if leading_colons {
        let at = out.len() - out.trim_start().len();
        out.replace_range(at..at + 1, "\\u{003A}");
    }
    Cow::Owned(out)
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=R203/…::message%0Ahelp: …`.
fn command(report: &Report, diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let path = &report.files[diagnostic.file].path;
    let mut properties = vec![("file", visible_lines(path))];
    // Without a known place the annotation belongs to the whole file.
    if let Some(found) = diagnostic
        .primary
        .span
        .and_then(|span| super::locate(report, diagnostic.file, span))
    {
        properties.push(("line", found.start.line.to_string()));
        properties.push(("col", found.start.column.to_string()));
        properties.push(("endLine", found.end.line.to_string()));
        properties.push(("endColumn", found.end.column.to_string()));
    }
    properties.push(("title", format!("{}/{}", diagnostic.rule.code, diagnostic.rule.name)));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();

    let mut message = visible_lines(&diagnostic.message);
    for note in &diagnostic.notes {
        message.push_str("\nnote: ");
        message.push_str(&visible_lines(note));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(&visible_lines(help));
    }
    // The runner never reads the older `##[` syntax in a line it took for a command; escaped all
    // the same, so no reading of the log can find one in data.
    format!("::{kind} {}::{}", properties.join(","), escape_data(&message)).replace("##[", "#\\u{0023}[")
}

/// `text` with the characters that could change how the log reads shown as `\u{…}`, except line
/// breaks: workflow-command escaping encodes those exactly (`%0A`), so a file name keeps naming its
/// file and a message keeps its lines.
fn visible_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\r' => out.push(ch),
            _ => out.push_str(&visible(ch.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// The message part of a workflow command, escaped as `@actions/core` does (`escapeData`).
pub fn escape_data(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A property value of a workflow command, escaped as `@actions/core` does (`escapeProperty`).
pub fn escape_property(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> Cow<'_, str> {
    let special = |ch: char| matches!(ch, '%' | '\r' | '\n') || (property && matches!(ch, ':' | ','));
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(ch),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("plain text"), "plain text");
        assert_eq!(escape_data("100% done"), "100%25 done");
        assert_eq!(escape_data("a\nb\r\nc"), "a%0Ab%0D%0Ac");
        assert_eq!(escape_data("key: a, b"), "key: a, b");
        // `%` first: an already escaped sequence must not be taken for an escape.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("::error::"), "::error::");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("data/relations/NO-UA.json"),
            "data/relations/NO-UA.json"
        );
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_property("50%,x:\n"), "50%25%2Cx%3A%0A");
        assert_eq!(
            escape_property("R203/retrieved-before-published"),
            "R203/retrieved-before-published"
        );
        assert_eq!(escape_property("title=x,line=1"), "title=x%2Cline=1");
    }

    #[test]
    fn line_breaks_are_left_to_command_escaping_and_other_controls_made_visible() {
        assert_eq!(
            visible_lines("a\nb\r\u{1b}[31m\u{202E}"),
            "a\nb\r\\u{001B}[31m\\u{202E}"
        );
        assert_eq!(escape_data(&visible_lines("a\nb")), "a%0Ab");
    }

    #[test]
    fn plain_lines_never_read_as_workflow_commands() {
        assert_eq!(plain("data/x.json:1:2: error"), "data/x.json:1:2: error");
        assert_eq!(
            plain("::warning title=x::forged.json:1:1: error"),
            "\\u{003A}:warning title=x::forged.json:1:1: error"
        );
        assert_eq!(plain("  ::stop-commands::x"), "  \\u{003A}:stop-commands::x");
        assert_eq!(plain("a ##[error]b ##[x"), "a #\\u{0023}[error]b #\\u{0023}[x");
    }

    #[test]
    fn escaping_keeps_non_ascii_text() {
        assert_eq!(escape_property("Støre, Київ: 5%"), "Støre%2C Київ%3A 5%25");
    }
}
