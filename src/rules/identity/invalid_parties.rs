//! `parties` are not two different countries in alphabetical order.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R503",
    name: "invalid-parties",
    group: Group::Identity,
    level: Level::Error,
    fix: Fixable::Safe,
    summary: "`parties` are not in alphabetical order",
    why: "A relation's `parties` are listed in alphabetical order, the same order as in its id (`NO-UA`), so that every relation between two countries is written one way and two files or tools never disagree about which party comes first. The schema checks that there are exactly two different country codes; this rule checks their order.",
    example: "\"id\": \"NO-UA\", \"parties\": [\"UA\", \"NO\"]",
    instead: "List the parties in alphabetical order: `\"parties\": [\"NO\", \"UA\"]`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    // The schema's findings: not exactly two items, a repeated item, an item that is not a country code.
    let items = context.document.value.pointer("/parties").and_then(|v| v.as_array());
    if items.is_none_or(|items| items.len() != 2) {
        return;
    }
    let [first, second] = relation.parties.as_slice() else {
        return;
    };
    if !is_country(context, first.value) || !is_country(context, second.value) || first.value <= second.value {
        return;
    }
    let sorted = format!("\"parties\": [\"{}\", \"{}\"]", second.value, first.value);
    out.push(
        context
            .diagnostic(
                &RULE,
                "/parties",
                format!(
                    "`parties` are not in alphabetical order: {} must come before {}",
                    quote(second.value),
                    quote(first.value)
                ),
            )
            .primary(context.value_span(&second.pointer()), "should come first")
            .secondary(context.value_span(&first.pointer()), "should come second")
            .note("parties are listed in the same order as in the relation's id, alphabetical by country code")
            .help(format!("write `{sorted}`"))
            // Safe: the parties are a pair, their order carries no meaning.
            .fix(
                context
                    .edits()
                    .reorder("/parties", &[1, 0])
                    .and_then(|edits| Fix::safe("put the parties in alphabetical order", edits)),
            ),
    );
}

/// Whether `id` may be a country: of a country id's form (`^[A-Z]{2}$`, else the schema's finding) and not
/// an organisation or person (wrong-entity-kind's finding).
fn is_country(context: &FileContext, id: &str) -> bool {
    let form = id.len() == 2 && id.bytes().all(|b| b.is_ascii_uppercase());
    form && context
        .entities
        .kind_of(id)
        .is_none_or(|kind| kind == EntityKind::Country)
}
