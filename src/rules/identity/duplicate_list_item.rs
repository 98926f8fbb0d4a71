//! An item appears twice in `actors` or `locations`.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::{texts, Text};
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

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
        let event_name = event
            .id
            .as_ref()
            .map_or("an event".into(), |id| format!("event {}", quote(id.value)));
        check_list(context, "actors", &event.actors, &event_name, out);
        if let Some(value) = context.document.value.pointer(&event.pointer) {
            let locations = texts(value, &event.pointer, "locations");
            check_list(context, "locations", &locations, &event_name, out);
        }
    }
}

/// Reports every item of the `field` list that an earlier item already names.
fn check_list(context: &FileContext, field: &str, items: &[Text], owner: &str, out: &mut Vec<Diagnostic>) {
    for (index, item) in items.iter().enumerate() {
        let Some(first) = items[..index].iter().find(|earlier| earlier.value == item.value) else {
            continue;
        };
        let times = items.iter().filter(|other| other.value == item.value).count();
        let times = if times == 2 {
            "twice".to_string()
        } else {
            format!("{times} times")
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &item.pointer,
                    format!("{} appears {times} in the `{field}` of {owner}", quote(item.value)),
                )
                .primary(context.value_span(&item.pointer), "listed again here")
                .secondary(context.value_span(&first.pointer), "first listed here")
                .help(format!("list each item once: `\"{field}\": [{}]`", unique(items))),
        );
    }
}

/// The items without their repeats, as JSON items: `"a", "b"`.
fn unique(items: &[Text]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        if !seen.contains(&item.value) {
            seen.push(item.value);
        }
    }
    seen.iter()
        .map(|item| serde_json::Value::from(*item).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
