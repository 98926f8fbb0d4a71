//! Parties, actors, speakers and organisations are entity ids of data/entities.

use super::expected_kind;
use crate::diagnostics::fix::{Applicability, Fix};
use crate::diagnostics::Diagnostic;
use crate::model::relation::EntityUse;
use crate::model::relation::Relation;
use crate::rules::suggest::did_you_mean;
use crate::rules::SUGGESTIONS_PER_FILE;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R405",
    name: "unresolved-entity",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::Mixed,
    summary: "an entity id names no country, organisation or person in data/entities",
    why: "Relations refer to countries by ISO code, organisations by acronym and people by slug; each id must be defined in `data/entities/`. The whole dataset's entities are loaded even when only one relation file is checked, and naming an entity file checks every relation that could use it.",
    example: "\"speaker\": \"jonas-gahr-stor\"",
    instead: "Correct the id (`\"jonas-gahr-store\"`), or add the entity to the file of its kind in data/entities/.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if !context.entities.loaded {
        return;
    }
    // One finding per unknown id, at its first use, the others labelled: an entity removed from
    // people.json, or one id misspelt the same way throughout, is one mistake.
    let mut unknown: Vec<(&str, Vec<&EntityUse>)> = Vec::new();
    for used in &relation.entity_uses {
        if context.entities.kind_of(used.id.value).is_some() {
            continue;
        }
        match unknown.iter_mut().find(|(id, _)| *id == used.id.value) {
            Some((_, uses)) => uses.push(used),
            None => unknown.push((used.id.value, vec![used])),
        }
    }
    let mut suggestions_left = SUGGESTIONS_PER_FILE;
    for (id, uses) in unknown {
        let first = &uses[0];
        // Suggestions scan every entity; past the first few unknown ids in a file, none are offered.
        let searched = suggestions_left > 0;
        suggestions_left = suggestions_left.saturating_sub(1);
        let named = searched.then(|| context.entities.id_named(id)).flatten();
        let near = || {
            searched
                .then(|| context.suggestions.closest(id, context.entities.ids()))
                .flatten()
        };
        let intended = named.or_else(near);
        let first_at = first.id.pointer();
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                &first_at,
                format!("{} {} is not defined in data/entities", first.role.noun(), quote(id)),
            )
            .primary(context.value_span(&first_at), "unknown entity id");
        for other in uses.iter().skip(1).take(LABELS) {
            diagnostic = diagnostic.secondary(
                context.value_span(&other.id.pointer()),
                format!("used again here, as {}", other.role.noun()),
            );
        }
        if uses.len() > LABELS + 1 {
            diagnostic = diagnostic.note(format!("used {} times in this file", uses.len()));
        }
        for used in &uses {
            match intended {
                Some(intended) => context.known.intends(&used.id.pointer(), intended),
                None => context.known.invalid(&used.id.pointer()),
            }
        }
        diagnostic = match intended {
            Some(intended) => {
                let help = if named.is_some() {
                    format!("write the entity's id, not its name: {}", quote(intended))
                } else if intended.eq_ignore_ascii_case(id) {
                    format!("write {}: ids are case-sensitive", quote(intended))
                } else {
                    did_you_mean(id, intended)
                };
                let edits = uses
                    .iter()
                    .filter_map(|used| context.edits().replace_string(&used.id.pointer(), intended))
                    .collect();
                // Only the case differs: the entity is certain.
                let applicability = if intended.eq_ignore_ascii_case(id) {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                diagnostic
                    .help(help)
                    .fix(Fix::new(applicability, format!("write {}", quote(intended)), edits))
            }
            None => diagnostic.help(match expected_kind(first.role) {
                Some(kind) => format!("add it to data/entities/{}, or correct the id", kind.file_name()),
                None => "add it to the entity file of its kind in data/entities/, or correct the id".into(),
            }),
        };
        out.push(diagnostic);
    }
}

/// Secondary labels shown for the other places an unknown id is used.
const LABELS: usize = 5;
