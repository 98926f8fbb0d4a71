//! `retrieved` or `archived.date` is not a full YYYY-MM-DD date.

use super::archive_date_mismatch::{reference_name, snapshot};
use crate::diagnostics::Diagnostic;
use crate::model::date::Form;
use crate::model::relation::Relation;
use crate::model::DateText;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R208",
    name: "imprecise-access-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "`retrieved` or `archived.date` is not a full YYYY-MM-DD date",
    why: "`retrieved` is the day someone read the source and `archived.date` the day its snapshot was taken: both are single, known days, and web pages change from one day to the next. Wikipedia's citation templates (CS1) likewise require `access-date` and `archive-date` to name a day, not just a month or year. For the same reason neither takes an EDTF qualifier (`2022-01-15~`) or a range (`[..2022-01-15]`): those say that a day is not known. Publication and event dates may keep the precision and the qualifiers their source gives.",
    example: "\"retrieved\": \"2022-01\"\n\"archived\": { \"date\": \"[..2022-01-20]\" }",
    instead: "Write the full day: `\"retrieved\": \"2022-01-16\"`. For an archived copy, the day is in its Wayback Machine URL (`/web/20220116…/`).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let name = reference_name(reference);
        if let Some(retrieved) = &reference.retrieved {
            if let Some(precision) = reduced(retrieved) {
                let diagnostic = context
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
                    );
                out.push(qualified_note(diagnostic, retrieved));
            }
        }
        if let Some(archived) = &reference.archived {
            let Some(precision) = reduced(archived) else {
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
            let diagnostic = context
                .diagnostic(
                    &RULE,
                    &archived.pointer(),
                    format!(
                        "`archived.date` of {name} must be a full date (YYYY-MM-DD), found {}",
                        archived.value
                    ),
                )
                .primary(context.value_span(&archived.pointer()), precision)
                .help(help);
            out.push(qualified_note(diagnostic, archived));
        }
    }
}

/// What a valid date lacks to be one known day, as a label; `None` for full days and invalid dates.
fn reduced(date: &DateText) -> Option<&'static str> {
    date.date.as_ref().ok()?.short_of_a_day()
}

/// A qualified date or a range also gets a note on why neither fits a day someone saw.
fn qualified_note(diagnostic: Diagnostic, date: &DateText) -> Diagnostic {
    match date.date.as_ref().map(|date| date.form) {
        Ok(Form::Exact) | Err(_) => diagnostic,
        Ok(_) => diagnostic.note(
            "a qualifier (`?`, `~`, `%`) or a range (`[..]`) says a day is not known; an access or archive date is a \
             day someone saw, so it takes neither",
        ),
    }
}
