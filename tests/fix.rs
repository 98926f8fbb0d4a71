//! Every fix relcheck offers, proven on a mutated copy of the shipped dataset: the mutation is a
//! text replacement in one file (so the file keeps its layout), and `relcheck check --fix` (with
//! `--unsafe-fixes` for an unsafe fix) must write exactly the expected bytes, leave nothing of that
//! rule to report, and change nothing when run again. An unsafe fix is also shown to be left alone
//! by `--fix` alone. Then: random sets of mutations repaired at once, `--diff` output that
//! `git apply` takes, and the files `--fix` must not touch.

mod support;

use std::path::Path;

use proptest::prelude::*;
use relcheck::diagnostics::fix::Applicability;
use relcheck::diagnostics::fix::Applicability::{Safe, Unsafe};
use relcheck::rules::{self, Fixable};
use support::{dataset, run};

const RELATION: &str = "data/relations/NO-UA.json";
const COUNTRIES: &str = "data/entities/countries.json";
const PEOPLE: &str = "data/entities/people.json";
/// The archive of the first reference of the shipped relation.
const ARCHIVED: &str =
    "\"retrieved\": \"2019-08-23\",\n      \"archived\": {\n        \"date\": \"2019-07-20\"\n      }";

/// A change to a file's text.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// The first occurrence of the first text replaced by the second.
    Replace(&'static str, &'static str),
    /// The array items (at four spaces of indentation) holding the two texts swapped; the first
    /// is listed first.
    Swap(&'static str, &'static str),
}

impl Change {
    fn apply(self, text: &str) -> String {
        match self {
            Change::Replace(find, with) => {
                assert!(text.contains(find), "{find:?} is not in the shipped file");
                text.replacen(find, with, 1)
            }
            Change::Swap(first, second) => {
                let item = |marker: &str| {
                    let at = text
                        .find(marker)
                        .unwrap_or_else(|| panic!("{marker:?} is not in the shipped file"));
                    let start = text[..at].rfind("\n    {").unwrap() + 1;
                    let end = at + text[at..].find("\n    }").unwrap() + "\n    }".len();
                    (start, end)
                };
                let (a, b) = (item(first), item(second));
                assert!(a.1 < b.0, "{first:?} must come before {second:?}");
                format!(
                    "{}{}{}{}{}",
                    &text[..a.0],
                    &text[b.0..b.1],
                    &text[a.1..b.0],
                    &text[a.0..a.1],
                    &text[b.1..]
                )
            }
        }
    }
}

/// One fix, proven on one mutation.
#[derive(Debug)]
struct Case {
    name: &'static str,
    file: &'static str,
    mutation: Change,
    /// The fixed file: the shipped one (`None`), or the shipped one with this change.
    fixed: Option<Change>,
    /// The rule whose finding carries the fix, and the fix's kind.
    rule: &'static str,
    applicability: Applicability,
}

const fn case(
    name: &'static str,
    file: &'static str,
    mutation: Change,
    rule: &'static str,
    applicability: Applicability,
) -> Case {
    Case {
        name,
        file,
        mutation,
        fixed: None,
        rule,
        applicability,
    }
}

use Change::{Replace, Swap};

