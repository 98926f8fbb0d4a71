//! `relcheck validate --schema S FILE...`: any JSON files against any local schema, with the same
//! parser, spans, diagnostics and output formats as `check`, without the dataset's semantic rules.
//!
//! A schema may `$ref` other schema documents. They are read only from the local disk, never from the
//! network: a reference to a file inside the schema's own folder (relative, or `file:` URI) is read;
//! a URI under a base that [`SchemaSources`] maps to a local folder is read from that folder; every
//! other reference (`http(s)://…`, a file outside the schema's folder, any other scheme) is refused
//! with an error that names it. The documents found are embedded into the schema (as a 2020-12
//! compound schema document, each under its own `$id`) before it is compiled, so the validator itself
//! never retrieves anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri};
use rayon::prelude::*;
use serde_json::Value;

use crate::check::{load, Report, Settings};
use crate::dataset::{display_path, escape_path, FileKind, Input};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::entities::EntityIndex;
use crate::rules::schema::CompiledSchema;
use crate::rules::FileContext;
use crate::source::{Excerpt, SourceFile};

/// Where the documents a schema references may be read from, besides the schema's own folder.
#[derive(Debug, Clone, Default)]
pub struct SchemaSources {
    /// `(base URI, folder)`: a reference to `<base URI><path>` is read from `<folder>/<path>`, and
    /// never from outside `folder`. For example `("http://localhost:1234/", "…/remotes")` serves the
    /// JSON-Schema-Test-Suite's remote schemas without a server.
    pub remote_map: Vec<(String, PathBuf)>,
    /// Whether `format` is an assertion; draft 2020-12 makes it an annotation by default.
    pub assert_formats: bool,
}

impl SchemaSources {
    /// Makes `format` an assertion (`--assert-format`).
    pub fn assert_formats(mut self, yes: bool) -> Self {
        self.assert_formats = yes;
        self
    }

    /// Serves URIs that start with `base` from files under `folder`.
    pub fn map(mut self, base: impl Into<String>, folder: impl Into<PathBuf>) -> Self {
        self.remote_map.push((base.into(), folder.into()));
        self
    }
}

/// Reads referenced schema documents from the local disk only, within the folders it was given.
pub struct LocalRetriever {
    /// The schema's own folder (canonical): `file:` references must stay inside it.
    schema_dir: PathBuf,
    /// `(base URI, canonical folder)`.
    remote_map: Vec<(String, PathBuf)>,
    settings: Settings,
}

impl LocalRetriever {
    pub fn new(schema_dir: &Path, sources: &SchemaSources, settings: &Settings) -> Self {
        let canonical = |dir: &Path| std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        Self {
            schema_dir: canonical(schema_dir),
            remote_map: sources
                .remote_map
                .iter()
                .map(|(base, dir)| (base.clone(), canonical(dir)))
                .collect(),
            settings: settings.clone(),
        }
    }

    /// The local file a URI (without fragment) stands for, or why it may not be read.
    pub fn local_path(&self, uri: &str) -> Result<PathBuf, String> {
        for (base, folder) in &self.remote_map {
            if let Some(rest) = uri.strip_prefix(base.as_str()) {
                let relative = percent_decode(rest)?;
                return inside(folder, &folder.join(relative.trim_start_matches('/')), uri);
            }
        }
        let scheme = uri
            .split_once(':')
            .map_or("", |(scheme, _)| scheme)
            .to_ascii_lowercase();
        match scheme.as_str() {
            "file" => {
                let rest = &uri["file:".len()..];
                // `file:///abs/path` or `file:/abs/path`; a host other than localhost is refused.
                let path = match rest.strip_prefix("//") {
                    Some(authority_and_path) => {
                        let (host, path) = authority_and_path.split_at(authority_and_path.find('/').unwrap_or(0));
                        if !host.is_empty() && host != "localhost" {
                            return Err(format!(
                                "refusing to read {uri}: relcheck reads no files from other hosts"
                            ));
                        }
                        path
                    }
                    None => rest,
                };
                let path = PathBuf::from(percent_decode(path)?);
                inside(&self.schema_dir, &path, uri)
            }
            "http" | "https" => Err(format!(
                "refusing to fetch {uri}: relcheck never reads schemas over the network; \
                 put the schema in the schema's folder and reference it by a relative path"
            )),
            _ => Err(format!(
                "cannot resolve {uri}: it names no schema in this document, and only local files are read"
            )),
        }
    }

