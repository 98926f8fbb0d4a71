//! Claims the source states without a reference stay visible until someone finds one.

use super::claim_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{ClaimKind, Relation};
use crate::rules::{FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R304",
    name: "citation-needed",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "a claim is marked `citation_needed: true`",
    why: "The claim is recorded as the source material states it, but no reference supports it, like Wikipedia's {{citation needed}}. This is an honest gap, not an error: it is reported as a warning so the backlog stays visible.",
    example: "{ \"organization\": \"NATO\", \"country\": \"NO\", \"status\": \"member\", \"citation_needed\": true }",
    instead: "Find a source, add it to `references`, cite it with `cite` and remove `citation_needed`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        let cited = claim.cite.as_ref().is_some_and(|cite| !cite.is_empty());
        // A quote marked `citation_needed` without `cite` is uncited-quote's finding (an error).
        if !claim.citation_needed || cited || claim.kind == ClaimKind::Quote {
            continue;
        }
        let flag = pointer::child(&claim.pointer, "citation_needed");
        out.push(
            context
                .diagnostic(&RULE, &claim.pointer, format!("{} needs a citation", claim_name(claim)))
                .primary(context.key_span(&flag), "marked as stated without a source")
                .help("find a source that supports it, add it to `references`, cite it with `\"cite\": [\"<id>\"]` and remove `citation_needed`"),
        );
    }
}