/// Every fix relcheck offers: each kind of repair of each rule that has one.
static CASES: &[Case] = &[
    // Text.
    case("trailing space", RELATION, Replace("\"title\": \"Norway–Ukraine relations\"", "\"title\": \"Norway–Ukraine relations \""), "whitespace", Safe),
    case("doubled space", RELATION, Replace("The 2022 Ukraine cyberattack.", "The 2022  Ukraine cyberattack."), "whitespace", Safe),
    case("zero-width space", RELATION, Replace("\"title\": \"European countries\"", "\"title\": \"European\u{200b} countries\""), "whitespace", Safe),
    case("no-break space", RELATION, Replace("\"publisher\": \"Verdens Gang\"", "\"publisher\": \"Verdens\u{a0}Gang\""), "special-space", Safe),
    case("whitespace in an entity file", PEOPLE, Replace("\"name\": \"Jonas Gahr Støre\"", "\"name\": \"Jonas Gahr Støre \""), "whitespace", Safe),
    case("no-break space in an entity file", PEOPLE, Replace("\"name\": \"Jonas Gahr Støre\"", "\"name\": \"Jonas\u{a0}Gahr Støre\""), "special-space", Safe),
    // Language tags.
    case("language tag case", RELATION, Replace("\"language\": \"nb\"", "\"language\": \"NB\""), "language-tag-case", Safe),
    case("language name", RELATION, Replace("\"language\": \"nn\"", "\"language\": \"Nynorsk\""), "pattern-mismatch", Unsafe),
    // URLs: the shipped references have none, so one is added and the fix cleans it.
    Case {
        fixed: Some(Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"https://www.vg.no/nyheter/i/oljefondet\"")),
        ..case("tracking parameters", RELATION, Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"https://www.vg.no/nyheter/i/oljefondet?utm_source=twitter&utm_medium=social\""), "tracking-parameters", Safe)
    },
    Case {
        fixed: Some(Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"https://www.vg.no/nyheter/i/oljefondet\"")),
        ..case("url without a scheme", RELATION, Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"www.vg.no/nyheter/i/oljefondet\""), "pattern-mismatch", Unsafe)
    },
    Case {
        fixed: Some(Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"https://www.vg.no/nyheter/i/oljefondet\",\n      \"archived\": {\n        \"date\": \"2022-02-27\",\n        \"url\": \"https://web.archive.org/web/20220227120000/https://www.vg.no/nyheter/i/oljefondet\"\n      }")),
        ..case("archive link as url", RELATION, Replace("\"retrieved\": \"2022-02-27\"", "\"retrieved\": \"2022-02-27\",\n      \"url\": \"https://web.archive.org/web/20220227120000/https://www.vg.no/nyheter/i/oljefondet\""), "url-is-archive", Unsafe)
    },
    // Dates.
    case("date without leading zeros", RELATION, Replace("\"date\": \"1992-02-05\"", "\"date\": \"1992-2-5\""), "pattern-mismatch", Safe),
    case("date with slashes", RELATION, Replace("\"published\": \"2022-03-31\"", "\"published\": \"2022/03/31\""), "pattern-mismatch", Safe),
    case("date in words", RELATION, Replace("\"date\": \"2025-03\"", "\"date\": \"March 2025\""), "pattern-mismatch", Unsafe),
    case("day first", RELATION, Replace("\"retrieved\": \"2022-03-31\"", "\"retrieved\": \"31.03.2022\""), "pattern-mismatch", Unsafe),
    case("date-time", RELATION, Replace("\"retrieved\": \"2022-07-01\"", "\"retrieved\": \"2022-07-01T10:00:00Z\""), "pattern-mismatch", Unsafe),
    // Amounts.
    case("currency case", RELATION, Replace("\"currency\": \"NOK\"", "\"currency\": \"nok\""), "pattern-mismatch", Safe),
    case("currency name", RELATION, Replace("\"currency\": \"NOK\"", "\"currency\": \"kroner\""), "pattern-mismatch", Unsafe),
    case("number as text", RELATION, Replace("\"value\": 75000000", "\"value\": \"75000000\""), "wrong-type", Safe),
    // Ids.
    case("relation id case", RELATION, Replace("\"id\": \"NO-UA\"", "\"id\": \"no-ua\""), "relation-id-mismatch", Safe),
    case("country id case", RELATION, Replace("\"host\": \"UA\"", "\"host\": \"ua\""), "unresolved-entity", Safe),
    case("person id case", RELATION, Replace("\"speaker\": \"jonas-gahr-store\"", "\"speaker\": \"Jonas-Gahr-Store\""), "unresolved-entity", Safe),
    case("person id misspelt", RELATION, Replace("\"speaker\": \"jonas-gahr-store\"", "\"speaker\": \"jonas-gahr-stor\""), "unresolved-entity", Unsafe),
    case("person's name for its id", RELATION, Replace("\"entity\": \"jonas-gahr-store\"", "\"entity\": \"Jonas Gahr Støre\""), "unresolved-entity", Unsafe),
    case("cite misspelt", RELATION, Replace("\"embassy-ua-no\"\n      ]", "\"embassy-ua-n0\"\n      ]"), "unresolved-cite", Unsafe),
    case("reference id taken twice", RELATION, Replace("\"id\": \"vg-2022-10-20\"", "\"id\": \"vg-2022-09-30\""), "duplicate-id", Unsafe),
    // Fields and values.
    case("field misspelt", RELATION, Replace("\"retrieved\": \"2009-07-24\"", "\"retreived\": \"2009-07-24\""), "unknown-field", Unsafe),
    case("enum value case", RELATION, Replace("\"kind\": \"embassy\"", "\"kind\": \"Embassy\""), "value-not-allowed", Safe),
    case("enum value misspelt", RELATION, Replace("\"kind\": \"embassy\"", "\"kind\": \"embasy\""), "value-not-allowed", Unsafe),
    case("repeated list item", RELATION, Replace("\"meeting\",\n        \"statement\"", "\"meeting\",\n        \"statement\",\n        \"meeting\""), "duplicate-list-item", Safe),
    case("repeated cite", RELATION, Replace("\"embassy-ua-no\"\n      ]", "\"embassy-ua-no\",\n        \"embassy-ua-no\"\n      ]"), "duplicate-cite", Safe),
    case("citation needed, though cited", RELATION, Replace("\"mfa-ua-european-countries\"\n    ]\n  },", "\"mfa-ua-european-countries\"\n    ],\n    \"citation_needed\": true\n  },"), "citation-needed-with-cite", Safe),
    Case {
        fixed: Some(Replace("\"language\": \"en\",\n          \"original_language\": \"no\",", "\"language\": \"en\",")),
        ..case("original language same as language", RELATION, Replace("\"original_language\": \"no\"", "\"original_language\": \"en\""), "redundant-original-language", Unsafe)
    },
    case("party repeated", RELATION, Replace("\"NO\",\n    \"UA\"\n  ],", "\"NO\",\n    \"UA\",\n    \"UA\"\n  ],"), "constraint-violation", Safe),
    case("parties out of order", RELATION, Replace("\"NO\",\n    \"UA\"", "\"UA\",\n    \"NO\""), "invalid-parties", Safe),
    // A Wayback snapshot added, with an archive date one day off.
    Case {
        fixed: Some(Replace(ARCHIVED, "\"retrieved\": \"2019-08-23\",\n      \"url\": \"http://mfa.gov.ua/en/european-countries\",\n      \"archived\": {\n        \"date\": \"2019-07-20\",\n        \"url\": \"https://web.archive.org/web/20190720093512/http://mfa.gov.ua/en/european-countries\"\n      }")),
        ..case("archive date and snapshot", RELATION, Replace(ARCHIVED, "\"retrieved\": \"2019-08-23\",\n      \"url\": \"http://mfa.gov.ua/en/european-countries\",\n      \"archived\": {\n        \"date\": \"2019-07-21\",\n        \"url\": \"https://web.archive.org/web/20190720093512/http://mfa.gov.ua/en/european-countries\"\n      }"), "archive-date-mismatch", Safe)
    },
    // Quotes and actors.
    case("quoted quote", RELATION, Replace("\"text\": \"we need to be more alert\"", "\"text\": \"“we need to be more alert”\""), "quoted-quote", Safe),
    Case {
        fixed: Some(Replace("\"jonas-gahr-store\",\n        \"vladimir-putin\"\n      ]", "\"vladimir-putin\",\n        \"jonas-gahr-store\"\n      ]")),
        ..case("speaker not an actor", RELATION, Replace("\"jonas-gahr-store\",\n        \"vladimir-putin\"\n      ]", "\"vladimir-putin\"\n      ]"), "speaker-not-actor", Safe)
    },
    case("speaking role, not an actor", RELATION, Replace("\"RU\",\n        \"vladimir-putin\"\n      ]", "\"RU\"\n      ]"), "role-conflicts-with-actors", Safe),
    case(
        "absent, but an actor",
        RELATION,
        Replace(
            "\"jonas-gahr-store\"\n      ],\n      \"roles\": [\n        {\n          \"entity\": \"jonas-gahr-store\",\n          \"role\": \"participant\"",
            "\"jonas-gahr-store\",\n        \"US\"\n      ],\n      \"roles\": [\n        {\n          \"entity\": \"jonas-gahr-store\",\n          \"role\": \"participant\"",
        ),
        "role-conflicts-with-actors",
        Unsafe,
    ),
    // Schema references.
    case("wrong $schema", RELATION, Replace("\"$schema\": \"../../schema/relation.schema.json\"", "\"$schema\": \"../schema/relation.schema.json\""), "schema-reference", Safe),
    case("missing $schema", COUNTRIES, Replace("  \"$schema\": \"../../schema/entities.schema.json\",\n", ""), "schema-reference", Safe),
    // Order.
    case("entities out of order", COUNTRIES, Swap("\"id\": \"NO\"", "\"id\": \"RU\""), "unsorted-entities", Safe),
    case("events out of order", RELATION, Swap("\"id\": \"2024-02-support-announcement\"", "\"id\": \"2025-03-european-peace-summit\""), "events-out-of-order", Unsafe),
    case("event id's date", RELATION, Replace("\"id\": \"2025-03-european-peace-summit\"", "\"id\": \"2025-04-european-peace-summit\""), "event-id-date-mismatch", Unsafe),
    // References.
    case(
        "unused reference",
        RELATION,
        Replace(
            "      \"listed_only\": true\n    },\n    {\n      \"id\": \"embassy-ua-no\"",
            "      \"listed_only\": true\n    },\n    {\n      \"id\": \"nrk-2022-01-01\",\n      \"title\": \"Nyheter\",\n      \"publisher\": \"NRK\",\n      \"language\": \"no\",\n      \"published\": \"2022-01-01\"\n    },\n    {\n      \"id\": \"embassy-ua-no\"",
        ),
        "unused-reference",
        Unsafe,
    ),
];

