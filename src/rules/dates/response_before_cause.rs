//! An event is dated before an event it responds to.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::relation::{Event, Relation};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R212",
    name: "response-before-cause",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an event is dated before an event it responds to",
    why: "`responds_to` says that an event reacts to another (a condemnation to an annexation, a warning to a cyberattack), so it cannot have happened first: one of the two dates or the link is wrong. The dates are compared as the sets of days they may be, so the rule fires only when the order is certain: a response dated `[..2022-01-15]` to an event of `2022` is fine, one dated `2021-12` is not.",
    example: "{ \"id\": \"2022-ukraine-cyberattack\", \"date\": \"2022\", \"third_party\": true, … },\n{ \"id\": \"2021-12-cyber-warning\", \"date\": \"2021-12\", \"responds_to\": [\"2022-ukraine-cyberattack\"], … }",
    instead: "Correct whichever date is wrong (`\"date\": \"[..2022-01-15]\"`), or remove the link if the event does not respond to the other.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if relation.events.iter().all(|event| event.responds_to.is_empty()) {
        return;
    }
    // The first event with each id (a second one is duplicate-id's finding).
    let mut by_id: HashMap<&str, &Event> = HashMap::with_capacity(relation.events.len());
    for event in &relation.events {
        if let Some(id) = &event.id {
            by_id.entry(id.value).or_insert(event);
        }
    }
    for event in &relation.events {
        let Some(date_at) = &event.date else { continue };
        let Ok(date) = date_at.date else { continue };
        for link in &event.responds_to {
            // An id that names no event is unresolved-event's finding.
            let Some(cause) = by_id.get(link.value) else { continue };
            let Some(cause_at) = &cause.date else { continue };
            let Ok(cause_date) = cause_at.date else { continue };
            if !date.certainly_before(&cause_date) {
                continue;
            }
            let name = event
                .id
                .as_ref()
                .map_or("this event".to_owned(), |id| format!("event {}", quote(id.value)));
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &date_at.pointer(),
                        format!(
                            "{name} ({}) responds to event {}, which is dated later ({})",
                            date_at.value,
                            quote(link.value),
                            cause_at.value
                        ),
                    )
                    .primary(context.value_span(&date_at.pointer()), "the response is dated here")
                    .secondary(context.value_span(&link.pointer()), "it responds to this event")
                    .secondary(
                        context.value_span(&cause_at.pointer()),
                        format!("which is dated {}", cause_at.value),
                    )
                    .help(
                        "a response cannot come before what it responds to: correct whichever date is wrong, or \
                         remove the link if the event does not respond to the other",
                    ),
            );
        }
    }
}
