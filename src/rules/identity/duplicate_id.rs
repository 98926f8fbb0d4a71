//! Ids are unique: two references, events, missions or entities with one id make every use of it ambiguous.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R505",
    name: "duplicate-id",
    group: Group::Identity,
    level: Level::Error,
    fix: Fixable::Unsafe,
    summary: "two references, events, missions or entities share one id",
    why: "Ids are how claims cite references and how relations name entities; an id defined twice makes every use of it ambiguous. Entity ids are unique across all entity files, since an actor may be a country, an organisation or a person.",
    example: "\"references\": [ { \"id\": \"vg-2022-09-30\", … }, { \"id\": \"vg-2022-09-30\", … } ]",
    instead: "Rename one of the two and update the places that use its id.",
};

pub fn check_relation(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let references = relation.references.iter().filter_map(|r| r.id.as_ref());
    let first = out.len();
    check_unique(context, "reference", references, out);
    // The claims cite one id no reference has: the repeated reference is most likely that one.
    if let Some((again, cited)) = crate::rules::references::renamed_reference(relation) {
        let at = again.pointer();
        if let Some(diagnostic) = out[first..].iter_mut().find(|d| d.pointer == at) {
            let cites: Vec<_> = relation
                .claims
                .iter()
                .flat_map(|claim| claim.cite.iter().flatten())
                .filter(|cite| cite.value == cited)
                .collect();
            let mut found = std::mem::replace(diagnostic, context.diagnostic(&RULE, &at, String::new()));
            for cite in cites.iter().take(5) {
                found = found.secondary(
                    context.value_span(&cite.pointer()),
                    format!("cites {}, which no reference has", quote(cited)),
                );
            }
            let rename = context.edits().replace_string(&at, cited);
            *diagnostic = found
                .help(format!(
                    "the claims cite {}, which no reference has: this reference is most likely that one; if so, give it that id",
                    quote(cited)
                ))
                .fix(crate::diagnostics::fix::Fix::unsafe_edit(
                    format!("write {}", quote(cited)),
                    rename.into_iter().collect(),
                ));
        }
    }
    let events = relation.events.iter().filter_map(|e| e.id.as_ref());
    check_unique(context, "event", events, out);
    let missions = relation.missions.iter().filter_map(|m| m.id.as_ref());
    check_unique(context, "mission", missions, out);
}

fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

/// Reports every id of `ids` that an earlier one already used.
pub fn check_unique<'t, 'v: 't>(
    context: &FileContext,
    noun: &str,
    ids: impl IntoIterator<Item = &'t Text<'v>>,
    out: &mut Vec<Diagnostic>,
) {
    let ids = ids.into_iter();
    // Sized once: growing a map step by step rehashes it every time.
    let mut first: HashMap<&str, &Text> = HashMap::with_capacity(ids.size_hint().1.unwrap_or(0));
    for id in ids {
        match first.get(id.value) {
            Some(earlier) => out.push(
                context
                    .diagnostic(
                        &RULE,
                        &id.pointer(),
                        format!("{noun} id {} is defined twice", quote(id.value)),
                    )
                    .primary(context.value_span(&id.pointer()), "defined again here")
                    .secondary(context.value_span(&earlier.pointer()), "first defined here")
                    .help(format!(
                        "rename one of the two {} and update the places that use its id",
                        plural(noun)
                    )),
            ),
            None => {
                first.insert(id.value, id);
            }
        }
    }
}

/// An entity id as one entity file defines it, for the check across entity files.
pub struct EntityDefinition<'a> {
    pub file: usize,
    /// The file's path as shown.
    pub path: &'a str,
    pub id: &'a str,
    pub pointer: &'a str,
    pub span: Option<crate::source::Span>,
}

/// Entity ids are unique across the entity files: reports every id that an earlier file (in the
/// order given) already defines. Repeats inside one file are that file's own finding (`check_unique`).
pub fn across_entity_files(definitions: &[EntityDefinition]) -> Vec<Diagnostic> {
    let mut first_file: HashMap<&str, (usize, &str)> = HashMap::with_capacity(definitions.len());
    let mut out = Vec::new();
    for definition in definitions {
        match first_file.get(definition.id) {
            Some(&(file, path)) if file != definition.file => out.push(
                Diagnostic::new(
                    &RULE,
                    definition.file,
                    definition.pointer,
                    format!("entity id {} is already defined in {path}", quote(definition.id)),
                )
                .primary(definition.span, "defined again here")
                .help("entity ids are unique across all entity files; rename one of the two and update the relations that use it"),
            ),
            Some(_) => {}
            None => {
                first_file.insert(definition.id, (definition.file, definition.path));
            }
        }
    }
    out
}
