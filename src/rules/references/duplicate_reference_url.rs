//! Two references of a file point to the same URL.

use ahash::AHashMap as HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::relation::{Reference, Relation};
use crate::model::Text;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R404",
    name: "duplicate-reference-url",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "two references of a file point to the same URL",
    why: "One source described twice gets two ids, two titles and two sets of dates that drift apart, and a reader cannot tell that two citations are one source. Addresses are compared as a browser would treat them: scheme and host in any case, with or without a fragment, a trailing `/` or tracking parameters (`utm_*`, `fbclid`, `gclid`).",
    example: "{ \"id\": \"vg-2022-02-27\", \"url\": \"https://www.example.org/a\", … },\n{ \"id\": \"vg-ukraina\", \"url\": \"https://WWW.example.org/a/#top\", … }",
    instead: "Keep one of the two references and cite its id wherever the other was cited.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (&Reference, &Text)> = HashMap::with_capacity(relation.references.len());
    for reference in &relation.references {
        let (Some(url), Some(address)) = (&reference.url, &reference.url_address) else {
            continue;
        };
        let normal: &str = &address.normal;
        let Some(&(earlier, earlier_url)) = first.get(normal) else {
            first.insert(normal, (reference, url));
            continue;
        };
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                &url.pointer(),
                match (&earlier.id, &reference.id) {
                    (Some(a), Some(b)) => format!(
                        "references {} and {} point to the same URL",
                        quote(a.value),
                        quote(b.value)
                    ),
                    _ => "two references point to the same URL".into(),
                },
            )
            .primary(context.value_span(&url.pointer()), "same address again here")
            .secondary(context.value_span(&earlier_url.pointer()), "first used here");
        if earlier_url.value != url.value {
            diagnostic = diagnostic.note(format!(
                "both addresses stand for {} once case, fragment, trailing `/` and tracking parameters are set aside",
                quote(normal)
            ));
        }
        let help = match (&earlier.id, &reference.id) {
            (Some(keep), Some(drop)) => format!(
                "merge them and cite one id: keep {}, and cite it where {} is cited",
                quote(keep.value),
                quote(drop.value)
            ),
            _ => "merge them and cite one id".into(),
        };
        out.push(diagnostic.help(help));
    }
}
