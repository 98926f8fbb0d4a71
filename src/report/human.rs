//! rustc-style output through codespan-reporting: code, message, `file:line:col`, the snippet with
//! labels, notes and help.

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
    writeln!(out, "{}", summary_line(report))?;
    if let Some(line) = super::fixable_line(report) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn render_file(file: &SourceFile, diagnostics: &[&Diagnostic], out: &mut Buffer) -> std::io::Result<()> {
    // The default context lines, which are the ones an Excerpt keeps (a test renders both ways).
    let config = Config::default();
    for diagnostic in diagnostics {
        let view = View::new(&file.path, &file.excerpt, diagnostic);
        let rendered = to_codespan(diagnostic, &view);
        term::emit_to_write_style(out, &config, &view, &rendered).map_err(|e| match e {
            // Keep I/O errors as they are, so a closed pipe stays recognisable to the caller.
            FilesError::Io(io) => io,
            other => std::io::Error::other(other),
        })?;
    }
    Ok(())
}

/// Lines longer than this many characters are shown as windows around the places a finding marks.
const LONG_LINE: usize = 160;
/// Characters shown on each side of a marked place in a long line.
const CONTEXT: usize = 40;
/// Written where a long line's text is left out.
const CUT: &str = "...";

/// The lines one finding shows, as codespan-reporting reads them: the kept lines of its file from
/// its first label to its last, each ending in `\n`, with control characters made visible and
/// long lines (a minified file is one line) cut down to windows around the places its labels mark,
/// as rustc does. Offsets into the file are mapped to offsets into this text, and back for the
/// columns of the header, so `file:line:col` stays the file's own.
struct View<'a> {
    name: &'a str,
    excerpt: &'a Excerpt,
    text: String,
    lines: Vec<ViewLine>,
}

struct ViewLine {
    /// 0-based line of the file.
    index: usize,
    /// Where it starts in the view's text; its length, `\n` included.
    at: usize,
    len: usize,
    /// The parts of the file's line it shows, in order.
    pieces: Vec<Piece>,
}

/// `len` bytes of the file from offset `file`, shown from offset `view` of the view's text.
#[derive(Clone, Copy)]
struct Piece {
    file: usize,
    view: usize,
    len: usize,
}

impl<'a> View<'a> {
    fn new(name: &'a str, excerpt: &'a Excerpt, diagnostic: &Diagnostic) -> Self {
        // A finding whose place could not be found is shown at the top of its file.
        let spans: Vec<Span> = std::iter::once(&diagnostic.primary)
            .chain(&diagnostic.secondary)
            .map(|label| excerpt.clamp(label.span.unwrap_or_default()))
            .collect();
        let line_of = |offset: usize| excerpt.position(offset).map_or(0, |p| p.line - 1);
        let first = spans.iter().map(|s| line_of(s.start)).min().unwrap_or(0);
        let last = spans.iter().map(|s| line_of(s.end)).max().unwrap_or(0);
        let mut view = View {
            name,
            excerpt,
            text: String::new(),
            lines: Vec::new(),
        };
        for (index, start, line) in excerpt.kept_lines(first..=last) {
            let marks: Vec<usize> = spans
                .iter()
                .flat_map(|s| [s.start, s.end])
                .filter(|&offset| offset >= start && offset <= start + line.len())
                .map(|offset| offset - start)
                .collect();
            view.push_line(index, start, line, &marks);
        }
        view
    }

    /// Adds file line `index` (starting at file offset `start`, `line` without its line break),
    /// cut to windows around `marks` (offsets in the line) when it is long.
    fn push_line(&mut self, index: usize, start: usize, line: &str, marks: &[usize]) {
        let at = self.text.len();
        let windows = if line.len() <= LONG_LINE || line.chars().nth(LONG_LINE).is_none() {
            std::iter::once(0..line.len()).collect()
        } else {
            windows(line, marks)
        };
        let mut pieces = Vec::with_capacity(windows.len());
        let mut shown_to = 0;
        for window in windows {
            if window.start > shown_to || (window.start > 0 && pieces.is_empty()) {
                self.text.push_str(CUT);
            }
            pieces.push(Piece {
                file: start + window.start,
                view: self.text.len(),
                len: window.len(),
            });
            // Same length, so the pieces' offsets stay valid.
            self.text.push_str(&same_length_visible(&line[window.clone()]));
            shown_to = window.end;
        }
        if shown_to < line.len() {
            self.text.push_str(CUT);
        }
        self.text.push('\n');
        self.lines.push(ViewLine {
            index,
            at,
            len: self.text.len() - at,
            pieces,
        });
    }

