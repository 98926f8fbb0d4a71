//! Each rule fires on a defective copy of the real dataset, at the right line, column and pointer, in
//! the JSON output, and the human output shows the same `file:line:col`.

use std::path::Path;

use assert_cmd::Command;

struct Defect {
    rule: &'static str,
    /// Text of data/relations/NO-UA.json to replace (its first occurrence).
    find: &'static str,
    replace: &'static str,
    pointer: &'static str,
    line: u64,
    column: u64,
}

#[rustfmt::skip]
const DEFECTS: &[Defect] = &[
    Defect { rule: "invalid-json", find: "\"publisher\": \"Norwegian Ministry of Foreign Affairs\"", replace: "\"publisher\": \"Norwegian Ministry of Foreign Affairs\",", pointer: "", line: 746, column: 59 },
    Defect { rule: "duplicate-key", find: "\"id\": \"NO-UA\",", replace: "\"id\": \"NO-UA\",\n  \"id\": \"NO-UA\",", pointer: "/id", line: 4, column: 3 },
    Defect { rule: "missing-required-field", find: "\"title\": \"Norway in Ukraine\",\n", replace: "", pointer: "/references/11", line: 721, column: 5 },
    Defect { rule: "unknown-field", find: "\"retrieved\": \"2009-07-24\"", replace: "\"retreived\": \"2009-07-24\"", pointer: "/references/11/retreived", line: 726, column: 7 },
    Defect { rule: "wrong-type", find: "\"date\": \"1992-02-05\"", replace: "\"date\": 1992", pointer: "/established/date", line: 11, column: 13 },
    Defect { rule: "value-not-allowed", find: "\"kind\": \"embassy\"", replace: "\"kind\": \"embasy\"", pointer: "/missions/1/kind", line: 624, column: 15 },
    Defect { rule: "pattern-mismatch", find: "\"language\": \"nn\"", replace: "\"language\": \"nn_NO\"", pointer: "/references/8/language", line: 701, column: 19 },
    Defect { rule: "no-matching-variant", find: "\"entity\": \"jonas-gahr-store\",\n          \"role\": \"speaker\"", replace: "\"person\": \"jonas-gahr-store\",\n          \"role\": \"speaker\"", pointer: "/events/1/roles/0", line: 112, column: 9 },
    Defect { rule: "constraint-violation", find: "\"UA\"\n  ],", replace: "\"UA\",\n    \"FI\"\n  ],", pointer: "/parties", line: 4, column: 3 },
    Defect { rule: "invalid-date", find: "\"date\": \"2022-09-30\"", replace: "\"date\": \"2022-09-31\"", pointer: "/events/10/date", line: 432, column: 15 },
    Defect { rule: "date-in-future", find: "\"date\": \"2025-03\"", replace: "\"date\": \"2027-03\"", pointer: "/events/15/date", line: 583, column: 15 },
    Defect { rule: "retrieved-before-published", find: "\"retrieved\": \"2024-02-04\"", replace: "\"retrieved\": \"2024-01-04\"", pointer: "/references/9/retrieved", line: 711, column: 20 },
    Defect { rule: "archived-before-published", find: "\"publisher\": \"Norgesportalen\",", replace: "\"publisher\": \"Norgesportalen\",\n      \"published\": \"2009-09-01\",", pointer: "/references/11/archived/date", line: 729, column: 17 },
    Defect { rule: "events-out-of-order", find: "\"date\": \"2022-10-20\"", replace: "\"date\": \"2022-08-20\"", pointer: "/events/12/date", line: 502, column: 15 },
    Defect { rule: "uncited-claim", find: "\"kind\": \"embassy\",\n      \"cite\": [\n        \"embassy-ua-no\"\n      ]", replace: "\"kind\": \"embassy\"", pointer: "/missions/1", line: 620, column: 5 },
    Defect { rule: "unresolved-cite", find: "\"embassy-ua-no\"\n      ]", replace: "\"embassy-ua-n0\"\n      ]", pointer: "/missions/1/cite/0", line: 626, column: 9 },
    Defect { rule: "unused-reference", find: "      \"listed_only\": true\n    },\n    {\n      \"id\": \"embassy-ua-no\"", replace: "      \"listed_only\": true\n    },\n    {\n      \"id\": \"nrk-2022-01-01\",\n      \"title\": \"Nyheter\",\n      \"publisher\": \"NRK\",\n      \"language\": \"no\",\n      \"published\": \"2022-01-01\"\n    },\n    {\n      \"id\": \"embassy-ua-no\"", pointer: "/references/12/id", line: 733, column: 13 },
    Defect { rule: "unresolved-entity", find: "\"speaker\": \"jonas-gahr-store\"", replace: "\"speaker\": \"jonas-gahr-stor\"", pointer: "/events/1/quotes/0/speaker", line: 131, column: 22 },
    Defect { rule: "relation-id-mismatch", find: "\"id\": \"NO-UA\"", replace: "\"id\": \"UA-NO\"", pointer: "/id", line: 3, column: 9 },
    Defect { rule: "duplicate-id", find: "\"id\": \"vg-2022-10-20\"", replace: "\"id\": \"vg-2022-09-30\"", pointer: "/references/7/id", line: 690, column: 13 },
];

