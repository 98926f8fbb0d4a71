//! A claim is marked `citation_needed` but already cites a reference.

use super::claim_name;
use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R303",
    name: "citation-needed-with-cite",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "a claim is marked `citation_needed` but already cites a reference",
    why: "`citation_needed: true` says that no source supports the claim, while `cite` names one that does; the two contradict each other. Usually a source was found and the flag was not removed, so the claim stays in the citation-needed backlog for nothing (Wikipedia editors likewise remove {{citation needed}} once a citation is added).",
    example: "{ \"date\": \"1992-02-05\", \"cite\": [\"mfa-ua-european-countries\"], \"citation_needed\": true }",
    instead: "Remove `citation_needed` (keep it only while no reference supports the claim, and then without `cite`).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        let Some(cite) = claim.cite.as_ref().filter(|cite| !cite.is_empty()) else {
            continue;
        };
        if !claim.citation_needed {
            continue;
        }
        let cited: Vec<String> = cite.iter().map(|id| quote(id.value)).collect();
        let flag = pointer::child(&claim.pointer, "citation_needed");
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &flag,
                    format!(
                        "{} is marked `citation_needed` but already cites {}",
                        claim_name(claim),
                        cited.join(", ")
                    ),
                )
                .primary(context.key_span(&flag), "says no source supports it")
                .secondary(
                    context.value_anchor(&pointer::child(&claim.pointer, "cite")),
                    "but it cites this",
                )
                .help("remove `citation_needed`")
                .fix(Fix::safe(
                    "remove `citation_needed`",
                    context.edits().remove(&flag).into_iter().collect(),
                )),
        );
    }
}
