//! A reference's title is a generic placeholder ("Page not found", "Archived copy").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{code, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::{Reference, Relation};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R408",
    name: "generic-title",
    group: Group::References,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "a reference's title is a generic placeholder (\"Page not found\", \"Archived copy\")",
    why: "Reference-filling tools copy whatever title the page had when they fetched it: an error page, a bot check, a login wall or the archive's own interface. Such a title does not identify the work, and it is often the sign that the page was gone. The list is Wikipedia's (CS1 \"generic title\" and \"archived copy as title\"), with Cloudflare's and common access-denied pages added.",
    example: "\"title\": \"Page not found\"",
    instead: "Open the source (or its archived copy) and copy its real headline: `\"title\": \"Norge gir 10 milliarder til Ukraina\"`.",
};

/// What a generic title reveals about the page it was copied from; the first kind that fits is
/// reported.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// The page was missing or gone.
    Error,
    /// A robot check, paywall or login wall stood in front of the page.
    Wall,
    /// The archive's or a parked domain's own page, not the work.
    Wrapper,
    /// A bot's placeholder for a title it could not read.
    Placeholder,
}

/// Phrases that make a title generic wherever they occur in it (CS1's `generic_titles` reject list,
/// Module:Citation/CS1/Configuration, plus a few walls), in the order their kinds are tried.
const PHRASES: &[(&str, Kind)] = &[
    ("page not found", Kind::Error),
    ("error 404", Kind::Error),
    ("error-404", Kind::Error),
    ("are you a robot", Kind::Wall),
    ("subscribe to read", Kind::Wall),
    ("log into facebook", Kind::Wall),
    ("login • instagram", Kind::Wall),
    ("hugedomains", Kind::Wrapper),
    ("website is for sale", Kind::Wrapper),
    ("internet archive wayback machine", Kind::Wrapper),
    ("webcite query result", Kind::Wrapper),
    ("wikiwix's cache", Kind::Wrapper),
    ("redirecting...", Kind::Wrapper),
    ("usurped title", Kind::Placeholder),
];

/// One pass over a title finds every phrase (twenty substring searches per title were most of
/// this rule's cost).
static PHRASE_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(PHRASES.iter().map(|(phrase, _)| phrase)).expect("fixed phrases compile"));

/// Words of which every generic title holds one (none has a `k`, the one ASCII letter a non-ASCII
/// character lower-cases to, U+212A KELVIN SIGN): a title without any is not generic, and most titles
/// are ruled out by this one search over the title as written, without lower-casing it.
const ANCHORS: &[&str] = &[
    "404",
    "found",
    "robot",
    "subscribe",
    "log",
    "hugedomains",
    "sale",
    "wayback",
    "webcite",
    "wikiwix",
    "redirect",
    "usurped",
    "moment",
    "cloudflare",
    "denied",
    "title",
    "nown",
    "copy",
];

static ANCHOR_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(ANCHORS)
        .expect("fixed anchors compile")
});

/// Whether `title` (as written) is a generic title.
fn is_generic(title: &str) -> Option<Kind> {
    if !ANCHOR_FINDER.is_match(title) {
        return None;
    }
    generic(&key(title))
}

/// CS1's generic titles and its `archived_copy` pattern; each a test on the title as [`key`] writes it.
fn generic(title: &str) -> Option<Kind> {
    let bare = title.trim_matches(|c| "([{<>}])".contains(c));
    // CS1 rejects every title that starts with `404`; a headline may start with the number (404 refugees),
    // so here the rest must read like an error page.
    let after_404 = title
        .strip_prefix("404")
        .filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()));
    let error_404 = after_404.is_some_and(|rest| {
        rest.is_empty()
            || ["not found", "error", "page", "side", "ikke funnet", "finnes ikke"]
                .into_iter()
                .any(|w| rest.contains(w))
    });
    let phrase = PHRASE_FINDER
        .find_overlapping_iter(title)
        .map(|found| PHRASES[found.pattern().as_usize()].1)
        .min();
    let exact = match title {
        "just a moment..." | "attention required! | cloudflare" | "access denied" => Some(Kind::Wall),
        "wayback machine" => Some(Kind::Wrapper),
        _ => match bare {
            "no title" | "unknown" | "archived copy" | "archive copy" => Some(Kind::Placeholder),
            _ => None,
        },
    };
    let error = error_404.then_some(Kind::Error);
    [error, phrase, exact].into_iter().flatten().min()
}

/// The title as compared: trimmed, lower case, whitespace runs as one space, `…` as `...`.
fn key(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            continue;
        }
        for ch in word.chars() {
            match ch {
                '…' => out.push_str("..."),
                _ => out.extend(ch.to_lowercase()),
            }
        }
    }
    out
}

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let Some(title) = &reference.title else { continue };
        let Some(kind) = is_generic(title.value) else {
            continue;
        };
        let note = match kind {
            Kind::Error => "this is the title of an error page: the page was probably gone when the reference was made",
            Kind::Wall => "this is the title of a robot check, paywall or login page that stood in front of the source",
            Kind::Wrapper => "this is the title of an archive's or a domain seller's own page, not of the work",
            Kind::Placeholder => "this is a placeholder that tools write when they cannot read a title",
        };
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &title.pointer(),
                    format!(
                        "{} has a generic title {}",
                        reference_name(reference),
                        quote(title.value)
                    ),
                )
                .primary(context.value_span(&title.pointer()), "not the title of the work")
                .note(note)
                .help(help(reference)),
        );
    }
}

fn help(reference: &Reference) -> String {
    match (&reference.archived_url, &reference.url) {
        (Some(archived), _) => format!(
            "open the archived copy ({}) and copy the work's real headline into `title`",
            code(archived.value)
        ),
        (None, Some(url)) => format!(
            "open {} (or an archived copy of it) and copy the work's real headline into `title`",
            code(url.value)
        ),
        (None, None) => "copy the work's real headline into `title`".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{generic, is_generic, key, PHRASES};

    #[test]
    fn knows_generic_titles() {
        for title in [
            "Page Not Found",
            "404",
            "404 – Siden finnes ikke",
            "Archived  copy",
            "[No title]",
            "Just a moment…",
            "Wayback Machine",
            "Attention Required! | Cloudflare",
        ] {
            assert!(is_generic(title).is_some(), "{title}");
        }
        for title in [
            "404 flyktninger kom til Norge",
            "Unknown soldier honoured",
            "Archived copy of the treaty",
            "Wayback Machine founder visits Oslo",
        ] {
            assert!(is_generic(title).is_none(), "{title}");
        }
    }

    /// The anchor search never rules out a generic title, in any case.
    #[test]
    fn every_generic_form_has_an_anchor() {
        let exact = [
            "just a moment...",
            "attention required! | cloudflare",
            "access denied",
            "wayback machine",
            "no title",
            "unknown",
            "archived copy",
            "archive copy",
            "404",
        ];
        let forms = PHRASES.iter().map(|(phrase, _)| *phrase).chain(exact);
        for form in forms {
            assert!(generic(&key(form)).is_some(), "{form}");
            for written in [form.to_owned(), form.to_uppercase()] {
                assert!(is_generic(&written).is_some(), "{written}");
            }
        }
    }
}
