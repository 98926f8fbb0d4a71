//! A claim without a source is an assertion, not data.

use super::claim_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{ClaimKind, Relation};
use crate::rules::{FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R301",
    name: "uncited-claim",
    group: Group::Citations,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a claim has neither `cite` nor `citation_needed: true`",
    why: "Every claim-bearing object (the date of establishment, recognitions, memberships, events, missions) must say where it comes from. A claim without a source is an assertion, not data; marking it `citation_needed` keeps the gap visible. Quotes may not wait for a source: see `uncited-quote`.",
    example: "{ \"id\": \"ua-embassy-oslo\", \"sending\": \"UA\", \"host\": \"NO\", \"kind\": \"embassy\", \"city\": \"Oslo\" }",
    instead: "Add `\"cite\": [\"embassy-ua-no\"]` naming the reference that supports it, or `\"citation_needed\": true` until a source is found.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        // An empty `cite` array is the schema's finding (it must not be empty); an absent one is ours.
        // Quotes cannot be `citation_needed`: an uncited quote is uncited-quote's finding.
        if claim.kind == ClaimKind::Quote || claim.cite.is_some() || claim.citation_needed {
            continue;
        }
        // A `citation_needed` that is not `true` (`"true"`), or a misspelt `cite`, is the schema's
        // finding: the claim says how it is supported, only wrongly.
        let written_wrongly = |field: &str| context.known.absence_reported(&claim.pointer, field);
        if claim.value.get("citation_needed").is_some() || written_wrongly("cite") || written_wrongly("citation_needed")
        {
            continue;
        }
        out.push(
            context
                .diagnostic(&RULE, &claim.pointer, format!("{} has no citation", claim_name(claim)))
                .primary(context.value_anchor(&claim.pointer), "no `cite` and no `citation_needed`")
                .help("add `\"cite\": [\"<reference id>\"]` naming the reference that supports it, or mark it `\"citation_needed\": true` until a source is found"),
        );
    }
}
