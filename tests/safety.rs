//! Nothing lost, nothing hangs: relcheck never writes an input, writes reports atomically, escapes
//! every byte it prints, identifies files by where they are, and keeps its cost in proportion to
//! its input. Each test names the failure it guards against, as it was seen before the fix. Memory
//! is bounded by the kernel's count of the run's peak, and a hang by a CPU-time limit the kernel
//! enforces: generous guards, never speed assertions.

mod support;

use std::path::Path;
use std::process::Stdio;

use relcheck::diagnostics::escape::is_unsafe;
use serde_json::{json, Value};
use support::{assert_refused, dataset, reference, relation, run, run_with, write_relation, Limits};

const TODAY: &str = "2026-11-26";

fn check<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["check", "--today", TODAY];
    args.extend_from_slice(extra);
    args
}

fn read(dir: &Path, path: &str) -> Vec<u8> {
    std::fs::read(dir.join(path)).unwrap()
}

// 1. `--output data/relations/NO-UA.json` replaced the data file with the report and exited 0.

#[test]
fn a_report_is_never_written_over_a_file_the_run_reads() {
    let dir = dataset();
    let before: Vec<(String, Vec<u8>)> = [
        "data/relations/NO-UA.json",
        "data/entities/people.json",
        "relcheck.toml",
        "schema/relation.schema.json",
    ]
    .iter()
    .map(|p| (p.to_string(), read(dir.path(), p)))
    .collect();
    for (path, _) in &before {
        for output in [path.clone(), format!("sarif={path}"), format!("data/../{path}")] {
            let run = run(dir.path(), &check(&["--output", &output]));
            assert_refused(&run, "is one of the files this run reads");
        }
    }
    // Through another name for the same file: a hard link.
    std::fs::hard_link(
        dir.path().join("data/relations/NO-UA.json"),
        dir.path().join("alias.json"),
    )
    .unwrap();
    assert_refused(
        &run(dir.path(), &check(&["-o", "json=alias.json"])),
        "is one of the files this run reads",
    );
    // validate: the schema and the instances are inputs too.
    std::fs::write(dir.path().join("s.json"), r#"{"type": "object"}"#).unwrap();
    std::fs::write(dir.path().join("i.json"), "{}").unwrap();
    for target in ["s.json", "i.json"] {
        let run = run(
            dir.path(),
            &["validate", "--schema", "s.json", "i.json", "--output", target],
        );
        assert_refused(&run, "is one of the files this run reads");
    }
    for (path, bytes) in before {
        assert_eq!(read(dir.path(), &path), bytes, "{path} changed");
    }
    assert_eq!(read(dir.path(), "s.json"), br#"{"type": "object"}"#);
}

// 2. Output files were truncated before the report was written: a failed write left a truncated,
// invalid report where the previous good one had been.

#[test]
fn a_write_that_fails_half_way_leaves_the_previous_report() {
    let dir = dataset();
    let ok = run(dir.path(), &check(&["--output", "json=report.json"]));
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    let previous = read(dir.path(), "report.json");
    serde_json::from_slice::<Value>(&previous).unwrap();
    // A file-size limit below the report's size: the write fails part-way through.
    let limits = Limits {
        file_size: Some(previous.len() as u64 / 2),
        ..Limits::default()
    };
    let failed = run_with(dir.path(), &check(&["--output", "json=report.json"]), limits, None);
    assert_refused(&failed, "cannot write report.json");
    assert_eq!(read(dir.path(), "report.json"), previous);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".relcheck-report-"))
        .collect();
    assert!(names.is_empty(), "temporary files left behind: {names:?}");
}

// 3. `--output` wrote through a symbolic link, and created a file at a dangling link's target.

