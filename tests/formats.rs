//! The formats CI and editors read: concise lines, SARIF 2.1.0 for code scanning, GitHub workflow
//! commands. Reports come from `relcheck::check_paths` on a copy of the shipped dataset with defects
//! written into it, or are built by hand for what a dataset cannot easily produce (a finding without a
//! place, messages with line breaks, more findings than GitHub annotates).
//!
//! Validation of the SARIF output against the official SARIF 2.1.0 JSON Schema is a CI step
//! (`scripts/sarif-validate.py`), since the schema lives outside this repository.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use codespan_reporting::term::termcolor::NoColor;
use serde_json::Value;

use relcheck::diagnostics::{Diagnostic, Severity, Suppression};
use relcheck::report::{self, Format};
use relcheck::source::{Excerpt, Limits, SourceFile, Span};
use relcheck::{rules, Report, Settings};

fn settings() -> Settings {
    Settings {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        limits: Limits::default(),
        max_file_size: 64 * 1024 * 1024,
        max_findings_per_file: relcheck::check::MAX_FINDINGS_PER_FILE,
    }
}

fn render(report: &Report, format: Format) -> String {
    let mut out = NoColor::new(Vec::new());
    report::render(report, format, &mut out).unwrap();
    String::from_utf8(out.into_inner()).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A dataset root (with `relcheck.toml`) holding a copy of the shipped `data/` and `schema/`.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("data"), &dir.path().join("data"));
    copy_dir(&root.join("schema"), &dir.path().join("schema"));
    std::fs::write(dir.path().join("relcheck.toml"), "").unwrap();
    dir
}

fn replace_once(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} should occur once in {}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const NO_UA: &str = "data/relations/NO-UA.json";

/// The shipped dataset with three defects: an impossible date, a reference retrieved before it was
/// published (a finding with a secondary label), and a malformed file whose name holds `%` and `,`.
fn defective() -> tempfile::TempDir {
    let dir = dataset();
    let relation = dir.path().join(NO_UA);
    replace_once(&relation, "\"date\": \"1992-02-05\"", "\"date\": \"1992-02-30\"");
    replace_once(
        &relation,
        "\"published\": \"2024-02-02\",\n      \"retrieved\": \"2024-02-04\"",
        "\"published\": \"2024-02-02\",\n      \"retrieved\": \"2024-01-04\"",
    );
    std::fs::write(
        dir.path().join("data/relations/50%,draft.json"),
        "{\"id\": \"NO-UA\",}\n",
    )
    .unwrap();
    dir
}

fn check(dir: &Path) -> Report {
    relcheck::check_paths(dir, &[], &settings()).unwrap()
}

fn check_named(dir: &Path, paths: &[&str]) -> Report {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    relcheck::check_paths(dir, &paths, &settings()).unwrap()
}

/// `path:line:col: severity[code/name] message`, with a message on one line.
fn is_concise_line(line: &str) -> bool {
    let Some((place, rest)) = line.split_once(": ") else {
        return false;
    };
    let mut parts = place.rsplitn(3, ':');
    let numbers = [parts.next(), parts.next()];
    let path = parts.next().unwrap_or_default();
    let severity = rest.split('[').next().unwrap_or_default();
    numbers
        .iter()
        .all(|n| n.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        && path.starts_with("data/")
        && ["error", "warning", "info"].contains(&severity)
        && rest.contains("] ")
}

#[test]
fn concise_prints_one_line_per_finding_then_the_summary() {
    let dir = defective();
    let report = check(dir.path());
    let output = render(&report, Format::Concise);
    let lines: Vec<&str> = output.lines().collect();
    let counted = report.diagnostics.iter().filter(|d| d.suppressed.is_none()).count();
    assert_eq!(lines.len(), counted + 1, "{output}");
    assert_eq!(lines[counted], report::summary_line(&report));
    assert!(lines[..counted].iter().all(|line| is_concise_line(line)), "{output}");
    // The three defects, exactly, in report order (file, then position).
    let defects: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| ["[R001/", "[R201/", "[R203/"].iter().any(|code| line.contains(code)))
        .collect();
    assert_eq!(
        defects,
        [
            "data/relations/50%,draft.json:1:15: error[R001/invalid-json] trailing comma before `}`",
            "data/relations/NO-UA.json:11:13: error[R201/invalid-date] `1992-02-30` is not a real date: \
             February 1992 has 29 days",
            "data/relations/NO-UA.json:711:20: error[R203/retrieved-before-published] reference \
             `nettavisen-2024-02-02` was retrieved on 2024-01-04, before it was published (2024-02-02)",
        ]
    );
    let citation_needed = lines
        .iter()
        .filter(|l| l.contains(": warning[R304/citation-needed] "))
        .count();
    assert_eq!(citation_needed, 11, "{output}");
    assert!(lines.contains(
        &"data/relations/NO-UA.json:22:7: warning[R304/citation-needed] recognition of `UA` by `NO` needs a citation"
    ));
}

