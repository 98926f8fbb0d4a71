//! `relcheck lsp`: a Language Server Protocol server on standard input and output. This module is
//! the protocol layer, and stays thin: messages come in, on the main thread, are turned into calls
//! on the server's state (`state`) and its features (`diagnostics`, `actions`, `navigation`,
//! `completion`, `hover`, `rename`), and their answers go out as responses and notifications.
//! Protocol types appear only here and in `convert`, the edge where byte offsets become positions
//! in the negotiated encoding.
//!
//! Every finding comes from the function the command line uses (`Workspace::check_text`), so the
//! editor shows exactly what `relcheck check` reports.

mod actions;
mod completion;
mod convert;
mod cursor;
mod diagnostics;
mod hover;
mod navigation;
mod occurrences;
mod position;
mod rename;
mod requests;
mod schema;
mod state;
mod transport;
mod uri;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use serde::de::DeserializeOwned;
use serde::Serialize;

use convert::Edge;
use position::{Encoding, Lines};
use state::Server;
use transport::{Incoming, Transport};

use crate::Settings;

/// The protocol's code for a request that was understood but could not be carried out.
const REQUEST_FAILED: i32 = -32803;

/// The code action kind that applies every safe fix.
const FIX_ALL: &str = "source.fixAll.relcheck";

/// Serves one editor session; `cwd` is where the dataset is looked for when the editor names no
/// workspace folder. The exit code follows the protocol: 0 after `shutdown` and `exit`, 1 when the
/// editor left without `shutdown`.
pub fn run(cwd: &Path, settings: Settings, today: Option<NaiveDate>) -> Result<u8, String> {
    let mut transport = Transport::stdio();
    let Some((id, params)) = wait_for_initialize(&mut transport)? else {
        return Ok(1);
    };
    let mut session = Session::new(cwd, &params, settings, today);
    send(&mut transport, Response::new_ok(id, session.capabilities()))?;
    session.serve(&mut transport)
}

/// Waits for `initialize`; requests before it are refused, as the protocol says.
fn wait_for_initialize(transport: &mut Transport) -> Result<Option<(RequestId, serde_json::Value)>, String> {
    loop {
        match transport.next() {
            Incoming::Message(Message::Request(request)) if request.method == lsp::request::Initialize::METHOD => {
                return Ok(Some((request.id, request.params)));
            }
            Incoming::Message(Message::Request(request)) => {
                let message = "the server is not initialized yet: send `initialize` first".to_owned();
                let code = ErrorCode::ServerNotInitialized as i32;
                send(transport, Response::new_err(request.id, code, message))?;
            }
            Incoming::Message(Message::Notification(notification)) if notification.method == "exit" => {
                return Ok(None);
            }
            Incoming::Closed(None) => return Ok(None),
            Incoming::Closed(Some(reason)) => return Err(reason),
            Incoming::Message(_) | Incoming::Skipped(_) => {}
        }
    }
}

fn send(transport: &mut Transport, message: impl Into<Message>) -> Result<(), String> {
    transport
        .send(message)
        .map_err(|e| format!("cannot write to the editor (standard output): {e}"))
}

/// What the client said it can do, as far as the answers depend on it.
struct Client {
    snippets: bool,
    definition_links: bool,
    hierarchical_symbols: bool,
    watch_registration: bool,
}

struct Session {
    server: Server,
    edge: Edge,
    client: Client,
    shutdown: bool,
}

