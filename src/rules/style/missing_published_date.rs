//! A reference has no publication date.

use super::{reference_anchor, reference_name, references_without};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R605",
    name: "missing-published-date",
    group: Group::Style,
    level: Level::Info,
    fix: Fixable::None,
    summary: "a reference has no publication date",
    why: "Without `published`, `retrieved-before-published` and `source-predates-event` cannot check the reference against the claims it supports. Many pages (ministry country pages, embassy sites) show no date at all, so this is information, not a warning: it lists the references to date when the source does give one.",
    example: "{ \"id\": \"norgesportalen-norway-in-ukraine\", \"title\": \"Norway in Ukraine\", \"publisher\": \"Norgesportalen\", \"language\": \"en\", \"retrieved\": \"2009-07-24\" }",
    instead: "Add the date the source gives, to the precision it gives (`\"published\": \"2022-01-15\"`, or `\"2022-01\"` when it gives only the month), or leave it out when the source shows none.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in references_without(relation, &["published"]) {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &reference.pointer,
                    format!(
                        "{} has no publication date, so retrieved-before-published and source-predates-event cannot check it",
                        reference_name(reference)
                    ),
                )
                .primary(reference_anchor(context, reference), "no `published`")
                .help("add `\"published\": \"YYYY-MM-DD\"` (or `YYYY-MM`, `YYYY`) as the source gives it; leave it out if the source shows no date"),
        );
    }
}
