//! An archive date precedes the Wayback Machine, or a retrieval date precedes the web.

use chrono::NaiveDate;

use super::archive_date_mismatch::{reference_name, snapshot};
use super::valid;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R209",
    name: "implausible-early-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an archive date precedes the Wayback Machine, or a retrieval date precedes the web",
    why: "Web archiving began in 1996, when the Internet Archive's Wayback Machine started collecting, so no `archived.date` can be earlier (Wikipedia's citation templates (CS1) reject Wayback timestamps before 1996 for the same reason). The World Wide Web opened to the public in 1991, so relcheck takes 1991-01-01 as the earliest possible `retrieved` date (CS1 uses Wikipedia's own start, 2001-01-15). Such dates are typos, usually in the year. With reduced precision the rule fires only when the whole interval is earlier (`retrieved: 1991` is not). When a Wayback URL gives the snapshot's day, `archive-date-mismatch` reports the date instead; when the date is also before `published`, `retrieved-before-published` or `archived-before-published` does.",
    example: "\"retrieved\": \"1919-08-23\", \"archived\": { \"date\": \"1994-05-01\", \"url\": \"https://archive.ph/Xk9Qa\" }",
    instead: "Correct the year: `\"retrieved\": \"2019-08-23\"`, `\"archived\": { \"date\": \"2014-05-01\", … }`.",
};

/// The first day of 1996, when the Wayback Machine started collecting.
const ARCHIVE_FLOOR: (i32, u32, u32) = (1996, 1, 1);
/// The first day of 1991, when the World Wide Web opened to the public: no web page was read earlier.
const RETRIEVED_FLOOR: (i32, u32, u32) = (1991, 1, 1);

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let floor = |(year, month, day)| NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN);
    for reference in &relation.references {
        let published = valid(&reference.published);
        let name = reference_name(reference);
        if let (Some(retrieved_at), Some(retrieved)) = (&reference.retrieved, valid(&reference.retrieved)) {
            let before_published = published.is_some_and(|p| retrieved.certainly_before(&p));
            if retrieved.last < floor(RETRIEVED_FLOOR) && !before_published {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &retrieved_at.pointer(),
                            format!(
                                "{name} was retrieved on {}, before the World Wide Web opened to the public (1991)",
                                retrieved_at.value
                            ),
                        )
                        .primary(context.value_span(&retrieved_at.pointer()), "before 1991")
                        .note("the World Wide Web opened to the public in 1991; relcheck accepts no earlier `retrieved` date")
                        .help("check the year: `retrieved` is the day someone read the source"),
                );
            }
        }
        let (Some(archived_at), Some(archived)) = (&reference.archived, valid(&reference.archived)) else {
            continue;
        };
        let has_snapshot_day = reference
            .archived_address
            .as_ref()
            .is_some_and(|address| snapshot(address, context.today).is_some());
        let before_published = published.is_some_and(|p| archived.certainly_before(&p));
        if archived.last < floor(ARCHIVE_FLOOR) && !has_snapshot_day && !before_published {
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &archived_at.pointer(),
                        format!(
                            "`archived.date` of {name} is {}, before the Wayback Machine started collecting (1996)",
                            archived_at.value
                        ),
                    )
                    .primary(context.value_span(&archived_at.pointer()), "before 1996")
                    .note("web archiving began in 1996; no archived copy of a web page is older")
                    .help("check the year: `archived.date` is the day the snapshot was taken, as the archive shows it"),
            );
        }
    }
}
