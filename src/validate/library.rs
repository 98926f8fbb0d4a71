//! The documents a schema may refer to, and the retriever that serves them to the validator: schemas
//! given with `--resolve` by their `$id`, files in the readable folders by their `file:` URI,
//! mapped base URIs from their folders, and a placeholder for a referenced document that is none of
//! these (see `unavailable`). Each document is handed over as it is written, so the validator reads
//! it in its own dialect (its own `$schema`, draft-04 `id`, and so on).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use jsonschema::{Retrieve, Uri};
use rayon::prelude::*;
use serde_json::Value;

use super::dialect::Dialect;
use super::scan::{self, Targets};
use super::sources::{file_path, file_uri, percent_decode, Folders, Place, SchemaSources};
use super::unavailable::{self, Reasons};
use crate::check::{load, Settings};
use crate::dataset::{display_path, FileKind, Input};
use crate::error::Error;

/// Why a document could not be read.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// Nothing relcheck may read has that URI. The text continues "it refers to `URI`, …".
    Missing(String),
    /// It may not be read, or is not a schema: a whole sentence.
    Refused(String),
}

/// A `--resolve` document, by its `$id`.
enum Registered {
    File {
        path: PathBuf,
    },
    /// Two different files declare the same `$id`: their displayed paths.
    Ambiguous(Vec<String>),
}

/// What retrieving found out, for the messages of the run.
#[derive(Default)]
struct State {
    /// Fragments referenced in each document, by its URI: what a placeholder must hold.
    targets: Targets,
    /// Why each placeholder stands in.
    unavailable: Reasons,
    /// Retrievals that failed: `(URI, why)`.
    failures: Vec<(String, String)>,
}

pub(crate) struct Library {
    cwd: PathBuf,
    folders: Folders,
    /// `(base URI, canonical folder)`.
    remote_map: Vec<(String, PathBuf)>,
    by_id: HashMap<String, Registered>,
    settings: Settings,
    /// The dialect of a retrieved document that names none: the schema's.
    dialect: Mutex<Dialect>,
    state: Mutex<State>,
}

