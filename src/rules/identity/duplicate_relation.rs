//! One pair of countries, one relation file.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::rules::{quote, Fixable, Group, Level, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "R504",
    name: "duplicate-relation",
    group: Group::Identity,
    level: Level::Error,
    fix: Fixable::None,
    summary: "two relation files describe the same pair of countries",
    why: "A relation's claims, events and references belong in one file; a second file for the same pair splits them, and tools that look the relation up by id find only one. Checked across the whole dataset: with only some files named (a pre-commit hook), a named relation is compared with every relation file's name, so a copy saved as `UA-NO.json` is still caught.",
    example: "data/relations/NO-UA.json and data/relations/UA-NO.json, both with \"parties\": [\"NO\", \"UA\"]",
    instead: "Merge the two files into the one named after the id (`NO-UA.json`) and delete the other.",
};

/// A relation as the dataset-wide check sees it.
pub struct RelationId {
    pub file: usize,
    /// The relation's id as the file states it, or as its name implies for files not read in this run.
    pub id: String,
    pub span: Option<Span>,
    pub path: String,
}

/// The pair a relation id names, independent of order: `UA-NO` and `NO-UA` are one pair.
fn pair(id: &str) -> Option<(&str, &str)> {
    let (a, b) = id.split_once('-')?;
    Some(if a <= b { (a, b) } else { (b, a) })
}

/// Reports every checked relation whose pair an earlier file (by path) already describes.
/// `others` are relation files not checked in this run, known by file name only.
pub fn check(checked: &[RelationId], others: &[RelationId], out: &mut Vec<Diagnostic>) {
    // The first file (by path) for each pair; linear in the number of relations.
    let mut first: HashMap<(&str, &str), &RelationId> = HashMap::new();
    for relation in checked.iter().chain(others) {
        let Some(key) = pair(&relation.id) else { continue };
        first
            .entry(key)
            .and_modify(|known| {
                if relation.path < known.path {
                    *known = relation;
                }
            })
            .or_insert(relation);
    }
    for relation in checked {
        let Some(first) = pair(&relation.id).and_then(|key| first.get(&key)) else {
            continue;
        };
        if first.path == relation.path {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                relation.file,
                "/id",
                format!("relation {} is also described in {}", quote(&relation.id), first.path),
            )
            .primary(relation.span, "a second file for this pair")
            .help(format!(
                "merge this file into {} and delete it; one pair of countries has one relation file",
                first.path
            )),
        );
    }
}
