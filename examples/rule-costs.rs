//! What each step of checking a relation file costs: parsing, the schema, the model and every rule,
//! measured one at a time on one thread over the relation files of a dataset. It tells where an
//! optimisation pays before a profile of the whole run is read.
//!
//! ```text
//! cargo run --release --example rule-costs -- DIR [--repeat N]
//! ```
//!
//! DIR is a dataset (its `data/relations` and `data/entities`), e.g. one written by gen-dataset.
//! Prints one line per step, most expensive first: microseconds per file and share of the total.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Parser;

use relcheck::diagnostics::Diagnostic;
use relcheck::model::entities::{EntityFile, EntityIndex, EntityInfo, EntityKind};
use relcheck::model::relation::Relation;
use relcheck::rules::{self, FileContext};
use relcheck::source::{self, json, Document};

#[derive(Parser)]
#[command(about = "Time each step of a relation check (parse, schema, model, every rule) on one thread")]
struct Args {
    /// A dataset folder (holding data/relations and data/entities).
    dir: PathBuf,
    /// Time each step N times and keep the fastest.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

type Step = fn(&FileContext, &Relation, &mut Vec<Diagnostic>);

fn steps() -> Vec<(&'static str, Step)> {
    use rules::{citations as c, dates as d, identity as i, references as r, style as s};
    vec![
        ("schema-reference", |x, _, o| rules::schema_reference::check(x, o)),
        ("invalid-date", |x, rel, o| d::invalid_date::check(x, rel.dates(), o)),
        ("date-in-future", |x, rel, o| {
            d::date_in_future::check(x, rel.dates(), o)
        }),
        ("retrieved-before-published", d::retrieved_before_published::check),
        ("archived-before-published", d::archived_before_published::check),
        ("archive-date-mismatch", d::archive_date_mismatch::check),
        ("events-out-of-order", d::events_out_of_order::check),
        ("source-predates-event", d::source_predates_event::check),
        ("imprecise-access-date", d::imprecise_access_date::check),
        ("implausible-early-date", d::implausible_early_date::check),
        ("entity-not-contemporary", d::entity_not_contemporary::check),
        ("inverted-interval", d::inverted_interval::check),
        ("uncited-claim", c::uncited_claim::check),
        ("uncited-quote", c::uncited_quote::check),
        ("citation-needed-with-cite", c::citation_needed_with_cite::check),
        ("citation-needed", c::citation_needed::check),
        ("duplicate-cite", c::duplicate_cite::check),
        ("unresolved-cite", r::unresolved_cite::check),
        ("unused-reference", r::unused_reference::check),
        ("duplicate-reference-url", r::duplicate_reference_url::check),
        ("unresolved-entity", r::unresolved_entity::check),
        ("wrong-entity-kind", r::wrong_entity_kind::check),
        ("generic-title", r::generic_title::check),
        ("invalid-url", r::invalid_url::check),
        ("missing-url", r::missing_url::check),
        ("retrieved-without-url", r::retrieved_without_url::check),
        ("incomplete-archive", r::incomplete_archive::check),
        ("malformed-archive-url", r::malformed_archive_url::check),
        ("archive-url-same-as-url", r::archive_url_same_as_url::check),
        ("archive-target-mismatch", r::archive_target_mismatch::check),
        ("url-is-archive", r::url_is_archive::check),
        ("invalid-language", r::invalid_language::check),
        ("relation-id-mismatch", i::relation_id_mismatch::check),
        ("invalid-parties", i::invalid_parties::check),
        ("duplicate-id", i::duplicate_id::check_relation),
        ("mission-not-between-parties", i::mission_not_between_parties::check),
        ("speaker-not-actor", i::speaker_not_actor::check),
        ("duplicate-list-item", i::duplicate_list_item::check),
        ("whitespace", |context, _, out| s::whitespace::check(context, out)),
        ("language-tag-case", s::language_tag_case::check),
        ("tracking-parameters", s::tracking_parameters::check),
        ("missing-publisher", s::missing_publisher::check),
        ("missing-published-date", s::missing_published_date::check),
        ("quoted-quote", s::quoted_quote::check),
    ]
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn parse(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    json::parse(&source::decode(bytes).text, 0, Default::default())
        .unwrap_or_else(|e| panic!("{} is not JSON: {}", path.display(), e.message))
}

fn main() {
    let args = Args::parse();
    let mut index = EntityIndex::new(true);
    for path in json_files(&args.dir.join("data/entities")) {
        let document = parse(&path);
        let file = EntityFile::from_value(&document.value);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some(kind) = file.kind.or_else(|| EntityKind::from_file_kind(stem)) else {
            continue;
        };
        for entity in &file.entities {
            let Some(id) = &entity.id else { continue };
            let owned = |t: &Option<relcheck::model::DateText>| t.as_ref().map(relcheck::model::entities::Bound::from);
            let info = EntityInfo {
                kind,
                name: entity.name.map(str::to_owned),
                start: owned(&entity.start),
                end: owned(&entity.end),
            };
            index.insert(id.value, info);
        }
    }
    let paths = json_files(&args.dir.join("data/relations"));
    // The rules that are off by default do not run in a check either.
    let off = relcheck::config::Config::default().off_rules();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    // Steps run file by file, in the order a check runs them, so each finds the file as warm in the
    // caches as it would in a check; each step's time is summed over the files.
    let schemas = relcheck::check::Schemas::builtin();
    let schema = schemas.relation().unwrap_or_else(|e| panic!("{e}"));
    let is_off = |name: &str| {
        rules::ALL
            .iter()
            .any(|rule| rule.name == name && off.contains(&rule.code))
    };
    let steps: Vec<(&str, Step)> = steps().into_iter().filter(|(name, _)| !is_off(name)).collect();
    let mut names: Vec<String> = [
        "read and decode",
        "parse (relcheck's parser, with spans)",
        "schema",
        "model",
    ]
    .map(String::from)
    .to_vec();
    names.extend(steps.iter().map(|(name, _)| (*name).to_owned()));
    names.push("free the document".into());
    names.push("read and parse with serde_json (the floor)".into());
    let mut best_run: Option<Vec<Duration>> = None;
    for _ in 0..args.repeat.max(1) {
        let mut run = vec![Duration::ZERO; names.len()];
        for (i, path) in paths.iter().enumerate() {
            let mut clock = Instant::now();
            let mut lap = |slot: usize, run: &mut Vec<Duration>| {
                let now = Instant::now();
                run[slot] += now - clock;
                clock = now;
            };
            let text = source::decode(std::fs::read(path).unwrap_or_default()).text;
            lap(0, &mut run);
            let Ok(document) = json::parse(&text, 0, Default::default()) else {
                continue;
            };
            lap(1, &mut run);
            let stem = path.file_stem().and_then(|s| s.to_str());
            let context = FileContext {
                file: i,
                stem,
                text: &text,
                document: &document,
                entities: &index,
                today,
                expected_schema: Some("../../schema/relation.schema.json"),
                folder: path.parent(),
                off: &off,
                suggestions: Default::default(),
                known: Default::default(),
                described: usize::MAX,
            };
            let mut out = Vec::new();
            rules::schema::check(&context, schema, &document.value, &mut out);
            lap(2, &mut run);
            let relation = Relation::from_value(&document.value);
            lap(3, &mut run);
            for (k, (_, step)) in steps.iter().enumerate() {
                step(&context, &relation, &mut out);
                lap(4 + k, &mut run);
            }
            std::hint::black_box(out);
            drop(relation);
            drop(document);
            drop(text);
            lap(names.len() - 2, &mut run);
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let value = serde_json::from_str::<serde_json::Value>(&text);
            std::hint::black_box(value.is_ok());
            drop(value);
            lap(names.len() - 1, &mut run);
        }
        let total = |run: &Vec<Duration>| run.iter().sum::<Duration>();
        if best_run.as_ref().is_none_or(|best| total(&run) < total(best)) {
            best_run = Some(run);
        }
    }
    let mut costs: Vec<(String, Duration)> = names.into_iter().zip(best_run.unwrap_or_default()).collect();
    // Everything but the floor's line is part of a check.
    let total: Duration = costs
        .iter()
        .filter(|(n, _)| !n.contains("floor"))
        .map(|(_, d)| *d)
        .sum();
    costs.sort_by_key(|(_, cost)| std::cmp::Reverse(*cost));
    let per_file = |d: Duration| d.as_secs_f64() * 1e6 / paths.len().max(1) as f64;
    println!(
        "{} relation files, one thread, best of {} runs",
        paths.len(),
        args.repeat
    );
    println!("{:>9}  {:>6}  step", "µs/file", "share");
    for (name, cost) in &costs {
        let share = cost.as_secs_f64() / total.as_secs_f64().max(f64::MIN_POSITIVE) * 100.0;
        println!("{:>9.1}  {share:>5.1}%  {name}", per_file(*cost));
    }
    println!("{:>9.1}  100.0%  total (without the floor)", per_file(total));
}

// The allocator relcheck's binary uses, so the costs are those of a check.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
