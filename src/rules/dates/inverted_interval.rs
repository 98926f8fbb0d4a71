//! An end date lies before its start date.

use super::valid;
use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityFile;
use crate::model::relation::Relation;
use crate::rules::{describe_pointer, quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R211",
    name: "inverted-interval",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "an end date lies before its start date",
    why: "An entity exists from its `start` (founding, birth) to its `end` (dissolution, death); an end before the start is impossible, and `entity-not-contemporary` cannot use the interval. Wikipedia's citation templates (CS1) likewise reject date ranges that run backwards. With reduced precision it fires only when the order is certain (`start: 1954-10-23`, `end: 1954` is fine). Relation files have no start/end pairs today; the rule covers entity files.",
    example: "{ \"id\": \"WEU\", \"name\": \"Western European Union\", \"start\": \"1954-10-23\", \"end\": \"1911-06-30\" }",
    instead: "Correct the wrong date (`\"end\": \"2011-06-30\"`), or swap the two if they were entered the wrong way round.",
};

/// Relation files have no start/end pair in the schema (missions carry no opening or closing date),
/// so there is nothing to check yet.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let _ = (context, relation, out);
}

/// Entities' existence intervals (`start` and `end`).
pub fn check_entities(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    for entity in &entities.entities {
        let (Some(start_at), Some(end_at)) = (&entity.start, &entity.end) else {
            continue;
        };
        let (Some(start), Some(end)) = (valid(&entity.start), valid(&entity.end)) else {
            continue;
        };
        if !end.certainly_before(&start) {
            continue;
        }
        let name = entity
            .id
            .as_ref()
            .map_or_else(|| describe_pointer(&entity.pointer), |id| quote(id.value));
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &end_at.pointer(),
                    format!(
                        "entity {name} ends ({}) before it starts ({})",
                        end_at.value, start_at.value
                    ),
                )
                .primary(context.value_span(&end_at.pointer()), "ends here")
                .secondary(context.value_span(&start_at.pointer()), "starts here")
                .note("`start` is when the entity came into existence (founding, birth), `end` when it ceased to (dissolution, death)")
                .help("correct whichever date is wrong, or swap them if they were entered the wrong way round"),
        );
    }
}
