//! reviewdog's Diagnostic Format, rdjson (`--format rdjson`): each finding with its place and, when
//! it has a fix, the fix's edits as `suggestions`, which reviewdog posts as suggested changes a
//! reviewer applies with one click. Columns count UTF-8 bytes, as the format defines; an edit's
//! range is end-exclusive.

use serde::Serialize;

use crate::check::Report;
use crate::diagnostics::Severity;
use crate::source::Span;

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<RdDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct RdDiagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code {
    value: String,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn range(report: &Report, file: usize, span: Span) -> Option<Range> {
    let excerpt = &report.files[file].excerpt;
    let span = excerpt.clamp(span);
    let (line, column) = excerpt.byte_position(span.start)?;
    let (end_line, end_column) = excerpt.byte_position(span.end)?;
    Some(Range {
        start: Position { line, column },
        end: Position {
            line: end_line,
            column: end_column,
        },
    })
}

/// Writes the findings that count (an exception's accepted findings are left out, as in the
/// human format).
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let diagnostics = report
        .diagnostics
        .iter()
        .filter(|d| d.suppressed.is_none())
        .map(|d| RdDiagnostic {
            // reviewdog shows one text per finding: notes and help on lines of their own.
            message: super::one_text(d, "\n"),
            location: Location {
                path: &report.files[d.file].path,
                range: d.primary.span.and_then(|span| range(report, d.file, span)),
            },
            severity: match d.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            },
            source: Source { name: "relcheck" },
            code: Code {
                value: format!("{}/{}", d.rule.code, d.rule.name),
            },
            suggestions: d
                .fix
                .iter()
                .flat_map(|fix| &fix.edits)
                .filter_map(|edit| {
                    Some(Suggestion {
                        range: range(report, d.file, edit.span)?,
                        text: &edit.replacement,
                    })
                })
                .collect(),
        })
        .collect();
    let result = Result {
        source: Source { name: "relcheck" },
        diagnostics,
    };
    super::write_json(out, &result)
}
