//! The value a contributor most likely meant, from a value the schema rejected. Which repair
//! applies to a field is the schema's to say (`x-relcheck-repair` next to the pattern it checks);
//! how each repair reads a value is here. A repair is `Safe` when the reading is certain (only the
//! notation changes: `2024/03/07` → `2024-03-07`, `ua` → `UA`), and `Unsafe` when a person should
//! look (`March 2024` → `2024-03`, `Norwegian` → `no`, `example.org` → `https://example.org`).

use crate::diagnostics::fix::Applicability;
use crate::model::date::PartialDate;
use crate::model::entities::EntityIndex;

/// A corrected value and how sure relcheck is of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub value: String,
    pub applicability: Applicability,
}

fn safe(value: impl Into<String>) -> Option<Repaired> {
    Some(Repaired {
        value: value.into(),
        applicability: Applicability::Safe,
    })
}

fn unsure(value: impl Into<String>) -> Option<Repaired> {
    Some(Repaired {
        value: value.into(),
        applicability: Applicability::Unsafe,
    })
}

/// The repair the schema names for `value`, checked against `valid` (the pattern of the field), so
/// that a repair is never offered unless its result is a value the field takes.
pub fn repair(kind: &str, value: &str, entities: &EntityIndex, valid: impl Fn(&str) -> bool) -> Option<Repaired> {
    let trimmed = value.trim();
    if trimmed != value && valid(trimmed) {
        return safe(trimmed);
    }
    let repaired = match kind {
        "date" => date(trimmed),
        "language" => language(trimmed),
        "currency" => currency(trimmed),
        "url" => url(trimmed),
        "country-id" | "organization-id" | "relation-id" => upper_id(trimmed, kind, entities),
        "slug" => slug(trimmed, entities),
        "entity-id" => upper_id(trimmed, "organization-id", entities)
            .filter(|r| valid(&r.value))
            .or_else(|| slug(trimmed, entities)),
        _ => None,
    }?;
    (repaired.value != value && valid(&repaired.value)).then_some(repaired)
}

const MONTHS: [[&str; 3]; 12] = [
    ["january", "jan", "januar"],
    ["february", "feb", "februar"],
    ["march", "mar", "mars"],
    ["april", "apr", "april"],
    ["may", "may", "mai"],
    ["june", "jun", "juni"],
    ["july", "jul", "juli"],
    ["august", "aug", "august"],
    ["september", "sep", "september"],
    ["october", "oct", "oktober"],
    ["november", "nov", "november"],
    ["december", "dec", "desember"],
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()) || (word.len() >= 3 && names[0].starts_with(&word)))
        .map(|i| i as u32 + 1)
}

