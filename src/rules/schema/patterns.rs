//! `pattern` for the yes/no validation of the built-in schemas. Their patterns are tried on every
//! id, date and URL of a file, several hundred strings of 2 to 100 bytes, where a `regex` search
//! costs more to set up than to run. Here each pattern's DFA is worked out in full once and turned
//! into a table that takes two bytes per lookup: a match is a few table reads, with nothing to set up.

use std::sync::{Arc, Mutex};

use ahash::AHashMap as HashMap;
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::Anchored;
use serde_json::{Map, Value};

/// The most memory the NFA and the DFA of one pattern may take; past it the pattern is matched by
/// `regex`. The built-in patterns need a few kilobytes each.
pub(super) const DFA_SIZE_LIMIT: usize = 1 << 20;

/// Whether a string matches one schema `pattern`, with the semantics jsonschema gives it under
/// `PatternOptions::regex()`: the ECMA-262 pattern translated by `jsonschema_regex` (so `\s` is
/// ECMA-262 white space), then searched for anywhere in the string as `regex::Regex::is_match` does.
pub(super) struct PatternMatcher {
    engine: Engine,
}

// One per distinct pattern, behind an `Arc`: the table inline spares a pointer chase per match.
#[allow(clippy::large_enum_variant)]
enum Engine {
    Table(PairTable),
    /// A pattern whose DFA would be too large.
    Regex(regex::Regex),
}

impl PatternMatcher {
    pub(super) fn new(pattern: &str) -> Result<Self, String> {
        Self::with_dfa_limit(pattern, DFA_SIZE_LIMIT)
    }

    pub(super) fn with_dfa_limit(pattern: &str, limit: usize) -> Result<Self, String> {
        let translated = jsonschema_regex::to_rust_regex(pattern)
            .map_err(|()| format!("the pattern `{pattern}` is not a supported regular expression"))?;
        // The lazy DFA of `regex`, which is in the build already, explored in full. A full cache is
        // an error rather than a reset, which would renumber the states found so far.
        let config = DFA::config().cache_capacity(limit).minimum_cache_clear_count(Some(0));
        // The syntax defaults are those of `regex::Regex::new`, which jsonschema calls.
        let table = DFA::builder()
            .configure(config)
            .thompson(thompson::Config::new().nfa_size_limit(Some(limit)))
            .build(&translated)
            .ok()
            .and_then(|dfa| PairTable::new(&dfa, &mut dfa.create_cache()));
        let engine = match table {
            Some(table) => Engine::Table(table),
            None => Engine::Regex(
                regex::Regex::new(&translated).map_err(|e| format!("the pattern `{pattern}` does not compile: {e}"))?,
            ),
        };
        Ok(Self { engine })
    }

    #[cfg(test)]
    pub(super) fn is_table(&self) -> bool {
        matches!(self.engine, Engine::Table(_))
    }

    #[inline]
    pub(super) fn is_match(&self, text: &str) -> bool {
        match &self.engine {
            Engine::Table(table) => table.is_match(text.as_bytes()),
            Engine::Regex(regex) => regex.is_match(text),
        }
    }
}

/// A DFA as one table that consumes two bytes per lookup, so that a string costs half as many
/// dependent memory reads as a byte-by-byte walk.
///
/// Each state's row holds, at `class(a) * k + class(b)`, the state reached by `a` then `b`; then,
/// at `k * k + class(a)`, the state reached by one byte `a` (for a string of odd length); then the
/// state reached at the end of the string. States are stored as the offset of their row. Row 0 is
/// the dead state and row 1 the matched state; both lead only to themselves, which is what lets a
/// pair of bytes skip the state between them: is-match asks whether any match is ever reached.
struct PairTable {
    /// The class of each byte: bytes that every state sends to the same state share a class.
    classes: [u8; 256],
    /// `classes[byte] * k`, the offset of the first byte of a pair.
    first: [u16; 256],
    k: usize,
    rows: Box<[u16]>,
    start: u16,
    matched: u16,
}

const DEAD: usize = 0;
const MATCHED: usize = 1;

