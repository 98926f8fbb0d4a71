//! An event's `roles` and its `actors` disagree about who takes part.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{Event, EventRole, Relation};
use crate::model::Text;
use crate::rules::{json_items, quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R509",
    name: "role-conflicts-with-actors",
    group: Group::Identity,
    level: Level::Warning,
    fix: Fixable::Mixed,
    summary: "an event's `roles` and `actors` disagree about who takes part",
    why: "`actors` lists the entities that take part in an event; `roles` says how each entity or group figured in it. The roles speaker, host, visitor, participant and initiator are roles of someone taking part, so their entity belongs in `actors`; an entity that is only mentioned, or notably absent, does not take part and must not be listed as an actor (a search for the events a country took part in would otherwise find the summit it stayed away from). Like Wikidata's item-requires-statement and conflicts-with constraints, one statement implies or excludes another. Roles of groups, and the roles target and consulted, take no side.",
    example: "\"actors\": [\"jonas-gahr-store\", \"US\"], \"roles\": [ { \"entity\": \"US\", \"role\": \"absent\" } ]",
    instead: "Remove the absent or mentioned entity from `actors` (`\"actors\": [\"jonas-gahr-store\"]`); add an entity that speaks, hosts, visits, takes part or takes the initiative to `actors`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for event in relation.events.iter().filter(|event| !event.roles.is_empty()) {
        // An actor written wrongly (the schema's or unresolved-entity's finding) may be the one a
        // role names.
        let actors_known_wrong = event
            .actors
            .iter()
            .any(|actor| context.known.is_invalid(&actor.pointer()));
        // A speaker of the event's quotes missing from `actors` is speaker-not-actor's finding.
        let speakers: Vec<&str> = event
            .quotes
            .iter()
            .filter_map(|&index| relation.claims.get(index)?.name)
            .collect();
        // One finding per entity and event: a second role that says the same adds nothing.
        let mut reported: Vec<&str> = Vec::new();
        for role in &event.roles {
            let (Some(entity), Some(acting)) = (&role.entity, role.acting()) else {
                continue;
            };
            if reported.contains(&entity.value) {
                continue;
            }
            let listed = event.actors.iter().find(|actor| actor.value == entity.value);
            let diagnostic = match (acting, listed) {
                (true, None) if actors_known_wrong || speakers.contains(&entity.value) => continue,
                (true, None) => missing_actor(context, event, role, entity),
                (false, Some(actor)) => not_an_actor(context, event, role, actor),
                _ => continue,
            };
            reported.push(entity.value);
            out.push(diagnostic);
        }
    }
}

fn event_name(event: &Event) -> String {
    event
        .id
        .as_ref()
        .map_or("its event".into(), |id| format!("event {}", quote(id.value)))
}

fn role_name<'v>(role: &EventRole<'v>) -> &'v str {
    role.role.as_ref().map_or("", |role| role.value)
}

/// An entity whose role is one of taking part, not listed in `actors`.
fn missing_actor(context: &FileContext, event: &Event, role: &EventRole, entity: &Text) -> Diagnostic {
    let mut actors: Vec<&str> = event.actors.iter().map(|actor| actor.value).collect();
    actors.push(entity.value);
    let actors_at = pointer::child(&event.pointer, "actors");
    let witness = if event.value.get("actors").is_some() {
        (context.value_anchor(&actors_at), "the event's actors")
    } else {
        (
            context.key_span(&pointer::child(&event.pointer, "id")),
            "an event without `actors`",
        )
    };
    context
        .diagnostic(
            &RULE,
            &entity.pointer(),
            format!(
                "{} has the role {} in {} but is not among its actors",
                quote(entity.value),
                quote(role_name(role)),
                event_name(event)
            ),
        )
        .primary(
            context.value_span(&entity.pointer()),
            format!("a {} takes part in the event", role_name(role)),
        )
        .secondary(witness.0, witness.1)
        .help(format!("add it to `actors`: `\"actors\": [{}]`", json_items(&actors)))
        // Safe: the role is one of taking part, so the entity is an actor.
        .fix(Fix::safe(
            format!("add {} to `actors`", quote(entity.value)),
            context
                .edits()
                .append_item(&actors_at, &serde_json::Value::from(entity.value).to_string())
                .into_iter()
                .collect(),
        ))
}

/// An actor whose role says it does not take part.
fn not_an_actor(context: &FileContext, event: &Event, role: &EventRole, actor: &Text) -> Diagnostic {
    let actors: Vec<&str> = event
        .actors
        .iter()
        .map(|other| other.value)
        .filter(|other| *other != actor.value)
        .collect();
    let help = if actors.is_empty() {
        "remove it from `actors`: an entity that is only mentioned or absent does not take part".to_owned()
    } else {
        format!("remove it from `actors`: `\"actors\": [{}]`", json_items(&actors))
    };
    let role_at = role
        .role
        .as_ref()
        .map_or_else(|| role.pointer.to_string(), Text::pointer);
    context
        .diagnostic(
            &RULE,
            &actor.pointer(),
            format!(
                "{} is listed among the actors of {}, but its role there is {}",
                quote(actor.value),
                event_name(event),
                quote(role_name(role))
            ),
        )
        .primary(context.value_span(&actor.pointer()), "listed as taking part")
        .secondary(context.value_anchor(&role_at), "its role in the event")
        .help(help)
        // Unsafe: the role may be the mistake, not the listing.
        .fix(Fix::unsafe_edit(
            format!("remove {} from `actors`", quote(actor.value)),
            context.edits().remove(&actor.pointer()).into_iter().collect(),
        ))
}
