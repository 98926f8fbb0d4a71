//! Web addresses as the rules read them: the parts of an http(s) URL, the form two addresses of one
//! page share, and the grammar of Wayback Machine snapshot addresses. Hand-written on purpose: the
//! rules need only the authority and a few path shapes, and must never panic on what a contributor
//! typed.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

/// An http(s) URL cut into its parts, each a slice of the original with its byte range.
#[derive(Debug, Clone)]
pub struct Url<'a> {
    pub text: &'a str,
    /// `http` or `https`, as written.
    pub scheme: &'a str,
    /// The host as written (a bracketed IPv6 literal keeps its brackets).
    pub host: &'a str,
    pub host_at: Range<usize>,
    /// The port after `:`, when there is one (possibly empty: `example.org:`).
    pub port: Option<&'a str>,
    /// Everything after the authority: path, query and fragment.
    pub rest: &'a str,
    pub rest_at: usize,
}

/// The length of `http` or `https` when `url` passes the schema's pattern `^https?://[^\s]+$`
/// (values that fail it are the schema's finding).
fn scheme_length(url: &str) -> Option<usize> {
    let scheme = if url.starts_with("https://") {
        5
    } else if url.starts_with("http://") {
        4
    } else {
        return None;
    };
    let rest = &url[scheme + 3..];
    (!rest.is_empty() && !has_whitespace(rest)).then_some(scheme)
}

/// Whether `text` has a character `char::is_whitespace` counts (as the schema's `\s` does).
fn has_whitespace(text: &str) -> bool {
    // Addresses are ASCII without spaces: one pass the compiler vectorises clears them, and only an
    // address with a byte up to space or beyond ASCII is read character by character.
    let suspect = text
        .bytes()
        .fold(false, |suspect, b| suspect | (b <= b' ') | (b >= 0x80));
    suspect && text.chars().any(char::is_whitespace)
}

/// Cuts a URL that passes the schema into its parts; `None` for anything else.
pub(crate) fn parse(url: &str) -> Option<Url<'_>> {
    let scheme_end = scheme_length(url)?;
    let authority_start = scheme_end + 3;
    let authority_end = url.as_bytes()[authority_start..]
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .map_or(url.len(), |i| authority_start + i);
    let authority = &url[authority_start..authority_end];
    // Userinfo (`user:password@`) ends at the last `@` of the authority.
    let host_start = authority
        .rfind('@')
        .map_or(authority_start, |i| authority_start + i + 1);
    let host_and_port = &url[host_start..authority_end];
    let host_len = if host_and_port.starts_with('[') {
        host_and_port.find(']').map_or(host_and_port.len(), |i| i + 1)
    } else {
        host_and_port.find(':').unwrap_or(host_and_port.len())
    };
    let host_end = host_start + host_len;
    let port = url[host_end..authority_end].strip_prefix(':');
    Some(Url {
        text: url,
        scheme: &url[..scheme_end],
        host: &url[host_start..host_end],
        host_at: host_start..host_end,
        port,
        rest: &url[authority_end..],
        rest_at: authority_end,
    })
}

impl<'a> Url<'a> {
    /// The host in lower case without a final dot, for comparisons.
    pub fn host_key(&self) -> Cow<'a, str> {
        let host = self.host.trim_end_matches('.');
        match host.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            true => Cow::Borrowed(host),
            false => Cow::Owned(host.to_lowercase()),
        }
    }
}

/// The form two addresses of one page share: scheme and host in lower case; no fragment, no trailing
/// `/`, no tracking parameters (`utm_*`, `fbclid`, `gclid`). A slice of the address when it is
/// already in normal form up to the end of its path.
fn normal_form<'a>(parsed: &Url<'a>, host: &Cow<'a, str>) -> Cow<'a, str> {
    let url = parsed.text;
    let without_fragment = parsed.rest.split('#').next().unwrap_or("");
    let (path, query) = match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (without_fragment, None),
    };
    let path = path.trim_end_matches('/');
    // Most addresses are already in normal form up to the end of the path: then the normal form is
    // a slice of the address itself.
    let as_written = parsed.scheme.bytes().all(|b| b.is_ascii_lowercase())
        && matches!(host, Cow::Borrowed(h) if h.len() == parsed.host.len())
        && parsed.host_at.start == parsed.scheme.len() + 3
        && parsed.port.is_none_or(|p| !p.is_empty())
        && query.is_none();
    if as_written {
        return Cow::Borrowed(&url[..parsed.rest_at + path.len()]);
    }
    let mut out = format!("{}://{host}", parsed.scheme.to_lowercase());
    if let Some(port) = parsed.port.filter(|p| !p.is_empty()) {
        out.push(':');
        out.push_str(port);
    }
    out.push_str(path);
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|param| !param.is_empty() && !is_tracking(param))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Cow::Owned(out)
}

