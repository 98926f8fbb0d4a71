//! `archived.date` differs from the day in the Wayback Machine snapshot URL.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R205",
    name: "archive-date-mismatch",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::Safe,
    summary: "`archived.date` differs from the day in the Wayback Machine snapshot URL",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
