//! Citations: every claim names the source that supports it.

pub mod citation_needed;
pub mod uncited_claim;

use crate::model::relation::{Claim, ClaimKind};
use crate::rules::quote;

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