/// The normal form without scheme and `www.`, which `Address::same_page` compares: a Wayback snapshot
/// of `http://example.org/a` is a copy of `https://www.example.org/a` (the Machine stores many pages
/// under their http address).
fn page_key(normal: &str) -> &str {
    let after_scheme = normal.find("://").map_or(normal, |i| &normal[i + 3..]);
    after_scheme.strip_prefix("www.").unwrap_or(after_scheme)
}

fn is_tracking(param: &str) -> bool {
    let name = param.split('=').next().unwrap_or("").to_ascii_lowercase();
    name.starts_with("utm_") || name == "fbclid" || name == "gclid"
}

/// The archive service an address belongs to, by its site (the host without `www.`) and what follows
/// the authority.
fn service_of(site: &str, rest: &str) -> Option<&'static str> {
    match site {
        "web.archive.org" | "wayback.archive.org" | "liveweb.archive.org" => Some("the Wayback Machine"),
        "archive.org" if rest.starts_with("/web/") => Some("the Wayback Machine"),
        "archive.today" | "archive.ph" | "archive.is" | "archive.li" | "archive.vn" | "archive.fo" | "archive.md" => {
            Some("archive.today")
        }
        "webcitation.org" => Some("WebCite"),
        _ => None,
    }
}

/// An address cut into its parts, with everything the rules on addresses ask of it, worked out
/// once: a reference's `url` and `archived.url` are each read by half a dozen rules.
#[derive(Debug, Clone)]
pub struct Address<'a> {
    pub url: Url<'a>,
    /// What `normal_form` gives.
    pub normal: Cow<'a, str>,
    /// The archive service the address belongs to (`archive_service`).
    pub service: Option<&'static str>,
    /// The address as a Wayback Machine address, when it is one (boxed: references are moved
    /// as they are collected, and most have no such address in `url`).
    pub wayback: Option<Box<Wayback<'a>>>,
}

impl<'a> Address<'a> {
    /// `None` for anything `parse` does not accept.
    pub fn read(text: &'a str) -> Option<Self> {
        let url = parse(text)?;
        let host = url.host_key();
        let site = host.strip_prefix("www.").unwrap_or(&host);
        let service = service_of(site, url.rest);
        let wayback = match &*host {
            "web.archive.org" => wayback_of(url.clone(), false).map(Box::new),
            "liveweb.archive.org" => wayback_of(url.clone(), true).map(Box::new),
            _ => None,
        };
        Some(Address {
            normal: normal_form(&url, &host),
            service,
            wayback,
            url,
        })
    }

    /// Whether two addresses name one page (`page_key`).
    pub fn same_page(&self, other: &Address) -> bool {
        page_key(&self.normal) == page_key(&other.normal)
    }

    /// The page an archive link is a copy of, and the day of the copy when its address says, for a
    /// well-formed Wayback address (`/web/<timestamp>/<page>`) and archive.today's long form
    /// (`/<YYYY.MM.DD-hhmmss>/<page>`); `None` when the address does not name the page.
    pub fn archived_page(&self, today: NaiveDate) -> Option<(String, Option<NaiveDate>)> {
        if let Some(wayback) = &self.wayback {
            if wayback.problem(today).is_some() {
                return None;
            }
            return Some((wayback.original_url()?.into_owned(), wayback.snapshot_date(today)));
        }
        if self.service != Some("archive.today") {
            return None;
        }
        let (stamp, page) = self.url.rest.strip_prefix('/')?.split_once('/')?;
        if !(page.starts_with("http://") || page.starts_with("https://")) {
            return None;
        }
        let date = stamp
            .split('-')
            .next()
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y.%m.%d").ok());
        Some((page.to_owned(), date))
    }
}

