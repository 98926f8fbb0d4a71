//! Data strings end up in terminals, CI logs and SARIF viewers. Anything that could change how the
//! surrounding text reads (control characters, ANSI escapes, bidirectional overrides, invisible
//! characters) is shown as a visible `\u{…}` escape instead.

use std::borrow::Cow;

/// Characters that must never reach the output raw.
pub fn is_unsafe(ch: char) -> bool {
    ch.is_control()
        || matches!(ch,
            '\u{200B}'..='\u{200F}'   // zero-width space, joiners, LRM/RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // byte-order mark / zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
            | '\u{00AD}'              // soft hyphen
        )
}

/// `text` with every unsafe character written as `\u{XXXX}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if is_unsafe(ch) {
            out.push_str(&format!("\\u{{{:04X}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// `text` with every unsafe character replaced by a visible character of the same UTF-8 length, so
/// byte offsets computed on the original text stay valid in the copy shown in snippets.
pub fn same_length_visible(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|ch| is_unsafe(ch) && !matches!(ch, '\n' | '\r' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '\n' | '\r' | '\t') || !is_unsafe(ch) {
            out.push(ch);
            continue;
        }
        // U+FFFD is three bytes; pad shorter characters with `?` of one byte each.
        match ch.len_utf8() {
            3 => out.push('\u{FFFD}'),
            n => out.extend(std::iter::repeat_n('?', n)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi_overrides() {
        assert_eq!(visible("plain Støre Київ"), "plain Støre Київ");
        assert_eq!(visible("a\u{1b}[31mred"), "a\\u{001B}[31mred");
        assert_eq!(visible("abc\u{202E}def"), "abc\\u{202E}def");
        assert_eq!(visible("x\u{200B}y"), "x\\u{200B}y");
        assert_eq!(visible("line\nbreak"), "line\\u{000A}break");
    }

    #[test]
    fn same_length_replacement_keeps_offsets() {
        let text = "a\u{1b}b\u{202E}c\u{85}d\n";
        let shown = same_length_visible(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "a?b\u{FFFD}c??d\n");
    }
}
