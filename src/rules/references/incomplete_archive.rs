//! `archived.url` is given but the reference has no original `url`.

use super::{member, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R412",
    name: "incomplete-archive",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "`archived.url` is given but the reference has no original `url`",
    why: "An archived copy is a copy of something: the original address identifies the work, shows where it was published, and is what a reader tries first. Wikipedia's citation templates reject an archive link without the original (CS1 `|archive-url= requires |url=`). For a Wayback Machine or archive.today snapshot the original address can be read from the snapshot's own address.",
    example: "{ \"id\": \"vg-2022-02-27\", …, \"archived\": { \"date\": \"2022-02-28\", \"url\": \"https://web.archive.org/web/20220228101500/https://www.example.org/a\" } }",
    instead: "Add the original address as `url`: `\"url\": \"https://www.example.org/a\"`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let Some(archived_url) = &reference.archived_url else {
            continue;
        };
        if reference.url.is_some() {
            continue;
        }
        let original = reference
            .archived_address
            .as_ref()
            .and_then(|archived| archived.archived_page(context.today))
            .map(|(page, _)| page);
        let help = match original {
            Some(original) => format!(
                "add the original address, which the archive link contains: {}",
                member("url", &original)
            ),
            None => "add the original address of the work as `url`".into(),
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &archived_url.pointer(),
                    format!(
                        "{}: `archived.url` requires the original `url`",
                        reference_name(reference)
                    ),
                )
                .primary(
                    context.value_span(&archived_url.pointer()),
                    "a copy of an address this reference does not give",
                )
                .help(help),
        );
    }
}
