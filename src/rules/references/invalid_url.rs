//! A URL is not a valid http(s) URL with a host.

use std::net::Ipv6Addr;

use serde_json::Value;

use super::part_span;
use super::{member, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::Relation;
use crate::model::urls::{self, Url};
use crate::model::Text;
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule, UrlName};
use crate::source::pointer;

pub static RULE: Rule = Rule {
    code: "R409",
    name: "invalid-url",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a URL is not a valid http(s) URL with a host",
    why: "The schema checks only that a URL starts with `http://` or `https://` and has no spaces; an address with no host, a host without a domain (`https://nrk/…`), a doubled scheme (`https://https://…`) or characters no host name can have leads nowhere. Like Wikipedia's citation templates (CS1's `Check |url= value`), the rule accepts domain names (also internationalised ones), IPv4 and IPv6 addresses and a port, in `url`, `archived.url` and `external_links`.",
    example: "\"url\": \"https://https://www.example.org/nyheter/1\"",
    instead: "Copy the address again from the browser's address bar: `\"url\": \"https://www.example.org/nyheter/1\"`.",
};

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let name = reference_name(reference);
        if let (Some(url), Some(address)) = (&reference.url, &reference.url_address) {
            check_url(context, url, &address.url, UrlName::Url(name), out);
        }
        if let (Some(url), Some(address)) = (&reference.archived_url, &reference.archived_address) {
            check_url(context, url, &address.url, UrlName::Archived(name), out);
        }
    }
    if let Some(Value::Array(links)) = context.document.value.get("external_links") {
        for (i, link) in links.iter().enumerate() {
            if let Some(value) = link.get("url").and_then(Value::as_str) {
                let at = pointer::child(&pointer::index("/external_links", i), "url");
                let url = Text::new(value, at);
                if let Some(parsed) = urls::parse(value) {
                    check_url(context, &url, &parsed, UrlName::At(&url.pointer()), out);
                }
            }
        }
    }
}

fn check_url(context: &FileContext, url: &Text, parsed: &Url, name: UrlName, out: &mut Vec<Diagnostic>) {
    let Err(problem) = check_authority(parsed.host, parsed.port) else {
        return;
    };
    let range = match problem.part {
        Part::Url => 0..url.value.len(),
        Part::Host => parsed.host_at.clone(),
        Part::Port => parsed.host_at.end..parsed.host_at.end + 1 + parsed.port.map_or(0, str::len),
    };
    let corrected = problem.host.as_ref().map(|host| match host.as_str() {
        // A doubled scheme: what follows the first `scheme://` is the address.
        "" => url.value[parsed.host_at.start..].to_owned(),
        _ => format!(
            "{}{host}{}",
            &url.value[..parsed.host_at.start],
            &url.value[parsed.host_at.end..]
        ),
    });
    let help = match corrected {
        Some(corrected) if urls::parse(&corrected).is_some() => {
            format!("{}: {}", problem.help, member(&field(&url.pointer()), &corrected))
        }
        _ => problem.help,
    };
    out.push(
        context
            .diagnostic(
                &RULE,
                &url.pointer(),
                format!("{name} is not a valid web address: {}", problem.reason),
            )
            .primary(part_span(context, &url.pointer(), url.value, range), problem.label)
            .help(help),
    );
}

/// The member name to write a corrected value under.
fn field(at: &str) -> String {
    pointer::last_token(at).unwrap_or_else(|| "url".into())
}

/// Which part of the URL a problem is in, for the caret.
enum Part {
    Url,
    Host,
    Port,
}

struct Problem {
    reason: String,
    part: Part,
    label: &'static str,
    help: String,
    /// The host to write instead, when certain (empty: remove the doubled scheme).
    host: Option<String>,
}

fn problem(reason: String, label: &'static str, help: impl Into<String>) -> Problem {
    Problem {
        reason,
        part: Part::Host,
        label,
        help: help.into(),
        host: None,
    }
}

const RECOPY: &str = "copy the address again from the browser's address bar";

/// Checks the host and port of a URL: a domain name of at least two labels, an IPv4 or a bracketed IPv6 address.
/// The common host, accepted in one pass without allocating: two or more labels of 1 to 63 ASCII
/// letters, digits, `-` or `_`, none with a hyphen at either end, the last of two or more letters.
/// Whatever this accepts, the full check below accepts too.
fn plainly_valid(host: &str) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in name.split('.') {
        let bytes = label.as_bytes();
        let (Some(&first), Some(&end)) = (bytes.first(), bytes.last()) else {
            return false;
        };
        let allowed = |&b: &u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if bytes.len() > 63 || first == b'-' || end == b'-' || !bytes.iter().all(allowed) {
            return false;
        }
        labels += 1;
        last = bytes;
    }
    labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

fn check_authority(host: &str, port: Option<&str>) -> Result<(), Problem> {
    if host.is_empty() {
        return Err(Problem {
            part: Part::Url,
            ..problem("it has no host".into(), "no host after `//`", RECOPY)
        });
    }
    if let Some(port) = port {
        let number = port.parse::<u32>();
        if !port.is_empty() && (!port.bytes().all(|b| b.is_ascii_digit()) || number.map_or(true, |n| n > 65535)) {
            return Err(Problem {
                part: Part::Port,
                ..problem(
                    format!("port {} is not a number from 0 to 65535", quote(port)),
                    "not a port",
                    RECOPY,
                )
            });
        }
    }
    if plainly_valid(host) {
        return Ok(());
    }
    check_host(host, port)
}

