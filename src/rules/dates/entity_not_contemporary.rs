//! An event names an entity that did not exist at the event's date.

use std::borrow::Cow;

use crate::diagnostics::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::entities::{Bound, EntityKind};
use crate::model::relation::Relation;
use crate::model::{Seen, Text};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R210",
    name: "entity-not-contemporary",
    group: Group::Dates,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "an event names an entity that did not exist at the event's date",
    why: "An actor of an event, or the speaker of one of its quotes, must exist when the event happens: an organisation cannot act before it is founded, nor a person speak after their death. Existence is read from the entity's `start` and `end` in data/entities; a missing bound is open. Like Wikidata's \"contemporary\" constraint, it fires only when the two intervals certainly do not overlap (`1949` is fine for an organisation founded on 1949-04-04). It is a warning because sources sometimes name a successor or predecessor for convenience.",
    example: "{ \"id\": \"1948-nato-talks\", \"date\": \"1948\", \"actors\": [\"NO\", \"NATO\"], … }\nwhile data/entities/organizations.json has { \"id\": \"NATO\", \"start\": \"1949-04-04\", … }",
    instead: "Correct the event's date, name the entity that existed at the time (`\"actors\": [\"NO\", \"US\"]`), or correct the entity's `start` or `end` in its entity file.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for event in &relation.events {
        let Some(date_at) = &event.date else { continue };
        let Ok(date) = date_at.date else {
            continue;
        };
        // Each entity named with the pointer of its quote (for a speaker, whose pointer is written
        // only for a finding).
        let actors = event.actors.iter().map(|actor| (actor.value, Ok(actor)));
        let speakers = event.quotes.iter().filter_map(|&index| {
            let claim = relation.claims.get(index)?;
            claim.name.map(|value| (value, Err(&*claim.pointer)))
        });
        // One finding per entity and event: a speaker is usually also an actor.
        let mut seen = Seen::default();
        for (value, place) in actors.chain(speakers) {
            if !seen.insert(value) {
                continue;
            }
            let Some(info) = context.entities.get(value) else {
                continue;
            };
            let (start, end) = (bound(&info.start), bound(&info.end));
            // An inverted interval is inverted-interval's finding in the entity file.
            if let (Some((_, start)), Some((_, end))) = (start, end) {
                if end.certainly_before(&start) {
                    continue;
                }
            }
            let person = info.kind == EntityKind::Person;
            let (written, bound, field, happened, label) = match (start, end) {
                (Some((written, start)), _) if date.certainly_before(&start) => (
                    written,
                    start,
                    "start",
                    if person { "was born" } else { "came into existence" },
                    if person {
                        "not yet born at the event's date"
                    } else {
                        "did not exist yet at the event's date"
                    },
                ),
                (_, Some((written, end))) if end.certainly_before(&date) => (
                    written,
                    end,
                    "end",
                    if person { "died" } else { "ceased to exist" },
                    if person {
                        "had died before the event's date"
                    } else {
                        "no longer existed at the event's date"
                    },
                ),
                _ => continue,
            };
            let event_name = event
                .id
                .as_ref()
                .map_or("this event".to_owned(), |id| format!("event {}", quote(id.value)));
            let named: Cow<Text> = match place {
                Ok(actor) => Cow::Borrowed(actor),
                Err(quote_at) => Cow::Owned(Text::new(value, crate::source::pointer::child(quote_at, "speaker"))),
            };
            let entity = quote(named.value);
            // The id may name the wrong entity: rules that would build on it (a speaker added to
            // `actors`) leave it alone.
            context.known.invalid(&named.pointer());
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &named.pointer(),
                        format!(
                            "{entity} and {event_name} should be contemporary, but {entity} {happened} {} and the \
                             event is dated {}",
                            bound.when(written),
                            date_at.value
                        ),
                    )
                    .primary(context.value_span(&named.pointer()), label)
                    .secondary(context.value_span(&date_at.pointer()), "the event is dated here")
                    .note(format!("{entity} has `\"{field}\": \"{written}\"` in its entity file"))
                    .help(
                        "correct the event's date, name the entity that existed at the time, or correct the \
                         entity's dates in its entity file",
                    ),
            );
        }
    }
}

/// A bound of an existence interval, as written and parsed (invalid ones are invalid-date's finding).
fn bound(bound: &Option<Bound>) -> Option<(&str, PartialDate)> {
    let bound = bound.as_ref()?;
    Some((&bound.written, bound.date?))
}
