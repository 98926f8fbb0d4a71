//! Conformance runs against the shared test suites (JSONTestSuite for the parser,
//! JSON-Schema-Test-Suite draft 2020-12 for `relcheck validate`).
//!
//! They are `#[ignore]`d, so `cargo test` never needs the suites. Run them with
//! `RELCHECK_CONFORMANCE=<path to shared/conformance> cargo test --release --test conformance -- --ignored --nocapture`
//! (or `scripts/conformance.sh`). With the variable set to a folder that does not exist, they fail:
//! a CI that means to run them must not pass by finding nothing.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use codespan_reporting::term::termcolor::NoColor;
use relcheck::diagnostics::Severity;
use relcheck::source::Limits;
use relcheck::validate::{validate, validate_with, SchemaSources};
use relcheck::{report, Report, Settings};
use serde_json::Value;

/// The conformance folder, or `None` when the variable is not set. Panics when it is set to
/// something that is not a folder holding both suites.
fn suites() -> Option<PathBuf> {
    let Some(value) = std::env::var_os("RELCHECK_CONFORMANCE") else {
        eprintln!("skipped: RELCHECK_CONFORMANCE is not set (point it at shared/conformance to run the suites)");
        return None;
    };
    let root = PathBuf::from(value);
    for part in [
        "JSONTestSuite/test_parsing",
        "JSON-Schema-Test-Suite/tests/draft2020-12",
    ] {
        assert!(
            root.join(part).is_dir(),
            "RELCHECK_CONFORMANCE={} is set but {} does not exist: the conformance suites are missing",
            root.display(),
            root.join(part).display()
        );
    }
    Some(root)
}

fn settings() -> Settings {
    Settings {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        limits: Limits::default(),
        max_file_size: 64 * 1024 * 1024,
        max_findings_per_file: relcheck::check::MAX_FINDINGS_PER_FILE,
    }
}

/// Runs `work` on its own thread; `Err` when it panics or takes longer than `limit`.
fn bounded<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let result = catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into())
        });
        let _ = send.send(result);
    });
    match receive.recv_timeout(limit) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(panic)) => Err(format!("panicked: {panic}")),
        Err(_) => Err(format!("did not finish within {limit:?}")),
    }
}

/// Every problem with the spans of a report: each primary and secondary span must lie inside its
/// file's text and on character boundaries; every renderer must accept the report.
fn span_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for d in &report.diagnostics {
        let excerpt = &report.files[d.file].excerpt;
        let labels = std::iter::once(&d.primary).chain(&d.secondary);
        for label in labels {
            let Some(span) = label.span else { continue };
            let shown = excerpt.position(span.start).is_some() && excerpt.position(span.end).is_some();
            if !shown || excerpt.clamp(span) != span {
                problems.push(format!(
                    "{} span {}..{} not inside the text or not on character boundaries",
                    d.rule.code, span.start, span.end,
                ));
            }
        }
    }
    for format in [report::Format::Human, report::Format::Json, report::Format::Sarif] {
        let mut out = NoColor::new(Vec::new());
        if let Err(e) = report::render(report, format, &mut out) {
            problems.push(format!("{format:?} rendering failed: {e}"));
        }
    }
    problems
}

/// What relcheck does with each `i_` file of JSONTestSuite (implementation-defined: either answer
/// conforms). `None` means accepted with no finding; otherwise the rule code it reports.
fn implementation_defined(name: &str) -> Option<&'static str> {
    match name {
        // Numbers: a value that does not fit a 64-bit float is an error (serde_json and the schema
        // validator could only see infinity); one that underflows becomes 0; integers too large
        // for 64 bits become the nearest float, as in serde_json.
        "i_number_huge_exp.json"
        | "i_number_neg_int_huge_exp.json"
        | "i_number_pos_double_huge_exp.json"
        | "i_number_real_neg_overflow.json"
        | "i_number_real_pos_overflow.json" => Some("R001"),
        "i_number_double_huge_neg_exp.json"
        | "i_number_real_underflow.json"
        | "i_number_too_big_neg_int.json"
        | "i_number_too_big_pos_int.json"
        | "i_number_very_big_negative_int.json" => None,
        // Escaped lone or mismatched surrogates are no text: an error at the escape.
        "i_object_key_lone_2nd_surrogate.json"
        | "i_string_1st_surrogate_but_2nd_missing.json"
        | "i_string_1st_valid_surrogate_2nd_invalid.json"
        | "i_string_incomplete_surrogate_and_escape_valid.json"
        | "i_string_incomplete_surrogate_pair.json"
        | "i_string_incomplete_surrogates_escape_valid.json"
        | "i_string_invalid_lonely_surrogate.json"
        | "i_string_invalid_surrogate.json"
        | "i_string_inverted_surrogates_U+1D11E.json"
        | "i_string_lone_second_surrogate.json" => Some("R001"),
        // Bytes that are not UTF-8 (including encoded surrogates, overlong forms, code points past
        // U+10FFFF, and UTF-16 with or without a byte-order mark): invalid-encoding.
        "i_string_UTF-16LE_with_BOM.json"
        | "i_string_UTF-8_invalid_sequence.json"
        | "i_string_UTF8_surrogate_U+D800.json"
        | "i_string_invalid_utf-8.json"
        | "i_string_iso_latin_1.json"
        | "i_string_lone_utf8_continuation_byte.json"
        | "i_string_not_in_unicode_range.json"
        | "i_string_overlong_sequence_2_bytes.json"
        | "i_string_overlong_sequence_6_bytes.json"
        | "i_string_overlong_sequence_6_bytes_null.json"
        | "i_string_truncated-utf-8.json"
        | "i_string_utf16BE_no_BOM.json"
        | "i_string_utf16LE_no_BOM.json" => Some("R003"),
        // A UTF-8 byte-order mark: reported (invalid-encoding), then skipped and the rest parsed.
        "i_structure_UTF-8_BOM_empty_object.json" => Some("R003"),
        // 500 levels: more than --max-depth (128 by default).
        "i_structure_500_nested_arrays.json" => Some("R001"),
        _ => Some("unlisted"),
    }
}