impl Session {
    fn new(cwd: &Path, params: &serde_json::Value, settings: Settings, today: Option<NaiveDate>) -> Self {
        let capabilities: lsp::ClientCapabilities = params
            .get("capabilities")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        let start = workspace_folder(params).unwrap_or_else(|| cwd.to_path_buf());
        let server = Server::new(&start, settings, today);
        let offers_utf8 = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|list| list.contains(&lsp::PositionEncodingKind::UTF8));
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        let rules = server.root.join("docs").join("rules.md");
        let edge = Edge {
            encoding: if offers_utf8 { Encoding::Utf8 } else { Encoding::Utf16 },
            rule_docs: rules.is_file().then(|| uri::from_path(&rules)),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
        };
        let client = Client {
            snippets: text_document
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            definition_links: text_document
                .and_then(|t| t.definition.as_ref())
                .and_then(|d| d.link_support)
                .unwrap_or(false),
            hierarchical_symbols: text_document
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            watch_registration: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        };
        Self {
            server,
            edge,
            client,
            shutdown: false,
        }
    }

    fn capabilities(&self) -> serde_json::Value {
        let encoding = match self.edge.encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        };
        serde_json::json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": {
                    "openClose": true,
                    "change": lsp::TextDocumentSyncKind::INCREMENTAL,
                    "save": { "includeText": false },
                },
                "codeActionProvider": {
                    "codeActionKinds": [lsp::CodeActionKind::QUICKFIX, FIX_ALL],
                },
                "definitionProvider": true,
                "referencesProvider": true,
                "documentSymbolProvider": true,
                "hoverProvider": true,
                "completionProvider": { "triggerCharacters": ["\""] },
                "renameProvider": { "prepareProvider": true },
            },
            "serverInfo": { "name": "relcheck", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    fn serve(&mut self, transport: &mut Transport) -> Result<u8, String> {
        self.flush(transport)?;
        loop {
            match transport.next() {
                Incoming::Message(Message::Request(request)) => {
                    // A request is answered from the texts as they are now.
                    self.flush(transport)?;
                    let response = self.request(request);
                    send(transport, response)?;
                }
                Incoming::Message(Message::Notification(notification)) => {
                    if notification.method == lsp::notification::Exit::METHOD {
                        return Ok(if self.shutdown { 0 } else { 1 });
                    }
                    let outgoing = self.notification(notification);
                    for message in outgoing {
                        send(transport, message)?;
                    }
                }
                Incoming::Message(Message::Response(_)) => {}
                Incoming::Skipped(reason) => send(transport, log(lsp::MessageType::WARNING, &reason))?,
                Incoming::Closed(None) => return Ok(if self.shutdown { 0 } else { 1 }),
                Incoming::Closed(Some(reason)) => return Err(reason),
            }
            if !transport.has_pending() {
                self.flush(transport)?;
            }
        }
    }

    /// Checks what changed and publishes its findings.
    fn flush(&mut self, transport: &mut Transport) -> Result<(), String> {
        // What was pending is taken before it is checked: a check that fails is not tried again
        // with every message, and the session goes on.
        let publications = std::panic::catch_unwind(AssertUnwindSafe(|| self.server.flush())).unwrap_or_else(|_| {
            let message = "relcheck failed while checking the changed documents".to_owned();
            self.server.notices.push(message);
            Vec::new()
        });
        for publication in publications {
            if let Some(params) = self.edge.publish(&publication) {
                let method = lsp::notification::PublishDiagnostics::METHOD.to_owned();
                send(transport, Notification::new(method, params))?;
            }
        }
        for notice in std::mem::take(&mut self.server.notices) {
            send(transport, log(lsp::MessageType::WARNING, &notice))?;
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if self.shutdown {
            let message = "the server is shutting down: only `exit` is accepted".to_owned();
            return Response::new_err(id, ErrorCode::InvalidRequest as i32, message);
        }
        // No request may take the session down: a failure is that request's error.
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(request))) {
            Ok(response) => response,
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "relcheck failed while answering this request".to_owned(),
            ),
        }
    }

    fn dispatch(&mut self, request: Request) -> Response {
        use lsp::request as r;
        match request.method.as_str() {
            r::Shutdown::METHOD => {
                self.shutdown = true;
                Response::new_ok(request.id, ())
            }
            r::CodeActionRequest::METHOD => self.handle(request, Self::code_action),
            r::GotoDefinition::METHOD => self.handle(request, Self::definition),
            r::References::METHOD => self.handle(request, Self::references),
            r::DocumentSymbolRequest::METHOD => self.handle(request, Self::symbols),
            r::Completion::METHOD => self.handle(request, Self::completion),
            r::HoverRequest::METHOD => self.handle(request, Self::hover),
            r::PrepareRenameRequest::METHOD => self.handle(request, Self::prepare_rename),
            r::Rename::METHOD => self.handle(request, Self::rename),
            r::Initialize::METHOD => Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is initialized already".to_owned(),
            ),
            method => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!(
                    "relcheck does not serve `{}`",
                    crate::diagnostics::escape::visible(method)
                ),
            ),
        }
    }

    /// Reads a request's parameters, answers it with `answer`, and words a failure.
    fn handle<P: DeserializeOwned, T: Serialize>(
        &mut self,
        request: Request,
        answer: fn(&mut Self, P) -> Result<T, String>,
    ) -> Response {
        let params = match serde_json::from_value::<P>(request.params) {
            Ok(params) => params,
            Err(error) => {
                let method = crate::diagnostics::escape::visible(&request.method);
                let message = format!("invalid parameters for `{method}`: {error}");
                return Response::new_err(request.id, ErrorCode::InvalidParams as i32, message);
            }
        };
        match answer(self, params) {
            Ok(result) => Response::new_ok(request.id, result),
            Err(message) => Response::new_err(request.id, REQUEST_FAILED, message),
        }
    }

    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        use lsp::notification as n;
        let method = notification.method.clone();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| match method.as_str() {
            n::DidOpenTextDocument::METHOD => self.notified(notification, Self::did_open),
            n::DidChangeTextDocument::METHOD => self.notified(notification, Self::did_change),
            n::DidCloseTextDocument::METHOD => self.notified(notification, Self::did_close),
            n::DidSaveTextDocument::METHOD => self.notified(notification, Self::did_save),
            n::DidChangeWatchedFiles::METHOD => self.notified(notification, Self::watched_files_changed),
            n::Initialized::METHOD => self.registrations(),
            // Everything else (`$/cancelRequest`, `$/setTrace`, configuration changes) needs no answer.
            _ => Vec::new(),
        }));
        outcome.unwrap_or_else(|_| {
            vec![log(
                lsp::MessageType::ERROR,
                &format!(
                    "relcheck failed while handling `{}`",
                    crate::diagnostics::escape::visible(&method)
                ),
            )]
        })
    }

    fn notified<P: DeserializeOwned>(
        &mut self,
        notification: Notification,
        handle: fn(&mut Self, P) -> Vec<Message>,
    ) -> Vec<Message> {
        match serde_json::from_value::<P>(notification.params) {
            Ok(params) => handle(self, params),
            Err(error) => vec![log(
                lsp::MessageType::WARNING,
                &format!(
                    "invalid parameters for `{}`: {error}",
                    crate::diagnostics::escape::visible(&notification.method)
                ),
            )],
        }
    }

    /// Asks the editor to report changes to relcheck.toml and the entity files made outside it.
    fn registrations(&mut self) -> Vec<Message> {
        if !self.client.watch_registration {
            return Vec::new();
        }
        let watchers: Vec<serde_json::Value> = [
            "**/relcheck.toml",
            "**/data/entities/*.json",
            "**/data/relations/*.json",
        ]
        .iter()
        .map(|glob| serde_json::json!({ "globPattern": glob }))
        .collect();
        let params = serde_json::json!({
            "registrations": [{
                "id": "relcheck-watched-files",
                "method": lsp::notification::DidChangeWatchedFiles::METHOD,
                "registerOptions": { "watchers": watchers },
            }]
        });
        let id = RequestId::from("relcheck-register-watchers".to_owned());
        vec![Request::new(id, lsp::request::RegisterCapability::METHOD.to_owned(), params).into()]
    }

    fn did_open(&mut self, params: lsp::DidOpenTextDocumentParams) -> Vec<Message> {
        let document = params.text_document;
        if let Some(path) = real_path(document.uri.as_str()) {
            let uri = document.uri.as_str().to_owned();
            self.server.open(uri, path, document.version, document.text);
        }
        Vec::new()
    }

    fn did_change(&mut self, params: lsp::DidChangeTextDocumentParams) -> Vec<Message> {
        let Some(path) = self.open_path(&params.text_document.uri) else {
            return Vec::new();
        };
        for change in params.content_changes {
            let span = change.range.and_then(|range| {
                let doc = self.server.open.get(&path)?;
                Some(self.edge.span(&Lines::new(&doc.text), range))
            });
            self.server.edit(&path, span, &change.text);
        }
        self.server.set_version(&path, params.text_document.version);
        self.server.changed(&path);
        Vec::new()
    }

    fn did_close(&mut self, params: lsp::DidCloseTextDocumentParams) -> Vec<Message> {
        let Some(path) = self.open_path(&params.text_document.uri) else {
            return Vec::new();
        };
        let Some(publication) = self.server.close(&path) else {
            return Vec::new();
        };
        let method = lsp::notification::PublishDiagnostics::METHOD.to_owned();
        self.edge
            .publish(&publication)
            .map(|params| Notification::new(method, params).into())
            .into_iter()
            .collect()
    }

    fn did_save(&mut self, params: lsp::DidSaveTextDocumentParams) -> Vec<Message> {
        if let Some(path) = self.open_path(&params.text_document.uri) {
            if path == self.server.config_path() {
                self.server.changed(&path);
            }
        }
        Vec::new()
    }

    fn watched_files_changed(&mut self, params: lsp::DidChangeWatchedFilesParams) -> Vec<Message> {
        for change in params.changes {
            if let Some(path) = real_path(change.uri.as_str()) {
                self.server.changed_on_disk(&path);
            }
        }
        Vec::new()
    }

    /// The real path of a document the editor has open.
    fn open_path(&self, uri: &lsp::Uri) -> Option<PathBuf> {
        if let Some((path, _)) = self.server.open.iter().find(|(_, doc)| doc.uri == uri.as_str()) {
            return Some(path.clone());
        }
        real_path(uri.as_str()).filter(|path| self.server.open.contains_key(path))
    }

    /// An open data document and the byte offset of a position in it.
    fn locate(&self, at: &lsp::TextDocumentPositionParams) -> Option<(PathBuf, usize)> {
        let path = self.open_path(&at.text_document.uri)?;
        let doc = self.server.open.get(&path)?;
        let offset = self.edge.offset(&Lines::new(&doc.text), at.position);
        Some((path, offset))
    }
}

