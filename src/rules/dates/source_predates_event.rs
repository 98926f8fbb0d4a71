//! A reference was published before the event it is cited for.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R207",
    name: "source-predates-event",
    group: Group::Dates,
    level: Level::Warning,
    fix: Fix::None,
    summary: "a reference was published before the event it is cited for",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
