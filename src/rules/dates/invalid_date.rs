//! `2023-02-30` has the right form but names no day.

use crate::diagnostics::Diagnostic;
use crate::model::date::DateError;
use crate::model::DateText;
use crate::rules::{FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R201",
    name: "invalid-date",
    group: Group::Dates,
    level: Level::Error,
    fix: Fix::None,
    summary: "a date has the form YYYY-MM-DD but names no real day or month",
    why: "The schema checks that dates look like `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; this rule checks that they exist: no month 13, no 30 February, no 29 February outside leap years (proleptic Gregorian calendar). An impossible date is always a typing error.",
    example: "\"date\": \"2023-02-29\"",
    instead: "Correct the date (`2023-02-28`), or, if the day is not known, write only the month (`2023-02`) or the year.",
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
        let (reason, help) = match date.date {
            Ok(_) | Err(DateError::Syntax) => continue,
            Err(DateError::MonthOutOfRange { month }) => (
                format!("there is no month {month}"),
                format!(
                    "months run from 01 to 12; if the month is unknown, write only the year `{}`",
                    &date.value[..4]
                ),
            ),
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
                let last = format!("{year:04}-{month:02}-{nearest:02}");
                (reason, format!("use a day between 01 and {days_in_month} (e.g. `{last}`), or reduce the precision to `{year:04}-{month:02}`"))
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
