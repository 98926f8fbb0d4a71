//! A quote's speaker is not among the actors of its event.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R507",
    name: "speaker-not-actor",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a quote's speaker is not among the actors of its event",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
