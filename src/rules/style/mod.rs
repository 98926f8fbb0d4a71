//! Style: text and references that are correct but harder to use than they should be.

pub mod language_tag_case;
pub mod missing_published_date;
pub mod missing_publisher;
pub mod quoted_quote;
pub mod tracking_parameters;
pub mod whitespace;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::FileContext;

/// Runs the style rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    whitespace::check(context, relation, out);
    language_tag_case::check(context, relation, out);
    tracking_parameters::check(context, relation, out);
    missing_publisher::check(context, relation, out);
    missing_published_date::check(context, relation, out);
    quoted_quote::check(context, relation, out);
}
