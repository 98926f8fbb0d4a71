//! Conformance runs against the shared test suites: JSONTestSuite for the parser;
//! JSON-Schema-Test-Suite (drafts 4, 6, 7, 2019-09 and 2020-12) and SchemaStore's own schema tests
//! for `relcheck validate`.
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
use relcheck::validate::{validate, Dialect, SchemaSources};
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
    let mut parts = vec!["JSONTestSuite/test_parsing", "schemastore/schemas"];
    parts.extend(DIALECTS.iter().map(|(folder, ..)| *folder));
    for part in parts {
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

/// The dialect folders of JSON-Schema-Test-Suite, each with its dialect and the number of required
/// cases it holds (so that a run that loses cases fails).
const DIALECTS: [(&str, Dialect, usize); 5] = [
    ("JSON-Schema-Test-Suite/tests/draft4", Dialect::Draft4, 618),
    ("JSON-Schema-Test-Suite/tests/draft6", Dialect::Draft6, 839),
    ("JSON-Schema-Test-Suite/tests/draft7", Dialect::Draft7, 927),
    ("JSON-Schema-Test-Suite/tests/draft2019-09", Dialect::Draft201909, 1259),
    ("JSON-Schema-Test-Suite/tests/draft2020-12", Dialect::Draft202012, 1299),
];

/// Why relcheck deliberately answers a required case differently from the suite, if it does.
/// None: `format` is an annotation unless `--assert-format` is given, in every dialect, and the
/// format cases are all optional.
fn known_disagreement(_case: &str) -> Option<&'static str> {
    None
}

/// The outcome of one suite file.
#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    groups: usize,
    /// `case: why` for every case that disagrees (or could not run).
    failures: Vec<String>,
    known: Vec<(String, String)>,
    needing_remotes: Vec<String>,
}

/// Runs every group of the suite file `file` as `relcheck validate` would: the group's schema in a
/// folder of its own, each test's data as a file beside it. A schema without `$schema` is read as
/// `dialect` (`--draft`), the dialect its folder is written for.
fn run_suite_file(file: &Path, dialect: Dialect, sources: &SchemaSources, work: &Path, assert_formats: bool) -> Tally {
    let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
    let groups: Vec<Value> = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let mut tally = Tally::default();
    for (g, group) in groups.iter().enumerate() {
        tally.groups += 1;
        let group_name = group["description"].as_str().unwrap_or("?");
        let dir = work.join(format!("{}-{g}", file_name.trim_end_matches(".json")));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("schema.json"),
            serde_json::to_string_pretty(&group["schema"]).unwrap(),
        )
        .unwrap();
        let declared = group["schema"].get("$schema").and_then(Value::as_str);
        let sources = sources
            .clone()
            .assert_formats(assert_formats)
            .draft(declared.is_none().then_some(dialect));
        // A group needs remotes/ when its schema cannot be compiled without them, or when its
        // meta-schema (whose vocabularies decide what is checked) is one of them.
        let custom_meta = declared.is_some_and(|meta| meta.starts_with("http://localhost:1234/"));
        let alone = SchemaSources::default().draft(sources.draft);
        if custom_meta
            || relcheck::validate::compile_schema_with(&dir, Path::new("schema.json"), &settings(), &alone).is_err()
        {
            tally.needing_remotes.push(format!("{file_name}: {group_name}"));
        }
        let tests = group["tests"].as_array().unwrap();
        let mut paths = Vec::new();
        for (t, test) in tests.iter().enumerate() {
            let path = PathBuf::from(format!("case-{t:03}.json"));
            std::fs::write(dir.join(&path), serde_json::to_string_pretty(&test["data"]).unwrap()).unwrap();
            paths.push(path);
        }
        tally.cases += tests.len();
        let cwd = dir.clone();
        let outcome = bounded(Duration::from_secs(60), move || {
            relcheck::validate::run(&cwd, Path::new("schema.json"), &paths, &settings(), &sources)
                .map_err(|e| e.to_string())
        });
        let case_name = |test: &Value| {
            format!(
                "{file_name} / {group_name} / {}",
                test["description"].as_str().unwrap_or("?")
            )
        };
        let outcome = match outcome {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(error)) | Err(error) => {
                for test in tests {
                    tally
                        .failures
                        .push(format!("{}: relcheck could not run: {error}", case_name(test)));
                }
                continue;
            }
        };
        let report = &outcome.report;
        for problem in span_problems(report) {
            tally.failures.push(format!("{file_name} / {group_name}: {problem}"));
        }
        for (t, test) in tests.iter().enumerate() {
            let case = case_name(test);
            let expected_valid = test["valid"].as_bool().unwrap();
            let findings: Vec<_> = report.diagnostics.iter().filter(|d| d.file == t).collect();
            let excerpt = &report.files[t].excerpt;
            let why = if let Some(unchecked) = outcome.unchecked.iter().find(|u| u.file == t) {
                Some(format!("no verdict: {}", unchecked.reason))
            } else if expected_valid {
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
                None => tally.passed += 1,
                Some(why) if known_disagreement(&case).is_some() => tally.known.push((case, why)),
                Some(why) => tally.failures.push(format!("{case}: {why}")),
            }
        }
    }
    tally
}

