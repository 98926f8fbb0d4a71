//! A claim is marked `citation_needed` but already cites a reference.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R303",
    name: "citation-needed-with-cite",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a claim is marked `citation_needed` but already cites a reference",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
