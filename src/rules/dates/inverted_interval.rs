//! An end date lies before its start date.

use super::valid;
use crate::diagnostics::Diagnostic;
use crate::model::date::DateError;
use crate::model::entities::EntityFile;
use crate::model::relation::Relation;
use crate::model::DateText;
use crate::rules::{describe_pointer, quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R211",
    name: "inverted-interval",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an end date lies before its start date",
    why: "An entity exists from its `start` (founding, birth) to its `end` (dissolution, death); an end before the start is impossible, and `entity-not-contemporary` cannot use the interval. Likewise a date written as a range of possible days (`[2022-01-10..2022-01-15]`, in any date field of a relation or entity file) must name its earlier bound first, or it names no day at all. Wikipedia's citation templates (CS1) likewise reject date ranges that run backwards. With reduced precision it fires only when the order is certain (`start: 1954-10-23`, `end: 1954` is fine; so is `[2022-01..2022-01]`).",
    example: "{ \"id\": \"WEU\", \"name\": \"Western European Union\", \"start\": \"1954-10-23\", \"end\": \"1911-06-30\" }\n\"date\": \"[2022-01-15..2022-01-10]\"",
    instead: "Correct the wrong date (`\"end\": \"2011-06-30\"`), or swap the two if they were entered the wrong way round (`\"date\": \"[2022-01-10..2022-01-15]\"`).",
};

/// Relation files have no start/end pair in the schema (missions carry no opening or closing date):
/// only ranges written in one date.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    reversed_ranges(context, relation.dates(), out);
}

/// Entities' existence intervals (`start` and `end`), and ranges written in one date.
pub fn check_entities(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    reversed_ranges(context, entities.dates(), out);
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

/// Dates written as a range of possible days whose end lies before their start: `[2022-01-15..2022-01-10]`.
fn reversed_ranges<'t>(
    context: &FileContext,
    dates: impl IntoIterator<Item = &'t DateText<'t>>,
    out: &mut Vec<Diagnostic>,
) {
    for date in dates {
        if date.date != Err(DateError::Reversed) {
            continue;
        }
        // The model reports `Reversed` only for `[start..end]` with both bounds written.
        let inner = date.value.trim_start_matches('[').trim_end_matches(']');
        let Some((start, end)) = inner.split_once("..") else {
            continue;
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &date.pointer(),
                    format!(
                        "{} is the range `{}`, whose end ({end}) lies before its start ({start})",
                        describe_pointer(&date.pointer()),
                        date.value
                    ),
                )
                .primary(context.value_span(&date.pointer()), "ends before it starts")
                .note("`[a..b]` is one day between a and b, both included; a range that runs backwards names no day")
                .help(format!(
                    "write the earlier bound first: `\"[{end}..{start}]\"`, or correct the wrong bound"
                )),
        );
    }
}
