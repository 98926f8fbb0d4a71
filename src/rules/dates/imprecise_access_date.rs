//! `retrieved` or `archived.date` is not a full YYYY-MM-DD date.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R208",
    name: "imprecise-access-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "`retrieved` or `archived.date` is not a full YYYY-MM-DD date",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
