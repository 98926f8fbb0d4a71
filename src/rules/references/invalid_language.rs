//! A language tag is not a registered BCP 47 language.

use ahash::AHashMap as HashMap;
use language_tags::{LanguageTag, ValidationError};

use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R417",
    name: "invalid-language",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a language tag is not a registered BCP 47 language",
    why: "`language` is a BCP 47 tag (`en`, `no`, `nb`, `nn`, `uk`, `pt-BR`): each part must be in the IANA Language Subtag Registry, or tools that pick fonts, spell-checkers and screen-reader voices cannot use it. The schema checks only the shape. Country codes are a common slip (`ua` for Ukrainian is `uk`), and so are three-letter codes that have a two-letter one (`nor` is `no`).",
    example: "\"language\": \"ua\"",
    instead: "\"language\": \"uk\"",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let languages = relation
        .references
        .iter()
        .filter_map(|r| r.language.as_ref())
        .chain(&relation.quote_languages);
    // A file uses a few tags many times: each is judged once.
    let mut judged: HashMap<&str, Option<(String, String)>> = HashMap::new();
    for language in languages {
        if !passes_schema(language.value) {
            continue;
        }
        let judgement = judged.entry(language.value).or_insert_with(|| problem(language.value));
        let Some((message, help)) = judgement.clone() else {
            continue;
        };
        out.push(
            context
                .diagnostic(&RULE, &language.pointer(), message)
                .primary(context.value_span(&language.pointer()), "not a registered language tag")
                .help(help),
        );
    }
}

/// The schema's `^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$` (other values are the schema's finding).
fn passes_schema(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Country codes written where a language code belongs: (country code, language code, language, country).
/// (`se`, Sweden, is not here: it is the code of Northern Sami.)
const COUNTRY_CODES: &[(&str, &str, &str, &str)] = &[
    ("ua", "uk", "Ukrainian", "Ukraine"),
    ("dk", "da", "Danish", "Denmark"),
    ("gr", "el", "Greek", "Greece"),
    ("cz", "cs", "Czech", "Czechia"),
    ("jp", "ja", "Japanese", "Japan"),
    ("cn", "zh", "Chinese", "China"),
];

/// ISO 639-2 codes that BCP 47 replaces with their ISO 639-1 code.
const THREE_LETTER: &[(&str, &str)] = &[
    ("eng", "en"),
    ("nor", "no"),
    ("nob", "nb"),
    ("nno", "nn"),
    ("ukr", "uk"),
    ("rus", "ru"),
    ("fin", "fi"),
    ("swe", "sv"),
    ("dan", "da"),
    ("isl", "is"),
    ("ice", "is"),
    ("deu", "de"),
    ("ger", "de"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("spa", "es"),
    ("ita", "it"),
    ("por", "pt"),
    ("nld", "nl"),
    ("dut", "nl"),
    ("pol", "pl"),
    ("ces", "cs"),
    ("cze", "cs"),
    ("ell", "el"),
    ("gre", "el"),
    ("bel", "be"),
    ("est", "et"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("tur", "tr"),
    ("jpn", "ja"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("ara", "ar"),
];

/// What is wrong with `tag` (the message) and what to write instead (the help).
fn problem(tag: &str) -> Option<(String, String)> {
    let language = format!("language {}", quote(tag));
    let parsed = match LanguageTag::parse(tag) {
        Ok(parsed) => parsed,
        Err(error) => {
            return Some((
                format!("{language} is not a well-formed BCP 47 tag: {error}"),
                "write a tag such as `en`, `no`, `nb`, `nn` or `uk`".into(),
            ))
        }
    };
    let primary = parsed.primary_language().to_ascii_lowercase();
    // language-tags compares `qq` with the private-use range `qaa`..`qtz` as strings and lets it pass;
    // no two-letter code starts with `q`.
    let quirk = primary.len() == 2 && primary.starts_with('q');
    let error = match parsed.validate() {
        Err(error) => error,
        Ok(()) if quirk => ValidationError::PrimaryLanguageNotInRegistry,
        Ok(()) => return None,
    };
    let rest = &tag[parsed.primary_language().len()..];
    if error == ValidationError::PrimaryLanguageNotInRegistry {
        if let Some((country, code, name, place)) = COUNTRY_CODES.iter().find(|(c, ..)| *c == primary) {
            return Some((
                format!("{language} is a country code, not a language code"),
                format!("did you mean `{code}{rest}`? ({name} is `{code}`; `{country}` is {place})"),
            ));
        }
        if let Some((_, short)) = THREE_LETTER.iter().find(|(long, _)| *long == primary) {
            return Some((
                format!("{language} is an ISO 639-2 code; BCP 47 uses the two-letter ISO 639-1 code"),
                format!("use the ISO 639-1 code `{short}{rest}`"),
            ));
        }
        return Some((
            format!("{language} is not in the IANA Language Subtag Registry"),
            "use an ISO 639-1 code such as `en`, `no`, `nb`, `nn` or `uk`".into(),
        ));
    }
    if error == ValidationError::RegionNotInRegistry && parsed.region().is_some_and(|r| r.eq_ignore_ascii_case("uk")) {
        let fixed: Vec<&str> = tag
            .split('-')
            .enumerate()
            .map(|(i, part)| {
                if i > 0 && part.eq_ignore_ascii_case("uk") {
                    "GB"
                } else {
                    part
                }
            })
            .collect();
        return Some((
            format!("{language} has region `UK`, which is not a region code"),
            format!(
                "did you mean `{}`? (the United Kingdom's code is `GB`)",
                fixed.join("-")
            ),
        ));
    }
    Some((
        format!("{language} is not a valid BCP 47 tag: {error}"),
        "check each part of the tag against the IANA Language Subtag Registry".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn accepts_registered_languages() {
        for tag in [
            "en",
            "no",
            "nb",
            "nn",
            "uk",
            "se",
            "EN",
            "pt-BR",
            "en-GB",
            "zh-Hant",
            "sr-Latn-RS",
        ] {
            assert_eq!(problem(tag), None, "{tag}");
        }
    }

    #[test]
    fn explains_common_slips() {
        assert!(problem("ua").unwrap().1.contains("`uk`"));
        assert!(problem("nor").unwrap().1.contains("`no`"));
        assert!(problem("eng").unwrap().1.contains("`en`"));
        assert!(problem("en-UK").unwrap().1.contains("`en-GB`"));
        assert!(problem("xx").is_some());
        assert!(problem("qq").is_some());
        assert_eq!(problem("qaa"), None);
        assert!(problem("en-a").is_some());
    }
}
