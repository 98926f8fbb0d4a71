//! Running relcheck as a process under bounds, for the tests that prove it cannot be driven out of
//! memory or into a hang: the kernel caps its data memory (`RLIMIT_DATA`: past it, an allocation
//! fails and the process aborts) and its CPU seconds (`RLIMIT_CPU`). Generous guards against
//! blow-ups, not speed assertions, so a busy machine cannot fail them.

#![allow(dead_code, reason = "each test file uses some of these helpers")]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("relcheck")
}

/// A copy of the shipped dataset (its relcheck.toml, schema/, data/) in a temporary folder.
pub fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("relcheck.toml"), dir.path().join("relcheck.toml")).unwrap();
    for folder in ["schema", "data/relations", "data/entities"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dir.path().join(folder).join(entry.file_name())).unwrap();
            }
        }
    }
    dir
}

/// How a bounded run ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when a signal ended it (SIGABRT past the memory cap, SIGXCPU or
    /// SIGKILL past the CPU limit).
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("relcheck writes UTF-8")
    }
}

/// The limits of one run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// CPU seconds before the kernel stops the process: a hang guard.
    pub cpu_seconds: u64,
    /// The most data memory (heap and private mappings) the process may use, in MiB.
    pub memory_mib: u64,
    /// The largest file the process may write, in bytes (`None`: no limit).
    pub file_size: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            cpu_seconds: 120,
            memory_mib: 1024,
            file_size: None,
        }
    }
}

impl Limits {
    pub fn memory(memory_mib: u64) -> Self {
        Self {
            memory_mib,
            ..Self::default()
        }
    }
}

/// Runs relcheck with `args` in `dir` (NO_COLOR set) under `limits`, with `stdout` as standard
/// output (`None`: a pipe that is read).
pub fn run_with(dir: &Path, args: &[&str], limits: Limits, stdout: Option<Stdio>) -> Run {
    let mut command = Command::new(binary());
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS")
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout.unwrap_or_else(Stdio::piped))
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec only async-signal-safe calls are made: setrlimit and signal.
    unsafe {
        command.pre_exec(move || {
            let set = |resource, value: u64| {
                let limit = libc::rlimit {
                    rlim_cur: value,
                    rlim_max: value,
                };
                if libc::setrlimit(resource, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            };
            set(libc::RLIMIT_CPU, limits.cpu_seconds)?;
            set(libc::RLIMIT_DATA, limits.memory_mib << 20)?;
            if let Some(bytes) = limits.file_size {
                set(libc::RLIMIT_FSIZE, bytes)?;
                // Past the limit, a write fails with EFBIG instead of the signal ending the process.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            Ok(())
        });
    }
    let output = command.output().unwrap();
    Run {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `run_with` the default limits and a piped standard output.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, Limits::default(), None)
}

/// Exit 2 with exactly one line on stderr, which contains `needle`.
pub fn assert_refused(run: &Run, needle: &str) {
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line expected: {:?}", run.stderr);
    assert!(run.stderr.starts_with("relcheck: error: "), "{}", run.stderr);
    assert!(run.stderr.contains(needle), "{needle:?} not in {:?}", run.stderr);
}

/// A minimal valid relation NO-UA with `references` (the first is cited by `established`) and
/// `events`, as a JSON value.
pub fn relation(references: serde_json::Value, events: serde_json::Value) -> serde_json::Value {
    let first = references[0]["id"].clone();
    serde_json::json!({
        "$schema": "../../schema/relation.schema.json",
        "id": "NO-UA",
        "parties": ["NO", "UA"],
        "title": "Norway–Ukraine relations",
        "established": {"date": "1992-02-05", "cite": [first]},
        "events": events,
        "references": references,
    })
}

/// One reference with `id`.
pub fn reference(id: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "title": "A", "language": "en", "published": "2022-01-01", "retrieved": "2022-01-02"})
}

/// Writes `value` as data/relations/NO-UA.json of `dir`, minified or indented.
pub fn write_relation(dir: &Path, value: &serde_json::Value, minified: bool) {
    let text = if minified {
        serde_json::to_string(value).unwrap()
    } else {
        serde_json::to_string_pretty(value).unwrap()
    };
    std::fs::write(dir.join("data/relations/NO-UA.json"), text).unwrap();
}