/// The required cases of one dialect: every one must agree, with a finding placed in the instance
/// for every invalid one.
fn json_schema_test_suite(index: usize) {
    let Some(root) = suites() else { return };
    let (folder, dialect, expected_cases) = &DIALECTS[index];
    let remotes = root.join("JSON-Schema-Test-Suite/remotes");
    let sources = SchemaSources::default().map("http://localhost:1234/", &remotes);
    let work = tempfile::tempdir().unwrap();
    let mut total = Tally::default();
    println!("JSON-Schema-Test-Suite {} (required, {}):", folder, dialect.name());
    for file in json_files(&root.join(folder)) {
        let tally = run_suite_file(&file, *dialect, &sources, work.path(), false);
        println!(
            "  {}: {}/{}",
            file.file_name().unwrap().to_string_lossy(),
            tally.passed,
            tally.cases
        );
        total.cases += tally.cases;
        total.passed += tally.passed;
        total.groups += tally.groups;
        total.failures.extend(tally.failures);
        total.known.extend(tally.known);
        total.needing_remotes.extend(tally.needing_remotes);
    }
    println!(
        "  total {}: {}/{} cases agree ({} groups); {} known disagreements; {} failures",
        dialect.name(),
        total.passed,
        total.cases,
        total.groups,
        total.known.len(),
        total.failures.len()
    );
    println!("  groups that need remotes/ (served from the local folder, no network):");
    for group in &total.needing_remotes {
        println!("    {group}");
    }
    for (case, why) in &total.known {
        println!("    known disagreement: {case}: {why}");
    }
    assert_eq!(
        total.cases, *expected_cases,
        "{}: expected {expected_cases} required cases",
        folder
    );
    assert!(
        total.failures.is_empty(),
        "{} failures:\n{}",
        total.failures.len(),
        total.failures.join("\n")
    );
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft4() {
    json_schema_test_suite(0);
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft6() {
    json_schema_test_suite(1);
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft7() {
    json_schema_test_suite(2);
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft2019_09() {
    json_schema_test_suite(3);
}

#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_draft2020_12() {
    json_schema_test_suite(4);
}

/// The optional cases of every dialect, reported, not required: formats (run with
/// `--assert-format`, which they assume), big numbers, the ECMA-262 regular expression dialect, and
/// so on. The run must still never crash nor hang.
#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn json_schema_test_suite_optional() {
    let Some(root) = suites() else { return };
    let remotes = root.join("JSON-Schema-Test-Suite/remotes");
    let sources = SchemaSources::default().map("http://localhost:1234/", &remotes);
    let work = tempfile::tempdir().unwrap();
    let mut crashes = Vec::new();
    println!("JSON-Schema-Test-Suite optional cases (reported, not required):");
    for (folder, dialect, _) in &DIALECTS {
        let optional = root.join(folder).join("optional");
        let (mut cases, mut passed) = (0, 0);
        let mut lines = Vec::new();
        for (subfolder, assert_formats) in [(optional.clone(), false), (optional.join("format"), true)] {
            for file in json_files(&subfolder) {
                let tally = run_suite_file(&file, *dialect, &sources, work.path(), assert_formats);
                let name = file.strip_prefix(&optional).unwrap().to_string_lossy().into_owned();
                lines.push(format!("    {name}: {}/{}", tally.passed, tally.cases));
                cases += tally.cases;
                passed += tally.passed;
                crashes.extend(
                    tally
                        .failures
                        .into_iter()
                        .filter(|f| f.contains("panicked") || f.contains("did not finish")),
                );
            }
        }
        println!("  {} ({}): {passed}/{cases} cases agree", folder, dialect.name());
        for line in lines {
            println!("{line}");
        }
    }
    assert!(crashes.is_empty(), "crashes or hangs:\n{}", crashes.join("\n"));
}

/// What relcheck answered for one SchemaStore test file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Valid,
    Invalid,
    /// The file needs a schema that is not in the sample (the reason names it).
    None(String),
}

/// Validates `files` (relative to `root`) against `schema` as `relcheck validate --resolve
/// schemas/` does, one run for them all; `Err` when relcheck cannot run at all.
fn verdicts(
    root: &Path,
    schema: &Path,
    files: &[PathBuf],
    sources: &SchemaSources,
) -> Result<(Vec<Verdict>, Dialect), String> {
    let (cwd, schema, paths, sources) = (
        root.to_path_buf(),
        schema.to_path_buf(),
        files.to_vec(),
        sources.clone(),
    );
    let outcome = bounded(Duration::from_secs(120), move || {
        relcheck::validate::run(&cwd, &schema, &paths, &settings(), &sources).map_err(|e| e.to_string())
    })??;
    // Files are reported sorted by path: find each one's place.
    let verdicts = files
        .iter()
        .map(|file| {
            let shown = file.to_string_lossy().replace('\\', "/");
            let index = outcome
                .report
                .files
                .iter()
                .position(|f| f.path == shown)
                .expect("every file is reported");
            match outcome.unchecked.iter().find(|u| u.file == index) {
                Some(unchecked) => Verdict::None(unchecked.reason.clone()),
                None if outcome.report.diagnostics.iter().any(|d| d.file == index) => Verdict::Invalid,
                None => Verdict::Valid,
            }
        })
        .collect();
    Ok((verdicts, outcome.dialect.dialect))
}

/// The dialect that has the keywords an older one lacks: draft-04 and -06 schemas read as draft-07
/// gain `const`, `contains`, `propertyNames` and `if`; draft-07 read as 2019-09 evaluates the
/// siblings of `$ref`. SchemaStore's tests are run with ajv, which reads schemas so.
fn richer(dialect: Dialect) -> Option<Dialect> {
    match dialect {
        Dialect::Draft4 | Dialect::Draft6 => Some(Dialect::Draft7),
        Dialect::Draft7 => Some(Dialect::Draft201909),
        Dialect::Draft201909 | Dialect::Draft202012 => None,
    }
}

#[derive(Default)]
struct StoreTally {
    pairs: usize,
    agree: usize,
    /// Negative tests that relcheck rejects only with `--assert-format`.
    with_format: usize,
    /// Disagreements that go away when the schema is read with the keywords of a later dialect.
    explained: usize,
    disagree: usize,
    no_verdict: usize,
}

/// SchemaStore's own tests (test/NAME/*.json must be valid against schemas/NAME.json,
/// negative_test/NAME/*.json invalid), run as a user would: `relcheck validate --schema
/// schemas/NAME.json --resolve schemas/ FILES...`, one run per schema for all its files.
///
/// A negative test that relcheck accepts is run again with `--assert-format`: SchemaStore's
/// validator asserts `format`, relcheck by default does not; rejected then, it agrees. A pair that
/// disagrees is run again with the schema read in the next richer dialect (`richer`); when that
/// reading agrees with SchemaStore, the disagreement comes from keywords the schema's own dialect
/// does not have (a draft-04 `const`, a draft-07 `$ref` sibling), which relcheck, following the
/// specification, ignores: it is counted apart, not as agreement. A file whose validation needs a
/// schema that is not in the sample gets no verdict, and is counted apart too.
#[test]
#[ignore = "needs the shared conformance suites: set RELCHECK_CONFORMANCE"]
fn schemastore_sample() {
    let Some(root) = suites() else { return };
    let root = root.join("schemastore");
    let sources = SchemaSources::default().resolve("schemas");
    let mut names: Vec<String> = json_files(&root.join("schemas"))
        .iter()
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut tallies: BTreeMap<&'static str, StoreTally> = BTreeMap::new();
    let (mut failures, mut explained, mut disagreements, mut no_verdicts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for name in &names {
        let schema = PathBuf::from(format!("schemas/{name}.json"));
        let mut pairs: Vec<(PathBuf, bool)> = Vec::new();
        for (folder, valid) in [("test", true), ("negative_test", false)] {
            let dir = root.join(folder).join(name);
            if dir.is_dir() {
                for file in json_files(&dir) {
                    pairs.push((file.strip_prefix(&root).unwrap().to_path_buf(), valid));
                }
            }
        }
        if pairs.is_empty() {
            continue;
        }
        let files: Vec<PathBuf> = pairs.iter().map(|(file, _)| file.clone()).collect();
        let (mut answers, dialect) = match verdicts(&root, &schema, &files, &sources) {
            Ok(answers) => answers,
            Err(error) => {
                failures.push(format!(
                    "{name}: relcheck could not run on {} files: {error}",
                    files.len()
                ));
                continue;
            }
        };
        let tally = tallies.entry(dialect.name()).or_default();
        // Negative tests relcheck accepts: again with `format` asserted.
        let accepted: Vec<usize> = (0..pairs.len())
            .filter(|&i| !pairs[i].1 && answers[i] == Verdict::Valid)
            .collect();
        if !accepted.is_empty() {
            let files: Vec<PathBuf> = accepted.iter().map(|&i| files[i].clone()).collect();
            match verdicts(&root, &schema, &files, &sources.clone().assert_formats(true)) {
                Ok((again, _)) => {
                    for (&i, answer) in accepted.iter().zip(again) {
                        if answer == Verdict::Invalid {
                            tally.with_format += 1;
                            answers[i] = answer;
                        }
                    }
                }
                Err(error) => failures.push(format!("{name} with --assert-format: relcheck could not run: {error}")),
            }
        }
        let wrong: Vec<usize> = (0..pairs.len())
            .filter(|&i| {
                let expected = if pairs[i].1 { Verdict::Valid } else { Verdict::Invalid };
                matches!(answers[i], Verdict::Valid | Verdict::Invalid) && answers[i] != expected
            })
            .collect();
        // Each pair again as the richer dialect reads it, negative tests with `format` asserted.
        let mut richer_answers = BTreeMap::new();
        if let Some(richer) = richer(dialect) {
            for negative in [false, true] {
                let group: Vec<usize> = wrong.iter().copied().filter(|&i| pairs[i].1 != negative).collect();
                if group.is_empty() {
                    continue;
                }
                let files: Vec<PathBuf> = group.iter().map(|&i| files[i].clone()).collect();
                let forced = sources.clone().draft(Some(richer)).assert_formats(negative);
                if let Ok((again, _)) = verdicts(&root, &schema, &files, &forced) {
                    richer_answers.extend(group.into_iter().zip(again.into_iter().map(|a| (a, richer))));
                }
            }
        }
        for (i, ((file, valid), answer)) in pairs.iter().zip(&answers).enumerate() {
            tally.pairs += 1;
            let expected = if *valid { Verdict::Valid } else { Verdict::Invalid };
            let shown = file.display();
            match answer {
                Verdict::None(reason) => {
                    tally.no_verdict += 1;
                    no_verdicts.push(format!("{shown}: {reason}"));
                }
                answer if *answer == expected => tally.agree += 1,
                answer => match richer_answers.get(&i) {
                    Some((again, richer)) if *again == expected => {
                        tally.explained += 1;
                        explained.push(format!(
                            "{shown}: {answer:?} as {}, {again:?} when read as {}",
                            dialect.name(),
                            richer.name()
                        ));
                    }
                    _ => {
                        tally.disagree += 1;
                        disagreements.push(format!(
                            "{shown}: expected {expected:?}, relcheck says {answer:?} ({})",
                            dialect.name()
                        ));
                    }
                },
            }
        }
    }
    let mut total = StoreTally::default();
    println!(
        "SchemaStore sample ({} schemas), relcheck validate --resolve schemas/:",
        names.len()
    );
    println!("  dialect: pairs, verdicts, agree (of them with --assert-format), explained by the dialect, disagree, no verdict");
    for (dialect, t) in &tallies {
        println!(
            "  {dialect}: {} pairs, {} verdicts, {} agree ({} with --assert-format), {} explained, {} disagree, {} no verdict",
            t.pairs,
            t.pairs - t.no_verdict,
            t.agree,
            t.with_format,
            t.explained,
            t.disagree,
            t.no_verdict
        );
        total.pairs += t.pairs;
        total.agree += t.agree;
        total.with_format += t.with_format;
        total.explained += t.explained;
        total.disagree += t.disagree;
        total.no_verdict += t.no_verdict;
    }
    let verdicts = total.pairs - total.no_verdict;
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    println!(
        "  total: {} pairs, {verdicts} verdicts; {} agree ({:.2}% of the verdicts, {:.2}% of the pairs); {} explained by the dialect; {} disagree; {} no verdict",
        total.pairs,
        total.agree,
        percent(total.agree, verdicts),
        percent(total.agree, total.pairs),
        total.explained,
        total.disagree,
        total.no_verdict
    );
    println!(
        "  agreement where the schema's dialect and the sample decide: {}/{} ({:.2}%)",
        total.agree,
        verdicts - total.explained,
        percent(total.agree, verdicts - total.explained)
    );
    for (title, list) in [
        (
            "no verdict: the file needs a schema that is not in the sample",
            &no_verdicts,
        ),
        (
            "explained: SchemaStore expects keywords the schema's dialect does not have",
            &explained,
        ),
        ("disagreements", &disagreements),
    ] {
        println!("  {title} ({}):", list.len());
        for line in list {
            println!("    {line}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total.pairs > 0, "the SchemaStore sample holds no test");
    assert!(
        total.agree as f64 >= 0.995 * (verdicts - total.explained) as f64,
        "agreement below 99.5%:\n{}",
        disagreements.join("\n")
    );
}
