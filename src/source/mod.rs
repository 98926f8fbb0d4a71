//! Bytes → text → spans: reading a file, checking its encoding, parsing it with a span for every value.

pub mod excerpt;
pub mod json;
pub mod lines;
pub mod pointer;

pub use excerpt::Excerpt;
pub use json::{Document, Limits, Span, SyntaxError};

/// A file as shown in diagnostics: its path as the user should read it, and the lines its findings
/// show.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the directory relcheck runs in where possible, always with `/` separators.
    pub path: String,
    /// Lines of the text; invalid UTF-8 sequences are replaced with U+FFFD, which only happens in
    /// files that also carry an `invalid-encoding` finding at the first bad byte.
    pub excerpt: Excerpt,
}

impl SourceFile {
    /// A file without findings: nothing of its text is kept.
    pub fn unshown(path: String) -> Self {
        Self {
            path,
            excerpt: Excerpt::default(),
        }
    }
}

/// Why the bytes of a file are not UTF-8 JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingError {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
    /// Whether parsing can go on (a UTF-8 byte-order mark is skipped; other problems stop the file).
    pub recoverable: bool,
}

/// The text of a file plus what was wrong with its encoding.
pub struct Decoded {
    pub text: String,
    /// Where the JSON text starts (after a byte-order mark).
    pub json_start: usize,
    pub error: Option<EncodingError>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a file. Byte offsets of the text equal those of the file up to the first invalid byte
/// sequence; every span in an `EncodingError` lies on character boundaries of `Decoded::text`.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // Each of the two bytes of the mark is shown as one U+FFFD; underline the first.
        let end = text.chars().next().map_or(0, char::len_utf8);
        let error = EncodingError {
            message: "the file is UTF-16 encoded; JSON files must be UTF-8".into(),
            span: Span::new(0, end),
            label: "UTF-16 byte-order mark".into(),
            help: "save the file as UTF-8 without a byte-order mark".into(),
            recoverable: false,
        };
        return Decoded {
            text,
            json_start: 0,
            error: Some(error),
        };
    }
    if let Some(error) = utf16_without_bom(&bytes) {
        return Decoded {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            json_start: 0,
            error: Some(error),
        };
    }
    // Valid text, nearly every file, is checked with simdutf8, several times faster than the
    // standard library on text with many non-ASCII letters; the standard library then explains
    // an invalid file.
    let checked = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just found `bytes` to be valid UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(_) => String::from_utf8(bytes),
    };
    match checked {
        Ok(text) if text.as_bytes().starts_with(UTF8_BOM) => Decoded {
            text,
            json_start: UTF8_BOM.len(),
            error: Some(EncodingError {
                message: "the file starts with a UTF-8 byte-order mark".into(),
                span: Span::new(0, UTF8_BOM.len()),
                label: "byte-order mark (U+FEFF)".into(),
                help: "save the file as UTF-8 without a byte-order mark (RFC 8259 §8.1)".into(),
                recoverable: true,
            }),
        },
        Ok(text) => Decoded {
            text,
            json_start: 0,
            error: None,
        },
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let len = error.utf8_error().error_len().unwrap_or(1);
            let bytes = error.into_bytes();
            let shown: Vec<String> = bytes[at..at + len].iter().map(|b| format!("0x{b:02X}")).collect();
            let truncated = error_len_is_end(&bytes, at);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // The text holds one U+FFFD where the file holds the bad sequence: the span covers it,
            // so it starts at the exact byte of the file and ends on a character boundary.
            let end = text[at..].chars().next().map_or(at, |ch| at + ch.len_utf8());
            let message = if truncated {
                format!(
                    "the file is not valid UTF-8: it ends in the middle of a character ({} at byte {at})",
                    shown.join(" ")
                )
            } else {
                format!(
                    "the file is not valid UTF-8: invalid byte sequence {} at byte {at}",
                    shown.join(" ")
                )
            };
            Decoded {
                text,
                json_start: 0,
                error: Some(EncodingError {
                    message,
                    span: Span::new(at, end),
                    label: "not UTF-8".into(),
                    help: "save the file as UTF-8 (it may be in Latin-1 or Windows-1252)".into(),
                    recoverable: false,
                }),
            }
        }
    }
}

/// Whether the invalid sequence at `at` is an incomplete character cut off by the end of the file.
fn error_len_is_end(bytes: &[u8], at: usize) -> bool {
    std::str::from_utf8(&bytes[at..])
        .err()
        .is_some_and(|e| e.error_len().is_none())
}

/// UTF-16 without a byte-order mark: JSON text starts with an ASCII character, so one of its first two
/// bytes is NUL (RFC 4627 §3 used the same test).
fn utf16_without_bom(bytes: &[u8]) -> Option<EncodingError> {
    let (big_endian, nul) = match bytes {
        [0, b, ..] if *b != 0 && b.is_ascii() => (true, 0),
        [b, 0, ..] if *b != 0 && b.is_ascii() => (false, 1),
        _ => return None,
    };
    let order = if big_endian { "big-endian" } else { "little-endian" };
    Some(EncodingError {
        message: format!(
            "the file looks UTF-16 encoded ({order}, without a byte-order mark); JSON files must be UTF-8"
        ),
        span: Span::new(nul, nul + 1),
        label: "NUL byte: the high half of a UTF-16 character".into(),
        help: "save the file as UTF-8".into(),
        recoverable: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_at_the_first_bad_byte() {
        let decoded = decode(b"{\"a\": \"St\xF8re\"}".to_vec());
        let error = decoded.error.unwrap();
        // Byte 9 of the file; the text shows U+FFFD (three bytes) there.
        assert_eq!(error.span, Span::new(9, 12));
        assert!(!error.recoverable);
        assert!(error.message.contains("0xF8 at byte 9"), "{}", error.message);
    }

    #[test]
    fn a_utf8_bom_is_reported_and_skipped() {
        let decoded = decode(b"\xEF\xBB\xBF{}".to_vec());
        assert_eq!(decoded.json_start, 3);
        assert!(decoded.error.unwrap().recoverable);
    }

    #[test]
    fn the_span_of_a_bad_byte_covers_its_replacement_character() {
        let decoded = decode(b"[\"\xF8\", 1]".to_vec());
        let error = decoded.error.unwrap();
        assert_eq!(error.span, Span::new(2, 5));
        assert_eq!(&decoded.text[error.span.range()], "\u{FFFD}");
        let decoded = decode(b"[\"\xE2\x82".to_vec());
        let error = decoded.error.unwrap();
        assert!(
            error.message.contains("ends in the middle of a character"),
            "{}",
            error.message
        );
        assert!(decoded.text.is_char_boundary(error.span.end));
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let decoded = decode(b"\x00[\x00\"\x00\xE9\x00\"\x00]".to_vec());
        let error = decoded.error.unwrap();
        assert!(error.message.contains("big-endian"), "{}", error.message);
        assert_eq!(error.span, Span::new(0, 1));
        let decoded = decode(b"[\x00\"\x00".to_vec());
        assert!(decoded.error.unwrap().message.contains("little-endian"));
        assert!(decode(b"[0]".to_vec()).error.is_none());
    }

    #[test]
    fn utf16_is_refused() {
        let decoded = decode(b"\xFF\xFE{\x00}\x00".to_vec());
        assert!(!decoded.error.unwrap().recoverable);
    }
}
