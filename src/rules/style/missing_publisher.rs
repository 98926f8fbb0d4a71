//! A reference has no publisher.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R604",
    name: "missing-publisher",
    group: Group::Style,
    level: Level::Warning,
    fix: Fix::None,
    summary: "a reference has no publisher",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
