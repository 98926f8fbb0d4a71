//! A reference has a `retrieved` date but no URL.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R411",
    name: "retrieved-without-url",
    group: Group::References,
    level: Level::Off,
    fix: Fix::None,
    summary: "a reference has a `retrieved` date but no URL",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
