//! A reference's title is a generic placeholder (\"Page not found\", \"Archived copy\").

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R408",
    name: "generic-title",
    group: Group::References,
    level: Level::Warning,
    fix: Fix::None,
    summary: "a reference's title is a generic placeholder (\"Page not found\", \"Archived copy\")",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
