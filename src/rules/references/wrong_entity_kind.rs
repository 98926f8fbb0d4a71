//! An entity id names an entity of the wrong kind (a country as a speaker).

use super::expected_kind;
use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::{Relation, Role};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R406",
    name: "wrong-entity-kind",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an entity id names an entity of the wrong kind (a country as a speaker)",
    why: "Each field that names an entity expects one kind: parties, member, recognising and recognised, sending and host countries are countries, a membership's `organization` is an organisation, a quote's `speaker` is a person (actors and the entities of `roles` may be any kind). An id that resolves to another kind is a mix-up that the schema's id patterns cannot always catch: `UN` looks like a country code, `NO` like an organisation acronym (Wikidata's value-type constraint).",
    example: "\"memberships\": [ { \"organization\": \"NO\", \"country\": \"NO\", \"status\": \"member\", … } ]",
    instead: "Use an id of the expected kind (`\"organization\": \"NATO\"`); put countries and organisations that take part in an event in its `actors`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for used in &relation.entity_uses {
        let (Some(expected), Some(found)) = (expected_kind(used.role), context.entities.kind_of(used.id.value)) else {
            continue;
        };
        if found == expected {
            continue;
        }
        let field = pointer::last_token(&used.id.pointer())
            .filter(|token| pointer::array_index(token).is_none())
            .unwrap_or_else(|| "parties".into());
        let expected_words = if used.role == Role::Party {
            "countries".to_owned()
        } else {
            a(expected).to_owned()
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &used.id.pointer(),
                    format!(
                        "{} {} is {}; `{field}` must be {expected_words}",
                        used.role.noun(),
                        quote(used.id.value),
                        a(found)
                    ),
                )
                .primary(context.value_span(&used.id.pointer()), format!("{} here", a(found)))
                .note(format!(
                    "{} is defined in data/entities/{}",
                    quote(used.id.value),
                    found.file_name()
                ))
                .help(help(used.role, expected)),
        );
    }
}

fn a(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => "a country",
        EntityKind::Organization => "an organisation",
        EntityKind::Person => "a person",
    }
}

fn help(role: Role, expected: EntityKind) -> String {
    match (role, expected) {
        (Role::Speaker, _) => "name the person who said it, by an id of data/entities/people.json; a country or organisation that took part belongs in the event's `actors`".into(),
        (_, EntityKind::Country) => "use the ISO 3166-1 code of a country of data/entities/countries.json".into(),
        (_, kind) => format!("use the id of {} of data/entities/{}", a(kind), kind.file_name()),
    }
}