/// The `*.json` files directly in `folder`, sorted.
fn json_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_test_suite_parsing() {
    let Some(root) = suites() else { return };
    let folder = root.join("JSONTestSuite/test_parsing");
    let files = json_files(&folder);
    let work = tempfile::tempdir().unwrap();
    let schema = work.path().join("true.schema.json");
    std::fs::write(&schema, "{}").unwrap();

    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut i_outcomes = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let prefix = &name[..2];
        let (cwd, schema, path) = (work.path().to_path_buf(), schema.clone(), file.clone());
        let outcome = bounded(Duration::from_secs(20), move || {
            let report = validate(&cwd, &schema, &[path], &settings()).map_err(|e| e.to_string())?;
            let problems = span_problems(&report);
            let code = relcheck::exit_code(&report, Severity::Error);
            let codes: Vec<&'static str> = report.diagnostics.iter().map(|d| d.rule.code).collect();
            Ok::<_, String>((codes, code, problems))
        });
        let mut fail = |why: String| failures.push(format!("{name}: {why}"));
        let (codes, exit, problems) = match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(error)) => {
                fail(format!("relcheck could not run: {error}"));
                continue;
            }
            Err(why) => {
                fail(why);
                continue;
            }
        };
        for problem in problems {
            fail(problem);
        }
        let syntax = codes.iter().any(|c| *c == "R001" || *c == "R003");
        // Where serde_json accepts a file, relcheck's parser must build the very same value.
        let bytes = std::fs::read(file).unwrap();
        if let (Ok(expected), Ok(text)) = (serde_json::from_slice::<Value>(&bytes), std::str::from_utf8(&bytes)) {
            match relcheck::source::json::parse(text, 0, Limits::default()) {
                Ok(document) if document.value == expected => {}
                Ok(_) => fail("parses to a different value than serde_json".into()),
                Err(error) => fail(format!("serde_json accepts it, relcheck does not: {}", error.message)),
            }
        }
        let entry = counts.entry(match prefix {
            "y_" => "y_ (must parse)",
            "n_" => "n_ (must be rejected)",
            _ => "i_ (implementation-defined)",
        });
        let count = entry.or_default();
        count.1 += 1;
        let ok = match prefix {
            "n_" => syntax && exit == 1,
            "y_" => !syntax,
            _ => {
                let expected = implementation_defined(&name);
                let actual = codes.iter().find(|c| **c == "R001" || **c == "R003").copied();
                i_outcomes.push(format!("{name}: {}", actual.unwrap_or("accepted")));
                actual == expected && (actual.is_none() || exit == 1)
            }
        };
        if ok {
            count.0 += 1;
        } else {
            fail(format!("unexpected result: findings {codes:?}, exit {exit}"));
        }
    }
    println!("JSONTestSuite test_parsing ({} files):", files.len());
    for (kind, (passed, total)) in &counts {
        println!("  {kind}: {passed}/{total}");
    }
    println!("  i_ outcomes:");
    for outcome in &i_outcomes {
        println!("    {outcome}");
    }
    assert_eq!(files.len(), 318, "JSONTestSuite should hold 318 test_parsing files");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Why relcheck's validate mode deliberately answers a case differently from the suite, if it does.
