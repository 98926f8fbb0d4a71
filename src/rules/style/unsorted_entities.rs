//! An entity file lists its entities in the order of their ids.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityFile;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R608",
    name: "unsorted-entities",
    group: Group::Style,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "an entity file does not list its entities in the order of their ids",
    why: "countries.json, organizations.json and people.json are sorted by id, so a contributor finds an entity, or sees that it is missing, at a glance, and two contributors who add entities at once change different lines instead of both appending at the end.",
    example: "\"entities\": [ { \"id\": \"emilie-enger-mehl\", … }, { \"id\": \"bjorn-arild-gram\", … } ]",
    instead: "Move each entity to its place in the order of the ids (`relcheck check --fix` does it).",
};

pub fn check(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    let ids: Vec<Option<&str>> = entities
        .entities
        .iter()
        .map(|e| e.id.as_ref().map(|id| id.value))
        .collect();
    // An entity without an id is the schema's finding; the others are judged among themselves.
    let Some(first_misplaced) = (1..ids.len()).find(|&i| match (ids[i - 1], ids[i]) {
        (Some(before), Some(this)) => this < before,
        _ => false,
    }) else {
        return;
    };
    let (Some(this), Some(before)) = (
        &entities.entities[first_misplaced].id,
        &entities.entities[first_misplaced - 1].id,
    ) else {
        return;
    };
    let mut order: Vec<usize> = (0..ids.len()).collect();
    // Entities without an id keep their relative order, at the end.
    order.sort_by(|&a, &b| match (ids[a], ids[b]) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    let misplaced = order.iter().enumerate().filter(|&(place, &from)| place != from).count();
    let fix = context
        .edits()
        .reorder("/entities", &order)
        .and_then(|edits| Fix::safe("put the entities in the order of their ids", edits));
    out.push(
        context
            .diagnostic(
                &RULE,
                &this.pointer(),
                format!(
                    "{} is listed after {}, out of the order of ids",
                    quote(this.value),
                    quote(before.value)
                ),
            )
            .primary(context.value_span(&this.pointer()), "belongs earlier")
            .secondary(context.value_span(&before.pointer()), "listed before it")
            .note(format!("{misplaced} entities of this file are out of place"))
            .help("list the entities in the order of their ids")
            .fix(fix),
    );
}
