//! A URL carries tracking parameters (`utm_*`, `fbclid`, `gclid`).

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R603",
    name: "tracking-parameters",
    group: Group::Style,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a URL carries tracking parameters (`utm_*`, `fbclid`, `gclid`)",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
