//! Style: text and references that are correct but harder to use than they should be.

pub mod language_tag_case;
pub mod missing_published_date;
pub mod missing_publisher;
pub mod quoted_quote;
pub mod special_space;
pub mod tracking_parameters;
pub mod unsorted_entities;
pub mod whitespace;

use ahash::AHashSet as HashSet;
use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::model::relation::{Reference, Relation};
pub(crate) use crate::rules::reference_name;
use crate::rules::{FileContext, Group};
use crate::source::Span;

/// Runs the style rules on a relation file.
pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&whitespace::RULE) {
        whitespace::check(context, out);
    }
    if context.runs(&language_tag_case::RULE) {
        language_tag_case::check(context, relation, out);
    }
    if context.runs(&tracking_parameters::RULE) {
        tracking_parameters::check(context, relation, out);
    }
    if context.runs(&missing_publisher::RULE) {
        missing_publisher::check(context, relation, out);
    }
    if context.runs(&missing_published_date::RULE) {
        missing_published_date::check(context, relation, out);
    }
    if context.runs(&quoted_quote::RULE) {
        quoted_quote::check(context, relation, out);
    }
    if context.runs(&special_space::RULE) {
        special_space::check(context, out);
    }
}

/// The pointers of the values the schema already reported (a pattern or an enum they fail): a style
/// finding on the same value would only repeat it.
fn reported_by_schema(out: &[Diagnostic]) -> HashSet<String> {
    out.iter()
        .filter(|d| d.rule.group == Group::Schema)
        .map(|d| d.pointer.clone())
        .collect()
}

/// The references that are objects (anything else is the schema's finding) and have none of `keys`.
fn references_without<'r, 'v>(
    relation: &'r Relation<'v>,
    keys: &'r [&str],
) -> impl Iterator<Item = &'r Reference<'v>> + 'r {
    relation.references.iter().filter(move |reference| {
        reference.value.is_object() && keys.iter().all(|key| reference.value.get(key).is_none())
    })
}

/// Where to point for a whole reference: its id, else the reference itself.
fn reference_anchor(context: &FileContext, reference: &Reference) -> Option<Span> {
    match &reference.id {
        Some(id) => context.value_span(&id.pointer()),
        None => context.value_anchor(&reference.pointer),
    }
}

/// The span in the file of the characters `chars` (character indexes) of the string `value` at
/// `pointer`. JSON escapes (`\"`, `\u00A0`) are decoded to find them; when the raw text does not
/// decode to `value`, the whole value is returned instead of a guess.
fn chars_span(context: &FileContext, pointer: &str, value: &str, chars: Range<usize>) -> Option<Span> {
    let whole = context.value_span(pointer)?;
    Some(narrow(context.text, whole, value, chars).unwrap_or(whole))
}

fn narrow(text: &str, whole: Span, value: &str, chars: Range<usize>) -> Option<Span> {
    let positions = raw_positions(text.get(whole.range())?, value)?;
    let first = positions.get(chars.start)?;
    let last = positions.get(chars.end.checked_sub(1)?)?;
    Some(Span::new(whole.start + first.start, whole.start + last.end))
}

/// For each character of the decoded string, the byte range of its raw form in `raw` (a JSON string
/// literal with its quotes). `None` when `raw` does not decode to `value`.
fn raw_positions(raw: &str, value: &str) -> Option<Vec<Range<usize>>> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let mut positions = Vec::with_capacity(value.len());
    let mut decoded = value.chars();
    let mut at = 0;
    while at < inner.len() {
        let rest = &inner[at..];
        let (ch, len) = if let Some(escape) = rest.strip_prefix('\\') {
            match escape.chars().next()? {
                'u' => {
                    let high = u32::from_str_radix(escape.get(1..5)?, 16).ok()?;
                    if (0xD800..0xDC00).contains(&high) {
                        let low = escape.get(5..11)?.strip_prefix("\\u")?;
                        let low = u32::from_str_radix(low, 16).ok()?;
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?);
                        (char::from_u32(code)?, 12)
                    } else {
                        (char::from_u32(high)?, 6)
                    }
                }
                'n' => ('\n', 2),
                't' => ('\t', 2),
                'r' => ('\r', 2),
                'b' => ('\u{8}', 2),
                'f' => ('\u{C}', 2),
                other => (other, 2),
            }
        } else {
            let ch = rest.chars().next()?;
            (ch, ch.len_utf8())
        };
        if decoded.next() != Some(ch) {
            return None;
        }
        // +1: `inner` starts after the opening quote.
        positions.push(at + 1..at + 1 + len);
        at += len;
    }
    decoded.next().is_none().then_some(positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_positions_follow_escapes() {
        let positions = raw_positions(r#""a\"b\u00A0c""#, "a\"b\u{A0}c").unwrap();
        assert_eq!(positions, vec![1..2, 2..4, 4..5, 5..11, 11..12]);
        let positions = raw_positions(r#""\ud83d\ude00é""#, "😀é").unwrap();
        assert_eq!(positions, vec![1..13, 13..15]);
        assert_eq!(raw_positions(r#""abc""#, "abd"), None);
        assert_eq!(raw_positions(r#""ab""#, "abc"), None);
    }
}
