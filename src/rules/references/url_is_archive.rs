//! `url` points to an archive copy instead of the original.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R416",
    name: "url-is-archive",
    group: Group::References,
    level: Level::Warning,
    fix: Fix::Unsafe,
    summary: "`url` points to an archive copy instead of the original",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
