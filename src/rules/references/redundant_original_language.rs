//! A quote's `original_language` is the language it is already given in.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::{ClaimKind, Relation};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R419",
    name: "redundant-original-language",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::Unsafe,
    summary: "a quote's `original_language` is the language its `text` is already in",
    why: "`original_language` says that `text` renders words first said in another language (an English rendering of a Norwegian statement is `\"language\": \"en\", \"original_language\": \"no\"`). The same tag in both says the quote is a translation into its own language: either `original_language` is not needed, or one of the two tags is wrong. Tags are compared without regard to case, as BCP 47 does.",
    example: "{ \"speaker\": \"jonas-gahr-store\", \"text\": \"we need to be more alert\", \"language\": \"en\", \"original_language\": \"en\", … }",
    instead: "Remove `original_language` when the quote is given in the words first spoken, or correct the tag that is wrong (`\"original_language\": \"no\"`).",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in relation.claims.iter().filter(|claim| claim.kind == ClaimKind::Quote) {
        // Most quotes have no `original_language`: asked first.
        let Some(original) = claim.value.get("original_language").and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(language) = claim.value.get("language").and_then(|v| v.as_str()) else {
            continue;
        };
        if !language.eq_ignore_ascii_case(original) {
            continue;
        }
        let original_at = pointer::child(&claim.pointer, "original_language");
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &original_at,
                    format!(
                        "the quote's `original_language` is {}, the language its text is already in",
                        quote(original)
                    ),
                )
                .primary(context.value_span(&original_at), "same as `language`")
                .secondary(
                    context.value_span(&pointer::child(&claim.pointer, "language")),
                    "the language of `text`",
                )
                .help(
                    "remove `original_language` if the quote gives the words as they were said, or correct whichever \
                     tag is wrong",
                )
                // Unsafe: one of the two tags may be the mistake.
                .fix(Fix::unsafe_edit(
                    "remove `original_language`",
                    context.edits().remove(&original_at).into_iter().collect(),
                )),
        );
    }
}