/// Every rule on hosts, each with its own message.
fn check_host(host: &str, port: Option<&str>) -> Result<(), Problem> {
    if let Some(inner) = host.strip_prefix('[') {
        let valid = inner.strip_suffix(']').is_some_and(|ip| ip.parse::<Ipv6Addr>().is_ok());
        return match valid {
            true => Ok(()),
            false => Err(problem(
                format!("{} is not an IPv6 address", quote(host)),
                "not an IPv6 address",
                RECOPY,
            )),
        };
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = name.split('.').collect();
    let last = labels.last().copied().unwrap_or("");
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        let octets = labels.len() == 4
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.len() <= 3 && l.parse::<u8>().is_ok());
        return match octets {
            true => Ok(()),
            false => Err(problem(
                format!(
                    "host {} is not an IPv4 address (four numbers from 0 to 255)",
                    quote(host)
                ),
                "not an IPv4 address",
                RECOPY,
            )),
        };
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '_'))
    {
        return Err(problem(
            format!(
                "host {} contains {}, which a host name cannot contain",
                quote(host),
                quote(&bad.to_string())
            ),
            "not a host name",
            RECOPY,
        ));
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Err(Problem {
            host: Some(collapse_dots(name)),
            ..problem(
                format!("host {} has an empty part between dots", quote(host)),
                "empty part of the host name",
                "remove the extra dot",
            )
        });
    }
    if let Some(label) = labels.iter().find(|l| l.starts_with('-') || l.ends_with('-')) {
        return Err(problem(
            format!(
                "part {} of host {} starts or ends with a hyphen",
                quote(label),
                quote(host)
            ),
            "not a host name",
            RECOPY,
        ));
    }
    if let Some(label) = labels.iter().find(|l| l.len() > 63) {
        return Err(problem(
            format!(
                "part {} of host {} is longer than 63 characters",
                quote(label),
                quote(host)
            ),
            "not a host name",
            RECOPY,
        ));
    }
    if labels.len() < 2 {
        let reason = match name.eq_ignore_ascii_case("localhost") {
            true => "`localhost` is the reader's own computer, not a public address".to_owned(),
            false => format!("host {} has no domain ending such as `.no` or `.org`", quote(host)),
        };
        if ["http", "https"].contains(&name.to_ascii_lowercase().as_str()) && port == Some("") {
            return Err(Problem {
                host: Some(String::new()),
                ..problem(
                    "the scheme is written twice".into(),
                    "a second scheme where the host belongs",
                    "remove the first scheme",
                )
            });
        }
        let help = format!("{RECOPY}; a public address has a domain such as `www.example.org`");
        return Err(problem(reason, "host without a domain", help));
    }
    let tld_valid = last.starts_with("xn--") || (last.chars().count() >= 2 && last.chars().all(char::is_alphabetic));
    if !tld_valid {
        return Err(problem(
            format!("{} is not a top-level domain", quote(last)),
            "no such top-level domain",
            RECOPY,
        ));
    }
    Ok(())
}

fn collapse_dots(name: &str) -> String {
    name.split('.').filter(|l| !l.is_empty()).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::{check_authority, check_host, plainly_valid};

    fn valid(host: &str) -> bool {
        check_authority(host, None).is_ok()
    }

    #[test]
    fn accepts_real_hosts() {
        for host in [
            "www.example.org",
            "example.org.",
            "xn--bcher-kva.example",
            "bølgen.no",
            "192.0.2.1",
            "[2001:db8::1]",
            "a_b.example.org",
        ] {
            assert!(valid(host), "{host}");
        }
        assert!(check_authority("example.org", Some("8080")).is_ok());
        assert!(check_authority("example.org", Some("")).is_ok());
    }

    #[test]
    fn the_quick_test_accepts_only_what_the_full_check_accepts() {
        // Every host of up to five characters over an alphabet of the cases that matter, and long labels.
        let alphabet = ['a', 'Z', '7', '-', '_', '.', 'ø'];
        let mut hosts = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            hosts = hosts
                .iter()
                .flat_map(|host| alphabet.iter().map(move |c| format!("{host}{c}")))
                .collect();
            all.extend(hosts.iter().cloned());
        }
        for length in [62, 63, 64] {
            all.push(format!("{}.org", "a".repeat(length)));
        }
        let mut accepted = 0;
        for host in &all {
            if plainly_valid(host) {
                accepted += 1;
                assert!(check_host(host, None).is_ok(), "{host}");
            }
        }
        assert!(
            accepted > 100,
            "the quick test accepts too little to matter: {accepted}"
        );
    }

    #[test]
    fn rejects_hosts_that_lead_nowhere() {
        for host in [
            "",
            "nrk",
            "localhost",
            "https",
            "www..example.org",
            "-a.example.org",
            "example.c",
            "example.o1",
            "256.1.1.1",
            "1.2.3",
            "exa!mple.org",
            "[zz::1]",
        ] {
            assert!(!valid(host), "{host}");
        }
        assert!(check_authority("example.org", Some("80a")).is_err());
        assert!(check_authority("example.org", Some("70000")).is_err());
    }
}
