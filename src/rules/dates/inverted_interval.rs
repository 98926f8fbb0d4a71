//! An end date lies before its start date.

use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityFile;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R211",
    name: "inverted-interval",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "an end date lies before its start date",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}

/// Entities' existence intervals (`start` and `end`).
pub fn check_entities(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    let _ = (context, entities, out);
}
