//! A quote has no `cite` (quotes cannot be `citation_needed`).

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R302",
    name: "uncited-quote",
    group: Group::Citations,
    level: Level::Error,
    fix: Fix::None,
    summary: "a quote has no `cite` (quotes cannot be `citation_needed`)",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
