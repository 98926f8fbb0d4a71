//! Dates as precise as their source. A date is an ISO 8601 calendar date of reduced precision
//! (`2023`, `2023-05`, `2023-05-03`), optionally in one of two EDTF (ISO 8601-2) extensions:
//!
//! - level 1 qualification of the whole date: `2022?` uncertain, `2022~` approximate, `2022%` both;
//! - level 2 "one of a set" with a single range, for a day known only by its bounds: `[..2022-01-15]`
//!   (on or before), `[2022-01-15..]` (on or after), `[2022-01-10..2022-01-15]` (between; both ends
//!   of one precision).
//!
//! A date stands for the closed interval of days it may be, and one date is before another only
//! when every day of the first is: "2023-05" is neither before nor after "2023-05-03". An open end
//! is unbounded. A qualified date is widened by one unit of its precision on each side (two for
//! `%`), the reading python-edtf gives its "fuzzy" bounds: `2022~` may be any day of 2021..=2023,
//! so no rule calls it later than 2021-06-01.

use chrono::{Datelike, Days, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// An EDTF level 1 qualifier, written after the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// `?`: the source is not sure of the date.
    Uncertain,
    /// `~`: the date is about right ("circa").
    Approximate,
    /// `%`: both.
    UncertainApproximate,
}

/// How a date is written, beyond its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `2023-05-03`, `2023-05`, `2023`.
    Exact,
    /// `2023-05~`.
    Qualified(Qualifier),
    /// `[..2022-01-15]`: that day or earlier.
    OnOrBefore,
    /// `[2022-01-15..]`: that day or later.
    OnOrAfter,
    /// `[2022-01-10..2022-01-15]`: a day between the two, both included.
    Between,
}

