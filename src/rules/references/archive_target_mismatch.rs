//! The Wayback snapshot is of a different page than `url`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R415",
    name: "archive-target-mismatch",
    group: Group::References,
    level: Level::Warning,
    fix: Fix::None,
    summary: "the Wayback snapshot is of a different page than `url`",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
