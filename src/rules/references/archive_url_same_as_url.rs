//! `archived.url` is the same as `url`.

use super::{code, member, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R414",
    name: "archive-url-same-as-url",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "`archived.url` is the same as `url`",
    why: "`archived.url` is the address of a copy kept by an archive, for when the original disappears or changes; the original address in its place promises a copy that does not exist (Wikipedia's CS1 `Check |archive-url= value`). Addresses are compared after setting aside case, fragment, a trailing `/` and tracking parameters.",
    example: "\"url\": \"https://www.example.org/a\",\n\"archived\": { \"date\": \"2022-01-16\", \"url\": \"https://www.example.org/a\" }",
    instead: "Put the snapshot's address in `archived.url`: `\"url\": \"https://web.archive.org/web/20220116093000/https://www.example.org/a\"`; or remove `archived` if there is no copy.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(url), Some(archived_url)) = (&reference.url, &reference.archived_url) else {
            continue;
        };
        let (Some(original), Some(copy)) = (&reference.url_address, &reference.archived_address) else {
            continue;
        };
        if original.normal != copy.normal {
            continue;
        }
        let message = match url.value == archived_url.value {
            true => "is identical to",
            false => "is the same address as",
        };
        // When both hold the snapshot, `url` is the one to correct (url-is-archive stays quiet then).
        let page = original.archived_page(context.today).map(|(page, _)| page);
        let is_archive = original.service.is_some();
        let help = match page {
            Some(page) => format!(
                "keep the snapshot in `archived.url` and put the address it archives in `url`: {}",
                member("url", &page)
            ),
            None if is_archive => {
                "keep the snapshot in `archived.url` and put the original address of the work in `url`".into()
            }
            None => format!(
                "put the address of an archived copy in `archived.url` (find one at {}), or remove `archived.url`",
                code(&format!("https://web.archive.org/web/*/{}", url.value))
            ),
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &archived_url.pointer(),
                    format!("`archived.url` of {} {message} its `url`", reference_name(reference)),
                )
                .primary(context.value_span(&archived_url.pointer()), "not the address of a copy")
                .secondary(
                    context.value_span(&url.pointer()),
                    match is_archive {
                        true => "the same archive link, where the original address belongs",
                        false => "the original address",
                    },
                )
                .help(help),
        );
    }
}
