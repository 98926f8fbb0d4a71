//! `relcheck fmt`: the layout byte for byte, what --check and --diff print and exit with, files it
//! must not touch, atomic writes, line endings, and the property that formatting keeps every value
//! and changes nothing the second time.

mod support;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use proptest::prelude::*;
use relcheck::dataset::FileKind;
use relcheck::format::{format_text, Options};
use relcheck::source::json::{parse, NodeKind, NodeRef};
use serde_json::Value;

fn relcheck(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("relcheck")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .arg("fmt")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

/// A dataset root (relcheck.toml, data/relations, data/entities) with `files` written into it.
fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("relcheck.toml"), "").unwrap();
    for folder in ["data/relations", "data/entities"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    for (path, content) in files {
        std::fs::write(dir.path().join(path), content).unwrap();
    }
    dir
}

const UNFORMATTED: &str = r#"{"id": "NO-UA",   "$schema":"../../schema/relation.schema.json",
	"title" : "Norway\u2013Ukraine \"relations\"",
  "parties":["NO","UA"],
    "references": [ {"language":"en","title":"A\/B\n","id":"r1", "url": "https://example.org/?a=1&b=2"} ],
"events":[{"summary":"Aid of 10 billion NOK", "amounts":[{"currency":"NOK","value":10000000000},{"value":1e3,"currency":"EUR","purpose":"x"},{"currency":"USD","value":-0.5}],
 "roles":[{"role":"speaker","entity":"jonas-gahr-store"},{"role":"participant","group":"other Nordic leaders"}],"actors":["NO"],"date":"2022-03-01","\u0069d":"2022-03-01-aid","cite":["r1"], "kinds": []}],
"established":{"cite":["r1"],"date":"1992-02-05"}, "x-note": {"b": 1.50, "a": [true, false, null]}, "notes": {}}"#;

/// UNFORMATTED in the layout: members in the schema's order (`\u0069d` is `id`; a role's `entity` or
/// `group` comes before `role`, as the alternative it matches declares), names the schema does not
/// know last in their own order, every scalar as written.
const FORMATTED: &str = r#"{
  "$schema": "../../schema/relation.schema.json",
  "id": "NO-UA",
  "parties": [
    "NO",
    "UA"
  ],
  "title": "Norway\u2013Ukraine \"relations\"",
  "established": {
    "date": "1992-02-05",
    "cite": [
      "r1"
    ]
  },
  "events": [
    {
      "\u0069d": "2022-03-01-aid",
      "date": "2022-03-01",
      "summary": "Aid of 10 billion NOK",
      "kinds": [],
      "actors": [
        "NO"
      ],
      "roles": [
        {
          "entity": "jonas-gahr-store",
          "role": "speaker"
        },
        {
          "group": "other Nordic leaders",
          "role": "participant"
        }
      ],
      "amounts": [
        {
          "value": 10000000000,
          "currency": "NOK"
        },
        {
          "value": 1e3,
          "currency": "EUR",
          "purpose": "x"
        },
        {
          "value": -0.5,
          "currency": "USD"
        }
      ],
      "cite": [
        "r1"
      ]
    }
  ],
  "references": [
    {
      "id": "r1",
      "title": "A\/B\n",
      "language": "en",
      "url": "https://example.org/?a=1&b=2"
    }
  ],
  "x-note": {
    "b": 1.50,
    "a": [
      true,
      false,
      null
    ]
  },
  "notes": {}
}
"#;

#[test]
fn an_unformatted_relation_is_written_in_the_layout_byte_for_byte() {
    let dir = dataset(&[("data/relations/NO-UA.json", UNFORMATTED)]);
    let output = relcheck(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "formatted 1 file, 0 already formatted\n");
    assert_eq!(text(&output.stderr), "");
    assert_eq!(read(dir.path(), "data/relations/NO-UA.json"), FORMATTED);
    // A second run finds nothing to do.
    let again = relcheck(dir.path(), &[]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stdout), "formatted 0 files, 1 already formatted\n");
    assert_eq!(read(dir.path(), "data/relations/NO-UA.json"), FORMATTED);
}

#[test]
fn entity_files_follow_the_entity_schema() {
    let people = r#"{"entities": [{"name": "Jonas Gahr Støre", "country": "NO", "id": "jonas-gahr-store", "end": "2100"}], "kind": "people", "$schema": "../../schema/entities.schema.json"}"#;
    let expected = "{\n  \"$schema\": \"../../schema/entities.schema.json\",\n  \"kind\": \"people\",\n  \"entities\": [\n    {\n      \"id\": \"jonas-gahr-store\",\n      \"name\": \"Jonas Gahr Støre\",\n      \"country\": \"NO\",\n      \"end\": \"2100\"\n    }\n  ]\n}\n";
    let dir = dataset(&[("data/entities/people.json", people)]);
    assert_eq!(relcheck(dir.path(), &[]).status.code(), Some(0));
    assert_eq!(read(dir.path(), "data/entities/people.json"), expected);
}

