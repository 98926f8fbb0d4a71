//! Reduced-precision ISO 8601 dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). A date stands for the interval
//! of days it covers, and one date is before another only when every day of the first is: "2023-05"
//! is neither before nor after "2023-05-03".

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date of some precision, as the closed interval of days `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub precision: Precision,
}

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the schema reports this as a pattern mismatch).
    Syntax,
    MonthOutOfRange {
        month: u32,
    },
    DayOutOfRange {
        year: i32,
        month: u32,
        day: u32,
        days_in_month: u32,
    },
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<Self, DateError> {
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
        }
    }

    fn month(year: i32, month: u32) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange { month });
        }
        let first = ymd(year, month, 1);
        let next = if month == 12 {
            ymd(year + 1, 1, 1)
        } else {
            ymd(year, month + 1, 1)
        };
        Ok(Self {
            first,
            last: next.pred_opt().unwrap_or(first),
            precision: Precision::Month,
        })
    }

    /// Every day of `self` comes before every day of `other`.
    pub fn certainly_before(&self, other: &PartialDate) -> bool {
        self.last < other.first
    }

    /// Every day of `self` comes after `day`.
    pub fn certainly_after_day(&self, day: NaiveDate) -> bool {
        self.first > day
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Years are four digits and months 1..=12 here, so the date always exists.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn reduced_precision_dates_are_intervals() {
        assert_eq!(d("2023").first, ymd(2023, 1, 1));
        assert_eq!(d("2023").last, ymd(2023, 12, 31));
        assert_eq!(d("2024-02").last, ymd(2024, 2, 29));
        assert_eq!(d("2023-02").last, ymd(2023, 2, 28));
        assert_eq!(d("2023-12").last, ymd(2023, 12, 31));
        assert_eq!(d("2023-05-03").precision, Precision::Day);
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
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(
            PartialDate::parse("2023-00-10"),
            Err(DateError::MonthOutOfRange { month: 0 })
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert_eq!(PartialDate::parse("23-01-01"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("2023-1-01"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("2023-01-01T00:00"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("２０２３"), Err(DateError::Syntax));
    }
}
