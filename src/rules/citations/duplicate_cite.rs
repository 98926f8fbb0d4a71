//! The same reference id appears twice in one `cite` list.

use std::collections::HashMap;

use super::claim_name;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R305",
    name: "duplicate-cite",
    group: Group::Citations,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "the same reference id appears twice in one `cite` list",
    why: "Citing one reference twice for the same claim adds no support; it is usually a copy-and-paste slip, or a second source whose id was meant but not typed. Wikipedia reuses one named reference (`<ref name=…/>`) rather than repeating it for the same statement.",
    example: "\"cite\": [\"abc-nyheter-2022-07-01\", \"abc-nyheter-2022-07-01\"]",
    instead: "List each reference once: `\"cite\": [\"abc-nyheter-2022-07-01\"]`, or correct the second id if another source was meant.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for claim in &relation.claims {
        let Some(cite) = &claim.cite else { continue };
        let mut first: HashMap<&str, &Text> = HashMap::new();
        for id in cite {
            let Some(earlier) = first.get(id.value) else {
                first.insert(id.value, id);
                continue;
            };
            let times = cite.iter().filter(|other| other.value == id.value).count();
            let times = if times == 2 {
                "twice".to_string()
            } else {
                format!("{times} times")
            };
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &id.pointer,
                        format!("{} is cited {times} in {}", quote(id.value), claim_name(claim)),
                    )
                    .primary(context.value_span(&id.pointer), "cited again here")
                    .secondary(context.value_span(&earlier.pointer), "first cited here")
                    .help(format!("list each reference once: `\"cite\": [{}]`", unique(cite))),
            );
        }
    }
}

/// The cite list without its repeats, as JSON items: `"a", "b"`.
fn unique(cite: &[Text]) -> String {
    let mut seen = Vec::new();
    for id in cite {
        if !seen.contains(&id.value) {
            seen.push(id.value);
        }
    }
    seen.iter()
        .map(|id| serde_json::Value::from(*id).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
