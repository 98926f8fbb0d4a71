//! `parties` are not two different countries in alphabetical order.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R503",
    name: "invalid-parties",
    group: Group::Identity,
    level: Level::Error,
    fix: Fix::Safe,
    summary: "`parties` are not two different countries in alphabetical order",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