/// `2024/03/07`, `2024.3.7`, `2024-3-7` → `2024-03-07` (safe); `07.03.2024` with an unambiguous day,
/// `March 2024`, `7 March 2024`, `March 7, 2024`, `7. mars 2024` and a date-time → the ISO date (unsafe).
fn date(value: &str) -> Option<Repaired> {
    let exists = |y: u32, m: u32, d: Option<u32>| {
        let text = match d {
            Some(d) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("{y:04}-{m:02}"),
        };
        PartialDate::parse(&text).ok().map(|_| text)
    };
    // A date-time: the date before the `T` or the space.
    if let Some((day, time)) = value.split_once(['T', ' ']) {
        if time.starts_with(|c: char| c.is_ascii_digit()) && time.contains(':') && PartialDate::parse(day).is_ok() {
            return unsure(day);
        }
    }
    let parts: Vec<&str> = value
        .split(['-', '/', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    if let Some(numbers) = numbers.filter(|n| parts.iter().all(|p| p.len() <= 4) && !n.is_empty()) {
        let year_first = parts[0].len() == 4;
        return match (numbers.as_slice(), year_first) {
            ([y, m], true) => exists(*y, *m, None).and_then(safe),
            ([y, m, d], true) => exists(*y, *m, Some(*d)).and_then(safe),
            // Day first (the European order): certain only when the day cannot be a month.
            ([d, m, y], false) if parts[2].len() == 4 && *d > 12 => exists(*y, *m, Some(*d)).and_then(unsure),
            ([m, y], false) if parts[1].len() == 4 => exists(*y, *m, None).and_then(unsure),
            _ => None,
        };
    }
    // Month names: `March 2024`, `7 March 2024`, `March 7, 2024`, `7. mars 2024`.
    let month = parts.iter().position(|p| month_number(p).is_some())?;
    let m = month_number(parts[month])?;
    let others: Vec<u32> = parts
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != month)
        .map(|(_, p)| p.parse::<u32>().ok())
        .collect::<Option<_>>()?;
    match others.as_slice() {
        [y] if *y >= 1000 => exists(*y, m, None).and_then(unsure),
        [a, b] => {
            let (d, y) = if *a >= 1000 { (*b, *a) } else { (*a, *b) };
            (y >= 1000).then(|| exists(y, m, Some(d))).flatten().and_then(unsure)
        }
        _ => None,
    }
}

/// Language names as references write them ("(in Norwegian)"), to their BCP 47 tags; a tag in
/// another case, to its canonical case.
fn language(value: &str) -> Option<Repaired> {
    const NAMES: &[(&str, &str)] = &[
        ("norwegian", "no"),
        ("norsk", "no"),
        ("norwegian bokmål", "nb"),
        ("norwegian bokmal", "nb"),
        ("bokmål", "nb"),
        ("bokmal", "nb"),
        ("norwegian nynorsk", "nn"),
        ("nynorsk", "nn"),
        ("english", "en"),
        ("ukrainian", "uk"),
        ("russian", "ru"),
        ("swedish", "sv"),
        ("danish", "da"),
        ("finnish", "fi"),
        ("icelandic", "is"),
        ("german", "de"),
        ("french", "fr"),
        ("spanish", "es"),
        ("italian", "it"),
        ("polish", "pl"),
        ("dutch", "nl"),
        ("portuguese", "pt"),
        ("estonian", "et"),
        ("latvian", "lv"),
        ("lithuanian", "lt"),
        ("belarusian", "be"),
        ("chinese", "zh"),
        ("japanese", "ja"),
        ("arabic", "ar"),
        ("turkish", "tr"),
    ];
    let lower = value.to_lowercase();
    let lower = lower
        .trim_start_matches("in ")
        .trim_start_matches('(')
        .trim_end_matches(')');
    if let Some((_, tag)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return unsure(*tag);
    }
    let tag = language_tags::LanguageTag::parse(value).ok()?;
    safe(tag.as_str())
}

/// Currency names to ISO 4217 codes; a code in lower case to capitals.
fn currency(value: &str) -> Option<Repaired> {
    const NAMES: &[(&str, &str)] = &[
        ("krone", "NOK"),
        ("kroner", "NOK"),
        ("norwegian krone", "NOK"),
        ("norwegian kroner", "NOK"),
        ("kr", "NOK"),
        ("hryvnia", "UAH"),
        ("hryvnias", "UAH"),
        ("euro", "EUR"),
        ("euros", "EUR"),
        ("€", "EUR"),
        ("dollar", "USD"),
        ("dollars", "USD"),
        ("us dollars", "USD"),
        ("$", "USD"),
        ("pound", "GBP"),
        ("pounds", "GBP"),
        ("£", "GBP"),
        ("rouble", "RUB"),
        ("roubles", "RUB"),
        ("ruble", "RUB"),
        ("rubles", "RUB"),
        ("swedish krona", "SEK"),
        ("kronor", "SEK"),
        ("danish krone", "DKK"),
    ];
    let lower = value.to_lowercase();
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return unsure(*code);
    }
    (value.len() == 3 && value.chars().all(|c| c.is_ascii_alphabetic())).then(|| safe(value.to_ascii_uppercase()))?
}

/// `www.example.org/a` → `https://www.example.org/a` (unsafe: the site may not serve https);
/// inner spaces → `%20` (unsafe).
fn url(value: &str) -> Option<Repaired> {
    let host_end = value.find('/').unwrap_or(value.len());
    let looks_like_host = value[..host_end].contains('.') && !value.contains("://") && !value.contains(' ');
    if looks_like_host {
        return unsure(format!("https://{}", value.trim_start_matches("//")));
    }
    if value.contains("://") && value.contains(' ') {
        return unsure(value.replace(' ', "%20"));
    }
    None
}

