//! A string has leading, trailing or doubled spaces, or an invisible character.

use std::ops::Range;
use std::sync::LazyLock;

use ahash::AHashSet as HashSet;
use serde_json::Value;

use super::{chars_span, reported_by_schema};
use crate::diagnostics::escape::visible;
use crate::diagnostics::fix::{Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::rules::{describe_pointer, FileContext, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R601",
    name: "whitespace",
    group: Group::Style,
    level: Level::Warning,
    fix: crate::rules::Fixable::Safe,
    summary: "a string has leading, trailing or doubled spaces, or an invisible character",
    why: "Stray spaces and invisible characters (zero-width space U+200B, word joiner U+2060, U+FEFF, soft hyphen U+00AD) usually come from copying text out of a web page. They make equal values compare unequal, so searches, duplicate checks and joins on titles and names silently miss. Wikipedia's citation templates (CS1) flag invisible characters in any parameter for the same reason.",
    example: "\"title\": \"European\\u200B countries \"",
    instead: "Remove the invisible character and the outer spaces, and write single spaces: `\"title\": \"European countries\"`.",
};

/// Longest corrected value shown in full in the help.
const SHOWN: usize = 80;

pub fn check(context: &FileContext, out: &mut Vec<Diagnostic>) {
    let reported = reported_by_schema(out);
    let mut found: Vec<(String, &str, Vec<Problem>)> = Vec::new();
    let mut seen = HashSet::new();
    // The parser lists the few strings that may have a problem; most are decided on their text.
    for string in context.document.maybe_unclean_strings(context.text) {
        if string.unescaped().is_some_and(is_clean) {
            continue;
        }
        let at = string.pointer();
        // Of two members with one name, the value holds the last: both lead to it.
        let Some(Value::String(text)) = context.document.value.pointer(&at) else {
            continue;
        };
        let problems = problems(text);
        if problems.is_empty() || reported.contains(at.as_str()) || !seen.insert(at.clone()) {
            continue;
        }
        found.push((at, text.as_str(), problems));
    }
    for (at, text, problems) in found {
        out.push(diagnose(context, &at, text, &problems));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Leading,
    Trailing,
    Doubled,
    Invisible,
}

/// One run of unwanted characters, by character index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    kind: Kind,
    chars: Range<usize>,
    found: Vec<char>,
}

/// Invisible characters that never belong in the data (ZWNJ/ZWJ are left alone: some scripts need them).
fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_space(ch: char) -> bool {
    matches!(ch, ' ' | '\u{00A0}')
}

fn is_blank(ch: char) -> bool {
    ch.is_whitespace() || is_invisible(ch)
}

/// Whether `text` has none of the problems: the common case, decided without allocating.
fn is_clean(text: &str) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return true;
    };
    if is_blank(first) || is_blank(last) {
        return false;
    }
    let bytes = text.as_bytes();
    // The vectorised searches pay for their set-up only on longer strings (titles, summaries, quotes).
    if bytes.len() >= 32 && !may_have_problem(bytes) {
        return true;
    }
    // Every character this rule looks for inside a string is a space or starts with one of these
    // bytes (U+00A0 and U+00AD: C2; U+200B and U+2060: E2; U+FEFF: EF): the rest is skipped byte by byte.
    let mut previous_space = false;
    let mut i = 0;
    while i < bytes.len() {
        if !matches!(bytes[i], b' ' | 0xC2 | 0xE2 | 0xEF) {
            previous_space = false;
            i += 1;
            continue;
        }
        let Some(ch) = text[i..].chars().next() else { break };
        let space = is_space(ch);
        if is_invisible(ch) || (space && previous_space) {
            return false;
        }
        previous_space = space;
        i += ch.len_utf8();
    }
    true
}

/// A quick test with vectorised searches (memchr), true whenever `bytes` holds two spaces in a row
/// or one of the characters this rule looks for inside a string (U+00A0, U+00AD, U+200B, U+2060,
/// U+FEFF); the exact test decides then.
fn may_have_problem(bytes: &[u8]) -> bool {
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if DOUBLE_SPACE.find(bytes).is_some() {
        return true;
    }
    let wanted = ['\u{A0}', '\u{AD}', '\u{200B}', '\u{2060}', '\u{FEFF}'];
    let mut at = 0;
    // Their first bytes: C2 (U+00A0, U+00AD), E2 (U+200B, U+2060) and EF (U+FEFF).
    while let Some(found) = memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[at..]) {
        let rest = &bytes[at + found..];
        if wanted
            .iter()
            .any(|&ch| rest.starts_with(ch.encode_utf8(&mut [0; 4]).as_bytes()))
        {
            return true;
        }
        at += found + 1;
    }
    false
}