/// `text` in backquotes, escaped for the terminal but never shortened: a URI is read whole.
pub(crate) fn code(text: &str) -> String {
    format!("`{}`", crate::diagnostics::escape::visible(text))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Library {
    /// The readable folders (`schema_folder`, canonical, and every `--resolve` path) and the
    /// documents given with `--resolve`, indexed by `$id`.
    pub(crate) fn new(
        cwd: &Path,
        schema_folder: PathBuf,
        sources: &SchemaSources,
        settings: &Settings,
    ) -> Result<Self, Error> {
        let canonical = |dir: &Path| std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut folders = Folders::default();
        folders.add_folder(schema_folder);
        let remote_map: Vec<(String, PathBuf)> = sources
            .remote_map
            .iter()
            .map(|(base, dir)| (base.clone(), canonical(&cwd.join(dir))))
            .collect();
        for (_, folder) in &remote_map {
            folders.add_folder(folder.clone());
        }
        let mut files = Vec::new();
        for path in &sources.resolve {
            crate::dataset::ensure_exists(cwd, path)?;
            let absolute = cwd.join(path);
            let path = std::fs::canonicalize(&absolute).map_err(|source| Error::Read {
                path: display_path(cwd, &absolute),
                source,
            })?;
            if path.is_dir() {
                files.extend(schema_files(&path));
                folders.add_folder(path);
            } else if path.is_file() {
                files.push((path.clone(), true));
                folders.add_file(path);
            } else {
                // A FIFO or a device would block or never end.
                return Err(Error::NotAFile(display_path(cwd, &absolute)));
            }
        }
        let mut library = Library {
            cwd: cwd.to_path_buf(),
            folders,
            remote_map,
            by_id: HashMap::new(),
            settings: settings.clone(),
            dialect: Mutex::new(Dialect::DEFAULT),
            state: Mutex::new(State::default()),
        };
        library.index(files)?;
        Ok(library)
    }

    /// Reads the `--resolve` files (`(path, named on the command line)`) and indexes them by `$id`.
    /// A file found in a folder that is not a JSON object with an `$id` is left out; one named on the
    /// command line must be JSON. Only what names a document is kept: a document is parsed in full
    /// when a reference needs it, so a large folder costs little more than reading the beginning of
    /// each file.
    fn index(&mut self, mut files: Vec<(PathBuf, bool)>) -> Result<(), Error> {
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        let library = &*self;
        let read: Vec<Result<Option<(String, PathBuf)>, Error>> = files
            .par_iter()
            .map(|(path, named)| match library.head(path, *named) {
                Ok(head) => Ok(head.id(&file_uri(path)).map(|id| (id, path.clone()))),
                Err(reason) if *named => Err(Error::Schema {
                    name: display_path(&library.cwd, path),
                    reason: format!("it {reason}"),
                }),
                Err(_) => Ok(None),
            })
            .collect();
        for entry in read {
            let Some((id, path)) = entry? else { continue };
            let display = display_path(&self.cwd, &path);
            match self.by_id.get_mut(&id) {
                None => {
                    self.by_id.insert(id, Registered::File { path });
                }
                Some(Registered::File { path: first }) => {
                    let first = display_path(&self.cwd, first);
                    self.by_id.insert(id, Registered::Ambiguous(vec![first, display]));
                }
                Some(Registered::Ambiguous(paths)) => paths.push(display),
            }
        }
        Ok(())
    }

    /// The members of a file's top-level object that name it, read without building the rest; `Err`
    /// says what is wrong with the file, as the end of a sentence about it.
    fn head(&self, path: &Path, named: bool) -> Result<Head, String> {
        use std::io::Read;
        let unreadable = |e: std::io::Error| format!("cannot be read: {e}");
        let mut file = std::fs::File::open(path).map_err(unreadable)?;
        let limit = self.settings.max_file_size;
        // A document usually names itself in its first lines: its beginning is read first, and
        // the rest only when the head is not complete there.
        let mut bytes = Vec::new();
        (&mut file)
            .take(HEAD_BYTES.min(limit.saturating_add(1)))
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if !named && (bytes.len() as u64) < limit {
            match Head::read(&bytes, false) {
                Ok(head) => return Ok(head),
                Err(error) if error.classify() == serde_json::error::Category::Eof => {}
                Err(error) => return Err(format!("is not a JSON object: {error}")),
            }
        }
        file.take(limit.saturating_add(1).saturating_sub(bytes.len() as u64))
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "is larger than the limit of {limit} bytes (raise it with --max-file-size)"
            ));
        }
        Head::read(&bytes, named).map_err(|e| format!("is not a JSON object: {e}"))
    }

    /// Reads and parses a file inside the readable folders.
    fn load(&self, path: &Path) -> Result<Value, String> {
        let display = display_path(&self.cwd, path);
        let input = Input {
            path: path.to_path_buf(),
            from_root: display.clone(),
            display: display.clone(),
            kind: FileKind::Relation,
        };
        let loaded = load(&input, 0, &self.settings).map_err(|e| e.to_string())?;
        match loaded.document {
            Some(document) if loaded.diagnostics.is_empty() => Ok(document.value),
            _ => {
                let reason = loaded.diagnostics.first().map_or("", |d| d.message.as_str());
                Err(format!("{display} is not valid JSON: {reason}"))
            }
        }
    }

    /// Sets the dialect that a document naming none is read in, for finding its references.
    pub(crate) fn set_dialect(&self, dialect: Dialect) {
        *lock(&self.dialect) = dialect;
    }

    /// Notes the references `document`, read at `base`, makes.
    pub(crate) fn note_references(&self, document: &Value, base: &str) {
        let dialect = *lock(&self.dialect);
        scan::references(document, base, dialect, &mut lock(&self.state).targets);
    }

    /// The document `uri` (without fragment) names, from wherever relcheck may read it.
    pub(crate) fn read(&self, uri: &str) -> Result<Value, Failure> {
        let uri = uri.strip_suffix('#').unwrap_or(uri);
        match self.by_id.get(uri) {
            Some(Registered::File { path }) => return self.load(path).map_err(Failure::Refused),
            Some(Registered::Ambiguous(paths)) => {
                return Err(Failure::Refused(format!(
                    "{} is the `$id` of more than one schema given with --resolve ({}); keep only one of them",
                    code(uri),
                    paths.join(", ")
                )))
            }
            None => {}
        }
        for (base, folder) in &self.remote_map {
            if let Some(rest) = uri.strip_prefix(base.as_str()) {
                let relative = percent_decode(rest).map_err(Failure::Refused)?;
                return self.read_path(uri, &folder.join(relative.trim_start_matches('/')));
            }
        }
        let scheme = uri
            .split_once(':')
            .map_or("", |(scheme, _)| scheme)
            .to_ascii_lowercase();
        match scheme.as_str() {
            "file" => {
                let path =
                    file_path(uri).map_err(|why| Failure::Refused(format!("refusing to read {}: {why}", code(uri))))?;
                self.read_path(uri, &path)
            }
            "http" | "https" => Err(Failure::Missing(
                "which is not the `$id` of any schema given with --resolve, and relcheck never reads schemas \
                 over the network; give that schema's file or folder with --resolve"
                    .into(),
            )),
            _ => Err(Failure::Missing(
                "which is not the `$id` of any schema given with --resolve; give that schema's file or folder \
                 with --resolve"
                    .into(),
            )),
        }
    }

    fn read_path(&self, uri: &str, path: &Path) -> Result<Value, Failure> {
        match self.folders.place(path) {
            Place::Inside(path) => self
                .load(&path)
                .map_err(|why| Failure::Refused(format!("cannot read {}: {why}", code(uri)))),
            Place::Missing => Err(Failure::Missing(
                "which names no file; create it, or correct the reference".into(),
            )),
            Place::Refused => Err(Failure::Refused(format!(
                "refusing to read {}: it lies outside the folders relcheck reads schemas from (the schema's own \
                 folder and those given with --resolve)",
                code(uri)
            ))),
            Place::Unreadable(why) => Err(Failure::Refused(format!("cannot read {}: {why}", code(uri)))),
        }
    }

    /// Why the placeholder for `uri` stands in, as the end of "… must match `URI`, …".
    pub(crate) fn unavailable_reason(&self, uri: &str) -> Option<String> {
        lock(&self.state).unavailable.get(uri).cloned()
    }

    /// Whether any placeholder was handed to the validator.
    pub(crate) fn has_placeholders(&self) -> bool {
        !lock(&self.state).unavailable.is_empty()
    }

    /// Why the retrieval of a document named in `error` (the validator's account of a failure)
    /// failed, as a sentence; `None` when the failure was not about a document relcheck could not
    /// hand over. A failed retrieval of a `$schema` the validator could do without is not.
    pub(crate) fn failure_in(&self, error: &str) -> Option<String> {
        let state = lock(&self.state);
        let named = state.failures.iter().find(|(uri, _)| error.contains(uri.as_str()));
        named.map(|(_, why)| why.clone())
    }

    fn retrieve_text(&self, uri: &str) -> Result<Value, String> {
        let uri = uri.split_once('#').map_or(uri, |(document, _)| document);
        // The meta-schemas of the dialects are built into the validator: never a file, never a
        // placeholder.
        if Dialect::from_uri(uri).is_some() {
            return Err(format!("{} is built in", code(uri)));
        }
        match self.read(uri) {
            Ok(mut document) => {
                scan::encode_references(&mut document);
                self.note_references(&document, uri);
                Ok(document)
            }
            Err(Failure::Missing(why)) => {
                let mut state = lock(&self.state);
                match state.targets.get(uri) {
                    Some(fragments) => {
                        let placeholder = unavailable::placeholder(uri, fragments);
                        state.unavailable.insert(uri.to_owned(), why);
                        Ok(placeholder)
                    }
                    None => {
                        let sentence = format!("it refers to {}, {why}", code(uri));
                        state.failures.push((uri.to_owned(), sentence.clone()));
                        Err(sentence)
                    }
                }
            }
            Err(Failure::Refused(sentence)) => {
                lock(&self.state).failures.push((uri.to_owned(), sentence.clone()));
                Err(sentence)
            }
        }
    }
}

