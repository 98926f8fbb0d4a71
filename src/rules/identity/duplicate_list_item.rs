//! An item appears twice in one of an event's lists: `actors`, `locations`, `kinds`, `responds_to`, `roles`.

use ahash::AHashMap as HashMap;

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{Event, Relation};
use std::rc::Rc;

use crate::model::{repeats, strings, without_repeats, Text};
use crate::rules::{json_items, quote, times, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R508",
    name: "duplicate-list-item",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "an item appears twice in one of an event's lists (`actors`, `locations`, `kinds`, `responds_to`, `roles`)",
    why: "An event's `actors`, `locations`, `kinds` and `responds_to` are sets, and so is `roles` (an entity or group with the same role twice): naming someone or something twice adds nothing, and usually means a different entry was meant (a second person, another town, another event). Wikidata reports the same value stated twice for one property as a duplicate.",
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
        for (field, list) in [("locations", event.locations), ("kinds", event.kinds)] {
            if let Some(list) = list {
                let items = strings(list, &Rc::from(pointer::child(&event.pointer, field)));
                check_list(context, field, &items, event_name, out);
            }
        }
        check_list(context, "responds_to", &event.responds_to, event_name, out);
        if event.roles.len() > 1 {
            check_roles(context, event, event_name, out);
        }
    }
}

/// Reports every item of `roles` that gives an entity or group a role an earlier item already gives it.
fn check_roles(context: &FileContext, event: &Event, owner: impl Fn() -> String, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(&str, &str, &str), &str> = HashMap::new();
    for role in &event.roles {
        let (who, name) = match (&role.entity, &role.group) {
            (Some(entity), None) => ("entity", entity.value),
            (None, Some(group)) => ("group", group.value),
            // Neither or both: the schema's finding.
            _ => continue,
        };
        let Some(what) = &role.role else { continue };
        let Some(earlier) = first.get(&(who, name, what.value)) else {
            first.insert((who, name, what.value), &role.pointer);
            continue;
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &role.pointer,
                    format!(
                        "{who} {} has the role {} twice in the `roles` of {}",
                        quote(name),
                        quote(what.value),
                        owner()
                    ),
                )
                .primary(context.value_anchor(&role.pointer), "listed again here")
                .secondary(context.value_anchor(earlier), "first listed here")
                .help(format!(
                    "list each role once: remove {}",
                    crate::rules::describe_pointer(&role.pointer)
                ))
                .fix(remove_repeat(context, &role.pointer, earlier)),
        );
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
                .help(format!("list each item once: `\"{field}\": [{fixed}]`"))
                .fix(remove_repeat(context, &repeat.again.pointer(), &repeat.first.pointer())),
        );
    }
}

/// Removes the item at `again`, when it is the same JSON value as the item at `first` (a role
/// repeated with a different note is not the same item).
pub(crate) fn remove_repeat(context: &FileContext, again: &str, first: &str) -> Option<Fix> {
    let value = |at: &str| context.document.value.pointer(at);
    if value(again).is_none() || value(again) != value(first) {
        return None;
    }
    let title = match value(again).and_then(|v| v.as_str()) {
        Some(text) => format!("remove the repeated {}", quote(text)),
        None => format!("remove {}", crate::rules::describe_pointer(again)),
    };
    Fix::safe(title, context.edits().remove(again).into_iter().collect())
}