#[test]
fn a_report_is_never_written_through_a_symbolic_link() {
    let dir = dataset();
    std::fs::write(dir.path().join("elsewhere.txt"), "keep").unwrap();
    std::os::unix::fs::symlink("elsewhere.txt", dir.path().join("report.txt")).unwrap();
    std::os::unix::fs::symlink("missing/target.txt", dir.path().join("dangling.txt")).unwrap();
    for target in ["report.txt", "dangling.txt"] {
        let run = run(dir.path(), &check(&["--output", target]));
        assert_refused(&run, "is a symbolic link");
    }
    assert_eq!(read(dir.path(), "elsewhere.txt"), b"keep");
    assert!(std::fs::symlink_metadata(dir.path().join("report.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!dir.path().join("missing").exists());
}

// 4. `validate` with a recursive anyOf (array | object | string) and deep data with one invalid leaf:
// 152 KB took 3.3 GB; at depth 2,000 memory grew until an allocation failed; at depth 9,999 it
// reached 24 GB. Two alternatives that both descend made 61 bytes run for minutes.

/// A schema whose one definition is an `anyOf` of `alternatives`, each descending into `node`.
fn recursive_schema(dir: &Path, alternatives: Value) {
    let schema = json!({"$defs": {"node": {"anyOf": alternatives}}, "$ref": "#/$defs/node"});
    std::fs::write(dir.join("schema.json"), schema.to_string()).unwrap();
}

/// `[PAD, [PAD, ... [PAD, 1] ... ]]`, `depth` arrays deep: the number at the bottom is the one
/// invalid value.
fn nested(depth: usize, pad: &str) -> String {
    let mut text = String::new();
    for _ in 0..depth {
        text.push('[');
        text.push_str(pad);
        text.push(',');
    }
    text.push('1');
    text.push_str(&"]".repeat(depth));
    text
}

#[test]
fn schema_alternatives_over_deep_data_are_reported_within_a_budget() {
    let dir = tempfile::tempdir().unwrap();
    recursive_schema(
        dir.path(),
        json!([
            {"type": "array", "items": {"$ref": "#/$defs/node"}},
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}},
            {"type": "string"}
        ]),
    );
    let validate = |file: &str, extra: &[&str], limits: Limits| {
        let mut args = vec!["validate", "--schema", "schema.json", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(file);
        let run = run_with(dir.path(), &args, limits, None);
        assert_eq!(run.code, Some(1), "{file}: {}", run.stderr);
        let report: Value = serde_json::from_slice(&run.stdout).unwrap();
        report["diagnostics"].as_array().unwrap().clone()
    };

    // Shallow: the finding is at the invalid leaf, with every alternative's reason.
    std::fs::write(dir.path().join("small.json"), nested(5, "\"x\"")).unwrap();
    let findings = validate("small.json", &[], Limits::default());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "R106");
    assert_eq!(findings[0]["pointer"], "/1/1/1/1/1");
    assert_eq!(findings[0]["column"], 26); // `["x",` is five characters a level
    let notes = findings[0]["notes"].to_string();
    assert!(notes.contains("the closest fails only here"), "{notes}");
    assert!(notes.contains("must be a string, not an integer"), "{notes}");

    // Deep: 2,000 and 9,999 levels (the most `--max-depth` allows), each level carrying a string, within a few hundred MiB.
    // The cap counts the workers' stacks, reserved in proportion to `--max-depth` (2 × 316 MiB at
    // 10,000, and the address space rayon reserves beside them), though only deep files touch them:
    // the run itself peaks at about 120 MB.
    for (depth, max_depth, cap) in [(2_000, "2100", 600), (9_999, "10000", 3_000)] {
        let name = format!("deep-{depth}.json");
        std::fs::write(
            dir.path().join(&name),
            nested(depth, &format!("\"{}\"", "x".repeat(40))),
        )
        .unwrap();
        let findings = validate(&name, &["--max-depth", max_depth], Limits::memory(cap));
        assert_eq!(findings.len(), 1, "{depth}: {findings:#?}");
        assert_eq!(findings[0]["code"], "R106", "{depth}");
    }
}

#[test]
fn alternatives_that_all_descend_do_not_multiply() {
    let dir = tempfile::tempdir().unwrap();
    recursive_schema(
        dir.path(),
        json!([
            {"type": "array", "items": {"$ref": "#/$defs/node"}},
            {"type": "array", "items": {"$ref": "#/$defs/node"}, "minItems": 0},
            {"type": "string"}
        ]),
    );
    std::fs::write(
        dir.path().join("data.json"),
        format!("{}1{}", "[".repeat(30), "]".repeat(30)),
    )
    .unwrap();
    let limits = Limits {
        cpu_seconds: 60,
        memory_mib: 600,
        ..Limits::default()
    };
    let run = run_with(
        dir.path(),
        &["validate", "--schema", "schema.json", "data.json"],
        limits,
        None,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stdout = run.stdout();
    assert!(stdout.contains("error[R106/no-matching-variant]"), "{stdout}");
    // Where exactly is not worth 2^30 comparisons: the finding says so and what to do.
    assert!(stdout.contains("relcheck stopped looking for where"), "{stdout}");
    assert!(stdout.contains("help: "), "{stdout}");
}

// 5. The human format printed the whole source line for every finding: a 122 KB minified file with
// 8,000 findings wrote 1.4 GB and took 41 s; a 234 KB one aborted on a 3 GB allocation.

#[test]
fn findings_on_a_minified_line_show_a_window_of_it() {
    let dir = dataset();
    let references: Vec<Value> = (0..8000)
        .map(|i| json!({"id": format!("ref-{i}"), "title": "A", "language": format!("xx-invalid-{i}"), "published": "2022-01-01"}))
        .collect();
    write_relation(dir.path(), &relation(Value::Array(references), json!([])), true);
    let size = read(dir.path(), "data/relations/NO-UA.json").len();
    let run = run_with(
        dir.path(),
        &check(&["--max-findings-per-file", "0"]),
        Limits::memory(400),
        None,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stdout = run.stdout();
    let findings = stdout.matches("\nerror[").count() + usize::from(stdout.starts_with("error["));
    assert!(findings >= 8000, "{findings} findings");
    // Each finding shows a window of about 80 characters of the line, not its 600,000.
    assert!(
        stdout.len() < findings * 1_500,
        "{} bytes for {findings} findings of a {size}-byte file",
        stdout.len()
    );
    let longest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "a line of {longest} characters");
}

// 6. "Did you mean" cost (number of ids) × (length²): 200 references with 1,000-character ids took
// 97 s; one relation beside a people.json of 100,000 people, 119 s.

#[test]
fn suggestions_among_long_ids_and_many_entities_are_bounded() {
    let dir = dataset();
    let ids: Vec<String> = (0..200).map(|i| format!("r{i}-{}", "a".repeat(1000))).collect();
    let references: Vec<Value> = ids.iter().map(|id| reference(id)).collect();
    let events: Vec<Value> = (0..200)
        .map(|i| json!({"id": format!("2022-01-01-e{i}"), "date": "2022-01-01", "summary": "S", "actors": ["NO"], "cite": [format!("{}b", &ids[i][..ids[i].len() - 1])]}))
        .collect();
    write_relation(
        dir.path(),
        &relation(Value::Array(references), Value::Array(events)),
        false,
    );
    let people: Vec<Value> = (0..100_000)
        .map(|i| json!({"id": format!("person-{i:06}-xxxxxxxxxxxxxxxxxxxx"), "name": format!("Person {i}")}))
        .collect();
    let people = json!({"$schema": "../../schema/entities.schema.json", "kind": "people", "entities": people});
    std::fs::write(dir.path().join("data/entities/people.json"), people.to_string()).unwrap();
    let limits = Limits {
        cpu_seconds: 60,
        ..Limits::default()
    };
    let run = run_with(
        dir.path(),
        &check(&["--format", "concise", "data/relations/NO-UA.json"]),
        limits,
        None,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout().matches("R401/unresolved-cite").count(), 200);
}

// 7. Many findings on one long line were quadratic: 200,000 findings on a 2.8 MB one-line file took
// 27 s (concise) to 47 s (json), against 2 s for the same content with newlines.

#[test]
fn many_findings_on_one_long_line_are_located_in_linear_time() {
    let dir = dataset();
    let events: Vec<Value> = (0..20_000)
        .map(|i| json!({"id": format!("2022-01-01-e{i}"), "date": "2022-02-30", "summary": "S", "actors": ["NO"], "cite": ["r"]}))
        .collect();
    write_relation(
        dir.path(),
        &relation(json!([reference("r")]), Value::Array(events)),
        true,
    );
    let limits = Limits {
        cpu_seconds: 60,
        memory_mib: 600,
        ..Limits::default()
    };
    for format in ["concise", "json"] {
        let run = run_with(
            dir.path(),
            &check(&["--format", format, "--max-findings-per-file", "0"]),
            limits,
            None,
        );
        assert_eq!(run.code, Some(1), "{format}: {}", run.stderr);
    }
    let run = run_with(
        dir.path(),
        &check(&["--format", "json", "--max-findings-per-file", "0"]),
        limits,
        None,
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let in_relation = |d: &&Value| d["file"] == "data/relations/NO-UA.json";
    let last = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .rfind(in_relation)
        .unwrap();
    let text = String::from_utf8(read(dir.path(), "data/relations/NO-UA.json")).unwrap();
    let start = last["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(last["line"], 1);
    assert_eq!(
        last["column"].as_u64().unwrap() as usize,
        text[..start].chars().count() + 1
    );
}

// 8. relcheck.toml: a rejected value holding ESC or U+202E was echoed raw to the terminal; a 2 GB
// sparse relcheck.toml aborted on a 14 GB allocation.

#[test]
fn relcheck_toml_is_bounded_and_its_errors_are_escaped() {
    let dir = dataset();
    for (toml, needle) in [
        ("[rules]\nR201 = \"warn\u{202E}ing\"\n", "is not a level"),
        ("[rules]\n\"x\\u001b[31m\\u202e\" = \"off\"\n", "unknown rule"),
        ("[rules]\nR201 = \"\u{1b}[31m\"\n", "invalid basic string"),
    ] {
        std::fs::write(dir.path().join("relcheck.toml"), toml).unwrap();
        let run = run(dir.path(), &check(&[]));
        assert_refused(&run, needle);
        assert!(
            !run.stderr.chars().any(|c| is_unsafe(c) && c != '\n'),
            "{:?}",
            run.stderr
        );
    }

    let file = std::fs::File::create(dir.path().join("relcheck.toml")).unwrap();
    file.set_len(2 << 30).unwrap();
    let run = run_with(dir.path(), &check(&[]), Limits::memory(100), None);
    assert_refused(&run, "larger than the limit of 1048576 bytes");
}

// 9. `--format github`: findings past the annotation limit were printed as plain lines starting
// with the path, so a file named `::warning title=x::forged.json` forged an annotation, and
// `::stop-commands::x.json` silenced the lines after it.

#[test]
fn no_plain_github_line_reads_as_a_workflow_command() {
    let dir = dataset();
    let text = String::from_utf8(read(dir.path(), "data/relations/NO-UA.json")).unwrap();
    for name in [
        "::warning title=x::forged.json",
        "::stop-commands::x.json",
        "##[error]old.json",
    ] {
        std::fs::write(
            dir.path().join("data/relations").join(name),
            text.replace("2022-01-15", "2022-02-30"),
        )
        .unwrap();
    }
    // Run from the folder, so that the paths shown start with the names.
    let run = run(&dir.path().join("data/relations"), &check(&["--format", "github", "."]));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stdout = run.stdout();
    let mut annotations = 0;
    for line in stdout.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("::") {
            // Only relcheck's own commands: an annotation of a file, or relcheck's notices.
            let own = [
                "::error file=",
                "::warning file=",
                "::notice file=",
                "::notice::",
                "::notice title=relcheck::",
            ];
            assert!(own.iter().any(|start| line.starts_with(start)), "{line}");
            annotations += 1;
        }
        assert!(!line.contains("##["), "{line}");
    }
    assert!(
        annotations > 0 && stdout.contains("\\u{003A}:warning title=x::forged.json"),
        "{stdout}"
    );
}

// 10. SARIF: the help of R506 embedded the data's party value unescaped, so `message.text` carried
// ESC, BEL, CR and U+202E while the other formats escaped it. Generally: every text that quotes
// data, configuration or paths, in every format and on stderr, goes through one escape.

#[test]
fn every_format_escapes_every_text_that_quotes_data_paths_or_configuration() {
    let dir = dataset();
    let nasty = "x\u{1b}[31m\u{7}\r\u{202E}\u{200B}\u{2066}y";
    let mut value: Value = serde_json::from_slice(&read(dir.path(), "data/relations/NO-UA.json")).unwrap();
    value["missions"][0]["sending"] = Value::String(nasty.into());
    value["missions"][1]["host"] = Value::String(format!("{nasty}2"));
    value["events"][0]["actors"] = json!([nasty, nasty]);
    value["events"][1]["cite"] = json!([nasty]);
    value["references"][1]["language"] = Value::String(nasty.into());
    value["references"][2]["url"] = Value::String(format!("https://example.org/{nasty}?utm_source=x"));
    value["references"][3]["title"] = Value::String(format!(" {nasty} "));
    value[nasty] = Value::String(nasty.into());
    std::fs::write(
        dir.path().join("data/relations/NO-UA.json"),
        serde_json::to_string_pretty(&value).unwrap(),
    )
    .unwrap();
    // A file name and relcheck.toml entries that quote the same characters.
    let name = format!("data/relations/{nasty}.json");
    std::fs::write(dir.path().join(&name), "{\"id\": 1}").unwrap();
    let mut toml = String::from_utf8(read(dir.path(), "relcheck.toml")).unwrap();
    toml.push_str(&format!("\n[[exception]]\nfile = \"data/relations/NO-UA.json\"\npointer = \"/missions/0\"\nrules = [\"R506\"]\nreason = \"{}\"\n", nasty.replace('\r', "\\r").replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")));
    std::fs::write(dir.path().join("relcheck.toml"), toml).unwrap();

    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = run(dir.path(), &check(&["--format", format]));
        assert_eq!(run.code, Some(1), "{format}: {}", run.stderr);
        let stdout = run.stdout();
        let raw: Vec<String> = stdout
            .chars()
            .chain(run.stderr.chars())
            .filter(|&c| is_unsafe(c) && c != '\n')
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(raw.is_empty(), "{format}: raw {raw:?} in\n{stdout}");
        assert!(stdout.len() > 1000, "{format}: {stdout}");
    }
    // The JSON report still carries the data exactly, in JSON escapes.
    let run = run(dir.path(), &check(&["--format", "json"]));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let unknown = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field")
        .unwrap();
    assert_eq!(unknown["pointer"].as_str().unwrap(), format!("/{nasty}"));
    // Errors on stderr are escaped too.
    let run = support::run(dir.path(), &["check", &format!("missing-{nasty}.json")]);
    assert_refused(&run, "no such file or directory");
    assert!(
        !run.stderr.chars().any(|c| is_unsafe(c) && c != '\n'),
        "{:?}",
        run.stderr
    );
}

// 11. Path aliasing: `data/../data/relations/NO-UA.json` lost relcheck.toml's exceptions and added
// a false schema-reference warning; named beside `data/relations/NO-UA.json` it was checked twice
// and reported a false duplicate-relation error. A linked folder behaved the same.

#[test]
fn a_file_named_twice_or_through_a_link_is_one_file_with_its_exceptions() {
    let dir = dataset();
    std::os::unix::fs::symlink("data/relations", dir.path().join("linked")).unwrap();
    let absolute = dir.path().join("data/relations/NO-UA.json");
    let absolute = absolute.to_str().unwrap();
    let expected = run(dir.path(), &check(&["--format", "json", "data/relations/NO-UA.json"]));
    let expected: Value = serde_json::from_slice(&expected.stdout).unwrap();
    assert_eq!(expected["summary"]["suppressed"], 4);
    for paths in [
        vec!["data/../data/relations/NO-UA.json"],
        vec!["linked/NO-UA.json"],
        vec![absolute],
        vec![
            "data/relations/NO-UA.json",
            "./data/relations/../relations/NO-UA.json",
            "linked/NO-UA.json",
            absolute,
        ],
    ] {
        let mut args = check(&["--format", "json"]);
        args.extend(paths.iter().copied());
        let run = run(dir.path(), &args);
        let report: Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(report, expected, "{paths:?}");
    }
}

// 12. Smaller: relcheck.toml that is a directory, a FIFO or a link to /dev/zero was ignored
// silently; two `--output` to one path: the last won silently; `--output -` created a file named
// `-`; with standard output closed the report was lost and the exit code was 0; directory links
// were skipped silently; output had no cap (a million unknown keys made a 1.3 GB SARIF report).

#[test]
fn a_relcheck_toml_that_cannot_be_read_stops_the_run() {
    let dir = dataset();
    let config = dir.path().join("relcheck.toml");
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(&config).unwrap();
    assert_refused(&run(dir.path(), &check(&[])), "relcheck.toml: not a regular file");
    std::fs::remove_dir(&config).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&config)
        .status()
        .unwrap()
        .success());
    assert_refused(&run(dir.path(), &check(&[])), "relcheck.toml: not a regular file");
    std::fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    assert_refused(&run(dir.path(), &check(&[])), "relcheck.toml: not a regular file");
}

#[test]
fn outputs_are_checked_before_anything_is_written() {
    let dir = dataset();
    assert_refused(
        &run(dir.path(), &check(&["-o", "json=r.json", "-o", "sarif=./r.json"])),
        "name the same file",
    );
    assert!(!dir.path().join("r.json").exists());
    assert_refused(
        &run(dir.path(), &check(&["-o", "a.txt", "-o", "b.txt"])),
        "--output FILE is given 2 times",
    );
    assert_refused(
        &run(dir.path(), &check(&["-o", "json=-"])),
        "two reports would go to standard output",
    );
    let dash = run(dir.path(), &check(&["-o", "-", "--format", "json"]));
    assert_eq!(dash.code, Some(0));
    serde_json::from_slice::<Value>(&dash.stdout).unwrap();
    assert!(!dir.path().join("-").exists());
}

#[test]
fn a_report_that_cannot_reach_standard_output_is_exit_2() {
    let dir = dataset();
    // Closed: the child starts without a standard output at all.
    let mut command = std::process::Command::new(support::binary());
    command.current_dir(dir.path()).args(check(&[])).stderr(Stdio::piped());
    // SAFETY: close is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::close(1);
            Ok(())
        });
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("standard output is closed"));
    // Full.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let run = run_with(dir.path(), &check(&[]), Limits::default(), Some(Stdio::from(full)));
    assert_refused(&run, "cannot write the report to standard output");
    // Closed standard output with the report going to a file is fine.
    let mut command = std::process::Command::new(support::binary());
    command.current_dir(dir.path()).args(check(&["-o", "report.txt"]));
    // SAFETY: as above.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::close(1);
            Ok(())
        });
    }
    assert_eq!(command.status().unwrap().code(), Some(0));
    assert!(read(dir.path(), "report.txt").starts_with(b"warning"));
}

