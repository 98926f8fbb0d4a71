//! References and resolution: every id used names something that exists, and sources can be found again.

pub mod archive_target_mismatch;
pub mod archive_url_same_as_url;
pub mod duplicate_reference_url;
pub mod generic_title;
pub mod incomplete_archive;
pub mod invalid_language;
pub mod invalid_url;
pub mod malformed_archive_url;
pub mod missing_url;
pub mod retrieved_without_url;
pub mod unresolved_cite;
pub mod unresolved_entity;
pub mod unused_reference;
pub mod url_is_archive;
pub mod wrong_entity_kind;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::FileContext;

/// Runs the reference rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    unresolved_cite::check(context, relation, out);
    unused_reference::check(context, relation, out);
    duplicate_reference_url::check(context, relation, out);
    unresolved_entity::check(context, relation, out);
    wrong_entity_kind::check(context, relation, out);
    generic_title::check(context, relation, out);
    invalid_url::check(context, relation, out);
    missing_url::check(context, relation, out);
    retrieved_without_url::check(context, relation, out);
    incomplete_archive::check(context, relation, out);
    malformed_archive_url::check(context, relation, out);
    archive_url_same_as_url::check(context, relation, out);
    archive_target_mismatch::check(context, relation, out);
    url_is_archive::check(context, relation, out);
    invalid_language::check(context, relation, out);
}
