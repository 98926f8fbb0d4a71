//! A reference that nothing cites supports nothing.

use ahash::AHashSet as HashSet;

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R402",
    name: "unused-reference",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::Unsafe,
    summary: "a reference is never cited",
    why: "References exist to support claims. One that no `cite` list names is either left over from an edit or a sign that a claim lost its citation. A reference the source itself lists without citing it from any statement (a general reference) is kept with `\"listed_only\": true` and not reported: the mark records a fact about the source, travels with the reference when the list is reordered, and tells every reader why the reference supports nothing here, which an exception in relcheck.toml would not.",
    example: "\"references\": [ { \"id\": \"vg-2022-02-27\", … } ]   (and no claim cites \"vg-2022-02-27\")",
    instead: "Cite it from the claim it supports, or remove it; if the source lists it without citing it, keep it with `\"listed_only\": true`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let cited: HashSet<&str> = relation
        .claims
        .iter()
        .flat_map(|c| c.cite.iter().flatten())
        .map(|c| c.value)
        .collect();
    // A reference cited under a misspelt id, or from a misspelt `cite` member, is cited: the
    // misspelling is the finding.
    let mut intended = context.known.intended_ids();
    for (object, written) in context.known.misspellings_of("cite") {
        let member = context.document.value.pointer(&object).and_then(|o| o.get(&written));
        let ids = member.and_then(serde_json::Value::as_array).into_iter().flatten();
        intended.extend(ids.filter_map(serde_json::Value::as_str).map(str::to_owned));
    }
    for reference in &relation.references {
        let Some(id) = &reference.id else { continue };
        if cited.contains(id.value) || reference.listed_only || intended.iter().any(|i| i == id.value) {
            continue;
        }
        // Unsafe: the reference may be meant for a claim that lost its `cite`.
        let remove = crate::source::pointer::parent(&id.pointer()).and_then(|at| context.edits().remove(at));
        let fix = Fix::unsafe_edit(
            format!("remove reference {}", quote(id.value)),
            remove.into_iter().collect(),
        );
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &id.pointer(),
                    format!("reference {} is never cited", quote(id.value)),
                )
                .primary(context.value_span(&id.pointer()), "no claim cites this reference")
                .help(
                    "cite it from the claim it supports (`\"cite\": [\"…\"]`), or remove it; if the source lists it \
                     without citing it, mark it `\"listed_only\": true`",
                )
                .fix(fix),
        );
    }
}
