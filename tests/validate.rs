//! `relcheck validate` with schemas of every dialect, references between documents of different
//! dialects, `--draft`, `--resolve`, and the one-line errors of a run that cannot answer. The
//! fixtures are under tests/fixtures/validate/; each test runs the binary in a fixture folder, as a
//! user would.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/validate")
        .join(folder)
}

/// Exit code, standard output and standard error of `relcheck ARGS` run in `dir`.
fn relcheck(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("relcheck")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `relcheck validate ARGS --format json` in `dir`: the exit code and each finding as
/// `(file, rule, pointer)`.
fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let mut all = vec!["validate", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = relcheck(dir, &all);
    assert!(code < 2, "exit {code}: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_string();
            (text("file"), text("rule"), text("pointer"))
        })
        .collect();
    (code, found)
}

fn finding(file: &str, rule: &str, pointer: &str) -> (String, String, String) {
    (file.into(), rule.into(), pointer.into())
}

const OK_ONE: &str = "ok: 1 file checked, 0 warnings\n";

#[test]
fn draft_04_has_no_const_nor_if() {
    let dir = fixtures("dialects");
    let args = [
        "validate",
        "--schema",
        "draft4-keywords.schema.json",
        "draft4-keywords.json",
    ];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
    // Read as 2020-12, the same keywords are assertions.
    let (code, found) = findings(
        &dir,
        &[
            "--schema",
            "draft4-keywords.schema.json",
            "--draft",
            "2020-12",
            "draft4-keywords.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![
            finding("draft4-keywords.json", "value-not-allowed", "/kind"),
            finding("draft4-keywords.json", "constraint-violation", "/size"),
        ]
    );
}

