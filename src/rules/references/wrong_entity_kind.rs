//! An entity id names an entity of the wrong kind (a country as a speaker).

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R406",
    name: "wrong-entity-kind",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "an entity id names an entity of the wrong kind (a country as a speaker)",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
