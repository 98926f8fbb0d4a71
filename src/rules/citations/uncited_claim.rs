//! A claim without a source is an assertion, not data.

use super::claim_name;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::relation::Relation;
use crate::rules::{FileContext, Group, Rule};

pub static RULE: Rule = Rule {
    code: "R301",
    name: "uncited-claim",
    group: Group::Citations,
    severity: Severity::Error,
    summary: "a claim has neither `cite` nor `citation_needed: true`",
    explanation: "Every claim-bearing object (the date of establishment, recognitions, memberships, events, \
quotes, missions) must say where it comes from: `cite` lists the ids of the references that support it. \
When the source material states something without a reference, mark it `\"citation_needed\": true` \
(reported as a warning, like Wikipedia's {{citation needed}}) so the gap stays visible.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        // An empty `cite` array is the schema's finding (it must not be empty); an absent one is ours.
        if claim.cite.is_some() || claim.citation_needed {
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
