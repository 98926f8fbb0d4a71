//! Renderers: one per `--format`. They lay out what the diagnostics say and never decide wording.

pub mod concise;
pub mod destination;
pub mod github;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;

use codespan_reporting::term::termcolor::WriteColor;

use crate::check::Report;
use crate::source::lines::{ceil_char_boundary, floor_char_boundary, Position};
use crate::source::Span;

/// The output formats, one renderer each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with source snippets.
    Human,
    /// The stable JSON report (version 1).
    Json,
    /// One line per finding, `file:line:col: severity[code/name] message`, then the summary.
    Concise,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the files and lines of the findings.
    Github,
    /// reviewdog's diagnostic format, with fixes as suggestions reviewdog posts on a pull request.
    Rdjson,
}

/// Writes `report` in `format`. Only the human format uses colour, when `out` supports it.
pub fn render(report: &Report, format: Format, out: &mut dyn WriteColor) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(report, out),
        Format::Json => json::render(report, out),
        Format::Concise => concise::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Rdjson => rdjson::render(report, out),
    }
}

/// A span with its start and end positions, clamped to the text and to character boundaries.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    pub span: Span,
    pub start: Position,
    pub end: Position,
}

/// The line and column of a place a finding in `file` points at.
pub fn locate(report: &Report, file: usize, span: Span) -> Option<Located> {
    let excerpt = &report.files[file].excerpt;
    let span = excerpt.clamp(span);
    Some(Located {
        span,
        start: excerpt.position(span.start)?,
        end: excerpt.position(span.end)?,
    })
}

/// `span` moved inside `text` and onto character boundaries, so slicing and rendering cannot fail.
pub fn clamp(text: &str, span: Span) -> Span {
    let start = floor_char_boundary(text, span.start);
    let end = ceil_char_boundary(text, span.end.max(start));
    Span::new(start, end)
}

/// "3 fixable with `--fix` (2 more with `--unsafe-fixes`)", when a listed finding
/// that counts has a fix.
pub fn fixable_line(report: &Report) -> Option<String> {
    use crate::diagnostics::fix::Applicability;
    let fixes = report
        .diagnostics
        .iter()
        .filter(|d| d.suppressed.is_none())
        .filter_map(|d| d.fix.as_ref());
    let (mut safe, mut unsafe_only) = (0, 0);
    for fix in fixes {
        match fix.applicability {
            Applicability::Safe => safe += 1,
            Applicability::Unsafe => unsafe_only += 1,
        }
    }
    match (safe, unsafe_only) {
        (0, 0) => None,
        (0, n) => Some(format!(
            "{n} fixable with `--fix --unsafe-fixes` (review those changes)"
        )),
        (n, 0) => Some(format!("{n} fixable with `--fix`")),
        (n, m) => Some(format!("{n} fixable with `--fix` ({m} more with `--unsafe-fixes`)")),
    }
}

/// How a fix is mentioned after a finding: "safe fix: replace `NB` with `nb`".
pub fn fix_note(fix: &crate::diagnostics::fix::Fix) -> String {
    format!("{} fix: {}", fix.applicability.as_str(), fix.title)
}

/// `error: 3 errors, 2 warnings in 4 files` or `ok: 4 files checked, 2 warnings`.
pub fn summary_line(report: &Report) -> String {
    let errors = report.count(crate::diagnostics::Severity::Error);
    let warnings = report.count(crate::diagnostics::Severity::Warning);
    let files = report.checked;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let infos = match report.count(crate::diagnostics::Severity::Info) {
        0 => String::new(),
        n => format!(", {n} info"),
    };
    let accepted = match report.suppressed() {
        0 => String::new(),
        n => format!(" ({n} accepted by relcheck.toml)"),
    };
    if errors > 0 {
        format!(
            "error: {}, {}{infos} in {}{accepted}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(files, "file")
        )
    } else {
        format!(
            "ok: {} checked, {}{infos}{accepted}",
            plural(files, "file"),
            plural(warnings, "warning")
        )
    }
}

/// Writes `value` as pretty JSON in which every character that could change how a terminal shows
/// the text (see `diagnostics::escape::is_unsafe`) is a `\uXXXX` escape: a JSON reader gets the
/// exact data, and a person who prints the report sees no control sequence take effect.
pub fn write_json<T: serde::Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    value.serialize(&mut serializer).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// serde_json's pretty formatter, with unsafe characters in strings written as escapes.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut from = 0;
        for (at, ch) in fragment.char_indices() {
            // Control characters never reach here: serde_json escapes them itself.
            if crate::diagnostics::escape::is_unsafe(ch) {
                out.write_all(&fragment.as_bytes()[from..at])?;
                // Every unsafe character lies in the Basic Multilingual Plane: one escape each.
                write!(out, "\\u{:04x}", ch as u32)?;
                from = at + ch.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A finding's message with its notes and help, for formats that show one text per finding,
/// each part after `separator` and its `note:` or `help:` prefix.
fn one_text(diagnostic: &crate::diagnostics::Diagnostic, separator: &str) -> String {
    let mut text = diagnostic.message.clone();
    for note in &diagnostic.notes {
        text.push_str(separator);
        text.push_str("note: ");
        text.push_str(note);
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(separator);
        text.push_str("help: ");
        text.push_str(help);
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_keeps_the_data() {
        let data = serde_json::json!({"a\u{202E}": ["x\u{1b}[31m", "Støre \u{200B}"]});
        let mut out = Vec::new();
        super::write_json(&mut out, &data).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| crate::diagnostics::escape::is_unsafe(c) && c != '\n'),
            "{text}"
        );
        assert!(
            text.contains("\\u202e") && text.contains("\\u001b") && text.contains("Støre \\u200b"),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), data);
    }
}