fn copy_dataset(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["data/entities", "data/relations", "schema"] {
        std::fs::create_dir_all(to.join(dir)).unwrap();
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(dir).join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(to.join("relcheck.toml"), "").unwrap();
}

fn relcheck(dir: &Path, format: &str) -> (i32, String) {
    let output = Command::cargo_bin("relcheck")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--today", "2026-11-26", "--color", "never", "--format", format])
        .output()
        .unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn every_rule_fires_at_the_right_place_on_a_defective_copy_of_the_dataset() {
    let mut failures = Vec::new();
    for defect in DEFECTS {
        let dir = tempfile::tempdir().unwrap();
        copy_dataset(dir.path());
        let file = dir.path().join("data/relations/NO-UA.json");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains(defect.find),
            "{}: the dataset no longer contains {:?}",
            defect.rule,
            defect.find
        );
        std::fs::write(&file, text.replacen(defect.find, defect.replace, 1)).unwrap();

        let (code, json) = relcheck(dir.path(), "json");
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let found = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == defect.rule)
            .cloned();
        let Some(found) = found else {
            failures.push(format!("{}: did not fire", defect.rule));
            continue;
        };
        // An error fails the run; a warning does not.
        let expected_code = if found["severity"] == "error" { 1 } else { 0 };
        assert_eq!(code, expected_code, "{}: exit code", defect.rule);
        let actual = (
            found["pointer"].as_str().unwrap(),
            found["line"].as_u64(),
            found["column"].as_u64(),
        );
        let expected = (defect.pointer, Some(defect.line), Some(defect.column));
        if actual != expected {
            failures.push(format!("{}: expected {expected:?}, found {actual:?}", defect.rule));
        }
        assert_eq!(found["file"], "data/relations/NO-UA.json");

        let (_, human) = relcheck(dir.path(), "human");
        let header = format!("data/relations/NO-UA.json:{}:{}", defect.line, defect.column);
        let code = found["code"].as_str().unwrap();
        if !human.contains(&format!("[{code}/{}]", defect.rule)) || !human.contains(&header) {
            failures.push(format!(
                "{}: human output lacks [{code}/{}] or {header}",
                defect.rule, defect.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_utf8_in_the_dataset_is_located_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    copy_dataset(dir.path());
    let file = dir.path().join("data/relations/NO-UA.json");
    let text = std::fs::read_to_string(&file).unwrap();
    // "Støre slår cyberalarm" saved as Latin-1: ø becomes the single byte 0xF8.
    let bytes = text.replacen("Støre slår", "St\u{0}re slår", 1).into_bytes();
    let nul = bytes.iter().position(|&b| b == 0).unwrap();
    let mut bytes = bytes;
    bytes[nul] = 0xF8;
    std::fs::write(&file, bytes).unwrap();
    let (code, json) = relcheck(dir.path(), "json");
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["rule"], "invalid-encoding");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(643), Some(19)));
    assert_eq!(d["span"]["start"].as_u64(), Some(nul as u64));
}
