//! A reference's title is a generic placeholder ("Page not found", "Archived copy").

use super::{code, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::{Reference, Relation};
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R408",
    name: "generic-title",
    group: Group::References,
    level: Level::Warning,
    fix: Fix::None,
    summary: "a reference's title is a generic placeholder (\"Page not found\", \"Archived copy\")",
    why: "Reference-filling tools copy whatever title the page had when they fetched it: an error page, a bot check, a login wall or the archive's own interface. Such a title does not identify the work, and it is often the sign that the page was gone. The list is Wikipedia's (CS1 \"generic title\" and \"archived copy as title\"), with Cloudflare's and common access-denied pages added.",
    example: "\"title\": \"Page not found\"",
    instead: "Open the source (or its archived copy) and copy its real headline: `\"title\": \"Norge gir 10 milliarder til Ukraina\"`.",
};

/// What a generic title reveals about the page it was copied from.
#[derive(Clone, Copy)]
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

/// CS1's `generic_titles` reject list (Module:Citation/CS1/Configuration) and its `archived_copy`
/// pattern, plus a few walls; each a test on the trimmed, lower-cased title with runs of whitespace
/// made one space.
fn generic(title: &str) -> Option<Kind> {
    let contains = |needle: &str| title.contains(needle);
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
    if error_404 || contains("page not found") || contains("error 404") || contains("error-404") {
        return Some(Kind::Error);
    }
    if [
        "are you a robot",
        "subscribe to read",
        "log into facebook",
        "login • instagram",
    ]
    .into_iter()
    .any(contains)
        || ["just a moment...", "attention required! | cloudflare", "access denied"].contains(&title)
    {
        return Some(Kind::Wall);
    }
    if [
        "hugedomains",
        "website is for sale",
        "internet archive wayback machine",
        "webcite query result",
        "wikiwix's cache",
        "redirecting...",
    ]
    .into_iter()
    .any(contains)
        || title == "wayback machine"
    {
        return Some(Kind::Wrapper);
    }
    if contains("usurped title") || ["no title", "unknown", "archived copy", "archive copy"].contains(&bare) {
        return Some(Kind::Placeholder);
    }
    None
}

/// The title as compared: trimmed, lower case, whitespace runs as one space, `…` as `...`.
fn key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('…', "...")
}

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let Some(title) = &reference.title else { continue };
        let Some(kind) = generic(&key(title.value)) else {
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
                    &title.pointer,
                    format!(
                        "{} has a generic title {}",
                        reference_name(reference),
                        quote(title.value)
                    ),
                )
                .primary(context.value_span(&title.pointer), "not the title of the work")
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
    use super::{generic, key};

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
            assert!(generic(&key(title)).is_some(), "{title}");
        }
        for title in [
            "404 flyktninger kom til Norge",
            "Unknown soldier honoured",
            "Archived copy of the treaty",
            "Wayback Machine founder visits Oslo",
        ] {
            assert!(generic(&key(title)).is_none(), "{title}");
        }
    }
}
