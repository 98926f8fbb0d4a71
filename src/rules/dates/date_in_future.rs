//! A date after today cannot be a fact yet.

use crate::diagnostics::Diagnostic;

use crate::model::DateText;
use crate::rules::{describe_pointer, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R202",
    name: "date-in-future",
    group: Group::Dates,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a date lies entirely after today",
    why: "Events, publications, retrievals and archive snapshots are records of the past. A date after today is a typing error (2052 for 2025) or a claim that has not happened yet. A reduced-precision date fires only when all of it is in the future: `2026` is fine during 2026. `--today YYYY-MM-DD` sets the reference date (default: the system date, UTC).",
    example: "\"retrieved\": \"2052-01-15\"",
    instead: "Write the date on which it actually happened (`2025-01-15`).",
};

pub fn check<'t>(context: &FileContext, dates: impl IntoIterator<Item = &'t DateText<'t>>, out: &mut Vec<Diagnostic>) {
    for date in dates {
        let Ok(parsed) = date.date else {
            continue;
        };
        if parsed.certainly_after_day(context.today) {
            let field = describe_pointer(&date.pointer());
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &date.pointer(),
                        format!(
                            "{field} is `{}`, which is in the future (today is {})",
                            date.value, context.today
                        ),
                    )
                    .primary(context.value_span(&date.pointer()), "after today")
                    .help("write the date on which it actually happened; check the year for a typing error"),
            );
        }
    }
}
