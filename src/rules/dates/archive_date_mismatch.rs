//! `archived.date` differs from the day in the Wayback Machine snapshot URL.

use std::ops::Range;

use chrono::NaiveDate;

use super::valid;
use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::urls::Address;
pub(crate) use crate::rules::reference_name;
use crate::rules::references::part_span;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R205",
    name: "archive-date-mismatch",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::Safe,
    summary: "`archived.date` differs from the day in the Wayback Machine snapshot URL",
    why: "A Wayback Machine URL (`https://web.archive.org/web/20220116093512/https://…`) carries the moment of its snapshot as a 14-digit UTC timestamp, so the archive date is known for certain and `archived.date` must be that day. Wikipedia's citation templates (CS1) report the same `archive-date` / `archive-url` timestamp mismatch and suggest the timestamp's date. A reduced-precision `archived.date` that contains the day is `imprecise-access-date`'s finding; malformed Wayback URLs are `malformed-archive-url`'s.",
    example: "\"archived\": { \"date\": \"2022-01-17\", \"url\": \"https://web.archive.org/web/20220116093512/https://www.nrk.no/…\" }",
    instead: "Copy the day from the timestamp: `\"archived\": { \"date\": \"2022-01-16\", \"url\": \"https://web.archive.org/web/20220116093512/https://www.nrk.no/…\" }`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        // Without `archived.date` the schema reports the missing field; an invalid one is invalid-date's.
        let (Some(date_at), Some(date), Some(url), Some(address)) = (
            &reference.archived,
            valid(&reference.archived),
            &reference.archived_url,
            &reference.archived_address,
        ) else {
            continue;
        };
        let Some(snapshot) = snapshot(address, context.today) else {
            continue;
        };
        if (date.first..=date.last).contains(&snapshot.day) {
            continue;
        }
        let day = snapshot.day.format("%Y-%m-%d");
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &date_at.pointer(),
                    format!(
                        "`archived.date` of {} is {}, but its Wayback Machine snapshot was taken on {day}",
                        reference_name(reference),
                        date_at.value
                    ),
                )
                .primary(
                    context.value_span(&date_at.pointer()),
                    "differs from the snapshot's day",
                )
                .secondary(
                    part_span(context, &url.pointer(), url.value, snapshot.timestamp_at),
                    format!("snapshot taken on {day} (UTC)"),
                )
                .note("the 14 digits after `/web/` are the moment of the snapshot, YYYYMMDDhhmmss in UTC")
                .help(format!("set \"date\": \"{day}\""))
                // Safe: the snapshot's timestamp is the archive date, to the second.
                .fix(Fix::safe(
                    format!("set `\"date\": \"{day}\"`"),
                    context
                        .edits()
                        .replace_string(&date_at.pointer(), &day.to_string())
                        .into_iter()
                        .collect(),
                )),
        );
    }
}

/// The snapshot a well-formed Wayback Machine URL names.
pub(crate) struct Snapshot {
    /// Bytes of the 14-digit timestamp (YYYYMMDDhhmmss, UTC) in the URL.
    pub timestamp_at: Range<usize>,
    /// The UTC day of the timestamp.
    pub day: NaiveDate,
}

/// The snapshot of a Wayback Machine URL (`https://web.archive.org/web/<timestamp><flag>/<original>`).
/// `None` for other archives and for every URL malformed-archive-url reports (save commands, short or
/// impossible timestamps, timestamps before 1996): the two rules read Wayback URLs with one grammar.
pub(crate) fn snapshot(address: &Address, today: NaiveDate) -> Option<Snapshot> {
    let wayback = address.wayback.as_ref()?;
    if wayback.problem(today).is_some() {
        return None;
    }
    Some(Snapshot {
        day: wayback.snapshot_date(today)?,
        timestamp_at: wayback.timestamp_at.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(url: &str) -> Option<String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        Address::read(url)
            .and_then(|address| snapshot(&address, today))
            .map(|s| s.day.to_string())
    }

    #[test]
    fn reads_wayback_timestamps() {
        let url = "https://web.archive.org/web/20220116093512/https://www.nrk.no/a";
        assert_eq!(day(url).as_deref(), Some("2022-01-16"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(
            Address::read(url)
                .and_then(|address| snapshot(&address, today))
                .map(|s| &url[s.timestamp_at]),
            Some("20220116093512")
        );
        assert_eq!(
            day("http://WEB.archive.org/web/20220116235959id_/http://example.org/").as_deref(),
            Some("2022-01-16")
        );
    }

    #[test]
    fn leaves_malformed_and_other_urls_alone() {
        for url in [
            "https://web.archive.org/web/20220116/https://www.nrk.no/a",
            "https://web.archive.org/web/2022011609351/https://www.nrk.no/a",
            "https://web.archive.org/web/20221316093512/https://www.nrk.no/a",
            "https://web.archive.org/web/19950116093512/https://www.nrk.no/a",
            "https://web.archive.org/web/20990116093512/https://www.nrk.no/a",
            "https://web.archive.org/web/20220116093512*/https://www.nrk.no/a",
            "https://web.archive.org/web/20220116093512/",
            "https://web.archive.org/web/20220116253512/https://www.nrk.no/a",
            "https://web.archive.org/save/https://www.nrk.no/a",
            "https://archive.ph/2022.01.16-093512/https://www.nrk.no/a",
            "ftp://web.archive.org/web/20220116093512/https://www.nrk.no/a",
        ] {
            assert_eq!(day(url), None, "{url}");
        }
    }
}
