//! A quote has no `cite` (quotes cannot be `citation_needed`).

use super::claim_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{ClaimKind, Relation};
use crate::rules::{FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R302",
    name: "uncited-quote",
    group: Group::Citations,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a quote has no `cite` (quotes cannot be `citation_needed`)",
    why: "A quotation claims that someone said these exact words; without the source that prints them nobody can check the wording, so a quote must always cite one and cannot be marked `citation_needed` (Wikipedia's verifiability policy likewise requires an inline citation for every quotation). Other claims may wait for a source; a quote without one should not be recorded.",
    example: "{ \"speaker\": \"jonas-gahr-store\", \"text\": \"getting an insight into hell on earth\", \"language\": \"en\", \"citation_needed\": true }",
    instead: "Cite the reference the quotation is taken from (`\"cite\": [\"abc-nyheter-2022-07-01\"]`) and remove `citation_needed`; if no source prints it, leave the quote out.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        // An empty `cite` array is the schema's finding (it must not be empty); an absent one is ours.
        if claim.kind != ClaimKind::Quote
            || claim.cite.is_some()
            || context.known.absence_reported(&claim.pointer, "cite")
        {
            continue;
        }
        let diagnostic = context.diagnostic(&RULE, &claim.pointer, format!("{} has no citation", claim_name(claim)));
        out.push(if claim.citation_needed {
            let flag = pointer::child(&claim.pointer, "citation_needed");
            diagnostic
                .primary(context.key_span(&flag), "quotes cannot be marked `citation_needed`")
                .note("a quotation's exact words can only be checked against the source that prints them")
                .help("cite the source the quotation is taken from (`\"cite\": [\"<reference id>\"]`) and remove `citation_needed`, or leave the quote out")
        } else {
            diagnostic
                .primary(context.value_anchor(&claim.pointer), "no `cite`")
                .help("cite the source the quotation is taken from: `\"cite\": [\"<reference id>\"]`")
        });
    }
}
