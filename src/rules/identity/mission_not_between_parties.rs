//! A mission's sending or host country is not a party of the relation.

use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R506",
    name: "mission-not-between-parties",
    group: Group::Identity,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a mission's sending or host country is not a party of the relation",
    why: "A relation file lists the resident missions its two parties keep in each other: one party sends, the other hosts. A mission of a third country, or one a country \"sends\" to itself, belongs to another relation or has a typo in `sending` or `host`.",
    example: "\"parties\": [\"NO\", \"UA\"], \"missions\": [ { \"id\": \"ua-embassy-helsinki\", \"sending\": \"UA\", \"host\": \"FI\", … } ]",
    instead: "Correct `sending` or `host` to the two parties (`\"sending\": \"UA\", \"host\": \"NO\"`), or move the mission to the relation between its two countries (`FI-UA.json`).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let [a, b] = relation.parties.as_slice() else { return };
    // A party the schema rejected or that resolves to nothing is that rule's finding; comparing
    // missions with it would only repeat the mistake (and suggest it as the fix).
    if context.known.is_invalid(&a.pointer()) || context.known.is_invalid(&b.pointer()) {
        return;
    }
    let parties = [a.value, b.value];
    if parties[0] == parties[1] {
        return;
    }
    for mission in &relation.missions {
        let name = mission
            .id
            .as_ref()
            .map_or("this mission".into(), |id| format!("mission {}", quote(id.value)));
        let (sending, host) = (country(context, &mission.sending), country(context, &mission.host));
        let mut outside = false;
        for (field, role, this, other) in [
            ("sending", "is sent by", sending, host),
            ("host", "is hosted by", host, sending),
        ] {
            let Some(this) = this.filter(|this| !parties.contains(&this.value)) else {
                continue;
            };
            outside = true;
            out.push(not_a_party(context, &name, (field, role), this, other, parties));
        }
        if let (false, Some(sending), Some(host)) = (outside, sending, host) {
            if sending.value == host.value {
                let other = if sending.value == parties[0] {
                    parties[1]
                } else {
                    parties[0]
                };
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &host.pointer(),
                            format!("{name} is sent by {} to itself", quote(sending.value)),
                        )
                        .primary(context.value_span(&host.pointer()), "the same country as `sending`")
                        .secondary(context.value_span(&sending.pointer()), "sent from here")
                        .note("a mission is kept by one party in the other")
                        .help(format!(
                            "set `\"host\": \"{other}\"` if {} keeps this mission, or `\"sending\": \"{other}\"` if {} does",
                            quote(sending.value),
                            quote(other)
                        )),
                );
            }
        }
    }
}

/// A sending or host value to compare with the parties: one of the form of a country id that does not
/// resolve to an organisation or person (malformed ids are the schema's finding, wrong kinds wrong-entity-kind's).
fn country<'a, 'v>(context: &FileContext, field: &'a Option<Text<'v>>) -> Option<&'a Text<'v>> {
    let text = field.as_ref()?;
    let form = text.value.len() == 2 && text.value.bytes().all(|b| b.is_ascii_uppercase());
    let kind = context.entities.kind_of(text.value);
    (form && kind.is_none_or(|kind| kind == EntityKind::Country)).then_some(text)
}

/// Words the finding that `this` (the mission's `field`) is not one of `parties`.
fn not_a_party(
    context: &FileContext,
    name: &str,
    (field, role): (&str, &str),
    this: &Text,
    other: Option<&Text>,
    parties: [&str; 2],
) -> Diagnostic {
    let listed = format!("{}, {}", quote(parties[0]), quote(parties[1]));
    let mut diagnostic = context
        .diagnostic(
            &RULE,
            &this.pointer(),
            format!(
                "{name} {role} {}, which is not a party of this relation ({listed})",
                quote(this.value)
            ),
        )
        .primary(context.value_span(&this.pointer()), "not a party")
        .secondary(context.value_anchor("/parties"), "the parties");
    // With the other end a party, the mission's own party is the remaining one, or it belongs to another relation.
    if let Some(other) = other.filter(|other| parties.contains(&other.value)) {
        let remaining = if other.value == parties[0] {
            parties[1]
        } else {
            parties[0]
        };
        let mut pair = [this.value, other.value];
        pair.sort_unstable();
        diagnostic = diagnostic.help(format!(
            "set `\"{field}\": \"{remaining}\"`, or move the mission to the relation between {} and {} (`{}-{}.json`)",
            quote(pair[0]),
            quote(pair[1]),
            pair[0],
            pair[1]
        ));
    } else {
        diagnostic = diagnostic.help(format!(
            "a relation lists only the missions its parties keep in each other: correct `{field}`, or move the mission to the relation between its two countries"
        ));
    }
    diagnostic
}
