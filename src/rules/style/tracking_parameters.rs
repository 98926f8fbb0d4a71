//! A URL carries tracking parameters (`utm_*`, `fbclid`, `gclid`).

use std::ops::Range;

use serde_json::Value;

use super::{chars_span, reference_name, reported_by_schema};
use crate::diagnostics::escape::visible;
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::Text;
use crate::rules::{FileContext, Fixable, Group, Level, Rule, UrlName};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R603",
    name: "tracking-parameters",
    group: Group::Style,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "a URL carries tracking parameters (`utm_*`, `fbclid`, `gclid`)",
    why: "Parameters such as `utm_source`, `fbclid`, `gclid`, `mc_eid` and `igshid` record how a reader reached a page (a newsletter, a social-media post), not which page it is. They make one source look like several URLs, hide duplicate references, and carry the tracking into every copy of the dataset.",
    example: "\"url\": \"https://www.example.no/nyheter/artikkel-123?utm_source=facebook&utm_medium=social\"",
    instead: "`\"url\": \"https://www.example.no/nyheter/artikkel-123\"`",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    let reported = reported_by_schema(out);
    let mut urls: Vec<(UrlName, &Text)> = Vec::new();
    for reference in &relation.references {
        let name = reference_name(reference);
        if let Some(url) = &reference.url {
            urls.push((UrlName::Url(name), url));
        }
        if let Some(url) = &reference.archived_url {
            urls.push((UrlName::Archived(name), url));
        }
    }
    let links = external_link_urls(&context.document.value);
    let link_pointers: Vec<String> = links.iter().map(Text::pointer).collect();
    urls.extend(links.iter().zip(&link_pointers).map(|(url, at)| (UrlName::At(at), url)));

    let mut found = Vec::new();
    for (place, url) in urls {
        // Pointers are written out only when the schema reported something to compare them with.
        if !reported.is_empty() && reported.contains(url.pointer().as_str()) {
            continue;
        }
        if let Some(tracking) = Tracking::find(url.value) {
            found.push((place, url, tracking));
        }
    }
    for (place, url, tracking) in found {
        out.push(diagnose(context, &place.to_string(), url, &tracking));
    }
}

/// The `url` of each item of `external_links`, which the model does not carry.
fn external_link_urls(root: &Value) -> Vec<Text<'_>> {
    let Some(Value::Array(links)) = root.get("external_links") else {
        return Vec::new();
    };
    let base = pointer::child("", "external_links");
    links
        .iter()
        .enumerate()
        .filter_map(|(i, link)| {
            Some(Text::new(
                link.get("url")?.as_str()?,
                pointer::child(&pointer::index(&base, i), "url"),
            ))
        })
        .collect()
}

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || matches!(name.as_str(), "fbclid" | "gclid" | "mc_eid" | "igshid")
}

/// The tracking parameters of a URL and the URL without them.
#[derive(Debug, PartialEq, Eq)]
struct Tracking {
    names: Vec<String>,
    /// Character ranges of each run of adjacent tracking parameters, for labels, with the number of
    /// parameters in the run.
    runs: Vec<(Range<usize>, usize)>,
    cleaned: String,
}