    fn read(&self, uri: &str) -> Result<Value, String> {
        let path = self.local_path(uri)?;
        let input = Input {
            display: escape_path(&path),
            from_root: escape_path(&path),
            path,
            kind: FileKind::Relation,
        };
        let loaded = load(&input, 0, &self.settings).map_err(|e| format!("cannot read {uri}: {e}"))?;
        match loaded.document {
            Some(document) if loaded.diagnostics.is_empty() => Ok(document.value),
            _ => {
                let reason = loaded.diagnostics.first().map_or("", |d| d.message.as_str());
                Err(format!(
                    "cannot read {uri}: {} is not valid JSON: {reason}",
                    input.display
                ))
            }
        }
    }
}

impl Retrieve for LocalRetriever {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let uri = uri.as_str();
        let without_fragment = uri.split_once('#').map_or(uri, |(base, _)| base);
        self.read(without_fragment).map_err(Into::into)
    }
}

/// `path` when its canonical form lies inside `folder` (already canonical), else why not.
fn inside(folder: &Path, path: &Path, uri: &str) -> Result<PathBuf, String> {
    let canonical =
        std::fs::canonicalize(path).map_err(|e| format!("cannot read {uri}: {}: {e}", escape_path(path)))?;
    if canonical.starts_with(folder) {
        Ok(canonical)
    } else {
        Err(format!(
            "refusing to read {uri}: {} lies outside {}, the folder schemas may be read from",
            escape_path(&canonical),
            escape_path(folder)
        ))
    }
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("invalid percent-encoding in {text}"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).map_err(|_| format!("{text} does not decode to UTF-8"))?;
    if decoded.contains('\0') {
        return Err(format!("{text} contains a NUL byte"));
    }
    Ok(decoded)
}

/// The `file:` URI of an absolute path, percent-encoded.
pub fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    if !bytes.starts_with(b"/") {
        out.push('/');
    }
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Keywords whose values are data, not schemas: a `$ref` inside them is not a reference.
const DATA_KEYWORDS: &[&str] = &["const", "enum", "examples", "default"];

/// Meta-schemas the validator knows without reading anything.
fn is_builtin(uri: &str) -> bool {
    uri.starts_with("https://json-schema.org/draft/") || uri.starts_with("http://json-schema.org/")
}

/// The absolute URI `reference` names against `base`, without its fragment.
fn resolve(base: &str, reference: &str) -> Option<String> {
    let base = jsonschema::uri::from_str(base).ok()?;
    let resolved = jsonschema::uri::resolve_against(&base.borrow(), reference).ok()?;
    let text = resolved.as_str();
    Some(text.split_once('#').map_or(text, |(before, _)| before).to_owned())
}