#[test]
fn concise_on_a_clean_dataset_ends_with_the_human_summary() {
    let dir = dataset();
    let report = check(dir.path());
    assert_eq!(report.count(Severity::Error), 0);
    let output = render(&report, Format::Concise);
    assert!(
        output.starts_with("data/relations/NO-UA.json:22:7: warning[R304/citation-needed] "),
        "{output}"
    );
    assert!(
        output.ends_with(&format!("\n{}\n", report::summary_line(&report))),
        "{output}"
    );
    assert!(report::summary_line(&report).starts_with("ok: 4 files checked, "));
    let human = render(&report, Format::Human);
    assert_eq!(human.lines().last(), output.lines().last());
}

/// A report on one file with `text`, findings added by the caller.
fn handmade(path: &str, text: &str) -> Report {
    Report {
        files: vec![SourceFile {
            path: path.into(),
            excerpt: Excerpt::whole(text),
        }],
        checked: 1,
        ..Report::default()
    }
}

/// `body` followed by the summary line, as every format but JSON and SARIF ends.
fn with_summary(report: &Report, body: &str) -> String {
    format!("{body}{}\n", report::summary_line(report))
}

fn finding(code: &str, message: &str, span: Option<Span>) -> Diagnostic {
    let rule = rules::find(code).unwrap();
    Diagnostic::new(rule, 0, "/id", message).primary(span, "here")
}

#[test]
fn concise_keeps_each_finding_on_one_line() {
    let mut report = handmade("data/relations/odd\nname.json", "{\n  \"id\": \"x\"\n}\n");
    report
        .diagnostics
        .push(finding("R105", "first line\nsecond line\r", Some(Span::new(10, 13))));
    // A finding whose place is unknown is shown at the top of the file, as the human format does.
    report.diagnostics.push(finding("R101", "no place \u{1b}[31m", None));
    let output = render(&report, Format::Concise);
    assert_eq!(
        output,
        with_summary(&report, "data/relations/odd\\u{000A}name.json:2:9: error[R105/pattern-mismatch] first line\\u{000A}second line\\u{000D}\n\
         data/relations/odd\\u{000A}name.json:1:1: error[R101/missing-required-field] no place \\u{001B}[31m\n")
    );
}

// ---------------------------------------------------------------------------------------------------
// SARIF

fn sarif(report: &Report) -> Value {
    serde_json::from_str(&render(report, Format::Sarif)).unwrap()
}

#[test]
fn sarif_has_one_run_with_every_rule() {
    let dir = dataset();
    let log = sarif(&check(dir.path()));
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "relcheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let descriptors = driver["rules"].as_array().unwrap();
    assert_eq!(descriptors.len(), rules::ALL.len());
    for (descriptor, rule) in descriptors.iter().zip(rules::ALL) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["fullDescription"]["text"], rule.why);
        assert_eq!(descriptor["help"]["text"], rules::docs::explain(rule));
        assert_eq!(descriptor["properties"]["tags"][0], rule.group.name());
        let configuration = &descriptor["defaultConfiguration"];
        match rule.level.severity() {
            Some(severity) => {
                let level = match severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                };
                assert_eq!(configuration, &serde_json::json!({ "level": level }));
            }
            None => assert_eq!(configuration["enabled"], false),
        }
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().unwrap();
    assert!(
        results.iter().filter(|r| r["ruleId"] == "R304").count() == 11,
        "{results:?}"
    );
    assert!(results.iter().all(|r| r["level"] != "error"));
}

