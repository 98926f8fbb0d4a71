//! One mistake, one finding: each case of tests/mistakes/cases.toml makes one typical mistake in a
//! copy of the shipped dataset, and must give exactly one new finding, of the rule it names. The
//! snapshot (tests/mistakes/snapshots/mistakes__findings.snap) shows each finding's place, message,
//! help and fix, so a reviewer reads every message a contributor would.
//!
//! `MISTAKES_COUNT=1 cargo test --test mistakes -- --nocapture` prints the number of findings of
//! each case instead of asserting (with `RELCHECK_BIN=<binary>`, of another build of relcheck).

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    #[serde(default = "relation")]
    file: String,
    find: Option<String>,
    #[serde(default)]
    replace: String,
    #[serde(default)]
    nth: usize,
    write: Option<String>,
    #[serde(default)]
    check: Vec<String>,
    code: String,
    #[serde(default = "one")]
    findings: usize,
    /// Why a case gives more than one finding by design.
    why: Option<String>,
}

fn relation() -> String {
    "data/relations/NO-UA.json".into()
}

fn one() -> usize {
    1
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(support::repo().join("tests/mistakes/cases.toml")).unwrap();
    toml::from_str::<Cases>(&text).unwrap().case
}

fn binary() -> PathBuf {
    std::env::var_os("RELCHECK_BIN").map_or_else(support::binary, PathBuf::from)
}

/// The findings of a run that count (no exception accepts them).
fn findings(dir: &Path, paths: &[String]) -> Vec<Value> {
    let mut command = std::process::Command::new(binary());
    command
        .current_dir(dir)
        .args(["check", "--format", "json", "--today", "2026-11-26"])
        .args(paths);
    let output = command.output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON report (exit {:?}): {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("suppressed").is_none())
        .cloned()
        .collect()
}

/// What identifies a finding across a mistake: its rule, file and place (its message may quote the
/// mistaken value).
fn key(d: &Value) -> String {
    format!("{} {} {}", d["code"], d["file"], d["pointer"])
}

/// Applies the case's mistake to the dataset in `dir`.
fn make_mistake(dir: &Path, case: &Case) {
    let path = dir.join(&case.file);
    let text = match (&case.write, &case.find) {
        (Some(content), _) => content.clone(),
        (None, Some(find)) => {
            let text = std::fs::read_to_string(&path).unwrap();
            let (at, _) = text
                .match_indices(find.as_str())
                .nth(case.nth)
                .unwrap_or_else(|| panic!("{}: {find:?} not found", case.name));
            format!("{}{}{}", &text[..at], case.replace, &text[at + find.len()..])
        }
        (None, None) => panic!("{}: neither `find` nor `write`", case.name),
    };
    std::fs::write(path, text).unwrap();
}

/// A finding as the snapshot shows it.
fn shown(d: &Value) -> String {
    let mut out = format!(
        "  {} {} {}:{}:{}\n    {}\n",
        d["code"].as_str().unwrap(),
        d["rule"].as_str().unwrap(),
        d["file"].as_str().unwrap(),
        d["line"],
        d["column"],
        d["message"].as_str().unwrap()
    );
    for note in d["notes"].as_array().into_iter().flatten() {
        out.push_str(&format!("    note: {}\n", note.as_str().unwrap()));
    }
    if let Some(help) = d["help"].as_str() {
        out.push_str(&format!("    help: {help}\n"));
    }
    if let Some(fix) = d.get("fix").filter(|f| !f.is_null()) {
        out.push_str(&format!(
            "    {} fix: {}\n",
            fix["applicability"].as_str().unwrap(),
            fix["title"].as_str().unwrap()
        ));
    }
    out
}

#[test]
fn each_mistake_gives_one_finding() {
    let counting = std::env::var_os("MISTAKES_COUNT").is_some();
    let baseline_dir = support::dataset();
    let mut baseline: BTreeMap<String, usize> = BTreeMap::new();
    for d in findings(baseline_dir.path(), &[]) {
        *baseline.entry(key(&d)).or_default() += 1;
    }
    let mut snapshot = String::new();
    let mut failures = Vec::new();
    let mut total = 0;
    for case in cases() {
        let dir = support::dataset();
        make_mistake(dir.path(), &case);
        let mut left = baseline.clone();
        let new: Vec<Value> = findings(dir.path(), &case.check)
            .into_iter()
            .filter(|d| match left.get_mut(&key(d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        total += new.len();
        if counting {
            println!("{:>3}  {}", new.len(), case.name);
            continue;
        }
        snapshot.push_str(&format!("{} ({}):\n", case.name, new.len()));
        for d in &new {
            snapshot.push_str(&shown(d));
        }
        if let Some(why) = &case.why {
            snapshot.push_str(&format!("  by design: {why}\n"));
        }
        if new.len() != case.findings {
            failures.push(format!(
                "{}: {} findings, expected {}",
                case.name,
                new.len(),
                case.findings
            ));
        }
        if !new.iter().any(|d| d["code"] == case.code.as_str()) {
            let codes: Vec<&str> = new.iter().map(|d| d["code"].as_str().unwrap()).collect();
            failures.push(format!("{}: expected {}, found {codes:?}", case.name, case.code));
        }
    }
    if counting {
        println!("{total} findings");
        return;
    }
    insta::with_settings!({
        snapshot_path => support::repo().join("tests/mistakes/snapshots"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!("findings", snapshot);
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
