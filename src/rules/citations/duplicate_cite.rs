//! The same reference id appears twice in one `cite` list.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R305",
    name: "duplicate-cite",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "the same reference id appears twice in one `cite` list",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
