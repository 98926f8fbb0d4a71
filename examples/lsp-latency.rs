//! How fast `relcheck lsp` answers an edit, and how much memory it holds.
//!
//! ```text
//! cargo run --release --example lsp-latency -- --relcheck target/release/relcheck \
//!     --generated target/bench/data-5000-seed1 [--changes 100] [--rounds 5]
//! ```
//!
//! Starts the server once per workspace, as an editor does, and speaks to it over its standard
//! input and output. Each change is a keystroke's edit (an incremental `didChange` of two
//! characters: a language tag `en` ↔ `EN`, which adds or removes one finding); its latency is the
//! time from writing the change to reading the `publishDiagnostics` of that version. Workspaces:
//!
//! - `shipped`: a copy of the project's relcheck.toml, schema/ and data/, editing NO-UA.json, and
//!   the same copy with the generated relation closest to 40 KB added to data/relations/ (its ids
//!   name entities the shipped entity files do not have: many findings), editing that;
//! - `generated`: the generated dataset (`gen-dataset`), editing its relation closest to 40 KB.
//!
//! The cases alternate, `--changes` edits at a time, for `--rounds` rounds, so that a shared
//! machine's slow moments fall on every case alike. Memory: the server's resident set (VmRSS) and
//! its peak (VmHWM) from /proc after the edits, and again after a workspace-wide search (the
//! references of the edited relation's first party, which reads every relation file that names
//! it). Prints a Markdown table; progress on standard error.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{json, Value};

#[derive(Parser)]
#[command(about = "Latency from didChange to publishDiagnostics, and memory, of relcheck lsp")]
struct Args {
    /// The relcheck binary (a release build).
    #[arg(long, default_value = "target/release/relcheck")]
    relcheck: PathBuf,
    /// A generated dataset (`cargo run --release --example gen-dataset -- --relations 5000 --out DIR`).
    #[arg(long)]
    generated: PathBuf,
    /// Changes per case and round.
    #[arg(long, default_value_t = 100)]
    changes: usize,
    /// Rounds over all cases.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relcheck = std::fs::canonicalize(&args.relcheck).map_err(|e| format!("{}: {e}", args.relcheck.display()))?;
    let generated = std::fs::canonicalize(&args.generated).map_err(|e| format!("{}: {e}", args.generated.display()))?;
    let forty = closest_to(&generated.join("data/relations"), 40_000)?;
    eprintln!("the generated relation closest to 40 KB: {}", forty.display());

    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let shipped = scratch.path().join("shipped");
    copy_dataset(project, &shipped)?;
    let shipped_40 = scratch.path().join("shipped-40");
    copy_dataset(project, &shipped_40)?;
    let name = forty.file_name().unwrap();
    std::fs::copy(&forty, shipped_40.join("data/relations").join(name)).map_err(|e| e.to_string())?;

    let load_before = load_average();
    let mut cases = vec![
        Case::start(
            "shipped data, NO-UA.json",
            &relcheck,
            &shipped,
            &shipped.join("data/relations/NO-UA.json"),
        )?,
        Case::start(
            "shipped data + one 40 KB relation",
            &relcheck,
            &shipped_40,
            &shipped_40.join("data/relations").join(name),
        )?,
        Case::start(
            "5,000-relation generated set",
            &relcheck,
            &generated,
            &generated.join("data/relations").join(name),
        )?,
    ];
    for round in 1..=args.rounds {
        for case in &mut cases {
            eprintln!("round {round}/{}: {}", args.rounds, case.name);
            for _ in 0..args.changes {
                case.change()?;
            }
        }
    }
    let load_after = load_average();

    println!("| workspace | file | KB | findings | changes | median ms | p10 ms | p90 ms | min ms | max ms |");
    println!("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for case in &cases {
        let mut ms: Vec<f64> = case.latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        println!(
            "| {} | {} | {:.1} | {}–{} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            case.name,
            case.file.file_name().unwrap().to_string_lossy(),
            case.text.len() as f64 / 1000.0,
            case.findings.0,
            case.findings.1,
            ms.len(),
            at(0.5),
            at(0.1),
            at(0.9),
            ms[0],
            ms[ms.len() - 1],
        );
    }
    println!();
    println!("load average before: {load_before}; after: {load_after}");
    for case in &mut cases {
        let (rss, peak) = case.memory();
        println!(
            "{}: resident {:.1} MB, peak {:.1} MB after the edits",
            case.name, rss, peak
        );
    }
    let last = cases.last_mut().unwrap();
    let (took, count) = last.references_of_first_party()?;
    let (rss, peak) = last.memory();
    println!(
        "{}: references of its first party: {count} places in {:.0} ms; resident {rss:.1} MB, peak {peak:.1} MB after",
        last.name,
        took.as_secs_f64() * 1000.0
    );
    for case in cases {
        case.stop()?;
    }
    Ok(())
}

/// One workspace with the server running and one file open.
struct Case {
    name: &'static str,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    file: PathBuf,
    uri: String,
    text: String,
    /// Where the edited tag is: its byte offset, and its position (line, UTF-16 character).
    tag: (usize, u32, u32),
    version: i64,
    latencies: Vec<Duration>,
    /// The fewest and most findings published.
    findings: (usize, usize),
    next_id: i64,
}