/// None today: `format` is an annotation unless `--assert-format` is given, as draft 2020-12 says.
fn known_disagreement(_case: &str) -> Option<&'static str> {
    None
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft2020_12() {
    let Some(root) = suites() else { return };
    let suite = root.join("JSON-Schema-Test-Suite");
    let remotes = suite.join("remotes");
    let sources = SchemaSources::default().map("http://localhost:1234/", &remotes);
    let files = json_files(&suite.join("tests/draft2020-12"));
    let work = tempfile::tempdir().unwrap();

    let mut failures = Vec::new();
    let mut needing_remotes = Vec::new();
    let mut known = Vec::new();
    let (mut total_cases, mut total_passed, mut total_groups) = (0, 0, 0);
    println!("JSON-Schema-Test-Suite draft2020-12 (required):");
    for file in &files {
        let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
        let groups: Vec<Value> = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let (mut cases, mut passed) = (0, 0);
        for (g, group) in groups.iter().enumerate() {
            total_groups += 1;
            let group_name = group["description"].as_str().unwrap_or("?");
            let schema_text = serde_json::to_string_pretty(&group["schema"]).unwrap();
            let dir = work.path().join(format!("{}-{g}", file_name.trim_end_matches(".json")));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("schema.json"), &schema_text).unwrap();
            // A group needs remotes/ when its schema cannot be compiled without them, or when its
            // meta-schema (whose vocabularies decide what is checked) is one of them.
            let custom_meta = group["schema"]["$schema"]
                .as_str()
                .is_some_and(|meta| meta.starts_with("http://localhost:1234/"));
            if custom_meta || relcheck::validate::compile_schema(&dir, Path::new("schema.json"), &settings()).is_err() {
                needing_remotes.push(format!("{file_name}: {group_name}"));
            }
            let tests = group["tests"].as_array().unwrap();
            let mut paths = Vec::new();
            for (t, test) in tests.iter().enumerate() {
                let path = PathBuf::from(format!("case-{t:03}.json"));
                std::fs::write(dir.join(&path), serde_json::to_string_pretty(&test["data"]).unwrap()).unwrap();
                paths.push(path);
            }
            cases += tests.len();
            let (cwd, sources) = (dir.clone(), sources.clone());
            let outcome = bounded(Duration::from_secs(60), move || {
                validate_with(&cwd, Path::new("schema.json"), &paths, &settings(), &sources).map_err(|e| e.to_string())
            });
            let report = match outcome {
                Ok(Ok(report)) => report,
                Ok(Err(error)) | Err(error) => {
                    for test in tests {
                        let case = format!(
                            "{file_name} / {group_name} / {}",
                            test["description"].as_str().unwrap_or("?")
                        );
                        failures.push(format!("{case}: relcheck could not run: {error}"));
                    }
                    continue;
                }
            };
            for problem in span_problems(&report) {
                failures.push(format!("{file_name} / {group_name}: {problem}"));
            }
            for (t, test) in tests.iter().enumerate() {
                let case = format!(
                    "{file_name} / {group_name} / {}",
                    test["description"].as_str().unwrap_or("?")
                );
                let expected_valid = test["valid"].as_bool().unwrap();
                let findings: Vec<_> = report.diagnostics.iter().filter(|d| d.file == t).collect();
                let excerpt = &report.files[t].excerpt;
                let why = if expected_valid {
                    (!findings.is_empty()).then(|| {
                        let messages: Vec<&str> = findings.iter().map(|d| d.message.as_str()).collect();
                        format!("expected valid, relcheck reports {messages:?}")
                    })
                } else if findings.is_empty() {
                    Some("expected invalid, relcheck reports nothing".to_string())
                } else {
                    let placed = findings.iter().any(|d| {
                        d.primary.span.is_some_and(|s| excerpt.position(s.end).is_some())
                            && test["data"].pointer(&d.pointer).is_some()
                    });
                    let unplaced: Vec<String> = findings
                        .iter()
                        .filter(|d| test["data"].pointer(&d.pointer).is_none())
                        .map(|d| format!("{} at {:?}", d.rule.code, d.pointer))
                        .collect();
                    if !placed {
                        Some("no finding has a span in the instance and a pointer that resolves".to_string())
                    } else if !unplaced.is_empty() {
                        Some(format!("pointers that do not resolve in the instance: {unplaced:?}"))
                    } else {
                        None
                    }
                };
                match why {
                    None => passed += 1,
                    Some(why) if known_disagreement(&case).is_some() => known.push((case, why)),
                    Some(why) => failures.push(format!("{case}: {why}")),
                }
            }
        }
        println!("  {file_name}: {passed}/{cases}");
        total_cases += cases;
        total_passed += passed;
    }
    println!(
        "  total: {total_passed}/{total_cases} cases agree ({total_groups} groups); {} known disagreements; {} failures",
        known.len(),
        failures.len()
    );
    println!("  groups that need remotes/ (served from the local folder, no network):");
    for group in &needing_remotes {
        println!("    {group}");
    }
    if !known.is_empty() {
        println!("  known disagreements ({}):", known.len());
        for (case, why) in &known {
            println!("    {case}: {why}");
        }
    }
    assert!(
        total_cases >= 1299,
        "expected the 1299 required cases, found {total_cases}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
