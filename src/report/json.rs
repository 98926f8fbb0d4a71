//! The stable machine-readable format (`--format json`, version 1), documented in the README.

use serde::Serialize;

use crate::check::Report;
use crate::diagnostics::Severity;
use crate::source::Span;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// What the user should know that is not a finding in a file (findings counted but not listed).
    notices: &'a [String],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    /// Findings counted above but not listed (`--max-findings-per-file`).
    not_listed: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    pointer: &'a str,
    #[serde(flatten)]
    location: Location,
    labels: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    /// The edits that repair it, or `null`.
    fix: Option<JsonFix<'a>>,
    /// Present when an exception in relcheck.toml accepts the finding; it then counts for nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<&'a crate::diagnostics::Suppression>,
}

#[derive(Serialize)]
struct Location {
    span: Option<Span>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    location: Location,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    primary: bool,
    message: &'a str,
    #[serde(flatten)]
    location: Location,
}

fn location(report: &Report, file: usize, span: Option<Span>) -> Location {
    match span.and_then(|span| super::locate(report, file, span)) {
        Some(found) => Location {
            span: Some(found.span),
            line: Some(found.start.line),
            column: Some(found.start.column),
            end_line: Some(found.end.line),
            end_column: Some(found.end.column),
        },
        None => Location {
            span: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
        },
    }
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut labels = vec![JsonLabel {
                primary: true,
                message: &d.primary.message,
                location: location(report, d.file, d.primary.span),
            }];
            labels.extend(d.secondary.iter().map(|label| JsonLabel {
                primary: false,
                message: &label.message,
                location: location(report, d.file, label.span),
            }));
            JsonDiagnostic {
                code: d.rule.code,
                rule: d.rule.name,
                severity: d.severity.as_str(),
                message: &d.message,
                file: &report.files[d.file].path,
                pointer: &d.pointer,
                location: location(report, d.file, d.primary.span),
                labels,
                notes: &d.notes,
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|fix| JsonFix {
                    applicability: fix.applicability.as_str(),
                    title: &fix.title,
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| JsonEdit {
                            location: location(report, d.file, Some(edit.span)),
                            replacement: &edit.replacement,
                        })
                        .collect(),
                }),
                suppressed: d.suppressed.as_ref(),
            }
        })
        .collect();
    let output = Output {
        version: 1,
        diagnostics,
        notices: &report.notices,
        summary: Summary {
            files: report.checked,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            suppressed: report.suppressed(),
            not_listed: report.not_listed(),
        },
    };
    super::write_json(out, &output)
}
