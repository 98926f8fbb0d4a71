//! A reference was published before the event it is cited for.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;

use crate::model::relation::{ClaimKind, Reference, Relation};
use crate::model::{DateText, Seen};
use crate::rules::citations::claim_name;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R207",
    name: "source-predates-event",
    group: Group::Dates,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "a reference was published before the event it is cited for",
    why: "A source cannot report what had not yet happened when it was published, so either the claim's date, the reference's `published` date or the citation is wrong. It applies to every dated claim: events (and their quotes, which take the event's date), the date of establishment, recognitions and dated memberships. With reduced precision it fires only when the source certainly came first (`published: 2022-01` for an event on 2022-01-15 is fine); a reference without `published` is not checked. It is a warning because a source can announce an event in advance.",
    example: "\"events\": [ { \"id\": \"2022-01-15-oslo-talks\", \"date\": \"2022-01-15\", …, \"cite\": [\"nrk-2021-12-01\"] } ],\n\"references\": [ { \"id\": \"nrk-2021-12-01\", \"published\": \"2021-12-01\", … } ]",
    instead: "Cite a source published on or after the event, or correct the date that is wrong. If the source announced the event in advance, accept the finding with an `[[exception]]` in relcheck.toml (`pointer = \"/events/3\"`, `rules = [\"source-predates-event\"]`) and a `reason`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let mut references: HashMap<&str, &Reference> = HashMap::with_capacity(relation.references.len());
    for reference in &relation.references {
        if let Some(id) = &reference.id {
            references.entry(id.value).or_insert(reference);
        }
    }
    // The date each claim is about: its own, or for a quote the date of its event.
    let mut dates: Vec<Option<&DateText>> = relation.claims.iter().map(|claim| claim.date.as_ref()).collect();
    for event in &relation.events {
        for &quote_index in &event.quotes {
            if let Some(slot) = dates.get_mut(quote_index) {
                *slot = slot.or(event.date.as_ref());
            }
        }
    }
    for (claim, date_at) in relation.claims.iter().zip(dates) {
        let Some(date_at) = date_at else { continue };
        let Ok(date) = date_at.date else {
            continue;
        };
        // A reference cited twice in one list is duplicate-cite's finding; report it once here.
        let mut seen = Seen::default();
        for cited in claim.cite.iter().flatten() {
            if !seen.insert(cited.value) {
                continue;
            }
            // An unresolved id is unresolved-cite's finding; no `published` means nothing to compare.
            let Some(reference) = references.get(cited.value) else {
                continue;
            };
            let Some(published_at) = &reference.published else {
                continue;
            };
            let Ok(published) = published_at.date else {
                continue;
            };
            if !published.certainly_before(&date) {
                continue;
            }
            let dated_here = if claim.kind == ClaimKind::Quote {
                "the quote's event is dated here".to_owned()
            } else {
                format!("the {} is dated here", short_noun(claim.kind))
            };
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &cited.pointer(),
                        format!(
                            "reference {} (published {}) predates {} ({}), which it is cited for",
                            quote(cited.value),
                            published_at.value,
                            claim_name(claim),
                            date_at.value
                        ),
                    )
                    .primary(context.value_span(&date_at.pointer()), dated_here)
                    .secondary(context.value_span(&cited.pointer()), "cites a source published earlier")
                    .secondary(context.value_span(&published_at.pointer()), "published here")
                    .help(format!(
                        "cite a source published on or after {}, or correct whichever date is wrong",
                        date_at.value
                    ))
                    .note(format!(
                        "if the source announced it in advance, add an `[[exception]]` to relcheck.toml with \
                         pointer = \"{}\", rules = [\"{}\"] and a `reason`",
                        claim.pointer, RULE.name
                    )),
            );
        }
    }
}

fn short_noun(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Established => "establishment",
        ClaimKind::Recognition => "recognition",
        ClaimKind::Membership => "membership",
        ClaimKind::Event | ClaimKind::Quote => "event",
        ClaimKind::Mission => "mission",
    }
}
