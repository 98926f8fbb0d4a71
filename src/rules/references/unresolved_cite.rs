//! A `cite` id must name a reference of the same file.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::SUGGESTIONS_PER_FILE;
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R401",
    name: "unresolved-cite",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "a `cite` id names no reference in the file",
    why: "Each id in a `cite` list must equal the `id` of one entry of the file's `references`; a misspelt id leaves the claim without its source. The help suggests the nearest existing id.",
    example: "\"cite\": [\"embassy-ua-n0\"]",
    instead: "Correct the id (`\"embassy-ua-no\"`), or add the missing reference to `references`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let ids: HashMap<&str, &Text> = relation
        .references
        .iter()
        .filter_map(|r| r.id.as_ref().map(|id| (id.value, id)))
        .collect();
    let mut suggestions_left = SUGGESTIONS_PER_FILE;
    for claim in &relation.claims {
        for cited in claim.cite.iter().flatten() {
            if ids.contains_key(cited.value) {
                continue;
            }
            let mut diagnostic = context
                .diagnostic(
                    &RULE,
                    &cited.pointer(),
                    format!("{} is not the id of a reference in this file", quote(cited.value)),
                )
                .primary(context.value_span(&cited.pointer()), "no reference has this id");
            // Each suggestion measures the distance to every id; a hostile file with thousands of
            // unresolved cites gets suggestions for the first ones only, so the check stays linear.
            let suggestion = (suggestions_left > 0)
                .then(|| context.suggestions.closest(cited.value, ids.keys().copied()))
                .flatten();
            suggestions_left = suggestions_left.saturating_sub(1);
            diagnostic = match suggestion {
                Some(suggestion) => diagnostic
                    .secondary(
                        context.value_span(&ids[suggestion].pointer()),
                        "a reference with a similar id",
                    )
                    .help(format!("did you mean {}?", quote(suggestion))),
                None => diagnostic.help("add a reference with this id to `references`, or cite an existing one"),
            };
            out.push(diagnostic);
        }
    }
}