impl PairTable {
    /// `None` when the DFA gives up (its cache is full, or it meets a byte it cannot decide, which
    /// the configuration above never sets) or when the table would not fit 16-bit offsets.
    fn new(dfa: &DFA, cache: &mut Cache) -> Option<Self> {
        // The DFA's own byte classes (bytes it never tells apart), each with one of its bytes.
        let byte_classes = dfa.byte_classes();
        let width = byte_classes.alphabet_len(); // the classes, then the end of the string
        let end = width - 1;
        let mut representative = vec![0u8; end];
        for byte in (0..=255u8).rev() {
            representative[usize::from(byte_classes.get(byte))] = byte;
        }

        // Number every state reachable from the start, after the dead and matched states; a match
        // state of the DFA becomes the matched state, since the first match decides.
        let mut number: HashMap<LazyStateID, usize> = HashMap::new();
        let mut queue: Vec<LazyStateID> = Vec::new();
        let mut id = |state: LazyStateID, queue: &mut Vec<LazyStateID>| {
            if state.is_dead() {
                Some(DEAD)
            } else if state.is_match() {
                Some(MATCHED)
            } else if state.is_quit() || state.is_unknown() {
                None
            } else {
                Some(*number.entry(state).or_insert_with(|| {
                    queue.push(state);
                    queue.len() + 1
                }))
            }
        };
        let start = dfa
            .start_state(cache, &start::Config::new().anchored(Anchored::No))
            .ok()?;
        let start = id(start, &mut queue)?;
        // Each state's successor on each class, then at the end of the string.
        let mut next: Vec<usize> = [[DEAD].repeat(width), [MATCHED].repeat(width)].concat();
        let mut done = 0;
        while let Some(&state) = queue.get(done) {
            for &byte in &representative {
                let successor = id(dfa.next_state(cache, state, byte).ok()?, &mut queue)?;
                next.push(successor);
            }
            let successor = id(dfa.next_eoi_state(cache, state).ok()?, &mut queue)?;
            next.push(successor);
            done += 1;
        }
        if cache.clear_count() > 0 {
            return None;
        }
        let states = next.len() / width;

        // Classes the DFA keeps apart but no state distinguishes are merged, which keeps pairs few.
        let mut merged = vec![0u8; end];
        let mut kept: Vec<usize> = Vec::new(); // a DFA class of each merged class
        let mut seen: HashMap<Vec<usize>, u8> = HashMap::new();
        for (class, slot) in merged.iter_mut().enumerate() {
            let column: Vec<usize> = (0..states).map(|state| next[state * width + class]).collect();
            *slot = match seen.get(&column) {
                Some(&known) => known,
                None => {
                    let new = u8::try_from(kept.len()).ok()?;
                    seen.insert(column, new);
                    kept.push(class);
                    new
                }
            };
        }

        let k = kept.len();
        let row = k * k + k + 1;
        if states * row > usize::from(u16::MAX) + 1 {
            return None;
        }
        let offset = |state: usize| u16::try_from(state * row).expect("checked against the table size");
        let mut rows = vec![0u16; states * row];
        for (state, cells) in rows.chunks_exact_mut(row).enumerate() {
            let (pairs, singles) = cells.split_at_mut(k * k);
            for (a, (pairs, single)) in pairs.chunks_exact_mut(k).zip(singles.iter_mut()).enumerate() {
                let after_a = next[state * width + kept[a]];
                let successors = &next[after_a * width..][..width];
                for (cell, &b) in pairs.iter_mut().zip(&kept) {
                    *cell = offset(successors[b]);
                }
                *single = offset(after_a);
            }
            singles[k] = offset(next[state * width + end]);
        }
        let mut classes = [0u8; 256];
        let mut first = [0u16; 256];
        let k16 = u16::try_from(k).ok()?;
        for byte in 0..=255u8 {
            let class = merged[usize::from(byte_classes.get(byte))];
            classes[usize::from(byte)] = class;
            first[usize::from(byte)] = u16::from(class) * k16;
        }
        Some(Self {
            classes,
            first,
            k,
            rows: rows.into(),
            start: offset(start),
            matched: offset(MATCHED),
        })
    }

