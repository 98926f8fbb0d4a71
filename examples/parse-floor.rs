//! The physical floor of a relcheck run: find the *.json files under a directory, read each one and
//! parse it into a `serde_json::Value`, in parallel on the same rayon pool relcheck uses (the default
//! global pool: one thread per core, or RAYON_NUM_THREADS). No schema, no rules, no reporting: a
//! checker that reads and parses every file cannot be faster than this.
//!
//! ```text
//! cargo run --release --example parse-floor -- DIR [--repeat N]
//! ```
//!
//! Prints `files`, `bytes`, `seconds` (wall time of the best of N repetitions, listing included) and
//! `MB/s` (10^6 bytes per second), one `key: value` per line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use rayon::prelude::*;

#[derive(Parser)]
#[command(about = "Read and parse every *.json file under DIR: the floor for relcheck's run time")]
struct Args {
    /// Directory to scan recursively for *.json files.
    dir: PathBuf,
    /// Repeat the whole pass N times and report the fastest (the first pass warms the page cache).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Parse with relcheck's own parser (value plus the span of every value) instead of serde_json:
    /// what relcheck's first step costs, compared with the floor.
    #[arg(long)]
    spans: bool,
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|entry| {
            let entry = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
            let is_json = entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "json");
            is_json.then(|| entry.into_path())
        })
        .collect();
    files.sort();
    files
}

/// One pass: list, read, parse. Returns (files, bytes).
fn pass(dir: &Path, spans: bool) -> (usize, u64) {
    let files = list(dir);
    let bytes = files
        .par_iter()
        .map(|path| {
            let data = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let len = data.len() as u64;
            if spans {
                let decoded = relcheck::source::decode(data);
                let document = relcheck::source::json::parse(&decoded.text, 0, Default::default())
                    .unwrap_or_else(|e| panic!("{} is not JSON: {}", path.display(), e.message));
                std::hint::black_box(&document);
            } else {
                let value: serde_json::Value =
                    serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
                std::hint::black_box(&value);
            }
            len
        })
        .sum();
    (files.len(), bytes)
}

pub fn main() {
    let args = Args::parse();
    let mut best: Option<(f64, usize, u64)> = None;
    for _ in 0..args.repeat.max(1) {
        let start = Instant::now();
        let (files, bytes) = pass(&args.dir, args.spans);
        let seconds = start.elapsed().as_secs_f64();
        if best.is_none_or(|(s, _, _)| seconds < s) {
            best = Some((seconds, files, bytes));
        }
    }
    let (seconds, files, bytes) = best.expect("at least one pass");
    println!("threads: {}", rayon::current_num_threads());
    println!("files: {files}");
    println!("bytes: {bytes}");
    println!("seconds: {seconds:.6}");
    println!("MB/s: {:.1}", bytes as f64 / 1e6 / seconds);
}
