//! `2023-02-30` has the right form but names no day.

use crate::diagnostics::Diagnostic;
use crate::model::date::{DateError, Precision};
use crate::model::DateText;
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R201",
    name: "invalid-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a date has the right form but names no real day or month, or a range mixes precisions",
    why: "The schema checks that dates look like `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (possibly qualified, `2023-02~`, or a range, `[..2023-02-28]`); this rule checks that they exist: no month 13, no 30 February, no 29 February outside leap years (proleptic Gregorian calendar), in a plain date and in each bound of a range. An impossible date is always a typing error. Both ends of a range `[a..b]` also have one precision, as EDTF's one-of-a-set ranges do (`[2022-01..2022-03]`, not `[2022..2022-03]`).",
    example: "\"date\": \"2023-02-29\"\n\"date\": \"[2022..2023-01]\"",
    instead: "Correct the date (`2023-02-28`), or, if the day is not known, write only the month (`2023-02`) or the year; write both ends of a range to one precision (`[2022-01..2023-01]`).",
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn check<'t>(context: &FileContext, dates: impl IntoIterator<Item = &'t DateText<'t>>, out: &mut Vec<Diagnostic>) {
    for date in dates {
        // A range with both ends: reducing one end alone would mix precisions.
        let range = date.value.starts_with('[') && !date.value.starts_with("[..") && !date.value.ends_with("..]");
        let (reason, help) = match date.date {
            // A range whose end precedes its start is inverted-interval's finding.
            Ok(_) | Err(DateError::Syntax) | Err(DateError::Reversed) => continue,
            Err(DateError::MonthOutOfRange { year, month }) => (
                format!("there is no month {month}"),
                if range {
                    "months run from 01 to 12: correct the month".to_owned()
                } else {
                    format!("months run from 01 to 12; if the month is unknown, reduce the precision to the year `{year:04}`")
                },
            ),
            Err(DateError::MixedPrecision { start, end }) => {
                // Cut to the coarser precision, each end keeps the days it covers: `[2022..2023-01]` is `[2022..2023]`.
                let coarser = if length(start) < length(end) { start } else { end };
                let inner = date.value.trim_start_matches('[').trim_end_matches(']');
                let cut: Vec<&str> = inner
                    .split("..")
                    .map(|bound| bound.get(..length(coarser)).unwrap_or(bound))
                    .collect();
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            &date.pointer(),
                            format!(
                                "`{}` is not a valid range: its ends are {} and {}, not of one precision",
                                date.value,
                                noun(start),
                                noun(end)
                            ),
                        )
                        .primary(context.value_span(&date.pointer()), "ends of different precisions")
                        .help(format!("write both ends to one precision, e.g. `[{}]`", cut.join(".."))),
                );
                continue;
            }
            Err(DateError::DayOutOfRange {
                year,
                month,
                day,
                days_in_month,
            }) => {
                let month_name = MONTHS[(month - 1) as usize];
                let reason = if day == 0 {
                    "there is no day 0".to_string()
                } else {
                    format!("{month_name} {year} has {days_in_month} days")
                };
                let nearest = if day == 0 { 1 } else { days_in_month };
                let written = format!("{year:04}-{month:02}-{day:02}");
                let fixed = date
                    .value
                    .replacen(&written, &format!("{year:04}-{month:02}-{nearest:02}"), 1);
                let help = if range {
                    format!("use a day between 01 and {days_in_month} (e.g. `{fixed}`)")
                } else {
                    format!("use a day between 01 and {days_in_month} (e.g. `{fixed}`), or reduce the precision to `{year:04}-{month:02}`")
                };
                (reason, help)
            }
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &date.pointer(),
                    format!("`{}` is not a real date: {reason}", date.value),
                )
                .primary(context.value_span(&date.pointer()), "no such date")
                .help(help),
        );
    }
}

/// How many characters a date of `precision` has: `2022`, `2022-01`, `2022-01-15`.
fn length(precision: Precision) -> usize {
    match precision {
        Precision::Year => 4,
        Precision::Month => 7,
        Precision::Day => 10,
    }
}

fn noun(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "a year",
        Precision::Month => "a month",
        Precision::Day => "a day",
    }
}