    /// Where file offset `offset` is shown: in its piece, or at the edge of the nearest one.
    fn to_view(&self, offset: usize) -> usize {
        let i = self
            .lines
            .partition_point(|line| line.pieces.first().is_some_and(|p| p.file <= offset))
            .saturating_sub(1);
        let Some(line) = self.lines.get(i) else { return 0 };
        let j = line.pieces.partition_point(|p| p.file <= offset).saturating_sub(1);
        match line.pieces.get(j) {
            Some(piece) => piece.view + (offset.saturating_sub(piece.file)).min(piece.len),
            None => line.at,
        }
    }

    /// The file offset shown at view offset `at` (the nearest shown one, in the cut marks).
    fn to_file(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|line| line.at <= at).saturating_sub(1);
        let Some(line) = self.lines.get(i) else { return 0 };
        let j = line.pieces.partition_point(|p| p.view <= at).saturating_sub(1);
        match line.pieces.get(j) {
            Some(piece) => piece.file + (at.saturating_sub(piece.view)).min(piece.len),
            None => 0,
        }
    }

    fn range(&self, span: Option<Span>) -> Range<usize> {
        let span = self.excerpt.clamp(span.unwrap_or_default());
        let start = self.to_view(span.start);
        start..self.to_view(span.end).max(start)
    }
}

/// The byte ranges of a long line to show: `CONTEXT` characters either side of each mark, merged
/// where they meet; with no mark (a line inside a label that spans lines), the line's start.
fn windows(line: &str, marks: &[usize]) -> Vec<Range<usize>> {
    let back = |from: usize| line[..from].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let ahead = |from: usize| {
        line[from..]
            .char_indices()
            .nth(CONTEXT)
            .map_or(line.len(), |(i, _)| from + i)
    };
    let mut marks: Vec<usize> = marks
        .iter()
        .map(|&m| crate::source::lines::floor_char_boundary(line, m))
        .collect();
    if marks.is_empty() {
        marks.push(0);
    }
    marks.sort_unstable();
    let mut windows: Vec<Range<usize>> = Vec::new();
    for mark in marks {
        let window = back(mark)..ahead(mark);
        match windows.last_mut() {
            Some(previous) if window.start <= previous.end => previous.end = previous.end.max(window.end),
            _ => windows.push(window),
        }
    }
    windows
}

impl<'a> Files<'a> for View<'a> {
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
        let i = self
            .lines
            .partition_point(|line| line.at <= byte_index)
            .saturating_sub(1);
        Ok(self.lines.get(i).map_or(0, |line| line.index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(match self.lines.binary_search_by_key(&line_index, |line| line.index) {
            Ok(i) => self.lines[i].at..self.lines[i].at + self.lines[i].len,
            Err(_) => 0..0,
        })
    }

    /// The column in the file, not in the cut-down line.
    fn column_number(&'a self, (): (), _line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt.position(self.to_file(byte_index)).map_or(1, |p| p.column))
    }
}

fn to_codespan(diagnostic: &Diagnostic, view: &View) -> Rendered<()> {
    let severity = match diagnostic.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    // Wording quotes data (ids, titles, values): nothing in it may reach the terminal raw.
    let shown = |text: &str| visible_lines(text).into_owned();
    let mut labels = vec![RenderedLabel::primary((), view.range(diagnostic.primary.span))
        .with_message(shown(&diagnostic.primary.message))];
    for label in &diagnostic.secondary {
        labels.push(RenderedLabel::secondary((), view.range(label.span)).with_message(shown(&label.message)));
    }
    let mut notes: Vec<String> = diagnostic.notes.iter().map(|note| shown(note)).collect();
    match (&diagnostic.help, &diagnostic.fix) {
        // A fix that does what the help says is marked on the help line.
        (Some(help), Some(fix)) if *help == fix.title => {
            notes.push(format!("help: {} ({} fix)", shown(help), fix.applicability.as_str()));
        }
        (help, fix) => {
            notes.extend(help.iter().map(|help| format!("help: {}", shown(help))));
            notes.extend(fix.iter().map(|fix| shown(&super::fix_note(fix))));
        }
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