#[test]
fn linked_folders_are_walked_inside_the_dataset_and_refused_outside_it() {
    let dir = dataset();
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.path().join("data/relations/NO-UA.json"),
        outside.path().join("FI-SE.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("data/relations/more")).unwrap();
    assert_refused(&run(dir.path(), &check(&[])), "outside the dataset");
    std::fs::remove_file(dir.path().join("data/relations/more")).unwrap();
    // Inside: a linked folder's files are checked, once.
    std::fs::create_dir(dir.path().join("extra")).unwrap();
    std::fs::write(dir.path().join("extra/NO-SE.json"), "{}").unwrap();
    std::os::unix::fs::symlink("../../extra", dir.path().join("data/relations/more")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("data/relations/self")).unwrap();
    let run = run(dir.path(), &check(&["--format", "json"]));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 5, "{}", run.stderr);
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(files.contains(&"extra/NO-SE.json"), "{files:?}");
}

#[test]
fn findings_per_file_are_capped_and_counted() {
    let dir = dataset();
    let mut value = relation(json!([reference("r")]), json!([]));
    for i in 0..100_000 {
        value[format!("unknown-{i}")] = json!(i);
    }
    write_relation(dir.path(), &value, true);
    let run = run(dir.path(), &check(&["--format", "sarif"]));
    assert_eq!(run.code, Some(1));
    let sarif: Value = serde_json::from_slice(&run.stdout).unwrap();
    let in_relation =
        |r: &&Value| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/relations/NO-UA.json";
    assert_eq!(
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(in_relation)
            .count(),
        1000
    );
    assert!(run.stdout.len() < 5 << 20, "{} bytes", run.stdout.len());
    let json = support::run(
        dir.path(),
        &check(&["--format", "json", "--max-findings-per-file", "10"]),
    );
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let in_relation = |d: &&Value| d["file"] == "data/relations/NO-UA.json";
    assert_eq!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(in_relation)
            .count(),
        10
    );
    assert_eq!(report["summary"]["errors"], 100_000);
    let not_listed = report["summary"]["not_listed"].as_u64().unwrap();
    assert!(not_listed >= 99_990, "{not_listed}");
    let notice = format!("data/relations/NO-UA.json: {not_listed} more findings are counted but not listed");
    assert!(
        report["notices"][0].as_str().unwrap().starts_with(&notice),
        "{}",
        report["notices"]
    );
    let human = support::run(dir.path(), &check(&["--max-findings-per-file", "3"])).stdout();
    let notice = format!("note: data/relations/NO-UA.json: {} more findings are counted but not listed (a report lists the first 3 of each file; `--max-findings-per-file 0` lists them all)\n", not_listed + 7);
    assert!(human.contains(&notice), "{human}");
    assert!(human.contains("\nerror: 100000 errors, "), "{human}");
}

