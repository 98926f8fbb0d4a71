//! A language tag is not a registered BCP 47 language.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R417",
    name: "invalid-language",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "a language tag is not a registered BCP 47 language",
    why: "",
    example: "",
    instead: "",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}
