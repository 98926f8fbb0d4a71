//! A `responds_to` id must name another event of the same file.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::schema::closest;
use crate::rules::SUGGESTIONS_PER_FILE;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R418",
    name: "unresolved-event",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a `responds_to` id names no other event in the file",
    why: "`responds_to` links an event to the events it reacts to (often acts of third parties, such as an annexation), by their `id`. A misspelt id leaves the response without its cause, and an event that names itself responds to nothing. The help suggests the nearest existing id.",
    example: "\"responds_to\": [\"2022-ukraine-cyberatack\"]",
    instead: "Correct the id (`\"2022-ukraine-cyberattack\"`), or add the event it names to `events`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if relation.events.iter().all(|event| event.responds_to.is_empty()) {
        return;
    }
    let ids: HashMap<&str, &Text> = relation
        .events
        .iter()
        .filter_map(|event| event.id.as_ref().map(|id| (id.value, id)))
        .collect();
    let mut suggestions_left = SUGGESTIONS_PER_FILE;
    for event in &relation.events {
        let own = event.id.as_ref().map(|id| id.value);
        for link in &event.responds_to {
            if Some(link.value) == own {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &link.pointer(),
                            format!("event {} responds to itself", quote(link.value)),
                        )
                        .primary(context.value_span(&link.pointer()), "the event's own id")
                        .help("name the event it responds to, by that event's `id`, or remove the link"),
                );
                continue;
            }
            if ids.contains_key(link.value) {
                continue;
            }
            let mut diagnostic = context
                .diagnostic(
                    &RULE,
                    &link.pointer(),
                    format!("{} is not the id of an event in this file", quote(link.value)),
                )
                .primary(context.value_span(&link.pointer()), "no event has this id");
            // As in unresolved-cite: suggestions for the first ones only, so a hostile file stays linear.
            let suggestion = (suggestions_left > 0)
                .then(|| closest(link.value, ids.keys().copied().filter(|id| Some(*id) != own)))
                .flatten();
            suggestions_left = suggestions_left.saturating_sub(1);
            diagnostic = match suggestion {
                Some(suggestion) => diagnostic
                    .secondary(
                        context.value_span(&ids[suggestion].pointer()),
                        "an event with a similar id",
                    )
                    .help(format!("did you mean {}?", quote(suggestion))),
                None => diagnostic.help(
                    "name an event of this file by its `id`; if the event it responds to is not recorded yet, add \
                     it to `events` (an act of others with `\"third_party\": true`)",
                ),
            };
            out.push(diagnostic);
        }
    }
}