/// An id in capitals written in lower case (safe), or an entity's name written for its id (unsafe).
fn upper_id(value: &str, kind: &str, entities: &EntityIndex) -> Option<Repaired> {
    if let Some(id) = entities.id_named(value) {
        return unsure(id);
    }
    let upper = match kind {
        "relation-id" => value.to_ascii_uppercase().replace(['_', ' '], "-"),
        _ => value.to_ascii_uppercase(),
    };
    safe(upper)
}

/// A slug written in capitals (safe: `Jonas-Gahr-Store`), or a name written for a slug (unsafe:
/// `Jonas Gahr Støre` → the entity of that name, else `jonas-gahr-store`).
fn slug(value: &str, entities: &EntityIndex) -> Option<Repaired> {
    if let Some(id) = entities.id_named(value) {
        return unsure(id);
    }
    let lower = value.to_lowercase();
    if lower
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return safe(lower);
    }
    let mut out = String::new();
    for ch in lower.chars() {
        if let Some(ascii) = crate::rules::suggest::ascii_lookalike(ch) {
            out.push(ascii.to_ascii_lowercase());
            continue;
        }
        let ascii = match ch {
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
            'æ' => "ae",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' => "n",
            'ç' => "c",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(ascii);
    }
    let slug: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    (!slug.is_empty()).then(|| unsure(slug.join("-")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(kind: &str, value: &str) -> Option<(String, Applicability)> {
        let index = EntityIndex::new(true);
        repair(kind, value, &index, |_| true).map(|r| (r.value, r.applicability))
    }

    fn safely(value: &str) -> Option<(String, Applicability)> {
        Some((value.into(), Applicability::Safe))
    }

    fn unsafely(value: &str) -> Option<(String, Applicability)> {
        Some((value.into(), Applicability::Unsafe))
    }

    #[test]
    fn dates_in_other_notations() {
        assert_eq!(fixed("date", "2024/03/07"), safely("2024-03-07"));
        assert_eq!(fixed("date", "1905-10-6"), safely("1905-10-06"));
        assert_eq!(fixed("date", "2024.3"), safely("2024-03"));
        assert_eq!(fixed("date", "March 2024"), unsafely("2024-03"));
        assert_eq!(fixed("date", "7 March 2024"), unsafely("2024-03-07"));
        assert_eq!(fixed("date", "March 7, 2024"), unsafely("2024-03-07"));
        assert_eq!(fixed("date", "7. mars 2024"), unsafely("2024-03-07"));
        assert_eq!(fixed("date", "2022-10-20T10:00:00Z"), unsafely("2022-10-20"));
        assert_eq!(fixed("date", "31.03.2022"), unsafely("2022-03-31"));
        // 03.04.2022 may be 3 April or 4 March: no reading is certain enough to offer.
        assert_eq!(fixed("date", "03.04.2022"), None);
        assert_eq!(fixed("date", "2023-02-29"), None);
        assert_eq!(fixed("date", " 2022-01-15 "), safely("2022-01-15"));
    }

    #[test]
    fn languages_currencies_urls_and_ids() {
        assert_eq!(fixed("language", "Norwegian"), unsafely("no"));
        assert_eq!(fixed("language", "Norwegian Bokmål"), unsafely("nb"));
        assert_eq!(fixed("language", "EN"), safely("en"));
        assert_eq!(fixed("currency", "kroner"), unsafely("NOK"));
        assert_eq!(fixed("currency", "nok"), safely("NOK"));
        assert_eq!(fixed("url", "example.org/x"), unsafely("https://example.org/x"));
        assert_eq!(fixed("url", "nonsense"), None);
        assert_eq!(fixed("country-id", "ua"), safely("UA"));
        assert_eq!(fixed("relation-id", "no-ua"), safely("NO-UA"));
        assert_eq!(fixed("slug", "Jonas-Gahr-Store"), safely("jonas-gahr-store"));
        assert_eq!(fixed("slug", "Jonas Gahr Støre"), unsafely("jonas-gahr-store"));
    }
}
