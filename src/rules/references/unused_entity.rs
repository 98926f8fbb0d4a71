//! Every entity of the entity files is named by some relation.

use ahash::AHashSet as HashSet;

use crate::diagnostics::Diagnostic;
use crate::rules::identity::duplicate_id::EntityDefinition;
use crate::rules::{quote, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R420",
    name: "unused-entity",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "an entity that no relation names",
    why: "The entity files hold the countries, organisations and people the relations speak of. An entity no relation names is usually left over (the relation that named it was corrected) or was added ahead of the relation that needs it, and unlike the relation's facts it cites no source. Checked when every relation of the dataset is checked: on the whole dataset, or when an entity file is named.",
    example: "people.json: { \"id\": \"sanna-marin\", \"name\": \"Sanna Marin\" }, named by no relation",
    instead: "Remove the entity, or add the relation (event, role, mission) that names it; an entity another entity refers to (a person's `country`) counts as used.",
};

/// The entities of `defined` (of the checked entity files) that no relation and no other entity
/// names (`used`).
pub fn across_files(defined: &[EntityDefinition], used: &HashSet<&str>) -> Vec<Diagnostic> {
    defined
        .iter()
        .filter(|entity| !used.contains(entity.id))
        .map(|entity| {
            Diagnostic::new(
                &RULE,
                entity.file,
                entity.pointer,
                format!("entity {} is named by no relation", quote(entity.id)),
            )
            .primary(entity.span, "named by no relation")
            .help("remove it, or add the relation that names it (an actor, a role, a party, a mission)")
        })
        .collect()
}
