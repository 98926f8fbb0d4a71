//! A language tag is valid but not in canonical case (`EN`, `pt-br`).

use ahash::AHashMap as HashMap;
use language_tags::LanguageTag;

use super::reported_by_schema;
use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R602",
    name: "language-tag-case",
    group: Group::Style,
    level: Level::Warning,
    fix: crate::rules::Fixable::Safe,
    summary: "a language tag is valid but not in canonical case (`EN`, `pt-br`)",
    why: "Language tags are case-insensitive, but BCP 47 (RFC 5646) writes them in one canonical case: the language in lower case, a script in title case and a region in upper case (`zh-Hant-TW`). Tools that compare tags as strings treat `pt-br` and `pt-BR` as two languages, so one spelling keeps filters and counts right.",
    example: "\"language\": \"pt-br\"",
    instead: "`\"language\": \"pt-BR\"`",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let reported = reported_by_schema(out);
    let tags = relation
        .references
        .iter()
        .filter_map(|r| r.language.as_ref())
        .chain(&relation.quote_languages);
    let mut found = Vec::new();
    // A file uses a few tags many times: each is judged once.
    let mut judged: HashMap<&str, Option<String>> = HashMap::new();
    for tag in tags {
        // A tag the schema rejects, or that names no registered language, is another rule's finding.
        if !reported.is_empty() && reported.contains(tag.pointer().as_str()) {
            continue;
        }
        let judgement = judged.entry(tag.value).or_insert_with(|| canonical_case(tag.value));
        let Some(canonical) = judgement.clone() else {
            continue;
        };
        found.push((tag, canonical));
    }
    for (tag, canonical) in found {
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &tag.pointer(),
                    format!(
                        "language tag {} is not in canonical case, which is {}",
                        quote(tag.value),
                        quote(&canonical)
                    ),
                )
                .primary(context.value_span(&tag.pointer()), "not in canonical case")
                .note("BCP 47 writes the language in lower case, a script in title case and a region in upper case (`en`, `zh-Hant-TW`)")
                .help(format!("write `\"{canonical}\"`"))
                .fix(Fix::safe(
                    format!("replace {} with {}", quote(tag.value), quote(&canonical)),
                    context.edits().replace_string(&tag.pointer(), &canonical).into_iter().collect(),
                )),
        );
    }
}

/// The canonical spelling of `tag` when it is a valid tag written in another case; `None` when it is
/// already canonical or not a valid tag.
fn canonical_case(tag: &str) -> Option<String> {
    let parsed = LanguageTag::parse(tag).ok()?;
    // language-tags lets two-letter `q…` codes pass as private use (`qaa`..`qtz`); invalid-language
    // reports them.
    let primary = parsed.primary_language();
    if !parsed.is_valid() || (primary.len() == 2 && primary.starts_with('q')) {
        return None;
    }
    // `parse` normalises case only (RFC 5646 §2.1.1); it keeps deprecated subtags as they are.
    let canonical = parsed.as_str();
    (canonical != tag && canonical.eq_ignore_ascii_case(tag)).then(|| canonical.to_owned())
}

#[cfg(test)]
mod tests {
    use super::canonical_case;

    #[test]
    fn canonical_case_by_subtag() {
        assert_eq!(canonical_case("EN").as_deref(), Some("en"));
        assert_eq!(canonical_case("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(canonical_case("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(canonical_case("NB-no").as_deref(), Some("nb-NO"));
        assert_eq!(canonical_case("en"), None);
        assert_eq!(canonical_case("zh-Hant-TW"), None);
        assert_eq!(canonical_case("XX"), None);
        assert_eq!(canonical_case("en-ZZ-zz"), None);
        assert_eq!(canonical_case("QQ"), None);
    }
}