/// A Wayback Machine address (`web.archive.org` or the retired `liveweb.archive.org`), cut into the
/// parts CS1 checks: `/<path>/<timestamp><flag>/<original>`.
#[derive(Debug, Clone)]
pub struct Wayback<'a> {
    pub url: Url<'a>,
    pub liveweb: bool,
    /// What stands between the host and the timestamp: `web/`, empty (the old form), `save/`, or other.
    pub path: &'a str,
    pub path_at: Range<usize>,
    /// The digits that start the snapshot segment (possibly none).
    pub timestamp: &'a str,
    pub timestamp_at: Range<usize>,
    /// What follows the digits in the snapshot segment (`id_`, `*`…).
    pub flag: &'a str,
    pub flag_at: Range<usize>,
    /// The archived page's address, after the snapshot segment (empty when missing).
    pub original: &'a str,
    pub original_at: Range<usize>,
}

/// Reads an address on `web.archive.org` or the retired `liveweb.archive.org` as a Wayback
/// Machine address.
fn wayback_of(parsed: Url<'_>, liveweb: bool) -> Option<Wayback<'_>> {
    let url = parsed.text;
    let start = parsed.rest_at + usize::from(parsed.rest.starts_with('/'));
    let after = &url[start..];
    // The path: `web/`, nothing (old form `/<timestamp>/…`), or whatever segment stands there.
    let path_len = if after.starts_with("web/") {
        4
    } else if after.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else {
        after.find('/').map_or(after.len(), |i| i + 1)
    };
    let segment_start = start + path_len;
    let segment_end = url[segment_start..].find('/').map_or(url.len(), |i| segment_start + i);
    let segment = &url[segment_start..segment_end];
    let digits = segment.len() - segment.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let timestamp_end = segment_start + digits;
    let original_start = (segment_end + 1).min(url.len());
    Some(Wayback {
        liveweb,
        path: &url[start..segment_start],
        path_at: start..segment_start,
        timestamp: &url[segment_start..timestamp_end],
        timestamp_at: segment_start..timestamp_end,
        flag: &url[timestamp_end..segment_end],
        flag_at: timestamp_end..segment_end,
        original: &url[original_start..],
        original_at: original_start..url.len(),
        url: parsed,
    })
}

/// Why a Wayback address is malformed (CS1's reasons: save command, liveweb, path, timestamp, flag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    Liveweb,
    Save,
    /// The path is not `web/`.
    Path,
    NoTimestamp,
    /// The timestamp has this many digits instead of 14.
    TimestampLength(usize),
    /// The timestamp's digits do not name a real moment: the reason, in words.
    TimestampValue(String),
    /// A flag on the old form (without `web/`).
    FlagWithoutWeb,
    /// A flag that is not two letters and `_`.
    Flag,
    /// Nothing after the timestamp.
    NoOriginal,
}

impl<'a> Wayback<'a> {
    /// The first problem CS1 would report for this address, with the bytes of the URL it concerns.
    pub fn problem(&self, today: NaiveDate) -> Option<(Malformed, Range<usize>)> {
        if self.liveweb {
            return Some((Malformed::Liveweb, self.url.host_at.clone()));
        }
        if self.path == "save/" || self.path == "save" {
            return Some((Malformed::Save, self.path_at.clone()));
        }
        if !self.path.is_empty() && self.path != "web/" {
            return Some((Malformed::Path, self.path_at.clone()));
        }
        if self.timestamp.is_empty() {
            let segment = self.timestamp_at.start..self.flag_at.end;
            return Some((Malformed::NoTimestamp, segment));
        }
        if self.timestamp.len() != 14 {
            return Some((
                Malformed::TimestampLength(self.timestamp.len()),
                self.timestamp_at.clone(),
            ));
        }
        if let Err(reason) = timestamp_moment(self.timestamp, today) {
            return Some((Malformed::TimestampValue(reason), self.timestamp_at.clone()));
        }
        if !self.flag.is_empty() && self.path.is_empty() {
            return Some((Malformed::FlagWithoutWeb, self.flag_at.clone()));
        }
        if !self.flag.is_empty() && !is_flag(self.flag) {
            return Some((Malformed::Flag, self.flag_at.clone()));
        }
        if self.original.is_empty() {
            return Some((Malformed::NoOriginal, self.flag_at.end..self.url.text.len()));
        }
        None
    }

