//! Events are listed in chronological order, so the file reads as a timeline.

use crate::diagnostics::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R206",
    name: "events-out-of-order",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "an event is listed after an event that happened later",
    why: "`events` is a timeline: readers and tools rely on its order. A reduced-precision date covers an interval of days, so the rule fires only when the order is certainly wrong: `2023-05` after `2023-05-03` is fine, `2023-04` after `2023-05-03` is not. The diagnostic names the earlier-listed event that happened later.",
    example: "\"events\": [ { \"date\": \"2022-09-30\", … }, { \"date\": \"2022-08-20\", … } ]",
    instead: "Move the marked event before the one the secondary label points at (or correct its date).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    // The listed-so-far event that starts latest: any later-listed event that ends before it starts
    // is certainly out of place.
    let mut latest: Option<(PartialDate, usize)> = None;
    for (index, event) in relation.events.iter().enumerate() {
        let Some(date_text) = &event.date else { continue };
        let Ok(parsed) = date_text.date else {
            continue;
        };
        match latest {
            Some((witness, witness_index)) if parsed.certainly_before(&witness) => {
                let witness = &relation.events[witness_index];
                let Some(witness_date) = &witness.date else { continue };
                let name = |id: &Option<crate::model::Text>, i: usize| {
                    id.as_ref()
                        .map_or(format!("event {i}"), |id| format!("event {}", quote(id.value)))
                };
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &date_text.pointer(),
                            format!(
                                "{} ({}) is listed after {} ({})",
                                name(&event.id, index),
                                date_text.value,
                                name(&witness.id, witness_index),
                                witness_date.value
                            ),
                        )
                        .primary(context.value_span(&date_text.pointer()), "this event happened earlier")
                        .secondary(
                            context.value_span(&witness_date.pointer()),
                            format!("listed before it, but dated {}", witness_date.value),
                        )
                        .help(format!(
                            "events must be in chronological order; move this event before {}",
                            name(&witness.id, witness_index)
                        )),
                );
            }
            Some((witness, _)) if parsed.first <= witness.first => {}
            _ => latest = Some((parsed, index)),
        }
    }
}
