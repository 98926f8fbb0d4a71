//! Two references of a file point to the same URL.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R404",
    name: "duplicate-reference-url",
    group: Group::References,
    level: Level::Warning,
    fix: Fix::None,
    summary: "two references of a file point to the same URL",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
