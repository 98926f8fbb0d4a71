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
pub mod redundant_original_language;
pub mod retrieved_without_url;
pub mod unresolved_cite;
pub mod unresolved_entity;
pub mod unresolved_event;
pub mod unused_entity;
pub mod unused_reference;
pub mod url_is_archive;
pub mod wrong_entity_kind;

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::model::entities::EntityKind;
use crate::model::relation::{Relation, Role};
pub(crate) use crate::rules::reference_name;
use crate::rules::FileContext;
use crate::source::Span;

/// A reference given the id of another by mistake: one reference id is defined twice and the
/// claims cite exactly one id that no reference has. The second reference of that id is most
/// likely the one cited: duplicate-id says so, and unresolved-cite stays silent about those cites.
pub(crate) fn renamed_reference<'r, 'v>(relation: &'r Relation<'v>) -> Option<(&'r crate::model::Text<'v>, &'v str)> {
    let ids: Vec<&crate::model::Text> = relation.references.iter().filter_map(|r| r.id.as_ref()).collect();
    let mut seen = crate::model::Seen::default();
    let mut twice = ids.iter().filter(|id| !seen.insert(id.value));
    let (again, None) = (twice.next()?, twice.next()) else {
        return None;
    };
    let known: ahash::AHashSet<&str> = ids.iter().map(|id| id.value).collect();
    let mut unresolved: Vec<&str> = relation
        .claims
        .iter()
        .flat_map(|claim| claim.cite.iter().flatten())
        .map(|cite| cite.value)
        .filter(|id| !known.contains(id))
        .collect();
    unresolved.dedup();
    match unresolved.as_slice() {
        [only] if unresolved.iter().all(|id| id == only) => Some((again, *only)),
        _ => None,
    }
}

/// Runs the reference rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&unresolved_cite::RULE) {
        unresolved_cite::check(context, relation, out);
    }
    if context.runs(&unused_reference::RULE) {
        unused_reference::check(context, relation, out);
    }
    if context.runs(&duplicate_reference_url::RULE) {
        duplicate_reference_url::check(context, relation, out);
    }
    if context.runs(&unresolved_entity::RULE) {
        unresolved_entity::check(context, relation, out);
    }
    if context.runs(&wrong_entity_kind::RULE) {
        wrong_entity_kind::check(context, relation, out);
    }
    if context.runs(&generic_title::RULE) {
        generic_title::check(context, relation, out);
    }
    if context.runs(&invalid_url::RULE) {
        invalid_url::check(context, relation, out);
    }
    if context.runs(&missing_url::RULE) {
        missing_url::check(context, relation, out);
    }
    if context.runs(&retrieved_without_url::RULE) {
        retrieved_without_url::check(context, relation, out);
    }
    if context.runs(&incomplete_archive::RULE) {
        incomplete_archive::check(context, relation, out);
    }
    if context.runs(&malformed_archive_url::RULE) {
        malformed_archive_url::check(context, relation, out);
    }
    if context.runs(&archive_url_same_as_url::RULE) {
        archive_url_same_as_url::check(context, relation, out);
    }
    if context.runs(&archive_target_mismatch::RULE) {
        archive_target_mismatch::check(context, relation, out);
    }
    if context.runs(&url_is_archive::RULE) {
        url_is_archive::check(context, relation, out);
    }
    if context.runs(&invalid_language::RULE) {
        invalid_language::check(context, relation, out);
    }
    if context.runs(&unresolved_event::RULE) {
        unresolved_event::check(context, relation, out);
    }
    if context.runs(&redundant_original_language::RULE) {
        redundant_original_language::check(context, relation, out);
    }
}

/// The kind of entity an id must name in `role`; `None` when any kind will do (actors).
pub(crate) fn expected_kind(role: Role) -> Option<EntityKind> {
    match role {
        Role::Party | Role::MemberCountry | Role::Recognizer | Role::Recognized | Role::Sending | Role::Host => {
            Some(EntityKind::Country)
        }
        Role::Organization => Some(EntityKind::Organization),
        Role::Speaker => Some(EntityKind::Person),
        Role::Actor | Role::Involved => None,
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

/// The span of bytes `range` of the string value at `pointer`, when the file writes the string without
/// escapes (so bytes of the value are bytes of the file); otherwise the whole value.
pub(crate) fn part_span(context: &FileContext, pointer: &str, value: &str, range: Range<usize>) -> Option<Span> {
    let whole = context.value_span(pointer)?;
    let inner = context.text.get(whole.start + 1..whole.end.saturating_sub(1));
    if inner != Some(value) || range.end > value.len() || range.start >= range.end {
        return Some(whole);
    }
    let start = whole.start + 1;
    Some(Span::new(start + range.start, start + range.end))
}
