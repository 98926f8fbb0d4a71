//! Dates: real calendar dates, none in the future, sources read after they appeared, events in order
//! and after the events they respond to.

pub mod archive_date_mismatch;
pub mod archived_before_published;
pub mod date_in_future;
pub mod entity_not_contemporary;
pub mod event_id_date_mismatch;
pub mod events_out_of_order;
pub mod implausible_early_date;
pub mod imprecise_access_date;
pub mod invalid_date;
pub mod inverted_interval;
pub mod response_before_cause;
pub mod retrieved_before_published;
pub mod source_predates_event;

use crate::diagnostics::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::entities::EntityFile;
use crate::model::relation::Relation;
use crate::model::DateText;
use crate::rules::FileContext;

/// Runs the date rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&invalid_date::RULE) {
        invalid_date::check(context, relation.dates(), out);
    }
    if context.runs(&date_in_future::RULE) {
        date_in_future::check(context, relation.dates(), out);
    }
    if context.runs(&retrieved_before_published::RULE) {
        retrieved_before_published::check(context, relation, out);
    }
    if context.runs(&archived_before_published::RULE) {
        archived_before_published::check(context, relation, out);
    }
    if context.runs(&archive_date_mismatch::RULE) {
        archive_date_mismatch::check(context, relation, out);
    }
    if context.runs(&events_out_of_order::RULE) {
        events_out_of_order::check(context, relation, out);
    }
    if context.runs(&event_id_date_mismatch::RULE) {
        event_id_date_mismatch::check(context, relation, out);
    }
    if context.runs(&source_predates_event::RULE) {
        source_predates_event::check(context, relation, out);
    }
    if context.runs(&imprecise_access_date::RULE) {
        imprecise_access_date::check(context, relation, out);
    }
    if context.runs(&implausible_early_date::RULE) {
        implausible_early_date::check(context, relation, out);
    }
    if context.runs(&entity_not_contemporary::RULE) {
        entity_not_contemporary::check(context, relation, out);
    }
    if context.runs(&inverted_interval::RULE) {
        inverted_interval::check(context, relation, out);
    }
    if context.runs(&response_before_cause::RULE) {
        response_before_cause::check(context, relation, out);
    }
}

/// Runs the date rules on an entity file.
pub fn check_entities(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    if context.runs(&invalid_date::RULE) {
        invalid_date::check(context, entities.dates(), out);
    }
    if context.runs(&date_in_future::RULE) {
        date_in_future::check(context, entities.dates(), out);
    }
    if context.runs(&inverted_interval::RULE) {
        inverted_interval::check_entities(context, entities, out);
    }
}

/// The date a located string holds, when it is a valid one (invalid ones are other rules' findings).
pub(crate) fn valid(text: &Option<DateText>) -> Option<PartialDate> {
    text.as_ref().and_then(|t| t.date.as_ref().ok().copied())
}
