//! An archive date precedes the Wayback Machine, or a retrieval date precedes the web.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R209",
    name: "implausible-early-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "an archive date precedes the Wayback Machine, or a retrieval date precedes the web",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
