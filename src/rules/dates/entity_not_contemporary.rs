//! An event names an entity that did not exist at the event's date.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R210",
    name: "entity-not-contemporary",
    group: Group::Dates,
    level: Level::Warning,
    fix: Fix::None,
    summary: "an event names an entity that did not exist at the event's date",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
