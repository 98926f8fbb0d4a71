//! A reference has a `retrieved` date but no URL.

use super::reference_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R411",
    name: "retrieved-without-url",
    group: Group::References,
    level: Level::Off,
    fix: Fixable::None,
    summary: "a reference has a `retrieved` date but no URL",
    why: "`retrieved` is the day someone read the work at its web address; without the address the date says nothing a reader can use (Wikipedia's CS1 `|access-date= requires |url=`). Off by default, because the dataset's sources often give an access date without an address, and an address must never be guessed; turn it on (`retrieved-without-url = \"warning\"` in relcheck.toml) to list them.",
    example: "{ \"id\": \"mfa-ua-european-countries\", \"title\": \"European countries\", \"language\": \"en\", \"retrieved\": \"2019-08-23\" }",
    instead: "Add the address the work was read at (`\"url\": \"https://www.example.org/european-countries\"`), or remove `retrieved`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let Some(retrieved) = &reference.retrieved else {
            continue;
        };
        if reference.url.is_some() {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &retrieved.pointer(),
                    format!(
                        "{} was retrieved on {} but has no `url` it was retrieved from",
                        reference_name(reference),
                        retrieved.value
                    ),
                )
                .primary(context.value_span(&retrieved.pointer()), "retrieved from where?")
                .help("add the `url` the work was read at, or remove `retrieved`"),
        );
    }
}
