//! `url` points to an archive copy instead of the original.

use chrono::NaiveDate;

use super::{member, reference_name};
use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::fix::edits::json_string;
use crate::model::relation::{Reference, Relation};
use crate::model::Text;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R416",
    name: "url-is-archive",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::Unsafe,
    summary: "`url` points to an archive copy instead of the original",
    why: "`url` identifies the work by where it was published; an archive link there hides the publisher's address, dates the source by the snapshot, and leaves no original to try when the archive is slow or gone. Archive copies belong in `archived` (the reason Wikipedia's bots move them to `|archive-url=`). Recognised archives: the Wayback Machine (web.archive.org), archive.today (archive.ph, archive.is and its other domains) and WebCite.",
    example: "\"url\": \"https://web.archive.org/web/20220116093000/https://www.example.org/a\"",
    instead: "\"url\": \"https://www.example.org/a\",\n\"archived\": { \"date\": \"2022-01-16\", \"url\": \"https://web.archive.org/web/20220116093000/https://www.example.org/a\" }",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(url), Some(address)) = (&reference.url, &reference.url_address) else {
            continue;
        };
        let Some(service) = address.service else {
            continue;
        };
        // The same link in both fields is archive-url-same-as-url's finding.
        if reference
            .archived_address
            .as_ref()
            .is_some_and(|archived| archived.normal == address.normal)
        {
            continue;
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &url.pointer(),
                    format!(
                        "`url` of {} points to an archived copy on {service} ({}), not to the original",
                        reference_name(reference),
                        quote(&address.url.host_key())
                    ),
                )
                .primary(context.value_span(&url.pointer()), "an archive link")
                .help(help(reference, address.archived_page(context.today)))
                .fix(fix(context, reference, url, address.archived_page(context.today))),
        );
    }
}

/// The original address in `url`, and the archive link moved to `archived` when the reference has
/// none. Unsafe: the original may have moved since the snapshot.
fn fix(
    context: &FileContext,
    reference: &Reference,
    url: &Text,
    archived: Option<(String, Option<NaiveDate>)>,
) -> Option<Fix> {
    let (page, date) = archived?;
    let at = url.pointer();
    let edits = context.edits();
    let mut changes = vec![edits.replace_string(&at, &page)?];
    if reference.value.get("archived").is_none() {
        let date = date?.format("%Y-%m-%d").to_string();
        let object = edits.object_like(&at, &[("date", json_string(&date)), ("url", json_string(url.value))])?;
        let key = at.rsplit_once('/')?.1;
        changes.push(edits.insert_member(&reference.pointer, Some(key), "archived", &object)?);
        return Fix::unsafe_edit(
            "put the original address in `url` and the archive link in `archived`",
            changes,
        );
    }
    Fix::unsafe_edit("put the original address in `url`", changes)
}

fn help(reference: &Reference, archived: Option<(String, Option<NaiveDate>)>) -> String {
    match (&reference.archived_url, archived) {
        (None, Some((page, date))) => {
            let date = match date {
                Some(date) => format!(" with `\"date\": \"{}\"`", date.format("%Y-%m-%d")),
                None => String::new(),
            };
            format!(
                "move it to `archived.url`{date} and put the original address in `url`: {}",
                member("url", &page)
            )
        }
        (None, None) => "move it to `archived.url` and put the original address in `url`".into(),
        (Some(_), Some((page, _))) => format!(
            "the reference already has an archived copy; put the original address in `url`: {}",
            member("url", &page)
        ),
        (Some(_), None) => "the reference already has an archived copy; put the original address in `url`".into(),
    }
}