#[test]
fn sarif_results_carry_rule_level_message_and_locations() {
    let dir = defective();
    let report = check(dir.path());
    let log = sarif(&report);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.diagnostics.len());
    // Sorted like the report, and each ruleIndex names the rule of its ruleId.
    let descriptors = &log["runs"][0]["tool"]["driver"]["rules"];
    for (result, diagnostic) in results.iter().zip(&report.diagnostics) {
        assert_eq!(result["ruleId"], diagnostic.rule.code);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(descriptors[index]["id"], result["ruleId"]);
        let level = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(result["level"], level);
    }

    let late = results.iter().find(|r| r["ruleId"] == "R203").unwrap();
    assert_eq!(
        late["message"]["text"],
        "reference `nettavisen-2024-02-02` was retrieved on 2024-01-04, before it was published (2024-02-02) \
         help: a source cannot be read before it exists; correct whichever date is wrong"
    );
    let location = &late["locations"][0];
    let physical = &location["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"],
        serde_json::json!({"uri": "data/relations/NO-UA.json", "uriBaseId": "%SRCROOT%"})
    );
    let region = &physical["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (&Value::from(711), &Value::from(20), &Value::from(711), &Value::from(32))
    );
    let text = std::fs::read_to_string(dir.path().join(NO_UA)).unwrap();
    let bytes = |region: &Value| {
        let start = region["byteOffset"].as_u64().unwrap() as usize;
        &text[start..start + region["byteLength"].as_u64().unwrap() as usize]
    };
    assert_eq!(bytes(region), "\"2024-01-04\"");
    assert_eq!(location["message"]["text"], "retrieved here");
    assert_eq!(
        location["logicalLocations"],
        serde_json::json!([{"fullyQualifiedName": "/references/9/retrieved", "kind": "value"}])
    );
    let related = late["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["message"]["text"], "published here");
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 710);
    assert_eq!(bytes(&related[0]["physicalLocation"]["region"]), "\"2024-02-02\"");

    // The malformed file's name is percent-encoded in its URI.
    let broken = &results[0];
    assert_eq!(broken["ruleId"], "R001");
    assert_eq!(
        broken["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "data/relations/50%25,draft.json"
    );
}

#[test]
fn sarif_positions_agree_with_the_json_report() {
    let dir = defective();
    let report = check(dir.path());
    let log = sarif(&report);
    let json: Value = serde_json::from_str(&render(&report, Format::Json)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (result, diagnostic) in results.iter().zip(diagnostics) {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["startColumn"], diagnostic["column"]);
        assert_eq!(region["endLine"], diagnostic["end_line"]);
        assert_eq!(region["endColumn"], diagnostic["end_column"]);
        assert_eq!(region["byteOffset"], diagnostic["span"]["start"]);
        let length = diagnostic["span"]["end"].as_u64().unwrap() - diagnostic["span"]["start"].as_u64().unwrap();
        assert_eq!(region["byteLength"], length);
    }
}

#[test]
fn sarif_columns_count_code_points_not_bytes() {
    let text = "{\n  \"title\": \"Støre – Київ\", \"x\": 1\n}\n";
    let start = text.find("\"x\"").unwrap();
    let mut report = handmade("data/relations/NO-UA.json", text);
    report
        .diagnostics
        .push(finding("R102", "unknown field", Some(Span::new(start, start + 3))));
    let log = sarif(&report);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let column = text[text.find("  \"title").unwrap()..start].chars().count() + 1;
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["byteOffset"], start);
    assert!(start + 1 > column, "the line holds multi-byte characters");
}