impl Tracking {
    fn find(url: &str) -> Option<Tracking> {
        // One pass rules out most addresses: the query starts at a `?` before any `#`.
        let start = match memchr::memchr2(b'?', b'#', url.as_bytes()) {
            Some(i) if url.as_bytes()[i] == b'?' => i + 1,
            _ => return None,
        };
        let end = url[start..].find('#').map_or(url.len(), |i| start + i);
        let mut names = Vec::new();
        let mut runs: Vec<(Range<usize>, usize)> = Vec::new();
        let mut kept = Vec::new();
        let mut at = start;
        let mut previous_tracked = false;
        for parameter in url[start..end].split('&') {
            let name = parameter.split('=').next().unwrap_or_default();
            let bytes = at..at + parameter.len();
            at += parameter.len() + 1;
            if !is_tracking(name) {
                if !parameter.is_empty() {
                    kept.push(parameter);
                }
                previous_tracked = false;
                continue;
            }
            names.push(name.to_owned());
            let chars = char_index(url, bytes.start)..char_index(url, bytes.end);
            match runs.last_mut() {
                Some((run, count)) if previous_tracked => {
                    run.end = chars.end;
                    *count += 1;
                }
                _ => runs.push((chars, 1)),
            }
            previous_tracked = true;
        }
        if names.is_empty() {
            return None;
        }
        let mut cleaned = url[..start - 1].to_owned();
        if !kept.is_empty() {
            cleaned.push('?');
            cleaned.push_str(&kept.join("&"));
        }
        cleaned.push_str(&url[end..]);
        Some(Tracking { names, runs, cleaned })
    }
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn diagnose(context: &FileContext, place: &str, url: &Text, tracking: &Tracking) -> Diagnostic {
    let names: Vec<String> = tracking.names.iter().map(|n| format!("`{}`", visible(n))).collect();
    let noun = if names.len() == 1 {
        "a tracking parameter"
    } else {
        "tracking parameters"
    };
    let message = format!("{place} carries {noun}: {}", names.join(", "));
    let at = url.pointer();
    let span = |run: &Range<usize>| chars_span(context, &at, url.value, run.clone());
    let label = |count: usize| {
        if count == 1 {
            "tracking parameter"
        } else {
            "tracking parameters"
        }
    };
    let (first, count) = &tracking.runs[0];
    let mut diagnostic = context
        .diagnostic(&RULE, &at, message)
        .primary(span(first), label(*count));
    for (run, count) in &tracking.runs[1..] {
        diagnostic = diagnostic.secondary(span(run), label(*count));
    }
    if at.ends_with("/archived/url") {
        diagnostic = diagnostic.note(
            "an archive address names the page as it was saved: if the cleaned address finds no snapshot, archive the clean URL and use that snapshot",
        );
    }
    let them = if names.len() == 1 { "it" } else { "them" };
    let edit = context.edits().replace_string(&at, &tracking.cleaned);
    diagnostic
        .help(format!("remove {them}: `{}`", visible(&tracking.cleaned)))
        .fix(crate::diagnostics::fix::Fix::safe(
            format!("remove {}", names.join(", ")),
            edit.into_iter().collect(),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_tracking_parameters() {
        let t = Tracking::find("https://e.no/a?id=4&utm_source=fb&utm_medium=x&p=2&fbclid=Z#top").unwrap();
        assert_eq!(t.cleaned, "https://e.no/a?id=4&p=2#top");
        assert_eq!(t.names, ["utm_source", "utm_medium", "fbclid"]);
        let url = "https://e.no/a?id=4&utm_source=fb&utm_medium=x&p=2&fbclid=Z#top";
        let text: Vec<char> = url.chars().collect();
        let first: String = text[t.runs[0].0.clone()].iter().collect();
        assert_eq!(first, "utm_source=fb&utm_medium=x");
        assert_eq!(t.runs[0].1, 2);
        let second: String = text[t.runs[1].0.clone()].iter().collect();
        assert_eq!(second, "fbclid=Z");
    }

    #[test]
    fn drops_the_question_mark_when_nothing_is_left() {
        let t = Tracking::find("https://e.no/ø?gclid=1").unwrap();
        assert_eq!(t.cleaned, "https://e.no/ø");
        assert_eq!(t.runs, [(15..22, 1)]);
    }

    #[test]
    fn ignores_clean_urls_and_fragments() {
        assert_eq!(Tracking::find("https://e.no/a?utmost=1"), None);
        assert_eq!(Tracking::find("https://e.no/a#utm_source=x"), None);
        assert_eq!(Tracking::find("https://e.no/a"), None);
    }
}
