//! A mission's sending or host country is not a party of the relation.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R506",
    name: "mission-not-between-parties",
    group: Group::Identity,
    level: Level::Error,
    fix: Fix::None,
    summary: "a mission's sending or host country is not a party of the relation",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