/// The members of a document's top-level object that say what it is named.
#[derive(Default)]
struct Head {
    schema: Option<Value>,
    dollar_id: Option<Value>,
    id: Option<Value>,
}

/// How much of a `--resolve` file is read first to find what names it.
const HEAD_BYTES: u64 = 16 * 1024;

/// Reading a head stops as soon as it is complete: the error that ends it early.
const COMPLETE: &str = "relcheck: the head is complete";

impl Head {
    /// Reads the members that name a document, skipping the others unread, and stops when they
    /// are all known (its `$schema`, then the member that names a resource in that dialect) unless
    /// `whole`: the rest of a document is read when a reference needs it.
    fn read(bytes: &[u8], whole: bool) -> Result<Head, serde_json::Error> {
        use serde::de::{Deserializer as _, Error as _, IgnoredAny, MapAccess, Visitor};

        struct Members<'h>(&'h mut Head, bool);

        impl<'de> Visitor<'de> for Members<'_> {
            type Value = ();

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                let Members(head, whole) = self;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        "$schema" => &mut head.schema,
                        "$id" => &mut head.dollar_id,
                        "id" => &mut head.id,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if slot.is_some() {
                        return Err(A::Error::custom(format!("duplicate member `{key}`")));
                    }
                    *slot = Some(map.next_value()?);
                    if !whole && head.is_complete() {
                        return Err(A::Error::custom(COMPLETE));
                    }
                }
                Ok(())
            }
        }

        let mut head = Head::default();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match deserializer.deserialize_map(Members(&mut head, whole)) {
            Ok(()) => deserializer.end().map(|()| head),
            Err(error) if !whole && error.to_string().starts_with(COMPLETE) => Ok(head),
            Err(error) => Err(error),
        }
    }

    /// Whether the members read so far name the document for good: its `$schema` names a dialect
    /// and the member that dialect names resources by has been read.
    fn is_complete(&self) -> bool {
        match self.schema.as_ref().and_then(Value::as_str).and_then(Dialect::from_uri) {
            Some(Dialect::Draft4) => self.id.is_some(),
            Some(_) => self.dollar_id.is_some(),
            None => false,
        }
    }

    /// The absolute URI the document names itself by (`$id`, or `id` in a draft-04 document or one
    /// without `$schema`), resolved against where it was read, without fragment.
    fn id(&self, read_at: &str) -> Option<String> {
        let dialect = self.schema.as_ref().and_then(Value::as_str).and_then(Dialect::from_uri);
        let id = match dialect {
            Some(Dialect::Draft4) => self.id.as_ref(),
            Some(_) => self.dollar_id.as_ref(),
            None => self.dollar_id.as_ref().or(self.id.as_ref()),
        };
        let (uri, _) = scan::resolve(read_at, id?.as_str()?)?;
        Some(uri)
    }
}