#[test]
fn the_shipped_data_is_formatted() {
    let output = relcheck(support::repo(), &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(text(&output.stdout), "");
}

#[test]
fn check_lists_the_files_that_are_not_formatted_and_writes_nothing() {
    let odd_name = "data/relations/odd\u{1b}[31m.json";
    let dir = dataset(&[
        ("data/relations/NO-UA.json", UNFORMATTED),
        (odd_name, "[1,2]"),
        ("data/relations/SE-UA.json", FORMATTED),
    ]);
    let output = relcheck(dir.path(), &["--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "data/relations/NO-UA.json: not formatted\ndata/relations/odd\\u{001B}[31m.json: not formatted\n"
    );
    assert_eq!(text(&output.stderr), "");
    assert_eq!(read(dir.path(), "data/relations/NO-UA.json"), UNFORMATTED);
    assert_eq!(read(dir.path(), odd_name), "[1,2]");

    let formatted = relcheck(dir.path(), &["--check", "data/relations/SE-UA.json"]);
    assert_eq!(formatted.status.code(), Some(0));
    assert_eq!(text(&formatted.stdout), "");
}

fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "git {args:?}: {}", text(&output.stderr));
    output
}

#[test]
fn the_diff_applies_with_git_apply_and_gives_what_fmt_writes() {
    let crlf = UNFORMATTED.replace('\n', "\r\n");
    let files = [
        ("data/relations/NO-UA.json", UNFORMATTED),
        ("data/relations/SE-UA.json", crlf.as_str()),
        ("data/relations/DK-UA.json", FORMATTED),
    ];
    let repository = dataset(&files);
    let written = dataset(&files);
    git(repository.path(), &["init", "-q"], None);

    let output = relcheck(repository.path(), &["--diff"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let diff = output.stdout;
    assert!(
        text(&diff).starts_with("diff --git a/data/relations/NO-UA.json b/data/relations/NO-UA.json\n--- a/data/relations/NO-UA.json\n+++ b/data/relations/NO-UA.json\n"),
        "{}",
        text(&diff)
    );
    assert!(!text(&diff).contains("DK-UA"), "{}", text(&diff));
    // --diff writes nothing.
    assert_eq!(read(repository.path(), "data/relations/NO-UA.json"), UNFORMATTED);

    git(repository.path(), &["apply", "--check", "-"], Some(&diff));
    git(repository.path(), &["apply", "-"], Some(&diff));
    let fmt = relcheck(written.path(), &[]);
    assert_eq!(text(&fmt.stdout), "formatted 2 files, 1 already formatted\n");
    for (file, _) in files {
        assert_eq!(read(repository.path(), file), read(written.path(), file), "{file}");
    }

    let clean = relcheck(repository.path(), &["--diff"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(text(&clean.stdout), "");
}

#[test]
fn a_file_that_is_not_json_or_holds_a_name_twice_is_left_as_it_is() {
    let broken = "{\n  \"id\": \"AA-BB\",\n  \"parties\": [\"AA\", \"BB\"],\n}\n";
    let twice = "{\"id\": \"CC-DD\",\n \"title\": \"x\", \"id\": \"CC-DE\"}";
    let not_utf8: &[u8] = b"{\"title\": \"caf\xE9\"}";
    let dir = dataset(&[
        ("data/relations/AA-BB.json", broken),
        ("data/relations/CC-DD.json", twice),
        ("data/relations/NO-UA.json", UNFORMATTED),
    ]);
    std::fs::write(dir.path().join("data/relations/EE-FF.json"), not_utf8).unwrap();
    for args in [&[][..], &["--check"], &["--diff"]] {
        let output = relcheck(dir.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            text(&output.stderr),
            "relcheck: data/relations/AA-BB.json:3:26: cannot format: trailing comma before `}`; the file is left as it is\n\
             relcheck: data/relations/CC-DD.json:2:16: cannot format: the name `id` appears twice in one object (first at 1:2): remove the one that is wrong; the file is left as it is\n\
             relcheck: data/relations/EE-FF.json:1:15: cannot format: the file is not valid UTF-8: invalid byte sequence 0xE9 at byte 14; the file is left as it is\n",
            "{args:?}"
        );
    }
    assert_eq!(read(dir.path(), "data/relations/AA-BB.json"), broken);
    assert_eq!(read(dir.path(), "data/relations/CC-DD.json"), twice);
    assert_eq!(
        std::fs::read(dir.path().join("data/relations/EE-FF.json")).unwrap(),
        not_utf8
    );
    // The run that writes formatted the one file it could.
    assert_eq!(read(dir.path(), "data/relations/NO-UA.json"), FORMATTED);
    let output = relcheck(dir.path(), &[]);
    assert_eq!(
        text(&output.stdout),
        "formatted 0 files, 1 already formatted, 3 cannot be formatted\n"
    );
}

#[test]
#[cfg(unix)]
fn writing_replaces_the_file_atomically_with_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dataset(&[
        ("data/relations/NO-UA.json", UNFORMATTED),
        ("data/relations/SE-UA.json", UNFORMATTED),
    ]);
    let mode = |file: &str| {
        let metadata = std::fs::metadata(dir.path().join(file)).unwrap();
        metadata.permissions().mode() & 0o7777
    };
    let set = |file: &str, mode: u32| {
        std::fs::set_permissions(dir.path().join(file), std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set("data/relations/NO-UA.json", 0o640);
    set("data/relations/SE-UA.json", 0o604);
    let output = relcheck(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(mode("data/relations/NO-UA.json"), 0o640);
    assert_eq!(mode("data/relations/SE-UA.json"), 0o604);
    assert_eq!(read(dir.path(), "data/relations/SE-UA.json"), FORMATTED);
    // Nothing is left beside the files.
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("data/relations"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["NO-UA.json", "SE-UA.json"]);
}

#[test]
fn schemas_the_configuration_and_other_files_are_refused() {
    let dir = support::dataset();
    std::fs::write(dir.path().join("notes.txt"), "{}").unwrap();
    let cases = [
        ("schema/relation.schema.json", "relcheck: error: schema/relation.schema.json is not a data file: it is one of the dataset's schemas (schema/)"),
        ("relcheck.toml", "relcheck: error: relcheck.toml is not a data file: it is relcheck's configuration"),
        ("notes.txt", "relcheck: error: notes.txt is not a data file: relcheck checks `.json` files"),
        ("missing.json", "relcheck: error: missing.json: no such file or directory"),
    ];
    for (path, message) in cases {
        let before = std::fs::read(dir.path().join(path)).ok();
        let output = relcheck(dir.path(), &[path]);
        assert_eq!(output.status.code(), Some(2), "{path}");
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with(message), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(text(&output.stdout), "");
        assert_eq!(std::fs::read(dir.path().join(path)).ok(), before, "{path}");
    }
}

#[test]
fn naming_an_entity_file_formats_that_file_only() {
    let people = "{\"kind\": \"people\", \"$schema\": \"../../schema/entities.schema.json\", \"entities\": []}";
    let dir = dataset(&[
        ("data/relations/NO-UA.json", UNFORMATTED),
        ("data/entities/people.json", people),
    ]);
    let output = relcheck(dir.path(), &["data/entities/people.json"]);
    assert_eq!(text(&output.stdout), "formatted 1 file, 0 already formatted\n");
    assert_eq!(
        read(dir.path(), "data/entities/people.json"),
        "{\n  \"$schema\": \"../../schema/entities.schema.json\",\n  \"kind\": \"people\",\n  \"entities\": []\n}\n"
    );
    assert_eq!(read(dir.path(), "data/relations/NO-UA.json"), UNFORMATTED);
}

#[test]
fn crlf_files_keep_their_line_endings() {
    let crlf = UNFORMATTED.replace('\n', "\r\n");
    let dir = dataset(&[
        ("data/relations/NO-UA.json", &crlf),
        ("data/relations/SE-UA.json", "{\"id\": \"SE-UA\"}"),
    ]);
    assert_eq!(relcheck(dir.path(), &[]).status.code(), Some(0));
    assert_eq!(
        read(dir.path(), "data/relations/NO-UA.json"),
        FORMATTED.replace('\n', "\r\n")
    );
    // A file without a line break is written with `\n`.
    assert_eq!(
        read(dir.path(), "data/relations/SE-UA.json"),
        "{\n  \"id\": \"SE-UA\"\n}\n"
    );
    let check = relcheck(dir.path(), &["--check"]);
    assert_eq!(check.status.code(), Some(0));
    // The line ending of a file is that of its first line break.
    let first_lf = "{\"id\": \"SE-UA\",\n\"title\": \"t\"\r\n}";
    assert_eq!(
        format_text(first_lf, FileKind::Relation, &Options::default()).unwrap(),
        "{\n  \"id\": \"SE-UA\",\n  \"title\": \"t\"\n}\n"
    );
}

#[test]
fn a_byte_order_mark_is_dropped() {
    let with_mark = "\u{FEFF}{\"title\": \"t\", \"id\": \"SE-UA\"}";
    assert_eq!(
        format_text(with_mark, FileKind::Relation, &Options::default()).unwrap(),
        "{\n  \"id\": \"SE-UA\",\n  \"title\": \"t\"\n}\n"
    );
}

#[test]
fn a_formatted_text_longer_than_the_limit_is_refused() {
    let options = Options {
        max_file_size: 40,
        ..Options::default()
    };
    let refusal = format_text(
        "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
        FileKind::Relation,
        &options,
    )
    .unwrap_err();
    assert_eq!(
        refusal.reason,
        "formatted, it would be larger than the limit of 40 bytes (raise it with --max-file-size)"
    );
}

// ---------------------------------------------------------------------------------------------
// Properties: over random JSON texts, formatting keeps the value and every name and scalar as
// written, and formatting the result changes nothing.

#[derive(Debug, Clone)]
enum Json {
    Scalar(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Member names: some the schemas declare (in another order than theirs), one written with an escape.
const NAMES: &[&str] = &[
    "\"summary\"",
    "\"id\"",
    "\"$schema\"",
    "\"events\"",
    "\"date\"",
    "\"roles\"",
    "\"role\"",
    "\"entity\"",
    "\"group\"",
    "\"amounts\"",
    "\"value\"",
    "\"currency\"",
    "\"entities\"",
    "\"kind\"",
    "\"name\"",
    "\"zz\"",
    "\"\"",
    "\"\\u0061\"",
    "\"é\"",
];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        "-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,2})?",
        "\"([a-zA-Z é€😀]|\\\\[nt\"/\\\\bfr]|\\\\u00[eE]9|\\\\ud83d\\\\ude00)*\"",
    ]
}

fn json() -> impl Strategy<Value = Json> {
    scalar().prop_map(Json::Scalar).prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            (
                prop::sample::subsequence(NAMES, 0..7).prop_shuffle(),
                prop::collection::vec(inner, 7)
            )
                .prop_map(|(names, values)| Json::Object(names.into_iter().map(str::to_string).zip(values).collect())),
        ]
    })
}

const SPACES: &[&str] = &["", " ", "\n", "\t", "\r\n", "  \n    ", " \r\n\t"];

/// `value` as JSON text, with whitespace from `spaces` (cycled) between its tokens.
fn render(value: &Json, spaces: &mut impl Iterator<Item = usize>, out: &mut String) {
    fn space(spaces: &mut impl Iterator<Item = usize>, out: &mut String) {
        out.push_str(SPACES[spaces.next().unwrap_or(0) % SPACES.len()]);
    }
    match value {
        Json::Scalar(text) => out.push_str(text),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(spaces, out);
                render(item, spaces, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (name, member)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(spaces, out);
                out.push_str(name);
                space(spaces, out);
                out.push(':');
                render(member, spaces, out);
            }
            out.push('}');
        }
    }
}

/// Every name and scalar of a text, as written, sorted.
fn tokens(text: &str) -> Vec<String> {
    fn walk(text: &str, node: NodeRef<'_>, out: &mut Vec<String>) {
        let located = node.located();
        out.extend(located.key.map(|key| text[key.range()].to_string()));
        if matches!(located.kind, NodeKind::Array | NodeKind::Object) {
            node.children().for_each(|child| walk(text, child, out));
        } else {
            out.push(text[located.value.range()].to_string());
        }
    }
    let document = parse(text, 0, Default::default()).unwrap();
    let mut out = Vec::new();
    walk(text, document.root(), &mut out);
    out.sort();
    out
}

proptest! {
    #[test]
    fn formatting_keeps_every_value_and_is_idempotent(
        value in json(),
        spaces in prop::collection::vec(0..SPACES.len(), 1..40),
        entities in any::<bool>(),
    ) {
        let mut input = String::new();
        render(&value, &mut spaces.iter().copied().cycle(), &mut input);
        let kind = if entities { FileKind::Entities } else { FileKind::Relation };
        let formatted = format_text(&input, kind, &Options::default()).unwrap();
        let before: Value = serde_json::from_str(&input).unwrap();
        let after: Value = serde_json::from_str(&formatted).unwrap();
        prop_assert_eq!(before, after);
        prop_assert_eq!(tokens(&input), tokens(&formatted));
        prop_assert_eq!(&format_text(&formatted, kind, &Options::default()).unwrap(), &formatted);
        // The file's own line ending, throughout.
        let crlf = input.find('\n').is_some_and(|n| input[..n].ends_with('\r'));
        let lines = formatted.split_inclusive('\n');
        prop_assert!(lines.clone().all(|line| line.ends_with("\r\n") == crlf && line.ends_with('\n')));
        // Nothing but the layout's whitespace between tokens.
        prop_assert!(!formatted.contains('\t') && !formatted.contains("  \n") && !formatted.contains(" \r"));
    }
}
