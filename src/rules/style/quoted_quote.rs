//! A quote's text is wrapped in its own quotation marks.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R606",
    name: "quoted-quote",
    group: Group::Style,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a quote's text is wrapped in its own quotation marks",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
