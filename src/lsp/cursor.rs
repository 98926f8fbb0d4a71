//! Where the cursor is in a JSON text that is being typed, and so is often not JSON: the path of
//! the member or item it is in, whether a name or a value goes there, the token under it, and
//! what its object or array already holds. One tolerant pass over the tokens, with the open
//! containers on a heap stack: no text can make it recurse, and it never fails.

use crate::source::Span;

/// One step of a path: a member name or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// What goes where the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A member name of the object at `path`.
    Key,
    /// The value at `path`.
    Value,
}

/// The token the cursor is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// With its quotes, for a string.
    pub span: Span,
    /// A string's content, decoded (`None` for a number, `true`, `false`, `null` or a typo).
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub path: Vec<Step>,
    pub place: Place,
    pub token: Option<Token>,
    /// The member names of the object (for a name), or the string items of the array (for an
    /// item), other than the token under the cursor.
    pub siblings: Vec<String>,
    /// For a name: whether a `:` follows it already.
    pub colon_follows: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Separator,
}

#[derive(Debug)]
struct Frame {
    object: bool,
    /// The current member's name, or the current item's index.
    key: Option<String>,
    index: usize,
    expect: Expect,
    /// Member names (objects) or string items (arrays) seen so far.
    seen: Vec<String>,
}

impl Frame {
    fn new(object: bool) -> Self {
        Self {
            object,
            key: None,
            index: 0,
            expect: if object { Expect::Key } else { Expect::Value },
            seen: Vec::new(),
        }
    }

    fn step(&self) -> Step {
        if self.object {
            Step::Key(self.key.clone().unwrap_or_default())
        } else {
            Step::Index(self.index)
        }
    }
}

/// The cursor at byte `offset` of `text`; `None` outside every container, or where neither a name
/// nor a value can go (between a name and its `:`, or after an item before its `,`).
pub(crate) fn at(text: &str, offset: usize) -> Option<Cursor> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut found: Option<(Cursor, usize)> = None;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let end = token_end(bytes, i);
        if found.is_none() {
            if offset <= i {
                found = Some(gap(&stack)?);
            } else if offset < end || (offset == end && open_ended(bytes, i, end)) {
                found = Some(inside(text, &stack, Span::new(i, end))?);
            }
        }
        match byte {
            b'{' | b'[' => {
                value_seen(&mut stack, None);
                stack.push(Frame::new(byte == b'{'));
            }
            b'}' | b']' => {
                if let Some((_, depth)) = &found {
                    if stack.len() == *depth {
                        break;
                    }
                }
                stack.pop();
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    if frame.object {
                        frame.key = None;
                        frame.expect = Expect::Key;
                    } else {
                        frame.index += 1;
                        frame.expect = Expect::Value;
                    }
                }
            }
            b':' => {
                if let Some(frame) = stack.last_mut().filter(|f| f.object) {
                    frame.expect = Expect::Value;
                }
            }
            b'"' => {
                let content = decode(&text[i..end]);
                match stack.last_mut() {
                    Some(frame) if frame.object && frame.expect == Expect::Key => {
                        frame.seen.push(content.clone());
                        frame.key = Some(content);
                        frame.expect = Expect::Colon;
                    }
                    _ => value_seen(&mut stack, Some(content)),
                }
            }
            _ => value_seen(&mut stack, None),
        }
        i = end;
    }
    let (mut cursor, depth) = match found {
        Some(found) => found,
        None => gap(&stack)?,
    };
    // The names or items after the cursor, up to the end of its container.
    let container = stack.get(depth.wrapping_sub(1));
    let listed = |frame: &&Frame| frame.object == (cursor.place == Place::Key);
    if let Some(frame) = container.filter(listed) {
        let own = cursor.token.as_ref().and_then(|t| t.text.clone());
        let mut siblings = frame.seen.clone();
        if let Some(own) = own {
            if let Some(at) = siblings.iter().position(|s| *s == own) {
                siblings.remove(at);
            }
        }
        cursor.siblings = siblings;
    }
    Some(cursor)
}

/// The cursor between tokens: what the innermost container expects next.
fn gap(stack: &[Frame]) -> Option<(Cursor, usize)> {
    let frame = stack.last()?;
    let place = match (frame.object, frame.expect) {
        (true, Expect::Key | Expect::Separator) => Place::Key,
        (_, Expect::Value) => Place::Value,
        _ => return None,
    };
    Some((cursor(stack, place, None), stack.len()))
}

/// The cursor inside the token at `span`.
fn inside(text: &str, stack: &[Frame], span: Span) -> Option<(Cursor, usize)> {
    let frame = stack.last()?;
    let token_text = &text[span.range()];
    let string = token_text.starts_with('"');
    if !string && !token_text.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let token = Token {
        span,
        text: string.then(|| decode(token_text)),
    };
    let place = match (frame.object, frame.expect) {
        (true, Expect::Key) if string => Place::Key,
        (_, Expect::Value) => Place::Value,
        _ => return None,
    };
    let mut found = cursor(stack, place, Some(token));
    if place == Place::Key {
        let rest = text[span.end..].trim_start();
        found.colon_follows = rest.starts_with(':');
    }
    Some((found, stack.len()))
}

fn cursor(stack: &[Frame], place: Place, token: Option<Token>) -> Cursor {
    let outer = stack.len().saturating_sub(1);
    let mut path: Vec<Step> = stack[..outer].iter().map(Frame::step).collect();
    if place == Place::Value {
        if let Some(frame) = stack.last() {
            path.push(frame.step());
        }
    }
    Cursor {
        path,
        place,
        token,
        siblings: Vec::new(),
        colon_follows: false,
    }
}

