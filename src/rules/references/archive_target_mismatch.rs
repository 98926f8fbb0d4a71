//! The Wayback snapshot is of a different page than `url`.

use super::part_span;
use super::{code, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::urls::Address;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R415",
    name: "archive-target-mismatch",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "the Wayback snapshot is of a different page than `url`",
    why: "A Wayback Machine address contains the address of the page it copies. When that is not `url`, the copy is of another page (often a neighbouring article, or the front page) and cannot stand in for the source. Addresses are compared setting aside `http`/`https`, `www.`, case, fragment, a trailing `/` and tracking parameters, since the Machine often stores a page under its `http` address.",
    example: "\"url\": \"https://www.example.org/a\",\n\"archived\": { \"date\": \"2022-01-16\", \"url\": \"https://web.archive.org/web/20220116093000/https://www.example.org/b\" }",
    instead: "Archive the cited page and use that snapshot, or correct `url` if the snapshot is of the right page.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(url), Some(archived_url)) = (&reference.url, &reference.archived_url) else {
            continue;
        };
        let (Some(address), Some(archived)) = (&reference.url_address, &reference.archived_address) else {
            continue;
        };
        // An archive link in `url` is url-is-archive's finding; a malformed snapshot address, malformed-archive-url's.
        if address.service.is_some() {
            continue;
        }
        let Some(wayback) = &archived.wayback else {
            continue;
        };
        if wayback.problem(context.today).is_some() {
            continue;
        }
        let Some(archived_page) = wayback.original_url() else {
            continue;
        };
        if Address::read(&archived_page).is_none_or(|page| page.same_page(address)) {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &archived_url.pointer(),
                    format!(
                        "the archived copy of {} is of {}, but its `url` is {}",
                        reference_name(reference),
                        quote(&archived_page),
                        quote(url.value)
                    ),
                )
                .primary(
                    part_span(context, &archived_url.pointer(), archived_url.value, wayback.original_at.clone()),
                    "the archived page",
                )
                .secondary(context.value_span(&url.pointer()), "the cited page")
                .help(format!(
                    "use a snapshot of the cited page (find one at {}), or correct `url` if the snapshot is of the right page",
                    code(&format!("https://web.archive.org/web/*/{}", url.value))
                )),
        );
    }
}
