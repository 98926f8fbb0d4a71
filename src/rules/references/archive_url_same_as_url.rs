//! `archived.url` is the same as `url`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R414",
    name: "archive-url-same-as-url",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "`archived.url` is the same as `url`",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