/// The runs of unwanted characters in `text`, in order.
fn problems(text: &str) -> Vec<Problem> {
    if is_clean(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let lead = chars.iter().take_while(|&&c| is_blank(c)).count();
    let trail = if lead == chars.len() {
        0
    } else {
        chars.iter().rev().take_while(|&&c| is_blank(c)).count()
    };
    let run = |kind, range: Range<usize>| Problem {
        kind,
        found: chars[range.clone()].to_vec(),
        chars: range,
    };
    let mut problems = Vec::new();
    if lead > 0 {
        problems.push(run(Kind::Leading, 0..lead));
    }
    let end = chars.len() - trail;
    let mut i = lead;
    while i < end {
        let start = i;
        if is_invisible(chars[i]) {
            while i < end && is_invisible(chars[i]) {
                i += 1;
            }
            problems.push(run(Kind::Invisible, start..i));
        } else if is_space(chars[i]) {
            while i < end && is_space(chars[i]) {
                i += 1;
            }
            if i - start >= 2 {
                problems.push(run(Kind::Doubled, start..i));
            }
        } else {
            i += 1;
        }
    }
    if trail > 0 {
        problems.push(run(Kind::Trailing, end..chars.len()));
    }
    problems
}

/// `text` without the problems: invisible characters removed, trimmed, runs of spaces collapsed to
/// their first character.
fn cleaned(text: &str) -> String {
    let without: String = text.chars().filter(|&c| !is_invisible(c)).collect();
    let mut out = String::with_capacity(without.len());
    let mut previous_space = false;
    for ch in without.trim().chars() {
        let space = is_space(ch);
        if !(space && previous_space) {
            out.push(ch);
        }
        previous_space = space;
    }
    out
}

fn char_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        ' ' => "space",
        '\u{00A0}' => "no-break space",
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{200B}' => "zero-width space",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "zero-width no-break space",
        '\u{00AD}' => "soft hyphen",
        '\u{2009}' => "thin space",
        '\u{202F}' => "narrow no-break space",
        '\u{3000}' => "ideographic space",
        _ => return None,
    })
}

fn code(ch: char) -> String {
    format!("U+{:04X}", ch as u32)
}

/// `U+200B (zero-width space) at position 14`, `2 × U+0020 (space) at positions 7–8`. Positions count
/// characters from 1, as an editor's column does.
fn describe(problem: &Problem) -> String {
    let first = problem.chars.start + 1;
    let last = problem.chars.end;
    let place = if first == last {
        format!("at position {first}")
    } else {
        format!("at positions {first}–{last}")
    };
    let found = &problem.found;
    let named = |ch: char| match char_name(ch) {
        Some(name) => format!("{} ({name})", code(ch)),
        None => code(ch),
    };
    let what = if found.iter().all(|&c| c == found[0]) {
        if found.len() == 1 {
            named(found[0])
        } else {
            format!("{} × {}", found.len(), named(found[0]))
        }
    } else {
        let mut codes: Vec<String> = found.iter().take(4).map(|&c| code(c)).collect();
        if found.len() > 4 {
            codes.push("…".into());
        }
        codes.join(" ")
    };
    format!("{what} {place}")
}

/// `whitespace`, `an invisible character`, `whitespace and invisible characters`.
fn noun(problem: &Problem) -> &'static str {
    let invisible = problem.found.iter().filter(|&&c| is_invisible(c)).count();
    if invisible == 0 {
        "whitespace"
    } else if invisible < problem.found.len() {
        "whitespace and invisible characters"
    } else if invisible == 1 {
        "an invisible character"
    } else {
        "invisible characters"
    }
}

fn message(place: &str, problem: &Problem) -> String {
    let what = describe(problem);
    match problem.kind {
        Kind::Leading => format!("{place} starts with {}: {what}", noun(problem)),
        Kind::Trailing => format!("{place} ends with {}: {what}", noun(problem)),
        Kind::Doubled => format!("{place} has {} spaces in a row: {what}", problem.found.len()),
        Kind::Invisible => format!("{place} has {}: {what}", noun(problem)),
    }
}

