//! A URL is not a valid http(s) URL with a host.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R409",
    name: "invalid-url",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "a URL is not a valid http(s) URL with a host",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
