//! Dates: real calendar dates, none in the future, sources read after they appeared, events in order.

pub mod archived_before_published;
pub mod date_in_future;
pub mod events_out_of_order;
pub mod invalid_date;
pub mod retrieved_before_published;

use crate::model::date::PartialDate;
use crate::model::Text;

/// The date a located string holds, when it is a valid one (invalid ones are other rules' findings).
pub(crate) fn valid(text: &Option<Text>) -> Option<PartialDate> {
    text.as_ref().and_then(|t| PartialDate::parse(t.value).ok())
}