fn label(problem: &Problem) -> String {
    match problem.kind {
        Kind::Leading => format!("leading {}", noun(problem)),
        Kind::Trailing => format!("trailing {}", noun(problem)),
        Kind::Doubled => format!("{} spaces", problem.found.len()),
        Kind::Invisible => {
            let codes: Vec<String> = problem.found.iter().map(|&c| code(c)).collect();
            format!("invisible {}", codes.join(" "))
        }
    }
}

fn help(text: &str, problems: &[Problem]) -> String {
    let fixed = cleaned(text);
    if fixed.is_empty() {
        return "the value is only whitespace: write the real value, or remove the field if it is optional".into();
    }
    let shown = visible(&fixed);
    if shown.chars().count() <= SHOWN {
        return format!("write `{shown}`");
    }
    let has = |kind| problems.iter().any(|p| p.kind == kind);
    let mut actions = Vec::new();
    if has(Kind::Invisible) || problems.iter().any(|p| p.found.iter().any(|&c| is_invisible(c))) {
        actions.push("remove the invisible characters");
    }
    if has(Kind::Leading) || has(Kind::Trailing) {
        actions.push("trim the spaces at the ends");
    }
    if has(Kind::Doubled) {
        actions.push("write one space where there are several");
    }
    actions.join(", ")
}

fn diagnose(context: &FileContext, at: &str, text: &str, problems: &[Problem]) -> Diagnostic {
    let place = describe_pointer(at);
    let first = &problems[0];
    let mut message = message(&place, first);
    match problems.len() {
        1 => {}
        2 => message.push_str(" (and 1 more place)"),
        n => message.push_str(&format!(" (and {} more places)", n - 1)),
    }
    let mut diagnostic = context
        .diagnostic(&RULE, at, message)
        .primary(chars_span(context, at, text, first.chars.clone()), label(first));
    for problem in &problems[1..] {
        diagnostic = diagnostic.secondary(chars_span(context, at, text, problem.chars.clone()), label(problem));
    }
    diagnostic.help(help(text, problems)).fix(fix(context, at, text))
}

/// Deletes the unwanted characters where they are written (escapes elsewhere in the string stay as
/// they are), leaving exactly what `cleaned` gives.
fn fix(context: &FileContext, at: &str, text: &str) -> Option<Fix> {
    let wanted = cleaned(text);
    if wanted.is_empty() {
        return None;
    }
    let edits = deletions(text)
        .into_iter()
        .map(|chars| chars_span(context, at, text, chars).map(Edit::delete))
        .collect::<Option<Vec<Edit>>>()?;
    Fix::safe(format!("write `{}`", shorten(&visible(&wanted))), edits)
}

