//! The command line as users and CI see it: exit codes, the shipped dataset, the JSON report's shape.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn relcheck() -> Command {
    let mut command = Command::cargo_bin("relcheck").unwrap();
    command.env("NO_COLOR", "1");
    command
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_dataset_passes_with_its_citation_needed_warnings() {
    let output = relcheck()
        .current_dir(root())
        .args(["check", "--today", "2026-11-26"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.matches("warning[R304/citation-needed]").count(), 11, "{stdout}");
    assert!(!stdout.contains("error["), "{stdout}");
    assert!(
        stdout.ends_with("ok: 4 files checked, 11 warnings (4 accepted by relcheck.toml)\n"),
        "{stdout}"
    );
}

#[test]
fn the_shipped_dataset_passes_from_a_subdirectory_and_file_by_file() {
    relcheck()
        .current_dir(root().join("data/relations"))
        .args(["check", "--today", "2026-11-26"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ok: 4 files checked, 11 warnings (4 accepted by relcheck.toml)",
        ));
    // The pre-commit case: one file named, entity ids still resolved against the whole dataset.
    relcheck()
        .current_dir(root())
        .args(["check", "--today", "2026-11-26", "data/relations/NO-UA.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ok: 1 file checked, 11 warnings (4 accepted by relcheck.toml)",
        ));
}

#[test]
fn denied_warnings_fail_the_run() {
    relcheck()
        .current_dir(root())
        .args(["check", "--today", "2026-11-26", "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn json_report_has_the_documented_shape() {
    let output = relcheck()
        .current_dir(root())
        .args(["check", "--today", "2026-11-26", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 4, "errors": 0, "warnings": 11, "infos": 0, "suppressed": 4, "not_listed": 0})
    );
    let first = &report["diagnostics"][0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "code",
        "rule",
        "severity",
        "message",
        "file",
        "pointer",
        "span",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
        "help",
    ] {
        assert!(keys.contains(&key), "missing {key} in {keys:?}");
    }
    assert_eq!(first["code"], "R304");
    assert_eq!(first["rule"], "citation-needed");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["file"], "data/relations/NO-UA.json");
    assert_eq!(first["pointer"], "/recognitions/0");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(22), Some(7)));
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(22), Some(24))
    );
    let span = &first["span"];
    let text = std::fs::read_to_string(root().join("data/relations/NO-UA.json")).unwrap();
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "\"citation_needed\"");
    assert_eq!(first["labels"][0]["primary"], true);
}

#[test]
fn a_malformed_file_is_a_finding_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"id\": \"NO-UA\",}\n").unwrap();
    relcheck()
        .current_dir(dir.path())
        .args(["check", "broken.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[R001/invalid-json]: trailing comma before `}`",
        ))
        .stdout(predicate::str::contains("broken.json:1:15"));
}

#[test]
fn a_missing_dataset_or_path_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    relcheck()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("relcheck: error: no dataset found:").and(predicate::str::ends_with("\n")))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    relcheck()
        .current_dir(dir.path())
        .args(["check", "nope.json"])
        .assert()
        .code(2)
        .stderr("relcheck: error: nope.json: no such file or directory\n");
}

#[test]
fn bad_arguments_cannot_run() {
    relcheck().args(["check", "--today", "2026-02-30"]).assert().code(2);
    relcheck().args(["check", "--format", "yaml"]).assert().code(2);
    relcheck().arg("frobnicate").assert().code(2);
}

#[test]
fn explain_and_rules_know_every_rule() {
    for rule in relcheck::rules::ALL {
        relcheck()
            .args(["explain", rule.code])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(rule.name));
        relcheck()
            .args(["explain", rule.name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(rule.code));
    }
    relcheck()
        .args(["explain", "invalid-dat"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `invalid-date`?"));
    let listing = relcheck().arg("rules").output().unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    assert_eq!(listing.lines().count(), relcheck::rules::ALL.len() + 1);
}

#[test]
fn an_unknown_rule_in_relcheck_toml_stops_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data/relations")).unwrap();
    std::fs::write(dir.path().join("data/relations/broken.json"), "{}\n").unwrap();
    std::fs::write(dir.path().join("relcheck.toml"), "[rules]\ninvalid-dat = \"off\"\n").unwrap();
    relcheck()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("relcheck.toml:2:1: error[R902/unknown-rule] unknown rule `invalid-dat`"))
        .stderr("relcheck: error: relcheck.toml:2:1: unknown rule `invalid-dat`; the run does not match the configuration\n");
}

#[test]
fn a_staged_second_file_for_a_pair_is_found_without_checking_the_first() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["data/entities", "data/relations", "schema"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(folder).join(entry.file_name())).unwrap();
        }
    }
    std::fs::copy(root().join("relcheck.toml"), dir.path().join("relcheck.toml")).unwrap();
    std::fs::copy(
        root().join("data/relations/NO-UA.json"),
        dir.path().join("data/relations/UA-NO.json"),
    )
    .unwrap();
    // The pre-commit case: only the new file is named; the existing one is found by its name.
    relcheck()
        .current_dir(dir.path())
        .args(["check", "--today", "2026-11-26", "--format", "concise", "data/relations/UA-NO.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "data/relations/UA-NO.json:3:9: error[R504/duplicate-relation] relation `NO-UA` is also described in data/relations/NO-UA.json",
        ));
}