/// A value was read in the innermost container (a string's content for arrays' `seen`).
fn value_seen(stack: &mut [Frame], string: Option<String>) {
    if let Some(frame) = stack.last_mut() {
        if !frame.object {
            frame.seen.extend(string);
        }
        frame.expect = Expect::Separator;
    }
}

/// Where the token starting at `start` ends: after a string's closing quote (or at the end of its
/// line, when it has none), after one structural character, or after a run of other characters.
fn token_end(bytes: &[u8], start: usize) -> usize {
    match bytes[start] {
        b'"' => {
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    b'\n' | b'\r' => return i,
                    _ => i += 1,
                }
            }
            bytes.len()
        }
        b'{' | b'}' | b'[' | b']' | b',' | b':' => start + 1,
        _ => {
            let mut i = start + 1;
            while i < bytes.len()
                && !matches!(bytes[i], b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            i
        }
    }
    .min(bytes.len())
}

/// Whether the cursor just after the token still extends it: a string without its closing quote,
/// or a word being typed.
fn open_ended(bytes: &[u8], start: usize, end: usize) -> bool {
    match bytes[start] {
        b'"' => end == start + 1 || bytes[end - 1] != b'"' || is_escaped(bytes, start, end - 1),
        b'{' | b'}' | b'[' | b']' | b',' | b':' => false,
        _ => true,
    }
}

/// Whether the quote at `quote` is escaped (preceded by an odd number of backslashes).
fn is_escaped(bytes: &[u8], start: usize, quote: usize) -> bool {
    let backslashes = bytes[start + 1..quote]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

/// A string token's content: decoded as JSON when it is a whole string, else as written.
fn decode(token: &str) -> String {
    if let Ok(decoded) = serde_json::from_str::<String>(token) {
        return decoded;
    }
    let inner = token.strip_prefix('"').unwrap_or(token);
    serde_json::from_str::<String>(&format!("\"{inner}\"")).unwrap_or_else(|_| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor where `|` is.
    fn at_bar(marked: &str) -> Option<Cursor> {
        let offset = marked.find('|').unwrap();
        let text = marked.replacen('|', "", 1);
        at(&text, offset)
    }

    fn keys(path: &[Step]) -> String {
        path.iter()
            .map(|s| match s {
                Step::Key(k) => format!("/{k}"),
                Step::Index(i) => format!("/{i}"),
            })
            .collect()
    }

    #[test]
    fn a_value_in_an_array_of_an_unfinished_document() {
        let text = "{\"events\": [{\"id\": \"a\", \"cite\": [\"x\", \"ab";
        let cursor = at(text, text.len()).unwrap();
        assert_eq!(keys(&cursor.path), "/events/0/cite/1");
        assert_eq!(cursor.place, Place::Value);
        assert_eq!(cursor.siblings, vec!["x".to_string()]);
        let token = cursor.token.unwrap();
        assert_eq!(token.text.as_deref(), Some("ab"));
        assert_eq!(token.span, Span::new(text.len() - 3, text.len()));
        // In the middle of a closed string, with more items after it.
        let cursor = at_bar("[\"x\", \"a|b\", \"y\"]").unwrap();
        assert_eq!(cursor.token.unwrap().span, Span::new(6, 10));
        assert_eq!(cursor.siblings, vec!["x", "y"]);
    }

    #[test]
    fn a_member_name_with_the_names_around_it() {
        let cursor = at_bar("{\"a\": 1, \"ti|\": 2, \"b\": {\"c\": 3}, \"d\": [] }").unwrap();
        assert_eq!(cursor.place, Place::Key);
        assert_eq!(keys(&cursor.path), "");
        assert_eq!(cursor.siblings, vec!["a", "b", "d"]);
        assert!(cursor.colon_follows);
        assert_eq!(cursor.token.unwrap().text.as_deref(), Some("ti"));

        let cursor = at_bar("{\"x\": {\"a\": 1,\n  |\n}, \"y\": 2}").unwrap();
        assert_eq!(cursor.place, Place::Key);
        assert_eq!(keys(&cursor.path), "/x");
        assert_eq!(cursor.siblings, vec!["a"]);
        assert_eq!(cursor.token, None);
    }

    #[test]
    fn values_after_a_colon_and_words_being_typed() {
        let cursor = at_bar("{\"kind\": |}").unwrap();
        assert_eq!((keys(&cursor.path).as_str(), cursor.place), ("/kind", Place::Value));
        let cursor = at_bar("{\"a\": [1, tr|]}").unwrap();
        assert_eq!(keys(&cursor.path), "/a/1");
        assert_eq!(cursor.token.unwrap().text, None);
        // Escaped quotes stay inside the string.
        let cursor = at_bar("{\"a\": \"x\\\"y|\"}").unwrap();
        assert_eq!(cursor.token.unwrap().text.as_deref(), Some("x\"y"));
    }

    #[test]
    fn places_where_nothing_goes() {
        assert_eq!(at_bar("|{\"a\": 1}"), None);
        assert_eq!(at_bar("{\"a\" | : 1}"), None);
        assert_eq!(at_bar("[\"a\" | \"b\"]"), None);
        assert_eq!(at_bar("{\"a\": 1}|"), None);
        assert_eq!(at_bar("|"), None);
    }

    #[test]
    fn deep_and_broken_text_is_read_without_recursion() {
        let deep = format!("{}|", "[".repeat(100_000));
        let cursor = at_bar(&deep).unwrap();
        assert_eq!(cursor.path.len(), 100_000);
        for broken in ["}}}]]]", "{\"a\" \"b\" : : , ,", "\"\\", "{\"\\u12", "{\"ø\\ø\": [ø\\"] {
            for offset in 0..=broken.len() {
                if broken.is_char_boundary(offset) {
                    let _ = at(broken, offset);
                }
            }
        }
    }
}
