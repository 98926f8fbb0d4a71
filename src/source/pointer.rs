//! RFC 6901 JSON Pointers: the common language between the parser, the schema validator, the rules and
//! every output format.

/// Appends one reference token to `pointer`, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(token);
        return;
    }
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(ch),
        }
    }
}

/// Appends an array index to `pointer`.
pub fn push_index(pointer: &mut String, index: usize) {
    pointer.push('/');
    pointer.push_str(itoa::Buffer::new().format(index));
}

/// `pointer` extended by one key.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push_token(&mut out, token);
    out
}

/// `pointer` extended by one array index.
pub fn index(pointer: &str, index: usize) -> String {
    let mut out = String::with_capacity(pointer.len() + 4);
    out.push_str(pointer);
    push_index(&mut out, index);
    out
}

/// Splits a pointer into its unescaped reference tokens. `None` when the pointer is not well formed
/// (it must be empty or start with `/`, and `~` must be followed by `0` or `1`).
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape).collect()
}

fn unescape(token: &str) -> Option<String> {
    if !token.contains('~') {
        return Some(token.to_owned());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(ch) = chars.next() {
        if ch == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(ch);
        }
    }
    Some(out)
}

/// The array index a token denotes under RFC 6901: decimal digits without a leading zero.
pub fn array_index(token: &str) -> Option<usize> {
    let leading_zero = token.len() > 1 && token.starts_with('0');
    if token.is_empty() || leading_zero || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// The last token of a pointer, unescaped (`None` for the root).
pub fn last_token(pointer: &str) -> Option<String> {
    let (_, last) = pointer.rsplit_once('/')?;
    unescape(last)
}

/// The pointer of the parent value (`None` for the root).
pub fn parent(pointer: &str) -> Option<&str> {
    pointer.rsplit_once('/').map(|(parent, _)| parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_round_trip() {
        let mut p = String::new();
        push_token(&mut p, "a/b");
        push_token(&mut p, "c~d");
        push_token(&mut p, "");
        push_index(&mut p, 3);
        assert_eq!(p, "/a~1b/c~0d//3");
        assert_eq!(tokens(&p).unwrap(), vec!["a/b", "c~d", "", "3"]);
    }

    #[test]
    fn rejects_malformed_pointers() {
        assert_eq!(tokens("a"), None);
        assert_eq!(tokens("/~2"), None);
        assert_eq!(tokens("/~"), None);
        assert_eq!(tokens(""), Some(vec![]));
        assert_eq!(tokens("/"), Some(vec![String::new()]));
    }

    #[test]
    fn array_indices_follow_rfc_6901() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("12"), Some(12));
        assert_eq!(array_index("01"), None);
        assert_eq!(array_index("-"), None);
        assert_eq!(array_index(""), None);
    }

    #[test]
    fn parent_and_last_token() {
        assert_eq!(parent("/events/3/date"), Some("/events/3"));
        assert_eq!(parent(""), None);
        assert_eq!(last_token("/a/b~1c").as_deref(), Some("b/c"));
        assert_eq!(last_token(""), None);
    }
}
