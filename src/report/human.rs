//! rustc-style output through codespan-reporting: code, message, `file:line:col`, the snippet with
//! labels, notes and help.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label as RenderedLabel, Severity as RenderedSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};
use rayon::prelude::*;

use super::summary_line;
use crate::check::Report;
use crate::diagnostics::escape::{same_length_visible, visible_lines};
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::{Excerpt, SourceFile, Span};

/// Writes every diagnostic and the summary line. Files are rendered in parallel, each into its own
/// buffer, and written in the report's order.
pub fn render(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let shown: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.suppressed.is_none()).collect();
    // The diagnostics are sorted by file: one group per file.
    let groups: Vec<&[&Diagnostic]> = shown.chunk_by(|a, b| a.file == b.file).collect();
    let colour = out.supports_color();
    let render_group = |group: &&[&Diagnostic]| {
        let mut buffer = if colour { Buffer::ansi() } else { Buffer::no_color() };
        render_file(&report.files[group[0].file], group, &mut buffer).map(|()| buffer)
    };
    // One file (the pre-commit case) is rendered on this thread: starting workers would cost more.
    let buffers: Vec<Buffer> = if groups.len() > 1 {
        groups.par_iter().map(render_group).collect::<std::io::Result<_>>()?
    } else {
        groups.iter().map(render_group).collect::<std::io::Result<_>>()?
    };
    for buffer in buffers {
        out.write_all(buffer.as_slice())?;
    }
    for notice in &report.notices {
        writeln!(out, "note: {notice}")?;
    }
    writeln!(out, "{}", summary_line(report))
}

fn render_file(file: &SourceFile, diagnostics: &[&Diagnostic], out: &mut Buffer) -> std::io::Result<()> {
    let shown = Shown {
        name: &file.path,
        // Same length, so the excerpt's offsets stay valid.
        text: same_length_visible(file.excerpt.text()),
        excerpt: &file.excerpt,
    };
    // The default context lines, which are the ones an Excerpt keeps (a test renders both ways).
    let config = Config::default();
    for diagnostic in diagnostics {
        let rendered = to_codespan(diagnostic, &file.excerpt);
        term::emit_to_write_style(out, &config, &shown, &rendered).map_err(|e| match e {
            // Keep I/O errors as they are, so a closed pipe stays recognisable to the caller.
            FilesError::Io(io) => io,
            other => std::io::Error::other(other),
        })?;
    }
    Ok(())
}

/// One file as codespan-reporting sees it: the excerpt's text, with the file's own line numbers.
struct Shown<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    excerpt: &'a Excerpt,
}

impl<'a> Files<'a> for Shown<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt.line_index(byte_index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(self.excerpt.line_range(line_index))
    }
}

fn to_codespan(diagnostic: &Diagnostic, excerpt: &Excerpt) -> Rendered<()> {
    let severity = match diagnostic.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    // A finding whose place could not be found is shown at the top of its file rather than guessed.
    let file_level = Span::new(0, 0);
    let range = |span: Option<Span>| {
        let span = excerpt.clamp(span.unwrap_or(file_level));
        let start = excerpt.offset(span.start).unwrap_or(0);
        start..excerpt.offset(span.end).unwrap_or(start).max(start)
    };
    // Wording quotes data (ids, titles, values): nothing in it may reach the terminal raw.
    let shown = |text: &str| visible_lines(text).into_owned();
    let mut labels = vec![
        RenderedLabel::primary((), range(diagnostic.primary.span)).with_message(shown(&diagnostic.primary.message))
    ];
    for label in &diagnostic.secondary {
        labels.push(RenderedLabel::secondary((), range(label.span)).with_message(shown(&label.message)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ALL;

    /// The snippet of every kind of label (one line, several lines, far apart, one line apart) is
    /// the same from an excerpt as from the whole text.
    #[test]
    fn excerpts_render_like_the_whole_text() {
        let text: String = (1..=60).map(|i| format!("  \"line {i}\": \"Київ ø\",\n")).collect();
        // The byte offset where 1-based line `n` starts.
        let line = |n: usize| match n {
            1 => 0,
            _ => text.match_indices('\n').nth(n - 2).map_or(text.len(), |(i, _)| i + 1),
        };
        let span = |from: usize, to: usize| Some(Span::new(line(from) + 3, line(to) + 9));
        let cases: Vec<Vec<Option<Span>>> = vec![
            vec![span(5, 5)],
            vec![span(1, 1), span(3, 3)],
            vec![span(10, 10), span(13, 13), span(15, 15)],
            vec![span(20, 21)],
            vec![span(20, 24)],
            vec![span(20, 25)],
            vec![span(20, 26)],
            vec![span(20, 27)],
            vec![span(5, 50), span(52, 52)],
            vec![span(58, 60), span(2, 40), span(30, 30)],
            vec![Some(Span::new(text.len(), text.len())), None],
        ];
        for spans in cases {
            let mut diagnostic = Diagnostic::new(ALL[0], 0, "", "message").primary(spans[0], "primary");
            for &span in &spans[1..] {
                diagnostic = diagnostic.secondary(span.or(Some(Span::new(0, 0))), "secondary");
            }
            let render = |excerpt: Excerpt| {
                let file = SourceFile {
                    path: "a.json".into(),
                    excerpt,
                };
                let mut out = Buffer::no_color();
                render_file(&file, &[&diagnostic], &mut out).unwrap();
                String::from_utf8(out.into_inner()).unwrap()
            };
            let whole = render(Excerpt::whole(&text));
            let shown = render(Excerpt::of_spans(&text, diagnostic.spans()));
            assert_eq!(shown, whole, "labels {spans:?}");
        }
    }
}
