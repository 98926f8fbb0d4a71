//! A quote's speaker is not among the actors of its event.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R507",
    name: "speaker-not-actor",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "a quote's speaker is not among the actors of its event",
    why: "Someone quoted on an event takes part in it, so the event's `actors` should name them; otherwise searching the data for the events a person took part in misses the ones where they spoke. Like Wikidata's item-requires-statement constraint, one statement implies another.",
    example: "\"actors\": [\"NO\"], \"quotes\": [ { \"speaker\": \"jonas-gahr-store\", … } ]",
    instead: "Add the speaker to the event's actors: `\"actors\": [\"NO\", \"jonas-gahr-store\"]`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for event in &relation.events {
        // An actor written wrongly (the schema's or unresolved-entity's finding) may be the speaker.
        if event
            .actors
            .iter()
            .any(|actor| context.known.is_invalid(&actor.pointer()))
        {
            continue;
        }
        let actors: Vec<&str> = event.actors.iter().map(|actor| actor.value).collect();
        // A speaker quoted twice is reported once: one addition to `actors` fixes both.
        let mut reported: Vec<&str> = Vec::new();
        for claim in event.quotes.iter().filter_map(|&index| relation.claims.get(index)) {
            let Some(speaker) = claim.name else { continue };
            let speaker_at = pointer::child(&claim.pointer, "speaker");
            if actors.contains(&speaker)
                || reported.contains(&speaker)
                || !plausible_person(context, speaker)
                || context.known.is_invalid(&speaker_at)
            {
                continue;
            }
            reported.push(speaker);
            let actors_at = pointer::child(&event.pointer, "actors");
            let event_name = event
                .id
                .as_ref()
                .map_or("its event".into(), |id| format!("event {}", quote(id.value)));
            let mut fixed: Vec<String> = actors.iter().map(|a| serde_json::Value::from(*a).to_string()).collect();
            fixed.push(serde_json::Value::from(speaker).to_string());
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &speaker_at,
                        format!(
                            "speaker {} is not listed among the actors of {event_name}",
                            quote(speaker)
                        ),
                    )
                    .primary(context.value_span(&speaker_at), "not one of the event's actors")
                    .secondary(context.value_anchor(&actors_at), "the event's actors")
                    .help(format!(
                        "add {} to `actors`: `\"actors\": [{}]`",
                        quote(speaker),
                        fixed.join(", ")
                    ))
                    // Safe: whoever is quoted in an event takes part in it.
                    .fix(Fix::safe(
                        format!("add {} to `actors`", quote(speaker)),
                        context
                            .edits()
                            .append_item(&actors_at, &serde_json::Value::from(speaker).to_string())
                            .into_iter()
                            .collect(),
                    )),
            );
        }
    }
}

/// Whether `id` may name a person: of a person id's form and, when the entities are known, a person
/// (a malformed id is the schema's finding, an unknown one unresolved-entity's, another kind wrong-entity-kind's).
fn plausible_person(context: &FileContext, id: &str) -> bool {
    let form = !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !form {
        return false;
    }
    match context.entities.kind_of(id) {
        Some(kind) => kind == EntityKind::Person,
        None => !context.entities.loaded,
    }
}