fn relcheck(dir: &Path, args: &[&str]) -> support::Run {
    let mut all = vec!["check", "--today", "2026-11-26", "--color", "never"];
    all.extend_from_slice(args);
    run(dir, &all)
}

/// Findings as (code, pointer, fix applicability) from the JSON output of a whole-dataset check.
fn findings(dir: &Path) -> Vec<(String, String, Option<String>)> {
    let out = relcheck(dir, &["--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON output expected ({e}): {}", out.stderr));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("suppressed").is_none_or(serde_json::Value::is_null))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["pointer"].as_str().unwrap().to_owned(),
                d["fix"]["applicability"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn of_rule<'f>(found: &'f [(String, String, Option<String>)], rule: &str) -> Vec<&'f (String, String, Option<String>)> {
    found.iter().filter(|f| f.0 == rule).collect()
}

/// Every finding's fix is of a kind its rule registers.
fn registry_disagreements(found: &[(String, String, Option<String>)]) -> Vec<String> {
    found
        .iter()
        .filter_map(|(rule, pointer, fix)| {
            let registered = rules::find(rule).unwrap().fix;
            let applicability = match fix.as_deref()? {
                "safe" => Safe,
                _ => Unsafe,
            };
            (!registered.allows(applicability))
                .then(|| format!("{rule} at {pointer} offers a {applicability:?} fix but is registered {registered:?}"))
        })
        .collect()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

/// The first line where two texts differ, for failure messages.
fn first_difference(expected: &str, found: &str) -> String {
    let line = expected
        .lines()
        .zip(found.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(found.lines().count()));
    format!(
        "line {}: expected {:?}, found {:?}",
        line + 1,
        expected.lines().nth(line),
        found.lines().nth(line)
    )
}

/// Runs one case; returns what went wrong.
fn prove(case: &Case, baseline: &[(String, String, Option<String>)]) -> Result<(), String> {
    let dir = dataset();
    let dir = dir.path();
    let shipped = read(dir, case.file);
    let mutated = case.mutation.apply(&shipped);
    let expected = case.fixed.map_or(shipped.clone(), |change| change.apply(&shipped));
    assert_ne!(mutated, shipped, "{}: the mutation changes nothing", case.name);
    std::fs::write(dir.join(case.file), &mutated).unwrap();

    let before = findings(dir);
    let wanted = case.applicability.as_str();
    if !of_rule(&before, case.rule)
        .iter()
        .any(|f| f.2.as_deref() == Some(wanted))
    {
        return Err(format!(
            "no {} finding with a {wanted} fix; found {before:?}",
            case.rule
        ));
    }
    let disagreements = registry_disagreements(&before);
    if !disagreements.is_empty() {
        return Err(disagreements.join("; "));
    }

    let flags: &[&str] = match case.applicability {
        Safe => &["--fix"],
        Unsafe => &["--fix", "--unsafe-fixes"],
    };
    if case.applicability == Unsafe {
        let safe_only = relcheck(dir, &["--fix"]);
        if read(dir, case.file) != mutated {
            return Err("`--fix` alone applied an unsafe fix".into());
        }
        if !safe_only.stdout().contains("fixable with `--fix --unsafe-fixes`") {
            return Err(format!(
                "`--fix` alone does not say how to apply it: {}",
                safe_only.stdout()
            ));
        }
    }
    let fixing = relcheck(dir, flags);
    let fixed = read(dir, case.file);
    if fixed != expected {
        return Err(format!(
            "the fixed file is not the expected one: {}",
            first_difference(&expected, &fixed)
        ));
    }
    if fixing.code != Some(0) {
        return Err(format!(
            "`{}` exited {:?}: {}",
            flags.join(" "),
            fixing.code,
            fixing.stdout()
        ));
    }
    if !fixing.stderr.contains("fixed ") && !fixing.stdout().contains("fixed ") {
        return Err(format!("`--fix` does not say what it fixed: {}", fixing.stderr));
    }
    // Every fix writes the dataset's layout.
    let formatted = run(dir, &["fmt", "--check", case.file]);
    if formatted.code != Some(0) {
        return Err(format!(
            "the fixed file is not formatted: {}{}",
            formatted.stdout(),
            formatted.stderr
        ));
    }
    let after = findings(dir);
    if of_rule(&after, case.rule) != of_rule(baseline, case.rule) {
        return Err(format!("{} still reports after the fix: {after:?}", case.rule));
    }
    let again = relcheck(dir, flags);
    if read(dir, case.file) != expected || again.stderr.contains("fixed ") || again.stdout().contains("fixed ") {
        return Err(format!("a second `--fix` changed something: {}", again.stderr));
    }
    Ok(())
}

#[test]
fn every_fix_repairs_its_mutation_of_the_shipped_data() {
    let baseline = findings(dataset().path());
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| prove(case, &baseline).err().map(|e| format!("{}: {e}", case.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every kind of fix the registry states has a case above: a rule registered `Safe` has a safe
/// case, `Mixed` a safe and an unsafe one.
#[test]
fn every_registered_fix_has_a_case() {
    let mut missing = Vec::new();
    for rule in rules::ALL {
        let kinds: &[Applicability] = match rule.fix {
            Fixable::None => &[],
            Fixable::Safe => &[Safe],
            Fixable::Unsafe => &[Unsafe],
            Fixable::Mixed => &[Safe, Unsafe],
        };
        for kind in kinds {
            if !CASES.iter().any(|c| c.rule == rule.name && c.applicability == *kind) {
                missing.push(format!("{} ({:?}) has no {kind:?} case", rule.name, rule.fix));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

impl Change {
    /// The bytes of `text` the change covers.
    fn range(self, text: &str) -> std::ops::Range<usize> {
        let item = |marker: &str| {
            let at = text.find(marker).unwrap();
            let start = text[..at].rfind("\n    {").unwrap() + 1;
            (start, at + text[at..].find("\n    }").unwrap() + "\n    }".len())
        };
        match self {
            Change::Replace(find, _) => {
                let at = text.find(find).unwrap();
                at..at + find.len()
            }
            Change::Swap(first, second) => item(first).0..item(second).1,
        }
    }
}

/// Several mutations on distinct places of the shipped files, fixed by one run.
fn mutate_many(dir: &Path, chosen: &[&Case]) -> Result<(), TestCaseError> {
    for file in [RELATION, COUNTRIES, PEOPLE] {
        let shipped = read(dir, file);
        let mut changes: Vec<(std::ops::Range<usize>, Change)> = chosen
            .iter()
            .filter(|case| case.file == file)
            .map(|case| (case.mutation.range(&shipped), case.mutation))
            .collect();
        changes.sort_by_key(|(range, _)| range.start);
        // Distinct places: no two changes touch the same bytes or the same line.
        for pair in changes.windows(2) {
            let between = &shipped[pair[0].0.end..pair[1].0.start.max(pair[0].0.end)];
            prop_assume!(pair[0].0.end < pair[1].0.start && between.contains('\n'));
        }
        // From the last to the first, so each change finds its text where the shipped file has it.
        let mut text = shipped.clone();
        for (range, change) in changes.iter().rev() {
            text = match change {
                Change::Replace(_, with) => format!("{}{with}{}", &text[..range.start], &text[range.end..]),
                Change::Swap(..) => change.apply(&text),
            };
        }
        std::fs::write(dir.join(file), text).unwrap();
    }
    Ok(())
}

/// The cases whose fix gives back the shipped file.
fn restoring() -> Vec<&'static Case> {
    CASES.iter().filter(|case| case.fixed.is_none()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        rng_seed: proptest::test_runner::RngSeed::Fixed(15),
        failure_persistence: None,
        max_shrink_iters: 64,
        .. ProptestConfig::default()
    })]

    /// Random sets of mutations at once, safe and unsafe mixed: `--fix --unsafe-fixes` gives back
    /// the shipped bytes of every file.
    #[test]
    fn fixes_restore_random_sets_of_mutations(chosen in proptest::sample::subsequence(restoring(), 2..=5)) {
        let names: Vec<&str> = chosen.iter().map(|case| case.name).collect();
        let dir = dataset();
        mutate_many(dir.path(), &chosen)?;
        let fixing = relcheck(dir.path(), &["--fix", "--unsafe-fixes"]);
        for file in [RELATION, COUNTRIES, PEOPLE] {
            let (expected, found) = (std::fs::read_to_string(support::repo().join(file)).unwrap(), read(dir.path(), file));
            prop_assert!(found == expected, "{names:?}: {file} is not restored: {}\n{}", first_difference(&expected, &found), fixing.stderr);
        }
        prop_assert_eq!(fixing.code, Some(0), "{:?}: {}", names, fixing.stdout());
    }
}

/// `git` in `dir`, which must succeed; its standard output.
fn git(dir: &Path, args: &[&str], input: Option<&str>) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.unwrap_or_default().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `--diff` writes nothing, exits 1, and prints a patch that `git apply` takes and that gives the
/// bytes `--fix` would write: in a file with LF line ends and in one with CRLF, with edits after
/// non-ASCII text on the same line and the lines before.
#[test]
fn diff_output_applies_with_git_apply() {
    let mutations = [
        // After `–` and `å` on the same line.
        Replace(
            "\"title\": \"Støre slår cyberalarm: – Vi må være mer våkne\"",
            "\"title\": \"Støre slår cyberalarm: – Vi må være mer våkne \"",
        ),
        Replace("\"language\": \"nb\"", "\"language\": \"NB\""),
        Replace("\"retrieved\": \"2009-07-24\"", "\"retreived\": \"2009-07-24\""),
        Replace("\"date\": \"2025-03\"", "\"date\": \"March 2025\""),
    ];
    for crlf in [false, true] {
        let dir = dataset();
        let dir = dir.path();
        let mut shipped = read(dir, RELATION);
        if crlf {
            shipped = shipped.replace('\n', "\r\n");
            std::fs::write(dir.join(RELATION), &shipped).unwrap();
        }
        git(dir, &["init", "-q"], None);
        git(dir, &["add", "-A"], None);
        git(dir, &["commit", "-q", "-m", "shipped"], None);
        let mutated = mutations
            .iter()
            .fold(shipped.clone(), |text, change| change.apply(&text));
        std::fs::write(dir.join(RELATION), &mutated).unwrap();

        let diff = relcheck(dir, &["--diff", "--unsafe-fixes"]);
        assert_eq!(
            diff.code,
            Some(1),
            "crlf {crlf}: --diff exits 1 when there is something to fix"
        );
        assert_eq!(read(dir, RELATION), mutated, "crlf {crlf}: --diff wrote the file");
        let patch = diff.stdout();
        assert!(
            patch.starts_with("diff --git a/data/relations/NO-UA.json b/data/relations/NO-UA.json\n"),
            "{patch}"
        );
        assert_eq!(
            patch.matches("\n@@ ").count() + usize::from(patch.starts_with("@@")),
            4,
            "one hunk per mutation: {patch}"
        );
        git(dir, &["apply", "--check"], Some(&patch));
        git(dir, &["apply"], Some(&patch));
        assert!(
            read(dir, RELATION) == shipped,
            "crlf {crlf}: {}",
            first_difference(&shipped, &read(dir, RELATION))
        );
        assert_eq!(
            git(dir, &["status", "--porcelain"], None),
            "",
            "crlf {crlf}: the patch leaves the shipped files"
        );

        let again = relcheck(dir, &["--diff", "--unsafe-fixes"]);
        assert_eq!(
            (again.code, again.stdout()),
            (Some(0), String::new()),
            "crlf {crlf}: nothing left to fix"
        );
    }
}

/// A file that does not parse is never written, even with fixable mistakes in it; the other files
/// of the run are fixed.
#[test]
fn a_file_with_a_parse_error_is_never_fixed() {
    let dir = dataset();
    let dir = dir.path();
    let relation = Replace("\"language\": \"nb\"", "\"language\": \"NB\",,").apply(&read(dir, RELATION));
    let countries =
        Replace("\"name\": \"United States\"", "\"name\": \"United\u{a0}States\"").apply(&read(dir, COUNTRIES));
    std::fs::write(dir.join(RELATION), &relation).unwrap();
    std::fs::write(dir.join(COUNTRIES), &countries).unwrap();
    for flags in [&["--fix"][..], &["--fix", "--unsafe-fixes"]] {
        let run = relcheck(dir, flags);
        assert_eq!(
            run.code,
            Some(1),
            "{flags:?}: the parse error fails the run: {}",
            run.stdout()
        );
        assert!(run.stdout().contains("R001/invalid-json"), "{}", run.stdout());
        assert_eq!(
            read(dir, RELATION),
            relation,
            "{flags:?}: a file that does not parse was written"
        );
    }
    assert_eq!(read(dir, COUNTRIES), read(support::repo(), COUNTRIES));
}

/// Text that Rust reads as a number but JSON does not is never written bare where a number belongs:
/// the fix would break the file.
#[test]
fn numbers_in_quotes_are_unquoted_only_when_json_reads_them() {
    for (written, fixed) in [
        ("12", Some("12")),
        (" 12 ", Some("12")),
        ("1.5", Some("1.5")),
        ("1e999", None),
        ("+5", None),
        (".5", None),
        ("5.", None),
        ("007", None),
        ("NaN", None),
        ("inf", None),
    ] {
        let dir = dataset();
        let dir = dir.path();
        let quoted = format!("\"value\": \"{written}\"");
        let mutated = read(dir, RELATION).replacen("\"value\": 75000000", &quoted, 1);
        std::fs::write(dir.join(RELATION), &mutated).unwrap();
        let run = relcheck(dir, &["--fix", "--unsafe-fixes"]);
        let expected = match fixed {
            Some(number) => mutated.replacen(&quoted, &format!("\"value\": {number}"), 1),
            None => mutated.clone(),
        };
        assert_eq!(read(dir, RELATION), expected, "{written:?}");
        assert!(!run.stderr.contains("not fixed"), "{written:?}: {}", run.stderr);
        assert!(
            run.stdout().contains("R103/wrong-type") == fixed.is_none(),
            "{written:?}: {}",
            run.stdout()
        );
    }
}

/// Fixes that undo each other, or that would break the JSON, leave the text as it was and say why.
#[test]
fn fixes_that_do_not_settle_or_break_the_text_are_given_up() {
    use relcheck::diagnostics::fix::{Edit, Fix};
    use relcheck::diagnostics::Diagnostic;
    use relcheck::fix::{fix_with, notices, FileFix, Fixed, Mode};
    use relcheck::source::Span;
    let text = "{\"a\": \"x\"}";
    let value = Span::new(6, 9);
    let fixing = |replacement: &str| {
        let rule = rules::find("whitespace").unwrap();
        let fix = Fix::safe("t", vec![Edit::replace(value, replacement)]);
        Ok(Some(vec![Diagnostic::new(rule, 0, "/a", "m").fix(fix)]))
    };
    let mode = Mode { least: Safe };
    // `"x"` → `"y"` → `"x"` → …
    let flipping = fix_with(text, mode, |current| {
        fixing(if current.contains("\"x\"") { "\"y\"" } else { "\"x\"" })
    })
    .unwrap();
    // A fix whose result is not JSON: the check of the next round finds no document.
    let breaking = fix_with(
        text,
        mode,
        |current| {
            if current == text {
                fixing("\"y")
            } else {
                Ok(None)
            }
        },
    )
    .unwrap();
    let file = |display: &str, outcome: Fixed| FileFix {
        path: display.into(),
        display: display.into(),
        before: text.into(),
        outcome,
    };
    assert_eq!(
        notices(&[file("flip.json", flipping), file("break.json", breaking)]),
        [
            "flip.json: not fixed: its fixes did not settle after 10 rounds; the file is left as it was",
            "break.json: not fixed: applying its fixes would make it invalid JSON; the file is left as it was",
        ]
    );
    // A text that is not JSON to begin with is left alone without a word.
    assert_eq!(fix_with(text, mode, |_| Ok(None)).unwrap(), Fixed::Unchanged);
}