/// Collects the resources a schema defines (`$id`s) and the ones it references (`$ref`,
/// `$dynamicRef`, `$schema`), each as an absolute URI without fragment.
fn scan(value: &Value, base: &str, defined: &mut BTreeSet<String>, referenced: &mut BTreeSet<String>) {
    // An explicit stack: a schema may be as deep as any other file.
    let mut stack: Vec<(&Value, String)> = vec![(value, base.to_owned())];
    while let Some((value, base)) = stack.pop() {
        match value {
            Value::Object(map) => {
                let base = match map.get("$id").and_then(Value::as_str) {
                    Some(id) => match resolve(&base, id) {
                        Some(id) => {
                            defined.insert(id.clone());
                            id
                        }
                        None => base,
                    },
                    None => base,
                };
                for keyword in ["$ref", "$dynamicRef", "$schema"] {
                    if let Some(target) = map.get(keyword).and_then(Value::as_str) {
                        if !target.starts_with('#') {
                            if let Some(uri) = resolve(&base, target) {
                                referenced.insert(uri);
                            }
                        }
                    }
                }
                for (key, child) in map {
                    if !DATA_KEYWORDS.contains(&key.as_str()) && (child.is_object() || child.is_array()) {
                        stack.push((child, base.clone()));
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    if item.is_object() || item.is_array() {
                        stack.push((item, base.clone()));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Embeds every document `schema` references (directly or through other documents) into its
/// `$defs`, each under its retrieval URI as `$id`, so that the compiled validator needs no retrieval.
/// Returns the schema and the references that could not be read, with the reason.
pub fn embed_references(mut schema: Value, base: &str, retriever: &LocalRetriever) -> (Value, Vec<(String, String)>) {
    let mut defined = BTreeSet::new();
    let mut referenced = BTreeSet::new();
    let root_id = schema
        .get("$id")
        .and_then(Value::as_str)
        .and_then(|id| resolve(base, id))
        .unwrap_or_else(|| base.to_owned());
    defined.insert(root_id.clone());
    scan(&schema, base, &mut defined, &mut referenced);
    let mut embedded: BTreeMap<String, Value> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut tried = BTreeSet::new();
    loop {
        let pending: Vec<String> = referenced
            .iter()
            .filter(|uri| !defined.contains(*uri) && !is_builtin(uri) && !tried.contains(*uri))
            .cloned()
            .collect();
        if pending.is_empty() {
            break;
        }
        for uri in pending {
            tried.insert(uri.clone());
            match retriever.read(&uri) {
                Ok(mut document) => {
                    if let Value::Object(map) = &mut document {
                        // A document is known by the URI it was referenced by; the `$id` it declares
                        // (when different) is the base of its own relative references in the
                        // original, and stays reachable through its anchors and fragments.
                        map.insert("$id".into(), Value::String(uri.clone()));
                    }
                    defined.insert(uri.clone());
                    scan(&document, &uri, &mut defined, &mut referenced);
                    embedded.insert(uri, document);
                }
                Err(reason) => failures.push((uri, reason)),
            }
        }
    }
    if embedded.is_empty() {
        return (schema, failures);
    }
    if let Value::Object(map) = &mut schema {
        // The references of the root resolve against its own URI, as they did when it was read.
        map.insert("$id".into(), Value::String(root_id));
        let defs = map.entry("$defs").or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(defs) = defs {
            for (uri, document) in embedded {
                defs.entry(format!("relcheck-embedded:{uri}")).or_insert(document);
            }
        }
    }
    (schema, failures)
}

/// Compiles the schema at `schema_path`; a schema that is not JSON or not a valid schema cannot run.
pub fn compile_schema(cwd: &Path, schema_path: &Path, settings: &Settings) -> Result<CompiledSchema, Error> {
    compile_schema_with(cwd, schema_path, settings, &SchemaSources::default())
}

/// [`compile_schema`], reading referenced documents also from the folders `sources` maps.
pub fn compile_schema_with(
    cwd: &Path,
    schema_path: &Path,
    settings: &Settings,
    sources: &SchemaSources,
) -> Result<CompiledSchema, Error> {
    let absolute = cwd.join(schema_path);
    let display = display_path(cwd, &absolute);
    let input = Input {
        path: absolute.clone(),
        display: display.clone(),
        from_root: display.clone(),
        kind: FileKind::Relation,
    };
    let loaded = load(&input, 0, settings)?;
    let Some(document) = loaded.document else {
        let reason = loaded
            .diagnostics
            .first()
            .map_or_else(String::new, |d| d.message.clone());
        return Err(Error::Schema {
            name: display,
            reason: format!("not valid JSON: {reason}"),
        });
    };
    let canonical = std::fs::canonicalize(&absolute).unwrap_or(absolute);
    let folder = canonical.parent().unwrap_or(Path::new("/"));
    let retriever = LocalRetriever::new(folder, sources, settings);
    let (schema, failures) = embed_references(document.value, &file_uri(&canonical), &retriever);
    CompiledSchema::compile(display.clone(), schema, sources.assert_formats).map_err(|reason| {
        // The validator's own message for a reference it cannot resolve says nothing useful here:
        // the reason the document could not be read does.
        let reason = match failures.first() {
            Some((_, why)) => why.clone(),
            None => reason,
        };
        // It may quote the schema's text, which is data: escaped for the terminal.
        let reason = crate::diagnostics::escape::visible(&reason).into_owned();
        Error::Schema { name: display, reason }
    })
}

/// Stack for a worker that validates values nested up to `max_depth` levels: 8 MiB, plus 32 KiB a level
/// past 128 (unoptimised builds use about 20 KiB a level in the validator). Reserved, not used: pages
/// are only touched by deep files.
fn stack_size(max_depth: usize) -> usize {
    (8 << 20) + max_depth.saturating_sub(128).saturating_mul(32 << 10)
}

pub fn validate(cwd: &Path, schema_path: &Path, paths: &[PathBuf], settings: &Settings) -> Result<Report, Error> {
    validate_with(cwd, schema_path, paths, settings, &SchemaSources::default())
}

/// [`validate`], reading documents the schema references also from the folders `sources` maps.
pub fn validate_with(
    cwd: &Path,
    schema_path: &Path,
    paths: &[PathBuf],
    settings: &Settings,
    sources: &SchemaSources,
) -> Result<Report, Error> {
    let schema = compile_schema_with(cwd, schema_path, settings, sources)?;
    let mut inputs = Vec::new();
    for path in paths {
        crate::dataset::ensure_exists(cwd, path)?;
        let absolute = cwd.join(path);
        if absolute.is_dir() {
            inputs.extend(crate::dataset::json_files(cwd, &absolute, &absolute)?);
        } else {
            inputs.push(absolute);
        }
    }
    let mut inputs: Vec<Input> = inputs
        .into_iter()
        .map(|path| {
            let display = display_path(cwd, &path);
            Input {
                path,
                from_root: display.clone(),
                display,
                kind: FileKind::Relation,
            }
        })
        .collect();
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.display == b.display);

    let empty = EntityIndex::default();
    // A schema may recurse as deep as the data does, and the validator recurses with it: the
    // workers get a stack that grows with the nesting `--max-depth` allows.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(stack_size(settings.limits.max_depth))
        .build()
        .map_err(|e| Error::Walk {
            path: ".".into(),
            reason: format!("cannot start worker threads: {e}"),
        })?;
    let outcomes: Vec<(String, Vec<crate::diagnostics::Diagnostic>)> = pool.install(|| {
        inputs
            .par_iter()
            .enumerate()
            .map(|(file, input)| {
                let loaded = load(input, file, settings)?;
                let mut diagnostics = loaded.diagnostics;
                if let Some(document) = &loaded.document {
                    let context = FileContext {
                        file,
                        stem: None,
                        text: &loaded.text,
                        document,
                        entities: &empty,
                        today: settings.today,
                        expected_schema: None,
                        folder: input.path.parent(),
                        off: &[],
                        suggestions: Default::default(),
                    };
                    crate::rules::schema::check(&context, &schema, &document.value, &mut diagnostics);
                }
                Ok((loaded.text, diagnostics))
            })
            .collect::<Result<_, Error>>()
    })?;

    let mut report = Report {
        checked: inputs.len(),
        inputs: inputs
            .iter()
            .map(|input| input.path.clone())
            .chain([cwd.join(schema_path)])
            .collect(),
        ..Report::default()
    };
    for (input, (text, diagnostics)) in inputs.iter().zip(outcomes) {
        report.files.push(SourceFile {
            path: input.display.clone(),
            excerpt: Excerpt::of_spans(&text, diagnostics.iter().flat_map(Diagnostic::spans)),
        });
        report.diagnostics.extend(diagnostics);
    }
    report.make_printable();
    report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            limits: crate::source::Limits::default(),
            max_file_size: 1 << 20,
            max_findings_per_file: crate::check::MAX_FINDINGS_PER_FILE,
        }
    }

    #[test]
    fn file_uris_are_percent_encoded() {
        assert_eq!(file_uri(Path::new("/a b/ø.json")), "file:///a%20b/%C3%B8.json");
        assert_eq!(percent_decode("/a%20b/%C3%B8.json").unwrap(), "/a b/ø.json");
        assert!(percent_decode("/a%2").is_err());
        assert!(percent_decode("/a%00b").is_err());
    }

    #[test]
    fn the_retriever_refuses_the_network_and_other_folders() {
        let dir = tempfile::tempdir().unwrap();
        let schemas = dir.path().join("schemas");
        std::fs::create_dir(&schemas).unwrap();
        std::fs::write(schemas.join("a.json"), "{}").unwrap();
        std::fs::write(dir.path().join("secret.json"), "{}").unwrap();
        let retriever = LocalRetriever::new(&schemas, &SchemaSources::default(), &settings());
        let base = file_uri(&std::fs::canonicalize(&schemas).unwrap());
        assert!(retriever.read(&format!("{base}/a.json")).is_ok());
        let outside = retriever.read(&format!("{base}/../secret.json")).unwrap_err();
        assert!(outside.contains("outside"), "{outside}");
        let encoded = retriever.read(&format!("{base}/%2E%2E/secret.json")).unwrap_err();
        assert!(encoded.contains("outside"), "{encoded}");
        let http = retriever.read("http://example.com/schema.json").unwrap_err();
        assert!(http.contains("never reads schemas over the network"), "{http}");
        let https = retriever.read("HTTPS://example.com/schema.json").unwrap_err();
        assert!(https.contains("network"), "{https}");
        let host = retriever.read("file://example.com/etc/passwd").unwrap_err();
        assert!(host.contains("other hosts"), "{host}");
        let urn = retriever.read("urn:example:x").unwrap_err();
        assert!(urn.contains("cannot resolve"), "{urn}");
    }

    #[test]
    fn a_mapped_base_is_served_from_its_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("remotes")).unwrap();
        std::fs::write(dir.path().join("remotes/int.json"), r#"{"type": "integer"}"#).unwrap();
        std::fs::write(dir.path().join("secret.json"), "{}").unwrap();
        let sources = SchemaSources::default().map("http://localhost:1234/", dir.path().join("remotes"));
        let retriever = LocalRetriever::new(dir.path(), &sources, &settings());
        assert_eq!(
            retriever.read("http://localhost:1234/int.json").unwrap(),
            serde_json::json!({"type": "integer"})
        );
        let escape = retriever.read("http://localhost:1234/%2E%2E/secret.json").unwrap_err();
        assert!(escape.contains("outside"), "{escape}");
        assert!(retriever.read("http://localhost:4321/int.json").is_err());
    }
}