// --fix writes only what it was asked to check: naming an entity file checks every relation (their
// ids resolve against it), but fixes only the entity file.

#[test]
fn fix_writes_only_the_files_named() {
    let dir = dataset();
    let relation_path = dir.path().join("data/relations/NO-UA.json");
    let people_path = dir.path().join("data/entities/people.json");
    let relation = std::fs::read_to_string(&relation_path).unwrap();
    let people = std::fs::read_to_string(&people_path).unwrap();
    let relation_mutated = relation.replacen("\"language\": \"en\"", "\"language\": \"EN\"", 1);
    let people_mutated = people.replacen("Jonas Gahr Støre", "Jonas  Gahr Støre", 1);
    assert_ne!(relation_mutated, relation);
    assert_ne!(people_mutated, people);
    std::fs::write(&relation_path, &relation_mutated).unwrap();
    std::fs::write(&people_path, &people_mutated).unwrap();

    let entity_only = run(dir.path(), &check(&["--fix", "data/entities/people.json"]));
    assert_eq!(entity_only.code, Some(0), "{}", entity_only.stderr);
    assert_eq!(std::fs::read_to_string(&people_path).unwrap(), people);
    assert_eq!(std::fs::read_to_string(&relation_path).unwrap(), relation_mutated);
    // Named, the relation is fixed too.
    let named = run(dir.path(), &check(&["--fix", "data/relations/NO-UA.json"]));
    assert_eq!(named.code, Some(0), "{}", named.stderr);
    assert_eq!(std::fs::read_to_string(&relation_path).unwrap(), relation);
}
