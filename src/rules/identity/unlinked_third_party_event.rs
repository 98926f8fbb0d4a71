//! An act of others is recorded, but no event of the relation responds to it.

use ahash::AHashSet as HashSet;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R510",
    name: "unlinked-third-party-event",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "a `third_party` event is not named in any event's `responds_to`",
    why: "A relation file records the acts of others (an annexation, a sabotage, a cyberattack) only as the context of its own events: `\"third_party\": true` marks such an act, and the events that respond to it name it in `responds_to`. One that nothing links to is context for nothing: a link was lost, or the act does not belong in this relation. While a `responds_to` id of the file names no event (`unresolved-event`'s finding, whose fix may well be this link), this rule reports nothing.",
    example: "{ \"id\": \"by-2022-10-20-nord-stream-pipeline-sabotage\", \"third_party\": true, … }   (and no event has \"responds_to\": [\"by-2022-10-20-nord-stream-pipeline-sabotage\"])",
    instead: "Link it from the event that responds to it (`\"responds_to\": [\"by-2022-10-20-nord-stream-pipeline-sabotage\"]`), or remove it.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if !relation.events.iter().any(|event| event.third_party) {
        return;
    }
    let ids: HashSet<&str> = relation
        .events
        .iter()
        .filter_map(|event| Some(event.id.as_ref()?.value))
        .collect();
    // A misspelt link is unresolved-event's finding, and its fix may be the missing link: one finding per cause.
    if relation
        .events
        .iter()
        .any(|event| event.responds_to.iter().any(|link| !ids.contains(link.value)))
    {
        return;
    }
    // A link from the event to itself is unresolved-event's finding, not a response.
    let linked: HashSet<&str> = relation
        .events
        .iter()
        .flat_map(|event| {
            let own = event.id.as_ref().map(|id| id.value);
            event
                .responds_to
                .iter()
                .map(|link| link.value)
                .filter(move |link| Some(*link) != own)
        })
        .collect();
    for event in relation.events.iter().filter(|event| event.third_party) {
        let Some(id) = &event.id else { continue };
        if linked.contains(id.value) {
            continue;
        }
        let flag = pointer::child(&event.pointer, "third_party");
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &flag,
                    format!(
                        "third-party event {} is not named in the `responds_to` of any event",
                        quote(id.value)
                    ),
                )
                .primary(context.key_span(&flag), "an act of others, recorded as context")
                .secondary(context.value_span(&id.pointer()), "no event responds to this id")
                .help(format!(
                    "link it from the event that responds to it (`\"responds_to\": [\"{}\"]`), or remove it",
                    id.value
                )),
        );
    }
}
