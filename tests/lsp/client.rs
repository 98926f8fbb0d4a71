//! A minimal language client for the protocol tests: it starts `relcheck lsp` as a process and
//! speaks JSON-RPC to it over its standard input and output, as an editor does. Every wait is
//! bounded by a generous timeout that fails the test instead of hanging it; none measures speed.

#![allow(dead_code, reason = "each test uses some of these helpers")]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// How long any one answer may take before the test fails as hung.
const TIMEOUT: Duration = Duration::from_secs(120);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages received while waiting for another one.
    backlog: VecDeque<Value>,
    next_id: i64,
    pub root: PathBuf,
    /// The `initialize` result.
    pub initialized: Value,
}

impl Client {
    /// Starts the server in `root` and initializes it with `capabilities`.
    pub fn start(root: &Path, capabilities: Value) -> Client {
        Self::start_with(root, capabilities, &[])
    }

    pub fn start_with(root: &Path, capabilities: Value, args: &[&str]) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("relcheck"))
            .arg("lsp")
            .args(args)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("relcheck lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            root: root.to_path_buf(),
            initialized: Value::Null,
        };
        let response = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
            }),
        );
        client.initialized = response["result"].clone();
        assert!(client.initialized.is_object(), "initialize failed: {response}");
        client.notify("initialized", json!({}));
        client
    }

    /// Sends a request and waits for its response (the whole response: `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the server's input is open");
        stdin
            .write_all(bytes)
            .and_then(|()| stdin.flush())
            .expect("the server reads its input");
    }

    /// The next message that `matches`, keeping the others for later waits.
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(at).unwrap();
        }
        loop {
            let message = self
                .incoming
                .recv_timeout(TIMEOUT)
                .unwrap_or_else(|_| panic!("no answer within {TIMEOUT:?} while waiting for {what}"));
            if matches(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics of {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The next diagnostics published for `uri` that satisfy `until` (earlier ones are skipped).
    pub fn diagnostics_until(&mut self, uri: &str, until: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let found = self.diagnostics(uri);
            if until(&found) {
                return found;
            }
        }
    }

    /// Whether diagnostics were published for `uri` among the messages received so far.
    pub fn published_so_far(&mut self, uri: &str) -> bool {
        while let Ok(message) = self.incoming.try_recv() {
            self.backlog.push_back(message);
        }
        self.backlog
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
        );
        uri
    }

    pub fn change_all(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// `shutdown`, then `exit`; the exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    /// Closes the server's input and waits for it to end.
    pub fn exit_code(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        for _ in 0..TIMEOUT.as_millis() / 50 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not end within {TIMEOUT:?}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path (the tests' paths need no escaping but spaces, which they avoid).
pub fn uri(path: &Path) -> String {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", real.display())
}

/// The zero-based line and UTF-16 character of byte `offset` (lines end at \n, \r\n or \r).
pub fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count();
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

pub fn utf16_range(text: &str, start: usize, end: usize) -> Value {
    json!({ "start": utf16_position(text, start), "end": utf16_position(text, end) })
}

/// The byte offset of a zero-based line and UTF-16 character.
pub fn utf16_offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let at = rest.find(['\n', '\r']).expect("the line exists");
        start += at + if rest[at..].starts_with("\r\n") { 2 } else { 1 };
    }
    let mut units = 0;
    for (at, ch) in text[start..].char_indices() {
        if units >= character {
            return start + at;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// `text` with protocol text edits (UTF-16 ranges) applied.
pub fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let start = utf16_offset(text, &edit["range"]["start"]);
            let end = utf16_offset(text, &edit["range"]["end"]);
            (start, end, edit["newText"].as_str().unwrap())
        })
        .collect();
    spans.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The text edits a workspace edit makes to `uri`, in either of its two forms.
pub fn edits_of(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// The files a workspace edit changes.
pub fn files_of(edit: &Value) -> Vec<String> {
    let mut files: Vec<String> = match edit["documentChanges"].as_array() {
        Some(changes) => changes
            .iter()
            .filter_map(|c| c["textDocument"]["uri"].as_str().map(str::to_owned))
            .collect(),
        None => edit["changes"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
    };
    files.sort();
    files
}
