//! Parties, actors, speakers and organisations are entity ids of data/entities.

use super::expected_kind;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::SUGGESTIONS_PER_FILE;
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R405",
    name: "unresolved-entity",
    group: Group::References,
    level: Level::Error,
    fix: Fix::None,
    summary: "an entity id names no country, organisation or person in data/entities",
    why: "Relations refer to countries by ISO code, organisations by acronym and people by slug; each id must be defined in `data/entities/`. The whole dataset's entities are loaded even when only one relation file is checked, and naming an entity file checks every relation that could use it.",
    example: "\"speaker\": \"jonas-gahr-stor\"",
    instead: "Correct the id (`\"jonas-gahr-store\"`), or add the entity to the file of its kind in data/entities/.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if !context.entities.loaded {
        return;
    }
    let mut suggestions_left = SUGGESTIONS_PER_FILE;
    for used in &relation.entity_uses {
        if context.entities.kind_of(used.id.value).is_some() {
            continue;
        }
        // Suggestions scan every entity; past the first few unknown ids in a file, none are offered.
        let searched = suggestions_left > 0;
        suggestions_left = suggestions_left.saturating_sub(1);
        let named = searched.then(|| context.entities.id_named(used.id.value)).flatten();
        let near = || {
            searched
                .then(|| context.suggestions.closest(used.id.value, context.entities.ids()))
                .flatten()
        };
        let help = match named.or_else(near) {
            Some(id) if named.is_some() => format!("write the entity's id, not its name: {}", quote(id)),
            Some(suggestion) => format!("did you mean {}?", quote(suggestion)),
            None => match expected_kind(used.role) {
                Some(kind) => format!("add it to data/entities/{}, or correct the id", kind.file_name()),
                None => "add it to the entity file of its kind in data/entities/, or correct the id".into(),
            },
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &used.id.pointer(),
                    format!(
                        "{} {} is not defined in data/entities",
                        used.role.noun(),
                        quote(used.id.value)
                    ),
                )
                .primary(context.value_span(&used.id.pointer()), "unknown entity id")
                .help(help),
        );
    }
}
