//! A Wayback Machine URL is malformed (save command, bad timestamp, path or flag).

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R413",
    name: "malformed-archive-url",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "a Wayback Machine URL is malformed (save command, bad timestamp, path or flag)",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
