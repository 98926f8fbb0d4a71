//! `retrieved` or `archived.date` is not a full YYYY-MM-DD date.

use super::archive_date_mismatch::{reference_name, snapshot};
use crate::diagnostics::Diagnostic;
use crate::model::date::{PartialDate, Precision};
use crate::model::relation::Relation;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R208",
    name: "imprecise-access-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "`retrieved` or `archived.date` is not a full YYYY-MM-DD date",
    why: "`retrieved` is the day someone read the source and `archived.date` the day its snapshot was taken: both are single, known days, and web pages change from one day to the next. Wikipedia's citation templates (CS1) likewise require `access-date` and `archive-date` to name a day, not just a month or year. Publication and event dates may keep the precision their source gives.",
    example: "\"retrieved\": \"2022-01\"",
    instead: "Write the full day: `\"retrieved\": \"2022-01-16\"`. For an archived copy, the day is in its Wayback Machine URL (`/web/20220116…/`).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let name = reference_name(reference);
        if let Some(retrieved) = &reference.retrieved {
            if let Some(precision) = reduced(retrieved.value) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &retrieved.pointer(),
                            format!(
                                "`retrieved` of {name} must be a full date (YYYY-MM-DD), found {}",
                                retrieved.value
                            ),
                        )
                        .primary(context.value_span(&retrieved.pointer()), precision)
                        .help(
                            "write the exact day the source was read; if nobody knows it, read the source again \
                             and write that day",
                        ),
                );
            }
        }
        if let Some(archived) = &reference.archived {
            let Some(precision) = reduced(archived.value) else {
                continue;
            };
            let day = reference
                .archived_address
                .as_ref()
                .and_then(|address| snapshot(address, context.today))
                .map(|snapshot| snapshot.day);
            let help = match (day, &archived.date) {
                (Some(day), Ok(date)) if (date.first..=date.last).contains(&day) => {
                    format!(
                        "the snapshot URL gives the day: set \"date\": \"{}\"",
                        day.format("%Y-%m-%d")
                    )
                }
                // The snapshot's day lies outside the date: archive-date-mismatch reports it with the day.
                (Some(_), _) => continue,
                _ => "write the exact day the snapshot was taken, as the archive shows it".to_owned(),
            };
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &archived.pointer(),
                        format!(
                            "`archived.date` of {name} must be a full date (YYYY-MM-DD), found {}",
                            archived.value
                        ),
                    )
                    .primary(context.value_span(&archived.pointer()), precision)
                    .help(help),
            );
        }
    }
}

/// What a valid date of reduced precision lacks, as a label; `None` for full and invalid dates.
fn reduced(text: &str) -> Option<&'static str> {
    match PartialDate::parse(text).ok()?.precision {
        Precision::Day => None,
        Precision::Month => Some("a month, not a day"),
        Precision::Year => Some("a year, not a day"),
    }
}