/// The `*.json` files under `folder` (canonical), and links among them that stay inside it: a link
/// out of a `--resolve` folder is not followed.
fn schema_files(folder: &Path) -> Vec<(PathBuf, bool)> {
    walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().as_encoded_bytes().ends_with(b".json"))
        .filter_map(|entry| {
            // Below a canonical folder, a file reached without a link is already canonical.
            if entry.file_type().is_file() {
                return Some((entry.into_path(), false));
            }
            let path = std::fs::canonicalize(entry.path()).ok()?;
            (path.starts_with(folder) && path.is_file()).then_some((path, false))
        })
        .collect()
}

/// The validator's retriever: a shared handle on the library.
#[derive(Clone)]
pub(crate) struct Retriever(pub(crate) Arc<Library>);

impl Retrieve for Retriever {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0.retrieve_text(uri.as_str()).map_err(|reason| {
            // The validator prints this inside its own message; it is data, escaped.
            crate::diagnostics::escape::visible(&reason).into_owned().into()
        })
    }
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

    fn refused(result: Result<Value, Failure>) -> String {
        match result {
            Err(Failure::Refused(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn missing(result: Result<Value, Failure>) -> String {
        match result {
            Err(Failure::Missing(why)) => why,
            other => panic!("expected a missing document, got {other:?}"),
        }
    }

    #[test]
    fn the_library_refuses_the_network_and_other_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let schemas = root.join("schemas");
        std::fs::create_dir(&schemas).unwrap();
        std::fs::write(schemas.join("a.json"), "{}").unwrap();
        std::fs::write(root.join("secret.json"), "{}").unwrap();
        let library = Library::new(&root, schemas.clone(), &SchemaSources::default(), &settings()).unwrap();
        let base = file_uri(&schemas);
        assert!(library.read(&format!("{base}/a.json")).is_ok());
        let outside = refused(library.read(&format!("{base}/../secret.json")));
        assert!(outside.contains("lies outside"), "{outside}");
        let nothing = refused(library.read(&format!("{base}/../nothing.json")));
        assert_eq!(nothing.replace("nothing", "secret"), outside);
        let encoded = refused(library.read(&format!("{base}/%2E%2E/secret.json")));
        assert!(encoded.contains("lies outside"), "{encoded}");
        let http = missing(library.read("http://example.com/schema.json"));
        assert!(http.contains("never reads schemas over the network"), "{http}");
        let https = missing(library.read("HTTPS://example.com/schema.json"));
        assert!(https.contains("network"), "{https}");
        let host = refused(library.read("file://example.com/etc/passwd"));
        assert!(host.contains("other hosts"), "{host}");
        let urn = missing(library.read("urn:example:x"));
        assert!(urn.contains("--resolve"), "{urn}");
        let absent = missing(library.read(&format!("{base}/b.json")));
        assert!(absent.contains("names no file"), "{absent}");
    }

    #[test]
    fn a_mapped_base_is_served_from_its_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("remotes")).unwrap();
        std::fs::write(dir.path().join("remotes/int.json"), r#"{"type": "integer"}"#).unwrap();
        std::fs::write(dir.path().join("secret.json"), "{}").unwrap();
        let sources = SchemaSources::default().map("http://localhost:1234/", dir.path().join("remotes"));
        let library = Library::new(dir.path(), dir.path().join("nowhere"), &sources, &settings()).unwrap();
        assert_eq!(
            library.read("http://localhost:1234/int.json").unwrap(),
            serde_json::json!({"type": "integer"})
        );
        let escape = refused(library.read("http://localhost:1234/%2E%2E/secret.json"));
        assert!(escape.contains("outside"), "{escape}");
        assert!(library.read("http://localhost:4321/int.json").is_err());
    }

    #[test]
    fn resolve_serves_documents_by_their_id_in_their_own_dialect() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(lib.join("nested")).unwrap();
        std::fs::write(lib.join("a.json"), r#"{"$id": "https://example.com/a.json"}"#).unwrap();
        std::fs::write(
            lib.join("nested/b.json"),
            r#"{"$schema": "http://json-schema.org/draft-04/schema#", "id": "https://example.com/b.json#"}"#,
        )
        .unwrap();
        std::fs::write(lib.join("not-json.json"), "{").unwrap();
        std::fs::write(
            dir.path().join("c.json"),
            r#"{"$id": "https://example.com/a.json", "x": 1}"#,
        )
        .unwrap();
        let sources = SchemaSources::default().resolve("lib");
        let library = Library::new(dir.path(), dir.path().join("schemas"), &sources, &settings()).unwrap();
        assert_eq!(
            library.read("https://example.com/a.json").unwrap()["$id"],
            "https://example.com/a.json"
        );
        assert_eq!(
            library.read("https://example.com/b.json").unwrap()["id"],
            "https://example.com/b.json#"
        );
        // Two files with one `$id`: neither is chosen silently.
        let sources = sources.resolve("c.json");
        let library = Library::new(dir.path(), dir.path().join("schemas"), &sources, &settings()).unwrap();
        let ambiguous = refused(library.read("https://example.com/a.json"));
        assert!(ambiguous.contains("(c.json, lib/a.json)"), "{ambiguous}");
        // A file named on the command line must be JSON.
        let sources = SchemaSources::default().resolve("lib/not-json.json");
        assert!(Library::new(dir.path(), dir.path().join("schemas"), &sources, &settings()).is_err());
    }
}
