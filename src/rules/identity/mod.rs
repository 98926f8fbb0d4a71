//! Identity: ids that agree with each other and with file names, are unique, and connect the right things;
//! roles that agree with actors, and third-party events that some event responds to.

pub mod duplicate_id;
pub mod duplicate_list_item;
pub mod duplicate_relation;
pub mod invalid_parties;
pub mod mission_not_between_parties;
pub mod relation_id_mismatch;
pub mod role_conflicts_with_actors;
pub mod speaker_not_actor;
pub mod unlinked_third_party_event;

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::FileContext;

/// Runs the identity rules on a relation file (duplicate-relation runs on the whole dataset, in check.rs).
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&relation_id_mismatch::RULE) {
        relation_id_mismatch::check(context, relation, out);
    }
    if context.runs(&invalid_parties::RULE) {
        invalid_parties::check(context, relation, out);
    }
    if context.runs(&duplicate_id::RULE) {
        duplicate_id::check_relation(context, relation, out);
    }
    if context.runs(&mission_not_between_parties::RULE) {
        mission_not_between_parties::check(context, relation, out);
    }
    if context.runs(&speaker_not_actor::RULE) {
        speaker_not_actor::check(context, relation, out);
    }
    if context.runs(&duplicate_list_item::RULE) {
        duplicate_list_item::check(context, relation, out);
    }
    if context.runs(&role_conflicts_with_actors::RULE) {
        role_conflicts_with_actors::check(context, relation, out);
    }
    if context.runs(&unlinked_third_party_event::RULE) {
        unlinked_third_party_event::check(context, relation, out);
    }
}
