//! A `cite` id must name a reference of the same file.

use ahash::AHashMap as HashMap;

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::suggest::did_you_mean;
use crate::rules::SUGGESTIONS_PER_FILE;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R401",
    name: "unresolved-cite",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::Unsafe,
    summary: "a `cite` id names no reference in the file",
    why: "Each id in a `cite` list must equal the `id` of one entry of the file's `references`; a misspelt id leaves the claim without its source. The help suggests the nearest existing id.",
    example: "\"cite\": [\"embassy-ua-n0\"]",
    instead: "Correct the id (`\"embassy-ua-no\"`), or add the missing reference to `references`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    // Without `references` (misspelt or missing, which the schema reports) no cite can resolve.
    if context.known.absence_reported("", "references") {
        return;
    }
    let ids: HashMap<&str, &Text> = relation
        .references
        .iter()
        .filter_map(|r| r.id.as_ref().map(|id| (id.value, id)))
        .collect();
    // One finding per unknown id, at its first cite, the others labelled: a misspelt id cited
    // from five claims is one mistake.
    let mut unknown: Vec<(&str, Vec<&Text>)> = Vec::new();
    for cited in relation.claims.iter().flat_map(|claim| claim.cite.iter().flatten()) {
        if ids.contains_key(cited.value) {
            continue;
        }
        match unknown.iter_mut().find(|(id, _)| *id == cited.value) {
            Some((_, uses)) => uses.push(cited),
            None => unknown.push((cited.value, vec![cited])),
        }
    }
    let renamed = super::renamed_reference(relation).map(|(_, cited)| cited);
    let mut suggestions_left = SUGGESTIONS_PER_FILE;
    for (id, uses) in unknown {
        // The reference meant to have this id was given another's: duplicate-id's finding.
        if renamed == Some(id) {
            for cited in &uses {
                context.known.intends(&cited.pointer(), id);
            }
            continue;
        }
        let first = uses[0].pointer();
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                &first,
                format!("{} is not the id of a reference in this file", quote(id)),
            )
            .primary(context.value_span(&first), "no reference has this id");
        for other in uses.iter().skip(1).take(LABELS) {
            diagnostic = diagnostic.secondary(context.value_span(&other.pointer()), "cited again here");
        }
        if uses.len() > LABELS + 1 {
            diagnostic = diagnostic.note(format!("cited {} times in all", uses.len()));
        }
        // Each suggestion measures the distance to every id; a hostile file with thousands of
        // unresolved cites gets suggestions for the first ones only, so the check stays linear.
        let suggestion = (suggestions_left > 0)
            .then(|| context.suggestions.closest(id, ids.keys().copied()))
            .flatten();
        suggestions_left = suggestions_left.saturating_sub(1);
        for cited in &uses {
            match suggestion {
                Some(intended) => context.known.intends(&cited.pointer(), intended),
                None => context.known.invalid(&cited.pointer()),
            }
        }
        diagnostic = match suggestion {
            Some(suggestion) => {
                let edits = uses
                    .iter()
                    .filter_map(|cited| context.edits().replace_string(&cited.pointer(), suggestion))
                    .collect();
                diagnostic
                    .secondary(
                        context.value_span(&ids[suggestion].pointer()),
                        "a reference with a similar id",
                    )
                    .help(did_you_mean(id, suggestion))
                    .fix(Fix::unsafe_edit(format!("cite {} instead", quote(suggestion)), edits))
            }
            None => diagnostic.help("add a reference with this id to `references`, or cite an existing one"),
        };
        out.push(diagnostic);
    }
}

/// Secondary labels shown for the other places an unknown id is used.
const LABELS: usize = 5;
