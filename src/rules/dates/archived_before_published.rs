//! An archive snapshot older than the page it is meant to preserve is a snapshot of something else.

use super::valid;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{reference_name, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R204",
    name: "archived-before-published",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a reference's archive snapshot is older than its publication",
    why: "An archived copy taken before the source was published cannot contain it: the archive link points at an earlier version of the page or at another page, or one of the dates is wrong.",
    example: "\"published\": \"2009-09-01\", \"archived\": { \"date\": \"2009-08-31\" }",
    instead: "Archive the source again, or correct `archived.date` or `published`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(published), Some(archived)) = (valid(&reference.published), valid(&reference.archived)) else {
            continue;
        };
        if !archived.certainly_before(&published) {
            continue;
        }
        let (Some(published_at), Some(archived_at)) = (&reference.published, &reference.archived) else {
            continue;
        };
        let name = reference_name(reference);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &archived_at.pointer(),
                    format!(
                        "the archive snapshot of {name} ({}) is older than its publication ({})",
                        archived_at.value, published_at.value
                    ),
                )
                .primary(context.value_span(&archived_at.pointer()), "archived here")
                .secondary(context.value_span(&published_at.pointer()), "published here")
                .help(
                    "the snapshot shows an earlier page; archive the source again, or correct whichever date is wrong",
                ),
        );
    }
}