#[test]
fn draft_07_ignores_the_siblings_of_ref() {
    let dir = fixtures("dialects");
    let args = [
        "validate",
        "--schema",
        "draft7-ref-siblings.schema.json",
        "draft7-ref-siblings.json",
    ];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
    // From 2019-09 on, `maxLength` beside `$ref` applies.
    let (code, found) = findings(
        &dir,
        &[
            "--schema",
            "draft7-ref-siblings.schema.json",
            "--draft",
            "2019-09",
            "draft7-ref-siblings.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![finding("draft7-ref-siblings.json", "constraint-violation", "/name")]
    );
}

#[test]
fn an_items_array_is_a_tuple_in_2019_09_and_prefix_items_in_2020_12() {
    let dir = fixtures("dialects");
    for schema in ["items-2019-09.schema.json", "items-2020-12.schema.json"] {
        let (code, found) = findings(&dir, &["--schema", schema, "pair.json", "pair-too-long.json"]);
        assert_eq!(code, 1, "{schema}");
        // 2019-09's `additionalItems` fails on the array, 2020-12's `items: false` on the extra item.
        let pointer = if schema.contains("2019") { "" } else { "/2" };
        assert_eq!(
            found,
            vec![finding("pair-too-long.json", "constraint-violation", pointer)],
            "{schema}"
        );
    }
}

#[test]
fn a_schema_its_dialect_rejects_is_refused_with_the_dialect_and_why() {
    let dir = fixtures("dialects");
    let (code, stdout, stderr) = relcheck(
        &dir,
        &["validate", "--schema", "items-array-2020-12.schema.json", "pair.json"],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "relcheck: error: the schema items-array-2020-12.schema.json cannot be compiled: at /items: value is not of \
         types \"boolean\", \"object\" (read as draft 2020-12, from its `$schema`)\n"
    );
    let (code, _, stderr) = relcheck(
        &dir,
        &["validate", "--schema", "items-array-no-schema.schema.json", "pair.json"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "relcheck: error: the schema items-array-no-schema.schema.json cannot be compiled: at /items: value is not \
         of types \"boolean\", \"object\" (read as draft 2020-12, the default for a schema without `$schema`; name \
         its dialect in `$schema`, or choose one with --draft)\n"
    );
    // Forced to the dialect it is written in, it validates.
    let (code, found) = findings(
        &dir,
        &[
            "--schema",
            "items-array-no-schema.schema.json",
            "--draft",
            "2019-09",
            "pair.json",
            "pair-too-long.json",
        ],
    );
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_plain_name_id_is_an_anchor_in_draft_06_and_07() {
    let dir = fixtures("dialects");
    let (code, found) = findings(
        &dir,
        &[
            "--schema",
            "plain-name-id.schema.json",
            "plain-name-id.json",
            "plain-name-id-invalid.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![finding("plain-name-id-invalid.json", "pattern-mismatch", "/country")]
    );
}

#[test]
fn draft_04_id_is_the_base_of_references() {
    // `"id": "editor"` names the subschema; `"$ref": "editor"` finds it, and reads no file.
    let dir = fixtures("dialects");
    let (code, found) = findings(&dir, &["--schema", "draft4-id.schema.json", "draft4-id.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![finding("draft4-id.json", "missing-required-field", "/editor")]
    );
}

#[test]
fn an_unknown_dialect_is_refused_unless_forced() {
    let dir = fixtures("dialects");
    let (code, stdout, stderr) = relcheck(
        &dir,
        &[
            "validate",
            "--schema",
            "unknown-dialect.schema.json",
            "empty-object.json",
        ],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "relcheck: error: the schema unknown-dialect.schema.json cannot be compiled: its `$schema` \
         `https://example.com/dialects/my-own` is neither a dialect relcheck knows (draft-04, -06, -07, 2019-09, \
         2020-12) nor a meta-schema it was given; choose a dialect with --draft 4|6|7|2019-09|2020-12, or give the \
         meta-schema with --resolve\n"
    );
    let args = [
        "validate",
        "--schema",
        "unknown-dialect.schema.json",
        "--draft",
        "7",
        "empty-object.json",
    ];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
    let (code, _, stderr) = relcheck(
        &dir,
        &["validate", "--schema", "pair.json", "--draft", "8", "pair.json"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[possible values: 4, 6, 7, 2019-09, 2020-12]"),
        "{stderr}"
    );
}

#[test]
fn a_custom_meta_schema_given_with_resolve_sets_the_dialect_it_is_written_in() {
    // The meta-schema is draft-07: `maxLength` beside `$ref` is ignored.
    let dir = fixtures("meta");
    let args = [
        "validate",
        "--schema",
        "uses-meta.schema.json",
        "--resolve",
        "strict-meta.json",
        "name.json",
    ];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
}

#[test]
fn referenced_files_are_read_in_their_own_dialect() {
    // A 2020-12 schema refers to a draft-04 file (with `id`; its `const` is no keyword) and to a
    // draft-07 file whose root is a `$ref` (its `$id`, beside `$ref`, is ignored).
    let dir = fixtures("references");
    let args = ["validate", "--schema", "main.schema.json", "valid.json"];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
    let (code, found) = findings(&dir, &["--schema", "main.schema.json", "invalid.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![
            finding("invalid.json", "constraint-violation", "/code"),
            finding("invalid.json", "constraint-violation", "/count"),
        ]
    );
    // `--draft` forces the schema given, not the documents that name their own dialect.
    let args = ["validate", "--schema", "main.schema.json", "--draft", "7", "valid.json"];
    assert_eq!(relcheck(&dir, &args), (0, OK_ONE.into(), String::new()));
}

#[test]
fn resolve_serves_schemas_by_their_id_from_a_folder_or_a_file() {
    let dir = fixtures("resolve");
    let (code, found) = findings(
        &dir,
        &[
            "--schema",
            "schemas/config.json",
            "--resolve",
            "library",
            "valid.json",
            "invalid.json",
            "neither.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![
            finding("invalid.json", "missing-required-field", "/tool"),
            finding("invalid.json", "constraint-violation", "/port"),
        ]
    );
    // One file: `tool.json` is served; `port` refers to a schema that was not given, and only the
    // file that has a `port` needs it.
    let (code, stdout, stderr) = relcheck(
        &dir,
        &[
            "validate",
            "--schema",
            "schemas/config.json",
            "--resolve",
            "library/tool.json",
            "neither.json",
            "port-only.json",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "note: port-only.json was not validated: part of it must match \
         `https://example.com/schemas/sub/port.json`, which relcheck cannot read\n\
         ok: 1 file checked, 0 warnings\n"
    );
    assert_eq!(
        stderr,
        "relcheck: error: cannot validate port-only.json: part of it must match \
         `https://example.com/schemas/sub/port.json`, which is not the `$id` of any schema given with --resolve, \
         and relcheck never reads schemas over the network; give that schema's file or folder with --resolve\n"
    );
    let (code, _, stderr) = relcheck(
        &dir,
        &[
            "validate",
            "--schema",
            "schemas/config.json",
            "--resolve",
            "nowhere",
            "valid.json",
        ],
    );
    assert_eq!(
        (code, stderr.as_str()),
        (2, "relcheck: error: nowhere: no such file or directory\n")
    );
}

#[test]
fn every_file_that_needs_a_missing_schema_is_counted() {
    let dir = fixtures("resolve");
    let (code, stdout, stderr) = relcheck(
        &dir,
        &[
            "validate",
            "--schema",
            "schemas/config.json",
            "valid.json",
            "neither.json",
            "port-only.json",
        ],
    );
    assert_eq!(code, 2);
    assert!(stdout.ends_with("ok: 1 file checked, 0 warnings\n"), "{stdout}");
    assert_eq!(stdout.matches("was not validated").count(), 2, "{stdout}");
    assert!(
        stderr.starts_with("relcheck: error: cannot validate port-only.json (and 1 more file): part of it must match"),
        "{stderr}"
    );
}

/// A scratch folder: `schemas/main.json` (the schema), `library/` (for `--resolve`), `secret.json`
/// outside both, and `data.json`.
fn scratch(schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
    std::fs::create_dir_all(dir.path().join("library")).unwrap();
    std::fs::write(dir.path().join("schemas/main.json"), schema).unwrap();
    std::fs::write(
        dir.path().join("secret.json"),
        r#"{"$id": "https://example.com/secret.json", "type": "integer"}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("data.json"), "\"text\"").unwrap();
    dir
}

#[test]
#[cfg(unix)]
fn nothing_outside_the_given_folders_is_read_or_described() {
    // A link out of the schema's folder, to a file that exists or not, and a path out of it: one
    // refusal, which names the reference as written and nothing about what lies outside.
    let mut refusals = Vec::new();
    for (reference, link_to) in [
        ("link.json", Some("secret.json")),
        ("link.json", Some("nothing.json")),
        ("../secret.json", None),
        ("../nothing.json", None),
    ] {
        let dir = scratch(&format!(r#"{{"$ref": "{reference}"}}"#));
        if let Some(target) = link_to {
            std::os::unix::fs::symlink(dir.path().join(target), dir.path().join("schemas/link.json")).unwrap();
        }
        let (code, stdout, stderr) = relcheck(dir.path(), &["validate", "--schema", "schemas/main.json", "data.json"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{reference}");
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let shown = stderr
            .replace(&root.display().to_string(), "ROOT")
            .replace("nothing", "secret");
        assert!(!shown.contains(&format!("ROOT/{}", link_to.unwrap_or("-"))), "{stderr}");
        refusals.push(shown);
    }
    assert_eq!(refusals[0], refusals[1]);
    assert_eq!(refusals[2], refusals[3]);
    assert_eq!(
        refusals[0],
        "relcheck: error: the schema schemas/main.json cannot be compiled: refusing to read \
         `file://ROOT/schemas/link.json`: it lies outside the folders relcheck reads schemas from (the schema's own \
         folder and those given with --resolve)\n"
    );

    // A link in a `--resolve` folder to a schema outside it is not followed: its `$id` is not served.
    let dir = scratch(r#"{"$ref": "https://example.com/secret.json"}"#);
    std::os::unix::fs::symlink(dir.path().join("secret.json"), dir.path().join("library/secret.json")).unwrap();
    let (code, _, stderr) = relcheck(
        dir.path(),
        &[
            "validate",
            "--schema",
            "schemas/main.json",
            "--resolve",
            "library",
            "data.json",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not the `$id` of any schema given with --resolve"),
        "{stderr}"
    );

    // Files in a `--resolve` folder may be referred to by path; the folder beside them may not.
    let dir = scratch(r#"{"$ref": "../library/integer.json"}"#);
    std::fs::write(dir.path().join("library/integer.json"), r#"{"type": "integer"}"#).unwrap();
    let args = [
        "validate",
        "--schema",
        "schemas/main.json",
        "--resolve",
        "library",
        "--format",
        "concise",
        "data.json",
    ];
    let (code, stdout, _) = relcheck(dir.path(), &args);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("data.json:1:1: error[R103/wrong-type]"), "{stdout}");
    let (code, _, stderr) = relcheck(dir.path(), &["validate", "--schema", "schemas/main.json", "data.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("lies outside the folders"), "{stderr}");
}

#[test]
fn two_schemas_with_one_id_are_not_chosen_between() {
    let dir = scratch(r#"{"$ref": "https://example.com/x.json"}"#);
    for name in ["a.json", "b.json"] {
        std::fs::write(
            dir.path().join("library").join(name),
            r#"{"$id": "https://example.com/x.json", "type": "string"}"#,
        )
        .unwrap();
    }
    let (code, _, stderr) = relcheck(
        dir.path(),
        &[
            "validate",
            "--schema",
            "schemas/main.json",
            "--resolve",
            "library",
            "data.json",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "relcheck: error: the schema schemas/main.json cannot be compiled: `https://example.com/x.json` is the \
         `$id` of more than one schema given with --resolve (library/a.json, library/b.json); keep only one of them\n"
    );
}

#[test]
fn a_file_given_with_resolve_must_be_json() {
    let dir = scratch(r#"{"type": "string"}"#);
    std::fs::write(dir.path().join("library/broken.json"), "{").unwrap();
    let (code, _, stderr) = relcheck(
        dir.path(),
        &[
            "validate",
            "--schema",
            "schemas/main.json",
            "--resolve",
            "library/broken.json",
            "data.json",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "relcheck: error: the schema library/broken.json cannot be compiled: it is not a JSON object: EOF while \
         parsing an object at line 1 column 1\n"
    );
    // In a folder, a file that is not a schema is passed over.
    let args = [
        "validate",
        "--schema",
        "schemas/main.json",
        "--resolve",
        "library",
        "data.json",
    ];
    assert_eq!(relcheck(dir.path(), &args), (0, OK_ONE.into(), String::new()));
}

#[test]
fn validate_fixes_what_the_schema_findings_can_repair() {
    let dir = tempfile::tempdir().unwrap();
    let schema = r#"{"type":"object","properties":{"colour":{"enum":["red","green"]},"size":{"type":"integer"}},"additionalProperties":false}"#;
    std::fs::write(dir.path().join("schema.json"), schema).unwrap();
    // CRLF line endings and a misspelt field beside the value's typo: only the value's bytes change.
    let before = "{\r\n  \"colur\": \"red\",\r\n  \"size\": 3,\r\n  \"colour\": \"gren\"\r\n}\r\n";
    let after = before.replace("\"gren\"", "\"green\"");
    std::fs::write(dir.path().join("data.json"), before).unwrap();
    let args = |extra: &[&'static str]| {
        let mut args = vec!["validate", "--schema", "schema.json"];
        args.extend_from_slice(extra);
        args.push("data.json");
        args
    };
    let read = || std::fs::read_to_string(dir.path().join("data.json")).unwrap();

    // A close match for an enum value is an unsafe fix: `--fix` alone leaves it, and says so.
    let (code, stdout, _) = relcheck(dir.path(), &args(&["--fix"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("1 fixable with `--fix --unsafe-fixes`"), "{stdout}");
    assert_eq!(read(), before);

    // `--diff` writes nothing, exits 1, and shows the one changed line.
    let (code, stdout, stderr) = relcheck(dir.path(), &args(&["--diff", "--unsafe-fixes"]));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains("-  \"colour\": \"gren\"\r\n+  \"colour\": \"green\"\r\n"),
        "{stdout:?}"
    );
    assert_eq!(read(), before);

    // `--fix --unsafe-fixes` writes exactly that; the unknown field is still reported (no single
    // close match: `colour` is taken), and a second run changes nothing.
    let (code, stdout, _) = relcheck(dir.path(), &args(&["--fix", "--unsafe-fixes"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("R102/unknown-field"), "{stdout}");
    assert!(!stdout.contains("R104"), "{stdout}");
    assert_eq!(read(), after);
    let (_, stdout, _) = relcheck(dir.path(), &args(&["--diff", "--unsafe-fixes"]));
    assert_eq!(stdout, "");
    assert_eq!(read(), after);
}