/// A date of some precision and form, as the closed interval of days `first..=last` it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The precision of the date as written (of its bounds, for a range).
    pub precision: Precision,
    pub form: Form,
}

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of one of the forms above (the schema reports this as a pattern mismatch).
    Syntax,
    MonthOutOfRange {
        year: i32,
        month: u32,
    },
    DayOutOfRange {
        year: i32,
        month: u32,
        day: u32,
        days_in_month: u32,
    },
    /// A range `[a..b]` whose end lies before its start (inverted-interval's finding).
    Reversed,
    /// A range `[a..b]` whose ends have different precisions (`[2022..2023-01]`).
    MixedPrecision {
        start: Precision,
        end: Precision,
    },
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<Self, DateError> {
        if let Some(inner) = text.strip_prefix('[') {
            return Self::range(inner.strip_suffix(']').ok_or(DateError::Syntax)?);
        }
        let qualifier = match text.as_bytes().last() {
            Some(b'?') => Some(Qualifier::Uncertain),
            Some(b'~') => Some(Qualifier::Approximate),
            Some(b'%') => Some(Qualifier::UncertainApproximate),
            _ => None,
        };
        match qualifier {
            // The qualifier is one ASCII byte.
            Some(qualifier) => Ok(Self::plain(&text[..text.len() - 1])?.qualified(qualifier)),
            None => Self::plain(text),
        }
    }

    /// The inside of `[…]`: `..b`, `a..` or `a..b`.
    fn range(inner: &str) -> Result<Self, DateError> {
        let (start, end) = inner.split_once("..").ok_or(DateError::Syntax)?;
        match (start.is_empty(), end.is_empty()) {
            (true, true) => Err(DateError::Syntax),
            (true, false) => {
                let end = Self::plain(end)?;
                Ok(Self {
                    first: NaiveDate::MIN,
                    form: Form::OnOrBefore,
                    ..end
                })
            }
            (false, true) => {
                let start = Self::plain(start)?;
                Ok(Self {
                    last: NaiveDate::MAX,
                    form: Form::OnOrAfter,
                    ..start
                })
            }
            (false, false) => {
                let (start, end) = (Self::plain(start), Self::plain(end));
                // A bound of the wrong form makes the whole a syntax error (the schema's finding),
                // even when the other bound names no real day.
                if start == Err(DateError::Syntax) || end == Err(DateError::Syntax) {
                    return Err(DateError::Syntax);
                }
                let (start, end) = (start?, end?);
                if start.precision != end.precision {
                    return Err(DateError::MixedPrecision {
                        start: start.precision,
                        end: end.precision,
                    });
                }
                if end.certainly_before(&start) {
                    return Err(DateError::Reversed);
                }
                Ok(Self {
                    first: start.first,
                    last: end.last,
                    precision: start.precision,
                    form: Form::Between,
                })
            }
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn plain(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = bytes.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
        };
        let year = digits(0..4).ok_or(DateError::Syntax)? as i32;
        match bytes.len() {
            4 => Ok(Self::year(year)),
            7 if bytes[4] == b'-' => {
                let month = digits(5..7).ok_or(DateError::Syntax)?;
                Self::month(year, month)
            }
            10 if bytes[4] == b'-' && bytes[7] == b'-' => {
                let month = digits(5..7).ok_or(DateError::Syntax)?;
                let day = digits(8..10).ok_or(DateError::Syntax)?;
                // The month's length is worked out only for the error: most dates exist.
                let date = match NaiveDate::from_ymd_opt(year, month, day) {
                    Some(date) => date,
                    None => {
                        let days_in_month = Self::month(year, month)?.last.day();
                        return Err(DateError::DayOutOfRange {
                            year,
                            month,
                            day,
                            days_in_month,
                        });
                    }
                };
                Ok(Self {
                    first: date,
                    last: date,
                    precision: Precision::Day,
                    form: Form::Exact,
                })
            }
            _ => Err(DateError::Syntax),
        }
    }

    fn year(year: i32) -> Self {
        Self {
            first: ymd(year, 1, 1),
            last: ymd(year, 12, 31),
            precision: Precision::Year,
            form: Form::Exact,
        }
    }

    fn month(year: i32, month: u32) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange { year, month });
        }
        Ok(Self {
            first: ymd(year, month, 1),
            last: last_of_month(year, month),
            precision: Precision::Month,
            form: Form::Exact,
        })
    }

    /// Widened by one unit of its precision on each side, two for `%`.
    fn qualified(self, qualifier: Qualifier) -> Self {
        let units = match qualifier {
            Qualifier::Uncertain | Qualifier::Approximate => 1,
            Qualifier::UncertainApproximate => 2,
        };
        let (year, month) = (self.first.year(), self.first.month());
        let (first, last) = match self.precision {
            Precision::Year => (ymd(year - units, 1, 1), ymd(year + units, 12, 31)),
            Precision::Month => {
                // Months counted from year 0, so that stepping across a year is plain arithmetic.
                let index = year * 12 + month as i32 - 1;
                let (before, after) = (index - units, index + units);
                (
                    ymd(before.div_euclid(12), before.rem_euclid(12) as u32 + 1, 1),
                    last_of_month(after.div_euclid(12), after.rem_euclid(12) as u32 + 1),
                )
            }
            Precision::Day => {
                let days = Days::new(units as u64);
                (
                    self.first.checked_sub_days(days).unwrap_or(NaiveDate::MIN),
                    self.last.checked_add_days(days).unwrap_or(NaiveDate::MAX),
                )
            }
        };
        Self {
            first,
            last,
            form: Form::Qualified(qualifier),
            ..self
        }
    }

    /// Every day of `self` comes before every day of `other`.
    pub fn certainly_before(&self, other: &PartialDate) -> bool {
        self.last < other.first
    }

    /// Every day of `self` comes after `day`.
    pub fn certainly_after_day(&self, day: NaiveDate) -> bool {
        self.first > day
    }

    /// Whether the date names one known day (`2022-01-15`, not `2022-01-15~` or `[..2022-01-15]`).
    pub fn is_day(&self) -> bool {
        self.precision == Precision::Day && self.form == Form::Exact
    }

    /// What the date says, beyond one known day, as a label: "a month, not a day". `None` for a day.
    pub fn short_of_a_day(&self) -> Option<&'static str> {
        Some(match (self.form, self.precision) {
            (Form::Exact, Precision::Day) => return None,
            (Form::Exact, Precision::Month) => "a month, not a day",
            (Form::Exact, Precision::Year) => "a year, not a day",
            (Form::Qualified(Qualifier::Uncertain), _) => "an uncertain date, not a known day",
            (Form::Qualified(Qualifier::Approximate), _) => "an approximate date, not a known day",
            (Form::Qualified(Qualifier::UncertainApproximate), _) => "an uncertain, approximate date, not a known day",
            (Form::OnOrBefore, _) => "a latest possible date, not a known day",
            (Form::OnOrAfter, _) => "an earliest possible date, not a known day",
            (Form::Between, _) => "a range of possible dates, not a known day",
        })
    }

    /// How a message says when something happened: "on 1949-04-04", "in 1949-04", "at `[..1949]`".
    pub fn when(&self, written: &str) -> String {
        match (self.form, self.precision) {
            (Form::Exact, Precision::Day) => format!("on {written}"),
            (Form::Exact, _) => format!("in {written}"),
            _ => format!("at `{written}`"),
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Years are four digits (widened by at most two) and months 1..=12 here, so the date exists.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    next.pred_opt().unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn days(text: &str) -> (String, String) {
        let date = d(text);
        (date.first.to_string(), date.last.to_string())
    }

    #[test]
    fn reduced_precision_dates_are_intervals() {
        assert_eq!(d("2023").first, ymd(2023, 1, 1));
        assert_eq!(d("2023").last, ymd(2023, 12, 31));
        assert_eq!(d("2024-02").last, ymd(2024, 2, 29));
        assert_eq!(d("2023-02").last, ymd(2023, 2, 28));
        assert_eq!(d("2023-12").last, ymd(2023, 12, 31));
        assert_eq!(d("2023-05-03").precision, Precision::Day);
        assert!(d("2023-05-03").is_day());
        assert!(!d("2023-05").is_day());
    }

    #[test]
    fn order_is_certain_only_when_intervals_do_not_overlap() {
        assert!(!d("2023-05").certainly_before(&d("2023-05-03")));
        assert!(!d("2023-05-03").certainly_before(&d("2023-05")));
        assert!(d("2023-04").certainly_before(&d("2023-05-03")));
        assert!(d("2021-12-31").certainly_before(&d("2022")));
        assert!(!d("2022").certainly_before(&d("2022-12-31")));
        assert!(!d("2022-01-15").certainly_before(&d("2022-01-15")));
    }

    #[test]
    fn qualified_dates_are_widened_by_one_unit_or_two() {
        assert_eq!(days("2022~"), ("2021-01-01".into(), "2023-12-31".into()));
        assert_eq!(days("2022?"), ("2021-01-01".into(), "2023-12-31".into()));
        assert_eq!(days("2022%"), ("2020-01-01".into(), "2024-12-31".into()));
        assert_eq!(days("2023-01~"), ("2022-12-01".into(), "2023-02-28".into()));
        assert_eq!(days("2023-12?"), ("2023-11-01".into(), "2024-01-31".into()));
        assert_eq!(days("2024-01%"), ("2023-11-01".into(), "2024-03-31".into()));
        assert_eq!(days("2022-03-01~"), ("2022-02-28".into(), "2022-03-02".into()));
        assert_eq!(days("2022-12-31%"), ("2022-12-29".into(), "2023-01-02".into()));
        assert_eq!(days("0000~").0, "-0001-01-01");
        assert_eq!(days("9999%").1, "+10001-12-31");
        assert_eq!(d("2022~").form, Form::Qualified(Qualifier::Approximate));
        // About 2022 may be late 2021: not certainly after 2021-06-01.
        assert!(!d("2021-06-01").certainly_before(&d("2022~")));
        assert!(d("2020-12-31").certainly_before(&d("2022~")));
    }

    #[test]
    fn ranges_have_open_or_closed_ends() {
        let before = d("[..2022-01-15]");
        assert_eq!((before.first, before.last), (NaiveDate::MIN, ymd(2022, 1, 15)));
        assert_eq!(before.form, Form::OnOrBefore);
        let after = d("[2022-02..]");
        assert_eq!((after.first, after.last), (ymd(2022, 2, 1), NaiveDate::MAX));
        assert_eq!((after.form, after.precision), (Form::OnOrAfter, Precision::Month));
        assert_eq!(
            days("[2022-01-10..2022-01-15]"),
            ("2022-01-10".into(), "2022-01-15".into())
        );
        assert_eq!(days("[2021..2022]"), ("2021-01-01".into(), "2022-12-31".into()));
        assert_eq!(d("[2022..2022]").form, Form::Between);
        // On or before 2022-01-15 is never certainly after anything, nor before 2022-01-15.
        assert!(!before.certainly_after_day(ymd(1000, 1, 1)));
        assert!(!before.certainly_before(&d("2022-01-15")));
        assert!(before.certainly_before(&d("2022-01-16")));
        assert!(!after.certainly_before(&d("9999")));
        assert!(d("2022-01-31").certainly_before(&after));
    }

    #[test]
    fn malformed_ranges_and_qualifiers_are_syntax_errors() {
        for text in [
            "[..]",
            "[]",
            "[2022]",
            "[2022-01-15",
            "2022-01-15]",
            "[[..2022]]",
            "[..2022~]",
            "[..2022..2023]",
            "2022~~",
            "~2022",
            "2022-~",
            "?",
            "[2022-01-01/2022-01-02]",
            "[2022-13..-01]",
            "2022/2023",
        ] {
            assert_eq!(PartialDate::parse(text), Err(DateError::Syntax), "{text}");
        }
    }

    #[test]
    fn reversed_ranges_and_impossible_bounds_are_explained() {
        assert_eq!(
            PartialDate::parse("[2022..2023-01]"),
            Err(DateError::MixedPrecision {
                start: Precision::Year,
                end: Precision::Month
            })
        );
        assert_eq!(PartialDate::parse("[2022-01-15..2022-01-10]"), Err(DateError::Reversed));
        assert_eq!(PartialDate::parse("[2023..2022]"), Err(DateError::Reversed));
        assert_eq!(
            PartialDate::parse("[..2022-02-30]"),
            Err(DateError::DayOutOfRange {
                year: 2022,
                month: 2,
                day: 30,
                days_in_month: 28
            })
        );
        assert_eq!(
            PartialDate::parse("2022-13~"),
            Err(DateError::MonthOutOfRange { year: 2022, month: 13 })
        );
    }

    #[test]
    fn labels_say_what_a_date_lacks() {
        assert_eq!(d("2022-01-15").short_of_a_day(), None);
        assert_eq!(d("2022-01").short_of_a_day(), Some("a month, not a day"));
        assert_eq!(
            d("2022-01-15~").short_of_a_day(),
            Some("an approximate date, not a known day")
        );
        assert_eq!(
            d("[..2022-01-15]").short_of_a_day(),
            Some("a latest possible date, not a known day")
        );
        assert_eq!(d("1949-04-04").when("1949-04-04"), "on 1949-04-04");
        assert_eq!(d("1949").when("1949"), "in 1949");
        assert_eq!(d("[..1949]").when("[..1949]"), "at `[..1949]`");
    }

    /// The schemas' date pattern and the parser agree on the form of every string built from the
    /// pieces dates are made of: what the pattern accepts parses, or fails with a finding of its
    /// own (no month 13, a range that runs backwards); what it rejects is a syntax error, which the
    /// schema reports. A string that passed the schema and failed only the parser would be reported
    /// by no rule.
    #[test]
    fn the_schema_pattern_accepts_exactly_what_parses() {
        let schema = |text: &str| -> String {
            let schema: serde_json::Value = serde_json::from_str(text).unwrap();
            schema["$defs"]["date"]["pattern"].as_str().unwrap().to_owned()
        };
        let pattern = schema(include_str!("../../schema/relation.schema.json"));
        assert_eq!(pattern, schema(include_str!("../../schema/entities.schema.json")));
        let pattern = regex::Regex::new(&pattern).unwrap();
        // Seven pieces reach a closed range of months (`[2022-01..2022-13]`); `?` and `%` take the
        // path `~` takes in both.
        const PIECES: [&str; 8] = ["2022", "-01", "-13", "[", "]", "..", "~", "1"];
        fn walk(text: &mut String, depth: usize, pattern: &regex::Regex, checked: &mut usize) {
            for piece in PIECES {
                let length = text.len();
                text.push_str(piece);
                let parsed = PartialDate::parse(text);
                assert_eq!(
                    pattern.is_match(text),
                    parsed != Err(DateError::Syntax),
                    "{text}: {parsed:?}"
                );
                *checked += 1;
                if depth > 1 {
                    walk(text, depth - 1, pattern, checked);
                }
                text.truncate(length);
            }
        }
        let mut checked = 0;
        walk(&mut String::new(), 7, &pattern, &mut checked);
        assert!(checked > 2_000_000);
    }

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            PartialDate::parse("2023-02-29"),
            Err(DateError::DayOutOfRange {
                year: 2023,
                month: 2,
                day: 29,
                days_in_month: 28
            })
        );
        assert_eq!(
            PartialDate::parse("2023-13"),
            Err(DateError::MonthOutOfRange { year: 2023, month: 13 })
        );
        assert_eq!(
            PartialDate::parse("2023-00-10"),
            Err(DateError::MonthOutOfRange { year: 2023, month: 0 })
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert_eq!(PartialDate::parse("23-01-01"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("2023-1-01"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("2023-01-01T00:00"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("２０２３"), Err(DateError::Syntax));
    }
}
