//! An item appears twice in `actors` or `locations`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R508",
    name: "duplicate-list-item",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "an item appears twice in `actors` or `locations`",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
