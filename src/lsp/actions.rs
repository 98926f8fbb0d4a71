//! Code actions: each finding's fix as a quick fix (preferred when it is safe), and
//! `source.fixAll.relcheck`, which applies every safe fix as `relcheck check --fix` does (checking
//! again after each round, until nothing is left) and sends the result as one edit.

use std::path::Path;

use super::state::{DocKind, Server};
use crate::diagnostics::fix::{Applicability, Edit};
use crate::fix::{fix_text, Fixed, Mode};
use crate::source::lines::floor_char_boundary;
use crate::source::Span;

/// A quick fix for one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuickFix {
    pub title: String,
    pub preferred: bool,
    /// The finding it repairs: its index in the document's findings.
    pub finding: usize,
    pub edits: Vec<Edit>,
}

/// The fixes of the findings of an open document whose place or fix touches `range`.
pub(crate) fn quick_fixes(server: &Server, path: &Path, range: Span) -> Vec<QuickFix> {
    let Some(doc) = server.open.get(path) else {
        return Vec::new();
    };
    let touches = |span: Span| span.start <= range.end && range.start <= span.end;
    doc.findings
        .iter()
        .enumerate()
        .filter_map(|(finding, diagnostic)| {
            let fix = diagnostic.fix.as_ref()?;
            let at = diagnostic.primary.span.is_some_and(touches) || touches(fix.extent());
            at.then(|| QuickFix {
                title: match fix.applicability {
                    Applicability::Safe => fix.title.clone(),
                    Applicability::Unsafe => format!("{} (unsafe fix: review the result)", fix.title),
                },
                preferred: fix.applicability == Applicability::Safe,
                finding,
                edits: fix.edits.clone(),
            })
        })
        .collect()
}

/// Every safe fix of an open data document applied, as one edit of its text; `None` when there is
/// nothing to fix (or the fixes do not settle, in which case `--fix` leaves the file alone too).
pub(crate) fn fix_all(server: &Server, path: &Path) -> Option<Edit> {
    let doc = server.open.get(path)?;
    let DocKind::Data(input) = &doc.kind else { return None };
    let mode = Mode {
        least: Applicability::Safe,
    };
    match fix_text(&server.workspace, input, &doc.text, mode).ok()? {
        Fixed::Changed { text, .. } => Some(difference(&doc.text, &text)),
        Fixed::Unchanged | Fixed::GivenUp { .. } => None,
    }
}

/// The one edit that turns `before` into `after`: the part between their common start and end.
fn difference(before: &str, after: &str) -> Edit {
    let prefix = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    let prefix = floor_char_boundary(before, prefix);
    let longest_suffix = before.len().min(after.len()) - prefix;
    let suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(longest_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    // The suffix starts on a character boundary of both texts (they share it).
    let mut suffix = suffix;
    while !before.is_char_boundary(before.len() - suffix) || !after.is_char_boundary(after.len() - suffix) {
        suffix -= 1;
    }
    Edit::replace(
        Span::new(prefix, before.len() - suffix),
        &after[prefix..after.len() - suffix],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::fix::apply_edits;

    #[test]
    fn the_difference_is_one_minimal_edit() {
        for (before, after) in [
            ("{\"a\": \"NB\"}", "{\"a\": \"nb\"}"),
            ("Київ", "Київа"),
            ("ø", "ö"),
            ("abc", "abc"),
            ("", "x"),
            ("aaa", "aa"),
            ("🎉x🎉", "🎊x🎉"),
        ] {
            let edit = difference(before, after);
            assert_eq!(
                apply_edits(before, [&edit].into_iter()).as_deref(),
                Some(after),
                "{before} → {after}"
            );
        }
        let edit = difference("{\"a\": \"NB\"}", "{\"a\": \"nb\"}");
        assert_eq!((edit.span, edit.replacement.as_str()), (Span::new(7, 9), "nb"));
    }
}