/// The runs of characters (by index) to delete from `text` to make it `cleaned(text)`.
fn deletions(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let kept: Vec<usize> = (0..chars.len()).filter(|&i| !is_invisible(chars[i])).collect();
    let first = kept.iter().position(|&i| !chars[i].is_whitespace());
    let last = kept.iter().rposition(|&i| !chars[i].is_whitespace());
    let mut keep = vec![false; chars.len()];
    if let (Some(first), Some(last)) = (first, last) {
        let mut previous_space = false;
        for &i in &kept[first..=last] {
            let space = is_space(chars[i]);
            keep[i] = !(space && previous_space);
            previous_space = space;
        }
    }
    let mut runs: Vec<Range<usize>> = Vec::new();
    for i in (0..chars.len()).filter(|&i| !keep[i]) {
        match runs.last_mut() {
            Some(run) if run.end == i => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// `text` cut to `SHOWN` characters, for a fix's title.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn the_deletions_leave_exactly_the_cleaned_text() {
        for text in [
            "  a  b ",
            "a \u{200B} b",
            "\u{FEFF}x\u{A0}\u{A0}y\t",
            "a\u{00AD}b",
            "x  \u{2060} y",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let deleted: Vec<usize> = deletions(text).into_iter().flatten().collect();
            let left: String = (0..chars.len())
                .filter(|i| !deleted.contains(i))
                .map(|i| chars[i])
                .collect();
            assert_eq!(left, cleaned(text), "{text:?}");
        }
    }

    #[test]
    fn every_blank_character_starts_with_a_byte_the_parser_watches() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&ch| is_blank(ch)) {
            let first = ch.encode_utf8(&mut [0; 4]).as_bytes()[0];
            // Control characters can only be written escaped, and an escape is always listed.
            assert!(ch.is_ascii_control() || json::may_start_blank(first), "{ch:?}");
        }
    }

    #[test]
    fn the_parser_lists_every_string_with_a_problem() {
        let pieces = [
            "a", "Київ", "ø", " ", "\u{A0}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}", "\t", "\u{3000}",
            "\u{1680}", "\u{2028}", "\u{85}", "–", "’", "\u{202F}",
        ];
        // Every string of up to three pieces, written plainly and with every non-ASCII character escaped.
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(longer);
        }
        for escape in [false, true] {
            let written: Vec<String> = strings
                .iter()
                .map(|s| {
                    let json = serde_json::to_string(s).unwrap();
                    if !escape {
                        return json;
                    }
                    json.chars()
                        .map(|c| {
                            if c.is_ascii() {
                                c.to_string()
                            } else {
                                format!("\\u{:04x}", c as u32)
                            }
                        })
                        .collect()
                })
                .collect();
            let text = format!("[{}]", written.join(","));
            let document = json::parse(&text, 0, json::Limits::default()).unwrap();
            let listed: HashSet<String> = document.maybe_unclean_strings(&text).map(|s| s.pointer()).collect();
            for (i, s) in strings.iter().enumerate() {
                if !problems(s).is_empty() {
                    assert!(listed.contains(&format!("/{i}")), "{s:?} (escaped: {escape})");
                }
            }
        }
    }

    #[test]
    fn the_quick_test_never_misses_a_problem() {
        let exact = |text: &str| {
            let mut previous_space = false;
            text.chars().any(|ch| {
                let space = is_space(ch);
                let problem = is_invisible(ch) || (space && previous_space);
                previous_space = space;
                problem
            })
        };
        let filler = "Norge og Ukraina – Київ, «ø»! ";
        for len in 0..24 {
            let base: String = filler.chars().cycle().take(len).collect();
            assert!(!exact(&base) || may_have_problem(base.as_bytes()), "{base:?}");
            for at in 0..=len {
                for inserted in ["  ", "\u{A0} ", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}"] {
                    let (head, tail) = base.split_at(base.char_indices().nth(at).map_or(base.len(), |(i, _)| i));
                    let text = format!("{head}{inserted}{tail}");
                    assert!(may_have_problem(text.as_bytes()), "{text:?}");
                }
            }
        }
    }

    fn kinds(text: &str) -> Vec<(Kind, Range<usize>)> {
        problems(text).into_iter().map(|p| (p.kind, p.chars)).collect()
    }

    #[test]
    fn finds_each_kind_of_run() {
        assert_eq!(kinds("clean text, one\u{00A0}nbsp"), vec![]);
        assert_eq!(kinds(" a"), vec![(Kind::Leading, 0..1)]);
        assert_eq!(kinds("a \t"), vec![(Kind::Trailing, 1..3)]);
        assert_eq!(
            kinds("a  b\u{00A0} c"),
            vec![(Kind::Doubled, 1..3), (Kind::Doubled, 4..6)]
        );
        assert_eq!(
            kinds("Euro\u{00AD}pean\u{200B}"),
            vec![(Kind::Invisible, 4..5), (Kind::Trailing, 9..10)]
        );
        assert_eq!(kinds("   "), vec![(Kind::Leading, 0..3)]);
        assert_eq!(kinds(""), vec![]);
    }

    #[test]
    fn cleans_to_the_intended_value() {
        assert_eq!(cleaned(" European\u{200B}  countries\u{FEFF} "), "European countries");
        assert_eq!(cleaned("10\u{00A0}000"), "10\u{00A0}000");
    }

    #[test]
    fn describes_characters_by_code_point_and_position() {
        let p = &problems("ab\u{200B}c")[0];
        assert_eq!(describe(p), "U+200B (zero-width space) at position 3");
        let p = &problems("a  b")[0];
        assert_eq!(describe(p), "2 × U+0020 (space) at positions 2–3");
        let p = &problems("a \u{00A0}b")[0];
        assert_eq!(describe(p), "U+0020 U+00A0 at positions 2–3");
    }
}