    /// The day of a well-formed 14-digit timestamp.
    pub fn snapshot_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.timestamp.len() != 14 {
            return None;
        }
        timestamp_moment(self.timestamp, today).ok()
    }

    /// The archived page's address as a full URL (Wayback also accepts it without scheme, or with
    /// the scheme's `//` collapsed to `/`).
    pub fn original_url(&self) -> Option<Cow<'a, str>> {
        let original = self.original;
        if original.is_empty() {
            return None;
        }
        for scheme in ["https:", "http:"] {
            if let Some(rest) = original.strip_prefix(scheme) {
                let path = rest.trim_start_matches('/');
                // Already written in full: the address itself.
                if rest.len() == path.len() + 2 {
                    return Some(Cow::Borrowed(original));
                }
                return Some(Cow::Owned(format!("{scheme}//{path}")));
            }
        }
        Some(Cow::Owned(format!("http://{original}")))
    }
}

fn is_flag(flag: &str) -> bool {
    let bytes = flag.as_bytes();
    bytes.len() == 3 && bytes[0].is_ascii_lowercase() && bytes[1].is_ascii_lowercase() && bytes[2] == b'_'
}

/// The day of a 14-digit `YYYYMMDDhhmmss` timestamp, or why it names no real moment.
fn timestamp_moment(timestamp: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let number = |range: Range<usize>| timestamp.get(range).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let (hour, minute, second) = (number(8..10), number(10..12), number(12..14));
    let year_i32 = i32::try_from(year).unwrap_or(i32::MAX);
    if year < 1996 {
        return Err(format!(
            "year {year} is before the Wayback Machine's first snapshots (1996)"
        ));
    }
    if year_i32 > today.year() + 1 {
        return Err(format!("year {year} is in the future"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist"));
    }
    let Some(date) = NaiveDate::from_ymd_opt(year_i32, month, day) else {
        return Err(format!("{year}-{month:02}-{day:02} is not a real date"));
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!("{hour:02}:{minute:02}:{second:02} is not a real time of day"));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wayback(url: &str) -> Option<Wayback<'_>> {
        Address::read(url)?.wayback.map(|wayback| *wayback)
    }

    fn archived_page(url: &str, today: NaiveDate) -> Option<(String, Option<NaiveDate>)> {
        Address::read(url)?.archived_page(today)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn splits_the_authority() {
        let url = parse("https://user@WWW.Example.org:8080/a?b#c").unwrap();
        assert_eq!(url.host, "WWW.Example.org");
        assert_eq!(url.port, Some("8080"));
        assert_eq!(url.rest, "/a?b#c");
        assert!(parse("https://exa mple.org").is_none());
        for spaced in [
            "https://a.org/b\u{a0}c",
            "https://a.org/\u{2003}",
            "https://a.org\t",
            "https://a.org/b\u{b}",
        ] {
            assert!(parse(spaced).is_none(), "{spaced:?}");
        }
        for unusual in ["https://ø.no/å", "https://a.org/\u{1c}", "https://a.org/\u{200b}"] {
            assert!(parse(unusual).is_some(), "{unusual:?}");
        }
        assert!(parse("ftp://example.org").is_none());
        assert_eq!(parse("https://?q").unwrap().host, "");
    }

    #[test]
    fn normalises_addresses_of_one_page() {
        let normalise = |url: &'static str| Address::read(url).map(|address| address.normal);
        let a = normalise("https://WWW.Example.org/a/?utm_source=x&id=3&fbclid=y#top").unwrap();
        assert_eq!(a, "https://www.example.org/a?id=3");
        assert_eq!(normalise("https://example.org/").unwrap(), "https://example.org");
        // Written forms that are normal up to the path are returned as slices; the others rebuilt.
        for (written, normal) in [
            ("https://example.org/A/b//#top", "https://example.org/A/b"),
            ("https://example.org:8080/a/", "https://example.org:8080/a"),
            ("https://example.org:/a", "https://example.org/a"),
            ("https://example.org./a", "https://example.org/a"),
            ("https://user@example.org/a", "https://example.org/a"),
            ("https://EXAMPLE.org/a", "https://example.org/a"),
            ("https://example.org/a?utm_source=x", "https://example.org/a"),
            ("https://example.org/a?b=1&fbclid=2#c", "https://example.org/a?b=1"),
        ] {
            assert_eq!(normalise(written).unwrap(), normal, "{written}");
        }
        let same_page = |a: &str, b: &str| Address::read(a).unwrap().same_page(&Address::read(b).unwrap());
        assert!(same_page("http://example.org/a", "https://www.example.org/a/"));
        assert!(!same_page("https://example.org/a", "https://example.org/b"));
    }

    #[test]
    fn reads_wayback_addresses() {
        let good = "https://web.archive.org/web/20220116093000/https://www.example.org/a";
        let w = wayback(good).unwrap();
        assert_eq!((w.path, w.timestamp, w.flag), ("web/", "20220116093000", ""));
        assert_eq!(w.original_url().unwrap(), "https://www.example.org/a");
        assert_eq!(w.problem(today()), None);
        assert_eq!(w.snapshot_date(today()), NaiveDate::from_ymd_opt(2022, 1, 16));

        let problem = |url: &str| wayback(url).unwrap().problem(today()).map(|p| p.0);
        assert_eq!(
            problem("https://web.archive.org/web/20220116093000id_/http://example.org"),
            None
        );
        assert_eq!(
            problem("https://web.archive.org/20220116093000/http://example.org"),
            None
        );
        assert_eq!(
            problem("https://web.archive.org/save/https://example.org"),
            Some(Malformed::Save)
        );
        assert_eq!(
            problem("http://liveweb.archive.org/http://example.org"),
            Some(Malformed::Liveweb)
        );
        assert_eq!(
            problem("https://web.archive.org/wbe/20220116093000/x.org"),
            Some(Malformed::Path)
        );
        assert_eq!(
            problem("https://web.archive.org/web/*/x.org"),
            Some(Malformed::NoTimestamp)
        );
        assert_eq!(
            problem("https://web.archive.org/web/20220116/x.org"),
            Some(Malformed::TimestampLength(8))
        );
        assert!(matches!(
            problem("https://web.archive.org/web/20230229000000/x.org"),
            Some(Malformed::TimestampValue(_))
        ));
        assert!(matches!(
            problem("https://web.archive.org/web/19950101000000/x.org"),
            Some(Malformed::TimestampValue(_))
        ));
        assert_eq!(
            problem("https://web.archive.org/20220116093000id_/x.org"),
            Some(Malformed::FlagWithoutWeb)
        );
        assert_eq!(
            problem("https://web.archive.org/web/20220116093000*/x.org"),
            Some(Malformed::Flag)
        );
        assert_eq!(
            problem("https://web.archive.org/web/20220116093000/"),
            Some(Malformed::NoOriginal)
        );
        assert!(wayback("https://www.example.org/web/20220116093000/x.org").is_none());
    }

    #[test]
    fn reads_archive_today_addresses() {
        let (page, date) = archived_page(
            "https://archive.ph/2019.07.20-101500/https://www.example.org/a",
            today(),
        )
        .unwrap();
        assert_eq!(page, "https://www.example.org/a");
        assert_eq!(date, NaiveDate::from_ymd_opt(2019, 7, 20));
        assert_eq!(archived_page("https://archive.ph/AbCdE", today()), None);
        assert_eq!(archived_page("https://www.example.org/a/b", today()), None);
    }

    #[test]
    fn recovers_the_original_address() {
        let original = |url: &'static str| wayback(url).unwrap().original_url();
        assert_eq!(
            original("https://web.archive.org/web/20220116093000/https:/example.org/a").unwrap(),
            "https://example.org/a"
        );
        assert_eq!(
            original("https://web.archive.org/web/20220116093000/example.org/a?b=1").unwrap(),
            "http://example.org/a?b=1"
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let today = today();
        for url in [
            "https://",
            "https://ø",
            "https://[",
            "https://[::1",
            "https://@",
            "https://a@b@c:ø/",
            "https://web.archive.org",
            "https://web.archive.org/",
            "https://web.archive.org/web",
            "https://web.archive.org/web/",
            "https://web.archive.org/ø/1",
            "https://web.archive.org/web/2ø/x",
            "https://web.archive.org/web/99999999999999ø_/x",
            "https://archive.ph/ø/x",
            "https://archive.ph//",
            "https://web.archive.org/web/20220116093000/ø",
        ] {
            let _ = archived_page(url, today);
            if let Some(w) = wayback(url) {
                let _ = (w.problem(today), w.original_url(), w.snapshot_date(today));
            }
        }
    }
}
