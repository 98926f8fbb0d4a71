//! An event id starts with its date: the date in the id and the event's `date` agree.

use crate::diagnostics::fix::{Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R213",
    name: "event-id-date-mismatch",
    group: Group::Dates,
    level: Level::Warning,
    fix: Fixable::Unsafe,
    summary: "an event id starts with a date other than the event's `date`",
    why: "An event id is its date followed by a slug (`2022-07-01-kyiv-visit`; `by-2022-01-15-…` for a date known only as \"on or before\"), so the id tells when the event happened and ids sort as the timeline does. When the date is corrected and the id is not (or the other way round), one of the two is wrong, and every `responds_to` that names the event carries the stale date.",
    example: "{ \"id\": \"2022-07-02-kyiv-visit\", \"date\": \"2022-07-01\", … }",
    instead: "Make the id start with the date: `\"id\": \"2022-07-01-kyiv-visit\"` (renaming it where `responds_to` names it), or correct the date.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for event in &relation.events {
        let (Some(id), Some(date)) = (&event.id, &event.date) else {
            continue;
        };
        // A date that is not a date is another rule's finding; a closed range has no id form.
        let (Some(expected), Some((written, slug))) = (id_prefix(date.value), split_id(id.value)) else {
            continue;
        };
        if written == expected || date.date.is_err() || context.known.is_invalid(&date.pointer()) {
            continue;
        }
        let corrected = format!("{expected}-{slug}");
        // The id is renamed where the file names the event, too.
        let mut edits: Vec<Edit> = context
            .edits()
            .replace_string(&id.pointer(), &corrected)
            .into_iter()
            .collect();
        for other in &relation.events {
            let links = pointer::child(&other.pointer, "responds_to");
            let Some(serde_json::Value::Array(items)) = other.value.get("responds_to") else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                if item.as_str() == Some(id.value) {
                    edits.extend(context.edits().replace_string(&pointer::index(&links, i), &corrected));
                }
            }
        }
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &id.pointer(),
                    format!(
                        "event id {} starts with `{written}`, but the event is dated `{}`",
                        quote(id.value),
                        date.value
                    ),
                )
                .primary(context.value_span(&id.pointer()), format!("the id says {written}"))
                .secondary(context.value_span(&date.pointer()), "the event's date")
                .help(format!(
                    "if the date is right, rename the event to {}; otherwise correct the date",
                    quote(&corrected)
                ))
                .fix(Fix::unsafe_edit(
                    format!("rename the event to {}", quote(&corrected)),
                    edits,
                )),
        );
    }
}

/// The start an event id has for a date: the date itself, `by-<date>` for "on or before",
/// `from-<date>` for "on or after"; none for a closed range.
fn id_prefix(date: &str) -> Option<String> {
    let plain = date.trim_end_matches(['?', '~', '%']);
    if let Some(range) = plain.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return match range.split_once("..")? {
            ("", end) => Some(format!("by-{end}")),
            (start, "") => Some(format!("from-{start}")),
            _ => None,
        };
    }
    Some(plain.to_owned())
}

/// An id's date part (with its `by-`/`from-`) and the slug after it, when it starts with a date.
fn split_id(id: &str) -> Option<(&str, &str)> {
    let bound = ["by-", "from-"]
        .iter()
        .find(|p| id.starts_with(**p))
        .map_or(0, |p| p.len());
    let rest = &id[bound..];
    let digits = |s: &str, n: usize| s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit);
    if !digits(rest, 4) {
        return None;
    }
    // YYYY, then -MM and -DD while they are digits followed by `-`.
    let mut end = 4;
    for _ in 0..2 {
        let part = &rest[end..];
        if part.len() > 3 && part.starts_with('-') && digits(&part[1..], 2) && part.as_bytes().get(3) == Some(&b'-') {
            end += 3;
        } else {
            break;
        }
    }
    let slug = rest[end..].strip_prefix('-')?;
    Some((&id[..bound + end], slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_dates_split_alike() {
        assert_eq!(split_id("2022-07-01-kyiv-visit"), Some(("2022-07-01", "kyiv-visit")));
        assert_eq!(split_id("2022-02-reaction"), Some(("2022-02", "reaction")));
        assert_eq!(
            split_id("2022-ukraine-cyberattack"),
            Some(("2022", "ukraine-cyberattack"))
        );
        assert_eq!(split_id("by-2022-01-15-warning"), Some(("by-2022-01-15", "warning")));
        assert_eq!(split_id("2022-10-20-2-talks"), Some(("2022-10-20", "2-talks")));
        assert_eq!(split_id("kyiv-visit"), None);
        assert_eq!(id_prefix("[..2022-01-15]").as_deref(), Some("by-2022-01-15"));
        assert_eq!(id_prefix("[2022-01-15..]").as_deref(), Some("from-2022-01-15"));
        assert_eq!(id_prefix("2022~").as_deref(), Some("2022"));
        assert_eq!(id_prefix("[2022-01..2022-03]"), None);
    }
}
