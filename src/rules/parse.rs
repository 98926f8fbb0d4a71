//! Findings of the parser itself: text that is not JSON, keys given twice, bytes that are not UTF-8.

use super::{Fixable, Group, Level, Rule};
use crate::diagnostics::Diagnostic;
use crate::source::json::{DuplicateKey, SyntaxError};
use crate::source::EncodingError;

pub static INVALID_JSON: Rule = Rule {
    code: "R001",
    name: "invalid-json",
    group: Group::Parse,
    level: Level::Error,
    fix: Fixable::None,
    summary: "the file is not valid JSON (RFC 8259)",
    why: "A file that does not parse cannot be checked at all: no other rule runs on it. Missing or trailing commas, unclosed brackets or strings, single quotes, comments and leading zeros in numbers are the usual causes.",
    example: "{ \"id\": \"NO-UA\", }",
    instead: "Fix the text at the marked position: here, remove the comma after the last member: `{ \"id\": \"NO-UA\" }`.",
};

pub static DUPLICATE_KEY: Rule = Rule {
    code: "R002",
    name: "duplicate-key",
    group: Group::Parse,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an object contains the same member name twice",
    why: "RFC 8259 leaves the meaning of repeated names undefined; most parsers (serde_json, JSON.parse, Python's json) silently keep the last value, so the first is lost without a word.",
    example: "{ \"date\": \"2022-01-15\", \"summary\": \"…\", \"date\": \"2022-01-16\" }",
    instead: "Keep one of the two members, with the right value.",
};

pub static INVALID_ENCODING: Rule = Rule {
    code: "R003",
    name: "invalid-encoding",
    group: Group::Parse,
    level: Level::Error,
    fix: Fixable::None,
    summary: "the file is not UTF-8, or starts with a byte-order mark",
    why: "JSON exchanged between systems must be UTF-8 without a byte-order mark (RFC 8259 §8.1). A Latin-1 or UTF-16 file turns `Støre` into garbage for every other tool.",
    example: "(a file saved as Latin-1, where `ø` is the single byte 0xF8)",
    instead: "Save the file as UTF-8 without a byte-order mark (in most editors: \"Save with encoding\" → UTF-8).",
};

pub fn syntax(file: usize, error: SyntaxError) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(&INVALID_JSON, file, "", error.message).primary(Some(error.span), error.label);
    if let Some((span, label)) = error.related {
        diagnostic = diagnostic.secondary(Some(span), label);
    }
    match error.help {
        Some(help) => diagnostic.help(help),
        None => diagnostic,
    }
}

pub fn duplicate_key(file: usize, duplicate: &DuplicateKey) -> Diagnostic {
    let name = super::quote(&duplicate.name);
    let pointer = crate::source::pointer::child(&duplicate.object, &duplicate.name);
    Diagnostic::new(&DUPLICATE_KEY, file, pointer, format!("duplicate key {name}"))
        .primary(Some(duplicate.second), "defined again here")
        .secondary(Some(duplicate.first), "first defined here")
        .note("JSON parsers silently keep only the last value, so the first one is lost")
        .help(format!("remove one of the two {name} members"))
}

pub fn encoding(file: usize, error: &EncodingError) -> Diagnostic {
    Diagnostic::new(&INVALID_ENCODING, file, "", error.message.clone())
        .primary(Some(error.span), error.label.clone())
        .help(error.help.clone())
}
