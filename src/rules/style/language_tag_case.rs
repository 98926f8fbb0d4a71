//! A language tag is valid but not in canonical case (`EN`, `pt-br`).

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R602",
    name: "language-tag-case",
    group: Group::Style,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a language tag is valid but not in canonical case (`EN`, `pt-br`)",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
