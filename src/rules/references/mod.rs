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
pub(crate) mod urls;
pub mod wrong_entity_kind;

use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::{Relation, Role};
pub(crate) use crate::rules::reference_name;
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

/// The kind of entity an id must name in `role`; `None` when any kind will do (actors).
pub(crate) fn expected_kind(role: Role) -> Option<EntityKind> {
    match role {
        Role::Party | Role::MemberCountry | Role::Recognizer | Role::Recognized | Role::Sending | Role::Host => {
            Some(EntityKind::Country)
        }
        Role::Organization => Some(EntityKind::Organization),
        Role::Speaker => Some(EntityKind::Person),
        Role::Actor => None,
    }
}

/// A value the contributor should write, in full (unlike `quote`, never shortened): escaped and backticked.
pub(crate) fn code(text: &str) -> String {
    format!("`{}`", crate::diagnostics::escape::visible(text))
}

/// A JSON member the contributor should write, backticked: `` `"url": "https://…"` ``.
pub(crate) fn member(key: &str, value: &str) -> String {
    let value = serde_json::to_string(value).unwrap_or_default();
    format!("`\"{key}\": {}`", crate::diagnostics::escape::visible(&value))
}
