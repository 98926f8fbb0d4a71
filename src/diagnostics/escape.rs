//! Data strings end up in terminals, CI logs and SARIF viewers. Anything that could change how the
//! surrounding text reads (control characters, ANSI escapes, bidirectional overrides, invisible
//! characters) is shown as a visible `\u{…}` escape instead.

use std::borrow::Cow;

/// Characters that must never reach the output raw.
pub fn is_unsafe(ch: char) -> bool {
    // Most text is ASCII: decide it without the table lookups below.
    if ch.is_ascii() {
        return ch.is_ascii_control();
    }
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

/// Replaces `text` by `escape(text)` when that changes it.
pub fn in_place(text: &mut String, escape: impl for<'t> Fn(&'t str) -> Cow<'t, str>) {
    if let Cow::Owned(escaped) = escape(text) {
        *text = escaped;
    }
}

/// `visible`, except that line breaks (`\n`) are kept: for multi-line notes and help, where a line
/// break is layout rather than data.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|ch| is_unsafe(ch) && ch != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&visible(line));
    }
    Cow::Owned(out)
}

/// `text` with every unsafe character replaced by a visible character of the same UTF-8 length, so
/// byte offsets computed on the original text stay valid in the copy shown in snippets. Line breaks
/// (`\n`, and `\r` directly before one) and tabs are kept; a carriage return anywhere else would move
/// the terminal's cursor back over the line, so it is replaced like any other control character.
pub fn same_length_visible(text: &str) -> Cow<'_, str> {
    let kept = |ch: char, next: Option<char>| matches!(ch, '\n' | '\t') || (ch == '\r' && next == Some('\n'));
    let mut chars = text.chars().peekable();
    let mut clean = true;
    while let Some(ch) = chars.next() {
        if is_unsafe(ch) && !kept(ch, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if !is_unsafe(ch) || kept(ch, chars.peek().copied()) {
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

    #[test]
    fn visible_lines_keeps_line_breaks_only() {
        assert_eq!(visible_lines("a\nb"), "a\nb");
        assert_eq!(
            visible_lines("a\r\n\u{1b}[1m\u{202E}"),
            "a\\u{000D}\n\\u{001B}[1m\\u{202E}"
        );
    }

    #[test]
    fn only_a_carriage_return_that_ends_a_line_is_kept() {
        assert_eq!(same_length_visible("a\r\nb\tc"), "a\r\nb\tc");
        assert_eq!(same_length_visible("a\rb\r"), "a?b?");
        assert_eq!(same_length_visible("x\u{0}\u{7f}"), "x??");
    }
}
