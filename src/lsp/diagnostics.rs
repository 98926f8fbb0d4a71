//! The findings of one document, exactly as `relcheck check FILE` reports them from the dataset
//! root: the same check (`Workspace::check_text`), the same comparison with the relation files
//! named after the same pair, the same configuration (levels, exceptions) and the same escaping.
//! Findings an exception in relcheck.toml accepts are left out, as the command line's human,
//! concise and GitHub reports leave them out: the exception says they are known and fine.

use std::path::Path;

use crate::dataset::{display_path, Input};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::rules;
use crate::rules::identity::duplicate_relation::RelationId;
use crate::source::Document;
use crate::workspace::{Purpose, Workspace};

/// Checks a relation's text: its findings, and the parsed document (`None` when it is not JSON).
pub(crate) fn relation(
    workspace: &Workspace,
    root: &Path,
    input: &Input,
    text: &str,
) -> Result<(Vec<Diagnostic>, Option<Document>), Error> {
    let checked = workspace.check_text(input, 0, text.as_bytes().to_vec(), Purpose::Check)?;
    let mut findings = checked.diagnostics;
    workspace.finish(&mut findings, &input.from_root, &[]);
    let mut across = duplicate_relation(root, input, checked.relation_id);
    workspace.config.apply_to_file(&mut across, &input.from_root, &[]);
    findings.extend(across);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    shown(&mut findings);
    Ok((findings, checked.document))
}

/// Applies the configuration to an entity file's findings.
pub(crate) fn finish(workspace: &Workspace, input: &Input, findings: &mut Vec<Diagnostic>) {
    workspace.finish(findings, &input.from_root, &[]);
    shown(findings);
}

/// Keeps the findings that count, escaped for display.
fn shown(findings: &mut Vec<Diagnostic>) {
    findings.retain(|d| d.suppressed.is_none());
    for finding in findings.iter_mut() {
        finding.make_printable();
    }
}

/// `duplicate-relation`: another relation file of the dataset named after the same pair, as the
/// command line finds it when it checks one named file.
fn duplicate_relation(
    root: &Path,
    input: &Input,
    id: Option<(String, Option<crate::source::Span>)>,
) -> Vec<Diagnostic> {
    let Some((id, span)) = id else { return Vec::new() };
    let folder = root.join("data").join("relations");
    let mut others: Vec<RelationId> = Vec::new();
    if let Some((a, b)) = id.split_once('-') {
        for name in [format!("{a}-{b}"), format!("{b}-{a}")] {
            let path = folder.join(format!("{name}.json"));
            let itself = std::fs::canonicalize(&path).is_ok_and(|real| real == input.path);
            if !itself && path.is_file() && !others.iter().any(|o| o.id == name) {
                others.push(RelationId {
                    file: usize::MAX,
                    id: name,
                    span: None,
                    path: display_path(root, &path),
                });
            }
        }
    }
    let checked = [RelationId {
        file: 0,
        id,
        span,
        path: input.from_root.clone(),
    }];
    let mut out = Vec::new();
    rules::identity::duplicate_relation::check(&checked, &others, &mut out);
    out
}