    #[inline]
    fn is_match(&self, text: &[u8]) -> bool {
        let matched = usize::from(self.matched);
        let mut state = usize::from(self.start);
        let mut pairs = text.chunks_exact(2);
        for pair in &mut pairs {
            let column =
                usize::from(self.first[usize::from(pair[0])]) + usize::from(self.classes[usize::from(pair[1])]);
            state = usize::from(self.rows[state + column]);
            // Dead (0) or matched: the answer is known.
            if state <= matched {
                return state == matched;
            }
        }
        let single = self.k * self.k;
        if let [last] = pairs.remainder() {
            state = usize::from(self.rows[state + single + usize::from(self.classes[usize::from(*last)])]);
        }
        state == matched || usize::from(self.rows[state + single + self.k]) == matched
    }
}

/// The `pattern` keyword as a custom keyword: non-strings pass, as the specification says.
struct PatternKeyword(Arc<PatternMatcher>);

impl<'i> Keyword<'i> for PatternKeyword {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            // Not shown to users: the standard validator reports the errors of the built-in schemas.
            Err(ValidationError::custom("does not match the pattern"))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance.as_str().is_none_or(|text| self.0.is_match(text))
    }
}

/// What a keyword factory returns.
type Built<'a> = Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>>;

/// A factory for `ValidationOptions::with_keyword("pattern", ...)`. One matcher is built per
/// distinct pattern, however many subschemas repeat it.
pub(super) fn keyword_factory(
) -> impl for<'a> Fn(&'a Map<String, Value>, &'a Value, Location) -> Built<'a> + Send + Sync + 'static {
    let built: Mutex<HashMap<String, Arc<PatternMatcher>>> = Mutex::default();
    move |_, value, _| {
        let pattern = value
            .as_str()
            .ok_or_else(|| ValidationError::schema("`pattern` must be a string"))?;
        let mut built = built.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let matcher = match built.get(pattern) {
            Some(matcher) => Arc::clone(matcher),
            None => {
                let matcher = Arc::new(PatternMatcher::new(pattern).map_err(ValidationError::schema)?);
                built.insert(pattern.to_owned(), Arc::clone(&matcher));
                matcher
            }
        };
        Ok(Box::new(PatternKeyword(matcher)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `pattern` in the schemas relcheck embeds.
    fn builtin_patterns() -> Vec<String> {
        fn collect(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::String(pattern)) = map.get("pattern") {
                        out.push(pattern.clone());
                    }
                    map.values().for_each(|v| collect(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
        let mut patterns = Vec::new();
        for text in [crate::check::RELATION_SCHEMA, crate::check::ENTITIES_SCHEMA] {
            collect(
                &serde_json::from_str(text).expect("the built-in schema is JSON"),
                &mut patterns,
            );
        }
        patterns.sort();
        patterns.dedup();
        assert!(patterns.len() >= 9, "found only {patterns:?}");
        patterns
    }

    /// The reference: the `regex::Regex` jsonschema builds under `PatternOptions::regex()`.
    fn reference_regex(pattern: &str) -> regex::Regex {
        let translated = jsonschema_regex::to_rust_regex(pattern).expect("translates");
        regex::RegexBuilder::new(&translated).build().expect("compiles")
    }

    /// jsonschema's own standard `pattern`, with its fast paths for simple patterns.
    fn reference_validator(pattern: &str) -> jsonschema::Validator {
        jsonschema::draft202012::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&serde_json::json!({ "pattern": pattern }))
            .expect("compiles")
    }

    /// A small deterministic generator (xorshift64*), so a failure can be reproduced.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    /// Characters the patterns mention (and their neighbours), white space of every kind ECMA-262
    /// and Unicode disagree on, and a few letters outside ASCII.
    fn alphabet(patterns: &[String]) -> Vec<char> {
        let mut chars: Vec<char> = patterns.iter().flat_map(|p| p.chars()).collect();
        chars.extend("AZMazm095-@[`{/:._%?#=&hHtTpPsS".chars());
        chars.extend([
            ' ', '\t', '\n', '\r', '\u{0b}', '\u{0c}', '\0', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2003}',
            '\u{200a}', '\u{200b}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}', 'é', 'Ø',
            'ß', 'İ', 'ı', 'ſ', '\u{212a}', 'Ж', '日', '😀',
        ]);
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    fn corpus(patterns: &[String]) -> Vec<String> {
        let seeds = [
            "NO",
            "UA",
            "NO-UA",
            "SE-FI",
            "AZ-ZA",
            "NOK",
            "EUR",
            "EU",
            "NATO",
            "OSCE",
            "G7",
            "EU-2",
            "A",
            "2022",
            "2022-01",
            "2022-01-15",
            "0000",
            "nb",
            "en",
            "nb-NO",
            "zh-Hant-TW",
            "sgn-BE-FR",
            "abcdefghi",
            "abc-nyheter-2022-01-15",
            "jonas-gahr-store",
            "a",
            "a1-b2-c3",
            "https://example.org/",
            "http://x",
            "https://www.regjeringen.no/no/aktuelt/id2900000/?x=1#y",
            "https://web.archive.org/web/20220101000000/https://example.org/a",
        ];
        let mut strings: Vec<String> = [
            "",
            "-",
            "--",
            "a-",
            "-a",
            "a--b",
            "NO-",
            "N0",
            "no",
            "NO\n",
            "\nNO",
            "NO-UA\n",
            "2022-01-15\n",
            "2022-1-15",
            "20220",
            "Øst-Agder",
            "brønnøysund",
            "ÅL",
            "https://",
            "https:// x",
            "https://a b",
            "https://a\u{a0}b",
            "https://a\u{2003}b",
            "https://a\u{85}b",
            "https://a\u{feff}b",
            "https://a\u{200b}b",
            "https://a\n",
            "https://ö.example/ä",
            "ftp://example.org",
            "HTTPS://example.org",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        strings.extend(seeds.iter().map(|s| s.to_string()));
        strings.push("a".repeat(10_000));
        strings.push("A".repeat(10_001));
        strings.push(format!("https://example.org/{}", "x".repeat(20_000)));
        strings.push(format!("https://example.org/{} ", "x".repeat(20_000)));
        strings.push(vec!["ab"; 2_000].join("-"));
        strings.push(format!("{}-", vec!["ab"; 2_000].join("-")));

        let alphabet = alphabet(patterns);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        // Random strings over the alphabet.
        for _ in 0..3_000 {
            let length = rng.below(14);
            strings.push((0..length).map(|_| rng.pick(&alphabet)).collect());
        }
        // Near misses: a plausible value with one to three edits.
        for _ in 0..4_000 {
            let mut chars: Vec<char> = rng.pick(&seeds).chars().collect();
            let own = chars.clone();
            for _ in 0..=rng.below(3) {
                let at = rng.below(chars.len() + 1);
                // Two new characters in three are like the value's own, which keeps many edits valid.
                let like = |c: char, rng: &mut Rng| {
                    let range = match c {
                        '0'..='9' => '0'..='9',
                        'A'..='Z' => 'A'..='Z',
                        'a'..='z' => 'a'..='z',
                        _ => return c,
                    };
                    range.clone().nth(rng.below(range.count())).unwrap_or(c)
                };
                let new = match rng.below(3) {
                    0 => rng.pick(&alphabet),
                    1 => rng.pick(&own),
                    _ => {
                        let near = chars.get(at).copied().unwrap_or('a');
                        like(near, &mut rng)
                    }
                };
                match rng.below(3) {
                    0 => chars.insert(at, new),
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ if at < chars.len() => chars[at] = new,
                    _ => chars.push(new),
                }
            }
            strings.push(chars.into_iter().collect());
        }
        // Two values run together.
        for _ in 0..500 {
            strings.push(format!(
                "{}{}{}",
                rng.pick(&seeds),
                rng.pick(&["", "-", " ", "\n"]),
                rng.pick(&seeds)
            ));
        }
        strings
    }

    /// A string as a failure message shows it: escaped, and cut when long.
    fn shown(text: &str) -> String {
        match text.char_indices().nth(80) {
            Some((end, _)) => format!("{:?}… ({} bytes)", &text[..end], text.len()),
            None => format!("{text:?}"),
        }
    }

    fn assert_agrees(pattern: &str, matcher: &PatternMatcher, corpus: &[String]) -> usize {
        let regex = reference_regex(pattern);
        let validator = reference_validator(pattern);
        let mut matches = 0;
        for text in corpus {
            let expected = regex.is_match(text);
            assert_eq!(
                matcher.is_match(text),
                expected,
                "pattern {pattern:?} on {}",
                shown(text)
            );
            assert_eq!(
                validator.is_valid(&Value::from(text.as_str())),
                expected,
                "jsonschema and regex disagree: {pattern:?} on {}",
                shown(text)
            );
            matches += usize::from(expected);
        }
        matches
    }

    #[test]
    fn every_builtin_pattern_matches_as_jsonschema_does() {
        let patterns = builtin_patterns();
        let corpus = corpus(&patterns);
        for pattern in &patterns {
            let matcher = PatternMatcher::new(pattern).expect("builds");
            let matches = assert_agrees(pattern, &matcher, &corpus);
            // The corpus must exercise both answers for the comparison to mean anything.
            assert!(matches >= 40, "{pattern:?} matched only {matches} strings");
            assert!(matches < corpus.len() / 2, "{pattern:?} matched {matches} strings");
        }
    }

    #[test]
    fn a_pattern_past_the_dfa_limit_falls_back_to_regex() {
        let patterns = builtin_patterns();
        let corpus = corpus(&patterns);
        for pattern in &patterns {
            let matcher = PatternMatcher::with_dfa_limit(pattern, 0).expect("builds");
            assert!(!matcher.is_table(), "{pattern:?}");
            assert_agrees(pattern, &matcher, &corpus);
        }
        // Too many states for the table, not for the DFA.
        let large = PatternMatcher::new(r"^[a-z]{2,3}(-[a-zA-Z0-9]{1,8}){0,1000}$").expect("builds");
        assert!(!large.is_table());
        assert!(large.is_match("nb-NO") && !large.is_match("nb-"));
    }

    /// A pattern that lost its table would still be right, only slower: say so.
    #[test]
    fn every_builtin_pattern_gets_a_table() {
        for pattern in builtin_patterns() {
            assert!(PatternMatcher::new(&pattern).expect("builds").is_table(), "{pattern:?}");
        }
    }

    #[test]
    fn unanchored_and_other_patterns_agree_too() {
        let patterns: Vec<String> = [
            "a",
            "b$",
            "^a|b$",
            r"\d{3}",
            r"^\S*$",
            r"\s",
            "(?i)k",
            "^$",
            "",
            "x*",
            r"^[^\s]{2,}\.[a-z]+$",
            "é+",
            r"^\p{Lu}",
            ".",
            "^.$",
            r"\bNO\b",
            r"^(a|ab)(c|bcd)$",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = corpus(&patterns);
        for pattern in &patterns {
            assert_agrees(pattern, &PatternMatcher::new(pattern).expect("builds"), &corpus);
        }
        // The lazy DFA does not build a Unicode word boundary: `regex` matches it.
        assert!(!PatternMatcher::new(r"\bNO\b").expect("builds").is_table());
    }

    #[test]
    fn non_strings_pass() {
        let options = || {
            jsonschema::draft202012::options()
                .with_pattern_options(jsonschema::PatternOptions::regex())
                .with_keyword("pattern", keyword_factory())
        };
        let validator = options()
            .build(&serde_json::json!({ "pattern": "^a$" }))
            .expect("compiles");
        for value in [
            serde_json::json!(1),
            serde_json::json!(null),
            serde_json::json!([]),
            serde_json::json!({}),
        ] {
            assert!(validator.is_valid(&value), "{value}");
        }
        assert!(validator.is_valid(&serde_json::json!("a")));
        assert!(!validator.is_valid(&serde_json::json!("b")));
        assert!(options().build(&serde_json::json!({ "pattern": 1 })).is_err());
        assert!(options().build(&serde_json::json!({ "pattern": "(" })).is_err());
    }
}
