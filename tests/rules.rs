//! One fixture folder per rule: `tests/fixtures/rules/<rule-name>/<case>/`, where a case whose name
//! starts with `invalid` must fire the rule and one that starts with `valid` must be clean. Each case is
//! checked as `relcheck check rules/<rule-name>/<case>` from `tests/fixtures` (whose relcheck.toml makes
//! `tests/fixtures/data/entities` the entities ids resolve against), and its rendered output is
//! compared with `<case>.snap` beside it: the human diagnostics, then one line per diagnostic with the
//! location and pointer the JSON output gives. A case folder may hold a `relcheck.toml` of its own
//! (to turn on an off-by-default rule, or to test the configuration rules).
//!
//! Accept new or changed snapshots with `INSTA_UPDATE=always cargo test --test rules`, then read them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use codespan_reporting::term::termcolor::NoColor;
use relcheck::source::Limits;
use relcheck::{check_paths_with_config, report, rules, Report, Settings};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn settings() -> Settings {
    Settings {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        limits: Limits::default(),
        max_file_size: 64 * 1024 * 1024,
        max_findings_per_file: relcheck::check::MAX_FINDINGS_PER_FILE,
    }
}

/// Every case folder of one rule, sorted.
fn cases(rule_dir: &Path) -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(rule_dir)
        .unwrap()
        .filter_map(|entry| {
            let entry = entry.unwrap();
            entry
                .file_type()
                .unwrap()
                .is_dir()
                .then(|| entry.file_name().to_string_lossy().into_owned())
        })
        .collect();
    cases.sort();
    cases
}

/// Checks one case. A case folder may hold its own `relcheck.toml` (levels for off-by-default
/// rules, exceptions); it then replaces tests/fixtures/relcheck.toml for that case, and is not checked
/// as data.
fn run_case(rule: &str, case: &str) -> Report {
    let relative = PathBuf::from("rules").join(rule).join(case);
    let config = fixtures().join(&relative).join("relcheck.toml");
    let config = config.is_file().then_some(config);
    check_paths_with_config(&fixtures(), &[relative], &settings(), config.as_deref())
        .unwrap_or_else(|e| panic!("{rule}/{case}: {e}"))
}

/// The human rendering followed by `code name line:col-line:col pointer` for each diagnostic.
fn rendered(report: &Report) -> String {
    let mut human = NoColor::new(Vec::new());
    report::human::render(report, &mut human).unwrap();
    let human = String::from_utf8(human.into_inner()).unwrap();
    let human: Vec<&str> = human.lines().map(str::trim_end).collect();

    let mut json = Vec::new();
    report::json::render(report, &mut json).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let mut locations = Vec::new();
    for d in json["diagnostics"].as_array().unwrap() {
        locations.push(format!(
            "{} {} {}:{}:{}-{}:{} {}",
            d["code"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["pointer"].as_str().unwrap(),
        ));
        if let Some(suppressed) = d.get("suppressed") {
            locations.push(format!(
                "  suppressed by {}: {}",
                suppressed["config"], suppressed["reason"]
            ));
        }
    }
    format!("{}\n\n{}\n", human.join("\n"), locations.join("\n"))
}

#[test]
fn every_rule_has_valid_and_invalid_fixtures() {
    let mut missing = Vec::new();
    for rule in rules::ALL {
        let dir = fixtures().join("rules").join(rule.name);
        let found = if dir.is_dir() { cases(&dir) } else { Vec::new() };
        if !found.iter().any(|c| c.starts_with("valid")) {
            missing.push(format!("{}: no valid case", rule.name));
        }
        if !found.iter().any(|c| c.starts_with("invalid")) {
            missing.push(format!("{}: no invalid case", rule.name));
        }
    }
    assert!(missing.is_empty(), "fixtures missing:\n{}", missing.join("\n"));
}

#[test]
fn fixture_folders_name_registered_rules_and_snapshots_have_cases() {
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if rules::find(&name).is_none_or(|rule| rule.name != name) {
            stray.push(format!("folder {name} names no rule"));
            continue;
        }
        let case_names = cases(&entry.path());
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let file = file.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(case) = file.strip_suffix(".snap") {
                if !case_names.iter().any(|c| c == case) {
                    stray.push(format!("{name}/{file}: orphan snapshot"));
                }
            } else if !case_names.contains(&file) {
                stray.push(format!("{name}/{file}: neither a case folder nor a snapshot"));
            }
        }
    }
    assert!(stray.is_empty(), "{}", stray.join("\n"));
}

#[test]
fn invalid_cases_fire_their_rule_and_valid_cases_are_clean() {
    let mut failures = Vec::new();
    for rule in rules::ALL {
        let dir = fixtures().join("rules").join(rule.name);
        if !dir.is_dir() {
            continue;
        }
        for case in cases(&dir) {
            let report = run_case(rule.name, &case);
            let fired = report
                .diagnostics
                .iter()
                .any(|d| d.rule.name == rule.name && d.suppressed.is_none());
            if case.starts_with("invalid") && !fired {
                failures.push(format!("{}/{case}: does not fire {}", rule.name, rule.name));
            }
            let counted: Vec<_> = report.diagnostics.iter().filter(|d| d.suppressed.is_none()).collect();
            if case.starts_with("valid") && !counted.is_empty() {
                let found: Vec<_> = counted.iter().map(|d| d.rule.name).collect();
                failures.push(format!("{}/{case}: expected no findings, got {found:?}", rule.name));
            }
            if case.starts_with("invalid") {
                for d in &report.diagnostics {
                    if d.primary.span.is_none() {
                        failures.push(format!("{}/{case}: {} has no location", rule.name, d.rule.name));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The registry's `fix` feeds docs/rules.md, `relcheck explain` and SARIF, so every fix a finding
/// carries must be of a kind its rule registers: none for `None`, only safe ones for `Safe`, only
/// unsafe ones for `Unsafe` (tests/fix.rs checks the same of its cases, and that every kind a rule
/// registers is offered somewhere).
#[test]
fn fixes_are_the_kinds_the_registry_states() {
    let mut failures = Vec::new();
    for rule in rules::ALL {
        let dir = fixtures().join("rules").join(rule.name);
        for case in cases(&dir) {
            for d in run_case(rule.name, &case).diagnostics {
                let Some(fix) = &d.fix else { continue };
                if !d.rule.fix.allows(fix.applicability) {
                    failures.push(format!(
                        "{}/{case}: {} offers a {} fix ({:?}) but is registered {:?}",
                        rule.name,
                        d.rule.name,
                        fix.applicability.as_str(),
                        fix.title,
                        d.rule.fix
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendered_diagnostics_match_snapshots() {
    for rule in rules::ALL {
        let dir = fixtures().join("rules").join(rule.name);
        if !dir.is_dir() {
            continue;
        }
        for case in cases(&dir) {
            let report = run_case(rule.name, &case);
            insta::with_settings!({
                snapshot_path => dir.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
                input_file => dir.join(&case),
            }, {
                insta::assert_snapshot!(case.clone(), rendered(&report));
            });
        }
    }
}
