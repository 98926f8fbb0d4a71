//! Citations: every claim names the source that supports it.

pub mod citation_needed;
pub mod citation_needed_with_cite;
pub mod duplicate_cite;
pub mod uncited_claim;
pub mod uncited_quote;

use crate::diagnostics::Diagnostic;
use crate::model::relation::{Claim, ClaimKind, Relation};
use crate::rules::{quote, FileContext};

/// Runs the citation rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&uncited_claim::RULE) {
        uncited_claim::check(context, relation, out);
    }
    if context.runs(&uncited_quote::RULE) {
        uncited_quote::check(context, relation, out);
    }
    if context.runs(&citation_needed_with_cite::RULE) {
        citation_needed_with_cite::check(context, relation, out);
    }
    if context.runs(&citation_needed::RULE) {
        citation_needed::check(context, relation, out);
    }
    if context.runs(&duplicate_cite::RULE) {
        duplicate_cite::check(context, relation, out);
    }
}

/// How a claim is named in messages: "event `2022-01-15-…`", "the date of establishment".
pub(crate) fn claim_name(claim: &Claim) -> String {
    let noun = claim.kind.noun();
    match (claim.kind, claim.name, claim.object) {
        (ClaimKind::Membership, Some(country), Some(organization)) => {
            format!("{noun} of {} in {}", quote(country), quote(organization))
        }
        (ClaimKind::Recognition, Some(recognizer), Some(recognized)) => {
            format!("{noun} of {} by {}", quote(recognized), quote(recognizer))
        }
        (ClaimKind::Quote, Some(speaker), _) => format!("{noun} by {}", quote(speaker)),
        (_, Some(name), _) => format!("{noun} {}", quote(name)),
        _ => noun.to_string(),
    }
}
