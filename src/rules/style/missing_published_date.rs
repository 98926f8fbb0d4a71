//! A reference has no publication date.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R605",
    name: "missing-published-date",
    group: Group::Style,
    level: Level::Info,
    fix: Fix::None,
    summary: "a reference has no publication date",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