#[test]
fn sarif_fingerprints_do_not_depend_on_line_numbers() {
    let dir = defective();
    let fingerprints = |report: &Report| -> Vec<Value> {
        sarif(report)["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    let before = fingerprints(&check(dir.path()));
    let relation = dir.path().join(NO_UA);
    let text = std::fs::read_to_string(&relation).unwrap();
    std::fs::write(&relation, text.replacen("{\n", "{\n\n\n", 1)).unwrap();
    let after_report = check(dir.path());
    let late = after_report.diagnostics.iter().find(|d| d.rule.code == "R203").unwrap();
    assert!(late.primary.span.is_some());
    assert_eq!(fingerprints(&after_report), before);
    let mut unique = before.clone();
    unique.sort_by_key(Value::to_string);
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints tell findings apart");
}

#[test]
fn sarif_is_deterministic_and_free_of_absolute_paths() {
    let dir = defective();
    let first = render(&check(dir.path()), Format::Sarif);
    let second = render(&check(dir.path()), Format::Sarif);
    assert_eq!(first, second);
    let root = dir.path().to_string_lossy();
    assert!(!first.contains(root.as_ref()), "absolute path {root} leaked");
    assert!(!first.contains("file://"));
}

#[test]
fn sarif_without_a_place_has_no_region() {
    let mut report = handmade("data/relations/NO-UA.json", "{}\n");
    report.diagnostics.push(finding("R101", "missing `id`", None));
    report.notices.push("no data/entities directory found".into());
    let log = sarif(&report);
    let run = &log["runs"][0];
    let physical = &run["results"][0]["locations"][0]["physicalLocation"];
    assert!(physical.get("region").is_none(), "{physical}");
    assert_eq!(physical["artifactLocation"]["uri"], "data/relations/NO-UA.json");
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        "no data/entities directory found"
    );
}

// ---------------------------------------------------------------------------------------------------
// GitHub workflow commands

#[test]
fn github_annotates_each_finding_with_escaped_properties_and_message() {
    let dir = defective();
    let output = render(&check_named(dir.path(), &["data/relations"]), Format::Github);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=data/relations/50%25%2Cdraft.json,line=1,col=15,endLine=1,endColumn=16,\
         title=R001/invalid-json::trailing comma before `}`%0Ahelp: remove the comma after the last member"
    );
    assert_eq!(
        lines[1],
        "::error file=data/relations/NO-UA.json,line=11,col=13,endLine=11,endColumn=25,title=R201/invalid-date::\
         `1992-02-30` is not a real date: February 1992 has 29 days%0Ahelp: use a day between 01 and 29 \
         (e.g. `1992-02-29`), or reduce the precision to `1992-02`"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), 3);
    assert!(lines.iter().any(|l| l.starts_with(
        "::error file=data/relations/NO-UA.json,line=711,col=20,endLine=711,endColumn=32,\
         title=R203/retrieved-before-published::reference `nettavisen-2024-02-02` was retrieved on 2024-01-04"
    )));
    // More than 10 warnings: the first 10 are annotated, the others printed as plain lines in their
    // place, and a last notice says how many.
    let report = check_named(dir.path(), &["data/relations"]);
    let warnings = report.count(Severity::Warning);
    assert!(warnings > 10, "{output}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("::warning ")).count(), 10);
    let first_plain = lines.iter().position(|l| l.contains(": warning[")).unwrap();
    let tenth_annotated = lines.iter().rposition(|l| l.starts_with("::warning ")).unwrap();
    assert!(tenth_annotated < first_plain, "{output}");
    let not_annotated = lines.iter().filter(|l| is_concise_line(l)).count();
    assert_eq!(
        not_annotated,
        warnings - 10 + report.count(Severity::Info).saturating_sub(9)
    );
    let summary = lines.len() - 2;
    assert_eq!(lines[summary], report::summary_line(&report));
    assert_eq!(
        lines[summary + 1],
        format!(
            "::notice title=relcheck::{not_annotated} finding{} not annotated: GitHub shows at most 10 error, \
             10 warning and 10 notice annotations per step; {} listed in the log above. For the full report \
             run `relcheck check --format human`, or upload the SARIF report (`--output sarif=relcheck.sarif`) \
             to code scanning",
            if not_annotated == 1 { " was" } else { "s were" },
            if not_annotated == 1 { "it is" } else { "they are" },
        )
    );
}

#[test]
fn github_escapes_percent_commas_colons_and_line_breaks() {
    let mut report = handmade("data/relations/a:b,50%\r\nx.json", "{\n  \"id\": \"x\"\n}\n");
    report
        .diagnostics
        .push(finding("R105", "100% wrong: a, b\nc", Some(Span::new(10, 13))).help("write `a:b,c` as 50%"));
    let output = render(&report, Format::Github);
    assert_eq!(
        output,
        with_summary(
            &report,
            "::error file=data/relations/a%3Ab%2C50%25%0D%0Ax.json,line=2,col=9,endLine=2,endColumn=12,\
         title=R105/pattern-mismatch::100%25 wrong: a, b%0Ac%0Ahelp: write `a:b,c` as 50%25\n"
        )
    );
}