/// A `window/logMessage` notification.
fn log(kind: lsp::MessageType, message: &str) -> Message {
    let params = lsp::LogMessageParams {
        typ: kind,
        message: format!("relcheck: {message}"),
    };
    Notification::new(lsp::notification::LogMessage::METHOD.to_owned(), params).into()
}

/// The folder the editor opened: its first workspace folder, else its root.
fn workspace_folder(params: &serde_json::Value) -> Option<PathBuf> {
    let folders = params.get("workspaceFolders").and_then(serde_json::Value::as_array);
    let first = folders.and_then(|f| f.first()).and_then(|f| f.get("uri"));
    let root_uri = params.get("rootUri");
    first
        .or(root_uri)
        .and_then(serde_json::Value::as_str)
        .and_then(uri::to_path)
        .or_else(|| params.get("rootPath")?.as_str().map(PathBuf::from))
        .filter(|path| path.is_dir())
}

/// The real path of a `file:` URI (symbolic links resolved, as the dataset's files are known);
/// for a file that does not exist yet, its real folder and its name.
fn real_path(uri: &str) -> Option<PathBuf> {
    let path = uri::to_path(uri)?;
    if let Ok(real) = std::fs::canonicalize(&path) {
        return Some(real);
    }
    let real_folder = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
    Some(match (real_folder, path.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => path,
    })
}
