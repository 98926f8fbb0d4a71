//! Every fix relcheck offers, proven on a mutated copy of the shipped dataset: the mutation is a
//! text replacement in one file (so the file keeps its layout), and `relcheck check --fix` (with
//! `--unsafe-fixes` for an unsafe fix) must write exactly the expected bytes, leave nothing of that
//! rule to report, and change nothing when run again. An unsafe fix is also shown to be left alone
//! by `--fix` alone. Then: random sets of mutations repaired at once, `--diff` output that
//! `git apply` takes, and the files `--fix` must not touch.

mod support;

use std::path::Path;

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
        fixed: Some(Replace(ARCHIVED, "\"url\": \"http://mfa.gov.ua/en/european-countries\",\n      \"retrieved\": \"2019-08-23\",\n      \"archived\": {\n        \"date\": \"2019-07-20\",\n        \"url\": \"https://web.archive.org/web/20190720093512/http://mfa.gov.ua/en/european-countries\"\n      }")),
        ..case("archive date and snapshot", RELATION, Replace(ARCHIVED, "\"url\": \"http://mfa.gov.ua/en/european-countries\",\n      \"retrieved\": \"2019-08-23\",\n      \"archived\": {\n        \"date\": \"2019-07-21\",\n        \"url\": \"https://web.archive.org/web/20190720093512/http://mfa.gov.ua/en/european-countries\"\n      }"), "archive-date-mismatch", Safe)
    },
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
