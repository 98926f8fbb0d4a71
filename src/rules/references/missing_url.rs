//! A reference has no URL.

use super::reference_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R410",
    name: "missing-url",
    group: Group::References,
    level: Level::Off,
    fix: Fixable::None,
    summary: "a reference has no URL",
    why: "A reader who wants to check a claim has to find its source; without an address that may take a library. Off by default, because the dataset copies the reference lists of its sources and must never guess an address they do not give; turn it on (`missing-url = \"warning\"` in relcheck.toml) to list the references that still lack one (Wikipedia's CS1 `Missing or empty |url=`).",
    example: "{ \"id\": \"mfa-ua-european-countries\", \"title\": \"European countries\", \"language\": \"en\" }",
    instead: "Add the address where the work can be read, when you know it for certain: `\"url\": \"https://www.example.org/european-countries\"`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        // With an archived copy and no url, incomplete-archive reports the missing original.
        if reference.url.is_some() || reference.archived_url.is_some() {
            continue;
        }
        let (pointer, span) = match &reference.id {
            Some(id) => (id.pointer(), context.value_span(&id.pointer())),
            None => (reference.pointer.to_string(), context.value_anchor(&reference.pointer)),
        };
        out.push(
            context
                .diagnostic(&RULE, &pointer, format!("{} has no URL", reference_name(reference)))
                .primary(span, "this reference has no `url`")
                .help("add `\"url\": \"https://…\"` with the address where the work can be read, if it is online; never guess one"),
        );
    }
}
