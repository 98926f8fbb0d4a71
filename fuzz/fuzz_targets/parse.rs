//! The parser on any bytes: decoding, parsing, and locating every value it reports must never
//! panic, and every span must lie on character boundaries of the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use relcheck::source::{self, json, Limits};

fuzz_target!(|bytes: &[u8]| {
    let decoded = source::decode(bytes.to_vec());
    let text = &decoded.text;
    if let Some(error) = &decoded.error {
        assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
        if !error.recoverable {
            return;
        }
    }
    match json::parse(&text[decoded.json_start..], decoded.json_start, Limits::default()) {
        Ok(document) => {
            for duplicate in &document.duplicates {
                assert!(text.is_char_boundary(duplicate.second.start));
                assert!(document.locate(text, &duplicate.object).is_some());
            }
            for string in document.maybe_unclean_strings(text) {
                assert!(document.locate(text, &string.pointer()).is_some());
            }
        }
        Err(error) => {
            assert!(error.span.start <= error.span.end && error.span.end <= text.len());
            assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
        }
    }
});