#[cfg(unix)]
#[test]
fn github_escapes_a_real_file_name_with_command_characters() {
    // `:` and a line break cannot be in file names on Windows, and would break a checkout there, so
    // this file exists only for the test. relcheck shows the line break as `\u{000A}` in every path.
    let dir = dataset();
    let name = "data/relations/a:b,50%\nx.json";
    std::fs::write(dir.path().join(name), "{\"id\": \"NO-UA\",}\n").unwrap();
    let report = check_named(dir.path(), &[name]);
    assert_eq!(report.files[0].path, "data/relations/a:b,50%\\u{000A}x.json");
    let output = render(&report, Format::Github);
    assert_eq!(
        output,
        with_summary(
            &report,
            "::error file=data/relations/a%3Ab%2C50%25\\u{000A}x.json,line=1,col=15,endLine=1,endColumn=16,\
         title=R001/invalid-json::trailing comma before `}`%0Ahelp: remove the comma after the last member\n"
        )
    );
    // The same file in SARIF: a percent-encoded URI; in concise: on one line.
    let log = sarif(&report);
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "data/relations/a%3Ab,50%25%5Cu%7B000A%7Dx.json"
    );
    assert!(render(&report, Format::Concise)
        .starts_with("data/relations/a:b,50%\\u{000A}x.json:1:15: error[R001/invalid-json] trailing comma"));
}

#[test]
fn github_ends_with_a_notice_when_findings_exceed_the_annotation_limits() {
    let text = "{\n  \"id\": \"x\"\n}\n";
    let mut report = handmade("data/relations/NO-UA.json", text);
    for i in 0..12 {
        report
            .diagnostics
            .push(finding("R105", &format!("error {i}"), Some(Span::new(10, 13))));
    }
    for i in 0..3 {
        report
            .diagnostics
            .push(finding("R304", &format!("warning {i}"), Some(Span::new(10, 13))));
    }
    let output = render(&report, Format::Github);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), 10);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::warning ")).count(), 3);
    assert_eq!(
        &lines[10..12],
        [
            "data/relations/NO-UA.json:2:9: error[R105/pattern-mismatch] error 10",
            "data/relations/NO-UA.json:2:9: error[R105/pattern-mismatch] error 11",
        ]
    );
    assert_eq!(lines[15], report::summary_line(&report));
    assert_eq!(
        lines[16],
        "::notice title=relcheck::2 findings were not annotated: GitHub shows at most 10 error, 10 warning and \
         10 notice annotations per step; they are listed in the log above. For the full report run \
         `relcheck check --format human`, or upload the SARIF report (`--output sarif=relcheck.sarif`) to code scanning"
    );
    assert_eq!(lines.len(), 17);

    // Exactly at the limits: everything is annotated and there is no notice.
    report.diagnostics.truncate(10);
    let output = render(&report, Format::Github);
    assert!(!output.contains("::notice"), "{output}");
    assert_eq!(output.lines().filter(|l| l.starts_with("::error ")).count(), 10);
}

#[test]
fn github_keeps_one_notice_for_the_overflow_and_one_per_run_notice() {
    let mut report = handmade("data/relations/NO-UA.json", "{\n  \"id\": \"x\"\n}\n");
    for i in 0..9 {
        let mut info = finding("R304", &format!("info {i}"), Some(Span::new(10, 13)));
        info.severity = Severity::Info;
        report.diagnostics.push(info);
    }
    // Nine infos and no run notice: all nine annotated, the tenth notice slot stays free.
    let output = render(&report, Format::Github);
    assert_eq!(
        output.lines().filter(|l| l.starts_with("::notice ")).count(),
        9,
        "{output}"
    );
    assert!(!output.contains("not annotated"), "{output}");
    // A run notice takes a slot: the ninth info becomes a plain line, and the overflow notice is the tenth.
    report.notices.push("no data/entities directory found".into());
    let output = render(&report, Format::Github);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::notice file=")).count(),
        8,
        "{output}"
    );
    assert_eq!(
        lines[8],
        "data/relations/NO-UA.json:2:9: info[R304/citation-needed] info 8"
    );
    assert_eq!(lines[9], "::notice::no data/entities directory found");
    assert!(lines[11].starts_with("::notice title=relcheck::1 finding was not annotated"));
    assert_eq!(lines.iter().filter(|l| l.starts_with("::notice")).count(), 10);
}

