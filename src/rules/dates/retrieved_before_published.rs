//! A source cannot be read before it exists.

use super::valid;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{reference_name, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R203",
    name: "retrieved-before-published",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a reference was retrieved before it was published",
    why: "`retrieved` is the day someone read the source; it cannot precede `published`. One of the two dates is wrong. With reduced precision the rule fires only when the order is certain (`retrieved: 2022-01-15` after `published: 2022-01` is fine).",
    example: "\"published\": \"2024-02-02\", \"retrieved\": \"2024-01-04\"",
    instead: "Check the source's date line and the day it was read, and correct whichever date is wrong.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(published), Some(retrieved)) = (valid(&reference.published), valid(&reference.retrieved)) else {
            continue;
        };
        if !retrieved.certainly_before(&published) {
            continue;
        }
        let (Some(published_at), Some(retrieved_at)) = (&reference.published, &reference.retrieved) else {
            continue;
        };
        let name = reference_name(reference);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &retrieved_at.pointer(),
                    format!(
                        "{name} was retrieved on {}, before it was published ({})",
                        retrieved_at.value, published_at.value
                    ),
                )
                .primary(context.value_span(&retrieved_at.pointer()), "retrieved here")
                .secondary(context.value_span(&published_at.pointer()), "published here")
                .help("a source cannot be read before it exists; correct whichever date is wrong"),
        );
    }
}
