//! A Wayback Machine URL is malformed (save command, bad timestamp, path or flag).

use super::part_span;
use super::{code, reference_name};
use crate::diagnostics::Diagnostic;
use crate::model::relation::{Reference, Relation};
use crate::model::urls::{Malformed, Wayback};
use crate::rules::{quote, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R413",
    name: "malformed-archive-url",
    group: Group::References,
    level: Level::Error,
    fix: Fixable::None,
    summary: "a Wayback Machine URL is malformed (save command, bad timestamp, path or flag)",
    why: "A snapshot address has the form `https://web.archive.org/web/<YYYYMMDDhhmmss>[flag]/<original address>`. A `/save/` command takes a new snapshot whenever someone follows it, a shortened timestamp lets the Machine pick whichever snapshot is nearest, and `liveweb.archive.org` is retired: none of them pins the copy that was read. The checks are those of Wikipedia's citation templates (CS1 `|archive-url= is malformed`: save command, liveweb, path, timestamp, flag).",
    example: "\"archived\": { \"date\": \"2022-01-16\", \"url\": \"https://web.archive.org/web/20220116/https://www.example.org/a\" }",
    instead: "Open the snapshot and copy its full address from the address bar: `\"url\": \"https://web.archive.org/web/20220116093000/https://www.example.org/a\"`.",
};

const COPY: &str = "open the snapshot and copy its full address from the browser's address bar";

pub fn check(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    for reference in &relation.references {
        let (Some(archived_url), Some(archived)) = (&reference.archived_url, &reference.archived_address) else {
            continue;
        };
        let Some(wayback) = &archived.wayback else {
            continue;
        };
        let Some((problem, range)) = wayback.problem(context.today) else {
            continue;
        };
        let (reason, label) = describe(wayback, &problem);
        out.push(
            context
                .diagnostic(
                    &RULE,
                    &archived_url.pointer(),
                    format!("`archived.url` of {} is malformed: {reason}", reference_name(reference)),
                )
                .primary(
                    part_span(context, &archived_url.pointer(), archived_url.value, range),
                    label,
                )
                .help(help(wayback, &problem, reference)),
        );
    }
}

fn describe(wayback: &Wayback, problem: &Malformed) -> (String, &'static str) {
    match problem {
        Malformed::Liveweb => (
            "`liveweb.archive.org` is retired and serves no snapshots".into(),
            "retired host",
        ),
        Malformed::Save => (
            "it is a `/save/` command, which takes a new snapshot, not the address of one".into(),
            "save command",
        ),
        Malformed::Path => (
            format!("the path {} should be `web/`", quote(wayback.path)),
            "should be `web/`",
        ),
        Malformed::NoTimestamp => (
            "it has no snapshot timestamp (a calendar or `*` address lists snapshots; it is not one)".into(),
            "no timestamp here",
        ),
        Malformed::TimestampLength(digits) => (
            format!(
                "the timestamp {} has {digits} digits, expected 14 (YYYYMMDDhhmmss)",
                quote(wayback.timestamp)
            ),
            "incomplete timestamp",
        ),
        Malformed::TimestampValue(reason) => (
            format!(
                "the timestamp {} is not a real moment: {reason}",
                quote(wayback.timestamp)
            ),
            "no such moment",
        ),
        Malformed::FlagWithoutWeb => (
            format!("the flag {} is only allowed after `/web/`", quote(wayback.flag)),
            "flag without `web/`",
        ),
        Malformed::Flag => (
            format!(
                "the flag {} is not two letters and `_` (such as `id_`)",
                quote(wayback.flag)
            ),
            "not a flag",
        ),
        Malformed::NoOriginal => (
            "it names no archived page after the timestamp".into(),
            "the original address is missing",
        ),
    }
}

/// What to write instead; a corrected address when the fix is certain.
fn help(wayback: &Wayback, problem: &Malformed, reference: &Reference) -> String {
    let text = wayback.url.text;
    let replaced =
        |range: std::ops::Range<usize>, with: &str| format!("{}{with}{}", &text[..range.start], &text[range.end..]);
    match problem {
        Malformed::Liveweb => {
            let page = wayback.url.rest.trim_start_matches('/');
            format!(
                "find the snapshot on the Wayback Machine ({}) and copy its full address from the browser's address bar",
                code(&format!("https://web.archive.org/web/*/{page}"))
            )
        }
        Malformed::Save => format!(
            "follow the link once to take the snapshot, then copy the snapshot's full address from the browser's address bar ({})",
            code(&format!("https://web.archive.org/web/<YYYYMMDDhhmmss>/{}", &text[wayback.path_at.end..]))
        ),
        Malformed::NoTimestamp => {
            "pick the snapshot that was read from the calendar and copy its full address; it has a 14-digit timestamp (YYYYMMDDhhmmss)".into()
        }
        Malformed::TimestampLength(_) => "open the link (the Machine goes to the nearest snapshot) and copy the full address from the browser's address bar; it has a 14-digit timestamp (YYYYMMDDhhmmss)".into(),
        Malformed::Path if wayback.path.ends_with('/') && !wayback.timestamp.is_empty() => {
            format!("write {}", code(&replaced(wayback.path_at.clone(), "web/")))
        }
        Malformed::FlagWithoutWeb => format!(
            "write {}",
            code(&replaced(
                wayback.timestamp_at.start..wayback.timestamp_at.start,
                "web/"
            ))
        ),
        Malformed::Flag => format!("remove the flag: {}", code(&replaced(wayback.flag_at.clone(), ""))),
        Malformed::NoOriginal => match &reference.url {
            Some(url) => format!(
                "append the original address: {}",
                code(&format!("{text}{}", slash(text, url.value)))
            ),
            None => "append the original address of the page after the timestamp".into(),
        },
        Malformed::TimestampValue(_) => format!("check the timestamp: {COPY}"),
        Malformed::Path => format!("{COPY}; it has the form `https://web.archive.org/web/<YYYYMMDDhhmmss>/<address>`"),
    }
}

/// `url`, preceded by a `/` unless `text` already ends with one.
fn slash(text: &str, url: &str) -> String {
    match text.ends_with('/') {
        true => url.to_owned(),
        false => format!("/{url}"),
    }
}
