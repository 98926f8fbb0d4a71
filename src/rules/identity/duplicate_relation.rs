//! One pair of countries, one relation file.

use crate::diagnostics::Diagnostic;
use crate::rules::{quote, Fix, Group, Level, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "R504",
    name: "duplicate-relation",
    group: Group::Identity,
    level: Level::Error,
    fix: Fix::None,
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
fn pair(id: &str) -> Option<(String, String)> {
    let (a, b) = id.split_once('-')?;
    Some(if a <= b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    })
}

/// Reports every checked relation whose pair an earlier file (by path) already describes.
/// `others` are relation files not checked in this run, known by file name only.
pub fn check(checked: &[RelationId], others: &[RelationId], out: &mut Vec<Diagnostic>) {
    let mut all: Vec<&RelationId> = checked.iter().chain(others).collect();
    all.sort_by(|a, b| a.path.cmp(&b.path));
    for relation in checked {
        let Some(key) = pair(&relation.id) else { continue };
        let Some(first) = all.iter().find(|other| pair(&other.id).as_ref() == Some(&key)) else {
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
