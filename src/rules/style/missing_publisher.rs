//! A reference has no publisher.

use super::{reference_anchor, reference_name, references_without};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R604",
    name: "missing-publisher",
    group: Group::Style,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "a reference has no publisher",
    why: "The publisher (or the larger `work` it appeared in) tells a reader who stands behind a source and lets them find it again when the URL breaks; a title alone is often ambiguous (\"European countries\"). A citation in Wikipedia's style (CS1 `{{cite web}}`) names the website or publisher for the same reason.",
    example: "{ \"id\": \"embassy-ua-no\", \"title\": \"Посольство України в Королівстві Норвегія\", \"language\": \"uk\" }",
    instead: "Add the publisher or website exactly as the source names it (`\"publisher\": \"…\"`), or the newspaper or website it appeared in as `\"work\"`; never guess one.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    // The schema accepts `work` (the newspaper or website) in place of a publisher.
    for reference in references_without(relation, &["publisher", "work"]) {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &reference.pointer,
                    format!("{} has no publisher", reference_name(reference)),
                )
                .primary(reference_anchor(context, reference), "no `publisher` or `work`")
                .help("add the publisher or website name as the source gives it: `\"publisher\": \"…\"`"),
        );
    }
}
