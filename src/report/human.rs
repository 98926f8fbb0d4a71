//! rustc-style output through codespan-reporting: code, message, `file:line:col`, the snippet with
//! labels, notes and help.

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label as RenderedLabel, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};

use super::{clamp, summary_line};
use crate::check::Report;
use crate::diagnostics::escape::{same_length_visible, visible_lines};
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::Span;

/// Writes every diagnostic and the summary line.
pub fn render(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = report
        .files
        .iter()
        .map(|file| files.add(file.path.as_str(), same_length_visible(&file.text)))
        .collect();
    let config = Config::default();
    for diagnostic in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
        let text = &report.files[diagnostic.file].text;
        let rendered = to_codespan(diagnostic, ids[diagnostic.file], text);
        term::emit_to_write_style(out, &config, &files, &rendered).map_err(|e| match e {
            // Keep I/O errors as they are, so a closed pipe stays recognisable to the caller.
            codespan_reporting::files::Error::Io(io) => io,
            other => std::io::Error::other(other),
        })?;
    }
    for notice in &report.notices {
        writeln!(out, "note: {notice}")?;
    }
    writeln!(out, "{}", summary_line(report))
}

fn to_codespan(diagnostic: &Diagnostic, file_id: usize, text: &str) -> Rendered<usize> {
    let severity = match diagnostic.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    // A finding whose place could not be found is shown at the top of its file rather than guessed.
    let file_level = Span::new(0, 0);
    let primary = clamp(text, diagnostic.primary.span.unwrap_or(file_level));
    // Wording quotes data (ids, titles, values): nothing in it may reach the terminal raw.
    let shown = |text: &str| visible_lines(text).into_owned();
    let mut labels =
        vec![RenderedLabel::primary(file_id, primary.range()).with_message(shown(&diagnostic.primary.message))];
    for label in &diagnostic.secondary {
        let span = clamp(text, label.span.unwrap_or(file_level));
        labels.push(RenderedLabel::secondary(file_id, span.range()).with_message(shown(&label.message)));
    }
    let mut notes: Vec<String> = diagnostic.notes.iter().map(|note| shown(note)).collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", shown(help)));
    }
    Rendered::new(severity)
        .with_code(format!("{}/{}", diagnostic.rule.code, diagnostic.rule.name))
        .with_message(shown(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}
