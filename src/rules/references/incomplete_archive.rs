//! `archived.url` is given but the reference has no original `url`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R412",
    name: "incomplete-archive",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "`archived.url` is given but the reference has no original `url`",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
