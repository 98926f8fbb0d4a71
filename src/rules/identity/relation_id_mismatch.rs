//! A relation's id is its parties' codes in order, and its file is named after it.

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R501",
    name: "relation-id-mismatch",
    group: Group::Identity,
    level: Level::Error,
    fix: Fixable::Safe,
    summary: "a relation's id disagrees with its parties or its file name",
    why: "A relation between Norway and Ukraine has the id `NO-UA` (the two ISO 3166-1 codes in alphabetical order, joined by `-`) and lives in `data/relations/NO-UA.json`. Tools find relations by that name, so the three must agree.",
    example: "\"id\": \"UA-NO\", \"parties\": [\"NO\", \"UA\"]",
    instead: "Correct the id (`\"NO-UA\"`) or the parties, or rename the file after the id.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let Some(id) = &relation.id else { return };
    let country_code = |code: &str| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
    // Malformed or repeated parties are the schema's findings; an id derived from them would be wrong advice.
    let parties_usable = matches!(relation.parties.as_slice(),
        [a, b] if country_code(a.value) && country_code(b.value) && a.value != b.value);
    if let ([first, second], true) = (relation.parties.as_slice(), parties_usable) {
        let mut codes = [first.value, second.value];
        codes.sort_unstable();
        let expected = codes.join("-");
        if id.value != expected {
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &id.pointer(),
                        format!("relation id {} does not match its parties: expected {}", quote(id.value), quote(&expected)),
                    )
                    .primary(context.value_span(&id.pointer()), format!("expected {}", quote(&expected)))
                    .secondary(context.value_anchor("/parties"), "the parties")
                    .help(format!("set `\"id\": \"{expected}\"`, or correct `parties`; ids are the two country codes in alphabetical order")),
            );
            return;
        }
    }
    if let Some(stem) = context.stem {
        if stem != id.value {
            out.push(
                context
                    .diagnostic(
                        &RULE,
                        &id.pointer(),
                        format!(
                            "file name {} does not match relation id {}",
                            quote(&format!("{stem}.json")),
                            quote(id.value)
                        ),
                    )
                    .primary(context.value_span(&id.pointer()), "the relation's id")
                    .help(format!("rename the file to `{}.json`, or correct the id", id.value)),
            );
        }
    }
}
