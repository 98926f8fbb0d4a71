//! Bytes → text → spans: reading a file, checking its encoding, parsing it with a span for every value.

pub mod json;
pub mod lines;
pub mod pointer;

pub use json::{Document, Limits, Span, SyntaxError};

/// A file as shown in diagnostics: its path as the user should read it, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the directory relcheck runs in where possible, always with `/` separators.
    pub path: String,
    /// The text; invalid UTF-8 sequences are replaced with U+FFFD, which only happens in files that
    /// also carry an `invalid-encoding` finding at the first bad byte.
    pub text: String,
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

pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let error = EncodingError {
            message: "the file is UTF-16 encoded; JSON files must be UTF-8".into(),
            span: Span::new(0, 2),
            label: "UTF-16 byte-order mark".into(),
            help: "save the file as UTF-8 without a byte-order mark".into(),
            recoverable: false,
        };
        return Decoded {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            json_start: 0,
            error: Some(error),
        };
    }
    match String::from_utf8(bytes) {
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
            Decoded {
                text: String::from_utf8_lossy(&bytes).into_owned(),
                json_start: 0,
                error: Some(EncodingError {
                    message: format!(
                        "the file is not valid UTF-8: invalid byte sequence {} at byte {at}",
                        shown.join(" ")
                    ),
                    span: Span::new(at, at + len),
                    label: "not UTF-8".into(),
                    help: "save the file as UTF-8 (it may be in Latin-1 or Windows-1252)".into(),
                    recoverable: false,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_at_the_first_bad_byte() {
        let decoded = decode(b"{\"a\": \"St\xF8re\"}".to_vec());
        let error = decoded.error.unwrap();
        assert_eq!(error.span, Span::new(9, 10));
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
    fn utf16_is_refused() {
        let decoded = decode(b"\xFF\xFE{\x00}\x00".to_vec());
        assert!(!decoded.error.unwrap().recoverable);
    }
}