#[test]
fn accepted_findings_are_left_out_of_concise_and_github_and_suppressed_in_sarif() {
    let mut report = handmade("data/relations/NO-UA.json", "{\n  \"id\": \"x\"\n}\n");
    let mut accepted = finding("R105", "waived", Some(Span::new(10, 13)));
    accepted.suppressed = Some(Suppression {
        reason: "the source spells it so".into(),
        config: "relcheck.toml:4".into(),
    });
    report.diagnostics.push(accepted);
    report
        .diagnostics
        .push(finding("R102", "counted", Some(Span::new(10, 13))));
    let concise = render(&report, Format::Concise);
    assert_eq!(
        concise,
        with_summary(
            &report,
            "data/relations/NO-UA.json:2:9: error[R102/unknown-field] counted\n"
        )
    );
    let github = render(&report, Format::Github);
    assert_eq!(
        github,
        with_summary(
            &report,
            "::error file=data/relations/NO-UA.json,line=2,col=9,endLine=2,endColumn=12,\
             title=R102/unknown-field::counted\n"
        )
    );
    let log = sarif(&report);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["suppressions"][0]["kind"], "external");
    assert!(
        results[0]["suppressions"][0].get("status").is_none(),
        "accepted is the default"
    );
    assert_eq!(
        results[0]["suppressions"][0]["justification"],
        "the source spells it so"
    );
    assert_eq!(
        results[0]["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"],
        4
    );
    assert!(results[1].get("suppressions").is_none());
}

#[test]
fn github_annotates_a_finding_without_a_place_on_the_whole_file() {
    let mut report = handmade("data/relations/NO-UA.json", "{}\n");
    report.diagnostics.push(finding("R101", "missing `id`", None));
    report
        .notices
        .push("no data/entities directory found: entity ids were not resolved".into());
    assert_eq!(
        render(&report, Format::Github),
        with_summary(
            &report,
            "::error file=data/relations/NO-UA.json,title=R101/missing-required-field::missing `id`\n\
         ::notice::no data/entities directory found: entity ids were not resolved\n"
        )
    );
}

// ---------------------------------------------------------------------------------------------------
// The command line: annotations on standard output and a SARIF file from the same run.

#[test]
fn one_run_prints_annotations_and_writes_sarif() {
    let dir = defective();
    let run = |args: &[&str]| {
        Command::cargo_bin("relcheck")
            .unwrap()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(["check", "--today", "2026-11-26"])
            .args(args)
            .output()
            .unwrap()
    };
    let both = run(&["--format", "github", "--output", "sarif=relcheck.sarif"]);
    assert_eq!(both.status.code(), Some(1));
    let annotations = String::from_utf8(both.stdout).unwrap();
    assert!(
        annotations.starts_with("::error file=data/relations/50%25%2Cdraft.json,line=1,"),
        "{annotations}"
    );
    let written = std::fs::read_to_string(dir.path().join("relcheck.sarif")).unwrap();
    let sarif_only = run(&["--format", "sarif"]);
    assert_eq!(sarif_only.status.code(), Some(1));
    assert_eq!(written, String::from_utf8(sarif_only.stdout).unwrap());
    let github_only = run(&["--format", "github"]);
    assert_eq!(annotations, String::from_utf8(github_only.stdout).unwrap());
}

#[test]
fn rdjson_carries_each_finding_with_its_notes_help_and_fix_as_a_suggestion() {
    let dir = dataset();
    let relation = dir.path().join(NO_UA);
    // Cyrillic text before the tag on the same line: rdjson columns count UTF-8 bytes.
    replace_once(
        &relation,
        "\"title\": \"Посольство України в Королівстві Норвегія\",\n      \"language\": \"uk\",",
        "\"title\": \"Посольство України в Королівстві Норвегія\", \"language\": \"UK\",",
    );
    let text = std::fs::read_to_string(&relation).unwrap();
    let report = check(dir.path());
    let output: Value = serde_json::from_str(&render(&report, Format::Rdjson)).unwrap();
    let found: Vec<&Value> = output["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"]["value"] == "R602/language-tag-case")
        .collect();
    assert_eq!(found.len(), 1, "{output:#}");
    let finding = found[0];
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.starts_with("language tag `UK` is not in canonical case, which is `uk`\nnote: "),
        "{message}"
    );
    assert!(message.ends_with("\nhelp: write `\"uk\"`"), "{message}");
    assert_eq!(finding["severity"], "WARNING");
    // The place: the line of the tag, and its byte columns (1-based, end exclusive).
    let at = text.find("\"UK\"").unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_number = text[..at].matches('\n').count() + 1;
    let column = at - line_start + 1;
    let range = serde_json::json!({
        "start": { "line": line_number, "column": column },
        "end": { "line": line_number, "column": column + 4 }
    });
    assert_eq!(finding["location"]["path"], NO_UA);
    assert_eq!(finding["location"]["range"], range);
    assert_eq!(
        finding["suggestions"],
        serde_json::json!([{ "range": range, "text": "\"uk\"" }])
    );
}
