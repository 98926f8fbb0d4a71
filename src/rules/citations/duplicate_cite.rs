//! The same reference id appears twice in one `cite` list.

use super::claim_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::{repeats, without_repeats};
use crate::rules::{json_items, quote, times, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R305",
    name: "duplicate-cite",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "the same reference id appears twice in one `cite` list",
    why: "Citing one reference twice for the same claim adds no support; it is usually a copy-and-paste slip, or a second source whose id was meant but not typed. Wikipedia reuses one named reference (`<ref name=…/>`) rather than repeating it for the same statement.",
    example: "\"cite\": [\"abc-nyheter-2022-07-01\", \"abc-nyheter-2022-07-01\"]",
    instead: "List each reference once: `\"cite\": [\"abc-nyheter-2022-07-01\"]`, or correct the second id if another source was meant.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        let Some(cite) = &claim.cite else { continue };
        let repeats = repeats(cite);
        if repeats.is_empty() {
            continue;
        }
        let fixed = json_items(&without_repeats(cite));
        for repeat in repeats {
            let id = repeat.again;
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &id.pointer(),
                        format!(
                            "{} is cited {} in {}",
                            quote(id.value),
                            times(repeat.count),
                            claim_name(claim)
                        ),
                    )
                    .primary(context.value_span(&id.pointer()), "cited again here")
                    .secondary(context.value_span(&repeat.first.pointer()), "first cited here")
                    .help(format!("list each reference once: `\"cite\": [{fixed}]`"))
                    .fix(crate::rules::identity::duplicate_list_item::remove_repeat(
                        context,
                        &id.pointer(),
                        &repeat.first.pointer(),
                    )),
            );
        }
    }
}