impl Case {
    fn start(name: &'static str, relcheck: &Path, root: &Path, file: &Path) -> Result<Case, String> {
        let mut child = Command::new(relcheck)
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", relcheck.display()))?;
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let at = text
            .find("\"language\": \"en\"")
            .ok_or_else(|| format!("{}: no English reference to edit", file.display()))?
            + "\"language\": \"".len();
        let line = text[..at].matches('\n').count() as u32;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let character = text[line_start..at].encode_utf16().count() as u32;
        let mut case = Case {
            name,
            stdin: child.stdin.take().unwrap(),
            stdout: BufReader::new(child.stdout.take().unwrap()),
            child,
            file: file.to_path_buf(),
            uri: format!(
                "file://{}",
                std::fs::canonicalize(file).map_err(|e| e.to_string())?.display()
            ),
            text,
            tag: (at, line, character),
            version: 1,
            latencies: Vec::new(),
            findings: (usize::MAX, 0),
            next_id: 1,
        };
        let root_uri = format!(
            "file://{}",
            std::fs::canonicalize(root).map_err(|e| e.to_string())?.display()
        );
        case.request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
        )?;
        case.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))?;
        let open =
            json!({ "textDocument": { "uri": case.uri, "languageId": "json", "version": 1, "text": case.text } });
        case.send(&json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": open }))?;
        case.published(1)?;
        Ok(case)
    }

    /// One keystroke's edit, timed to its findings.
    fn change(&mut self) -> Result<(), String> {
        let (at, line, character) = self.tag;
        let new = if &self.text[at..at + 2] == "en" { "EN" } else { "en" };
        self.text.replace_range(at..at + 2, new);
        self.version += 1;
        let range = json!({ "start": { "line": line, "character": character }, "end": { "line": line, "character": character + 2 } });
        let change = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": self.uri, "version": self.version },
                "contentChanges": [{ "range": range, "text": new }],
            },
        });
        let started = Instant::now();
        self.send(&change)?;
        let count = self.published(self.version)?;
        self.latencies.push(started.elapsed());
        self.findings = (self.findings.0.min(count), self.findings.1.max(count));
        Ok(())
    }

    /// Waits for the findings of `version`; how many there are.
    fn published(&mut self, version: i64) -> Result<usize, String> {
        loop {
            let message = self.read()?;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == self.uri
                && message["params"]["version"] == version
            {
                return Ok(message["params"]["diagnostics"].as_array().map_or(0, Vec::len));
            }
        }
    }

    fn references_of_first_party(&mut self) -> Result<(Duration, usize), String> {
        let list = self.text.find("\"parties\": [").ok_or("no parties")? + "\"parties\": [".len();
        let at = list + self.text[list..].find('"').ok_or("no party")? + 1;
        let line = self.text[..at].matches('\n').count();
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let character = self.text[line_start..at].encode_utf16().count();
        let started = Instant::now();
        let response = self.request(
            "textDocument/references",
            json!({
                "textDocument": { "uri": self.uri },
                "position": { "line": line, "character": character },
                "context": { "includeDeclaration": true },
            }),
        )?;
        let took = started.elapsed();
        Ok((took, response["result"].as_array().map_or(0, Vec::len)))
    }

    /// Resident and peak resident memory, in MB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .map_or(f64::NAN, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        loop {
            let message = self.read()?;
            if message["id"] == id && message.get("method").is_none() {
                return Ok(message);
            }
        }
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("the server stopped reading: {e}"))
    }

    fn read(&mut self) -> Result<Value, String> {
        let mut length = None;
        loop {
            let mut line = String::new();
            if self.stdout.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err(format!("{}: the server ended", self.name));
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.ok_or("a message without Content-Length")?];
        self.stdout.read_exact(&mut body).map_err(|e| e.to_string())?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }

    fn stop(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.send(&json!({ "jsonrpc": "2.0", "method": "exit" }))?;
        let status = self.child.wait().map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{}: the server ended with {status}", self.name))
        }
    }
}

/// The `*.json` file of `folder` whose size is closest to `bytes`.
fn closest_to(folder: &Path, bytes: u64) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| Some((e.metadata().ok()?.len().abs_diff(bytes), e.path())))
        .min()
        .map(|(_, path)| path)
        .ok_or_else(|| format!("{}: no relation files", folder.display()))
}

/// relcheck.toml, schema/ and data/ of `from`, copied into `to`.
fn copy_dataset(from: &Path, to: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| e.to_string();
    std::fs::create_dir_all(to).map_err(fail)?;
    std::fs::copy(from.join("relcheck.toml"), to.join("relcheck.toml")).map_err(fail)?;
    for folder in ["schema", "data/relations", "data/entities"] {
        std::fs::create_dir_all(to.join(folder)).map_err(fail)?;
        for entry in std::fs::read_dir(from.join(folder)).map_err(fail)?.flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), to.join(folder).join(entry.file_name())).map_err(fail)?;
            }
        }
    }
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
