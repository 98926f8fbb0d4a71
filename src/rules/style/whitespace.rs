//! A string has leading, trailing or doubled spaces, or an invisible character.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R601",
    name: "whitespace",
    group: Group::Style,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a string has leading, trailing or doubled spaces, or an invisible character",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
