//! An item appears twice in `actors` or `locations`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::{repeats, texts, without_repeats, Text};
use crate::rules::{json_items, quote, times, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R508",
    name: "duplicate-list-item",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "an item appears twice in `actors` or `locations`",
    why: "An event's `actors` and `locations` are sets: naming someone or somewhere twice adds nothing, and usually means a different entry was meant (a second person, another town). Wikidata reports the same value stated twice for one property as a duplicate.",
    example: "\"actors\": [\"jonas-gahr-store\", \"NO\", \"jonas-gahr-store\"]",
    instead: "List each item once: `\"actors\": [\"jonas-gahr-store\", \"NO\"]`, or correct the repeat if another item was meant.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for event in &relation.events {
        // Written only for an event with a repeat.
        let event_name = || {
            event
                .id
                .as_ref()
                .map_or("an event".into(), |id| format!("event {}", quote(id.value)))
        };
        check_list(context, "actors", &event.actors, event_name, out);
        if event.value.get("locations").is_some() {
            let locations = texts(event.value, &event.pointer, "locations");
            check_list(context, "locations", &locations, event_name, out);
        }
    }
}

/// Reports every item of the `field` list that an earlier item already names.
fn check_list(
    context: &FileContext,
    field: &str,
    items: &[Text],
    owner: impl Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    let repeats = repeats(items);
    if repeats.is_empty() {
        return;
    }
    let owner = owner();
    let fixed = json_items(&without_repeats(items));
    for repeat in repeats {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &repeat.again.pointer(),
                    format!(
                        "{} appears {} in the `{field}` of {owner}",
                        quote(repeat.again.value),
                        times(repeat.count)
                    ),
                )
                .primary(context.value_span(&repeat.again.pointer()), "listed again here")
                .secondary(context.value_span(&repeat.first.pointer()), "first listed here")
                .help(format!("list each item once: `\"{field}\": [{fixed}]`")),
        );
    }
}
