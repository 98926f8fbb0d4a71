//! A quote's text is wrapped in its own quotation marks.

use serde_json::Value;

use super::{chars_span, reported_by_schema};
use crate::diagnostics::fix::{Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::model::relation::{ClaimKind, Relation};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R606",
    name: "quoted-quote",
    group: Group::Style,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "a quote's text is wrapped in its own quotation marks",
    why: "A quote's `text` holds the quoted words only, \"without the surrounding quotation marks\" (the schema's description of the field); whoever shows them adds quotation marks in the reader's language and style (“…”, «…», „…“). Marks stored in the data are shown twice, and make the same words compare unequal to a quote stored without them.",
    example: "\"text\": \"“we need to be more alert”\"",
    instead: "`\"text\": \"we need to be more alert\"`",
};

/// Opening and closing marks that wrap a quotation in some language.
const PAIRS: &[(char, char)] = &[
    ('"', '"'),
    ('\'', '\''),
    ('“', '”'),
    ('„', '“'),
    ('„', '”'),
    ('”', '”'),
    ('«', '»'),
    ('»', '«'),
    ('‘', '’'),
    ('’', '’'),
];

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let reported = reported_by_schema(out);
    let mut found = Vec::new();
    for claim in relation.claims.iter().filter(|c| c.kind == ClaimKind::Quote) {
        let Some(text) = claim.value.get("text").and_then(Value::as_str) else {
            continue;
        };
        let Some(inner) = unwrapped(text) else { continue };
        let at = pointer::child(&claim.pointer, "text");
        if !reported.contains(at.as_str()) {
            found.push((claim.name, at, text, inner));
        }
    }
    for (speaker, at, text, inner) in found {
        let last = text.chars().count() - 1;
        let whose = speaker.map_or("a quote".into(), |s| format!("the quote by {}", quote(s)));
        let (open, close) = (text.chars().next().unwrap_or('"'), text.chars().last().unwrap_or('"'));
        let (opening, closing) = (
            chars_span(context, &at, text, 0..1),
            chars_span(context, &at, text, last..last + 1),
        );
        // Safe: the marks are presentation, the words stay as they are.
        let marks: Vec<Edit> = opening
            .zip(closing)
            .map_or(Vec::new(), |(a, b)| vec![Edit::delete(a), Edit::delete(b)]);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &at,
                    format!("the text of {whose} is wrapped in its own quotation marks {open}…{close}"),
                )
                .primary(opening, "opening quotation mark")
                .secondary(closing, "closing quotation mark")
                .note("`text` holds the quoted words only; quotation marks are added when the quote is shown")
                .help(format!("write the text without them: {}", quote(inner)))
                .fix(Fix::safe(format!("remove the quotation marks {open}…{close}"), marks)),
        );
    }
}

/// The text inside the marks when `text` is certainly wrapped in one pair of quotation marks: it
/// starts and ends with the marks of a pair, and the marks do not occur inside (where they could
/// close and reopen inner quotations, as in `"a" and "b"`), apostrophes between letters aside.
fn unwrapped(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let last = text.chars().next_back()?;
    if text.chars().count() < 3 || !PAIRS.contains(&(first, last)) {
        return None;
    }
    let inner = &text[first.len_utf8()..text.len() - last.len_utf8()];
    let chars: Vec<char> = inner.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        if ch != first && ch != last {
            continue;
        }
        let between_letters =
            i > 0 && i + 1 < chars.len() && chars[i - 1].is_alphanumeric() && chars[i + 1].is_alphanumeric();
        if !(matches!(ch, '\'' | '’') && between_letters) {
            return None;
        }
    }
    if inner.trim().is_empty() {
        return None;
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::unwrapped;

    #[test]
    fn finds_wrapping_pairs() {
        assert_eq!(
            unwrapped("“we need to be more alert”"),
            Some("we need to be more alert")
        );
        assert_eq!(unwrapped("\"possible to reach out\""), Some("possible to reach out"));
        assert_eq!(unwrapped("«Vi må være mer våkne»"), Some("Vi må være mer våkne"));
        assert_eq!(unwrapped("„Wir stehen zusammen“"), Some("Wir stehen zusammen"));
        assert_eq!(unwrapped("‘We don’t give up’"), Some("We don’t give up"));
    }

    #[test]
    fn leaves_inner_quotations_and_plain_text_alone() {
        assert_eq!(unwrapped("\"Yes\" and \"no\""), None);
        assert_eq!(unwrapped("we need to be more alert"), None);
        assert_eq!(unwrapped("“unbalanced"), None);
        assert_eq!(unwrapped("'rock 'n' roll'"), None);
        assert_eq!(unwrapped("\"\""), None);
        assert_eq!(unwrapped("\" \""), None);
        assert_eq!(unwrapped("”mismatched“"), None);
    }
}
