//! Where the documents a schema refers to may be read from: the schema's own folder, the files and
//! folders given with `--resolve`, and base URIs mapped to folders. Nothing else is ever read, and
//! nothing is read over the network.

use std::path::{Component, Path, PathBuf};

use super::dialect::Dialect;
use crate::dataset::escape_path;

/// How `validate` reads a schema and the documents it refers to.
#[derive(Debug, Clone, Default)]
pub struct SchemaSources {
    /// `(base URI, folder)`: a reference to `<base URI><path>` is read from `<folder>/<path>`, and
    /// never from outside `folder`. For example `("http://localhost:1234/", "…/remotes")` serves the
    /// JSON-Schema-Test-Suite's remote schemas without a server.
    pub remote_map: Vec<(String, PathBuf)>,
    /// Files and folders of schemas, each served under its `$id` (`id` in draft-04) (`--resolve`).
    pub resolve: Vec<PathBuf>,
    /// The dialect the schema is read as, whatever its `$schema` says (`--draft`).
    pub draft: Option<Dialect>,
    /// Whether `format` is an assertion; by default it is an annotation.
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

    /// Serves the schemas of a file or folder under their `$id` (`--resolve`).
    pub fn resolve(mut self, path: impl Into<PathBuf>) -> Self {
        self.resolve.push(path.into());
        self
    }

    /// Reads the schema as `dialect`, whatever its `$schema` says (`--draft`); `None` follows `$schema`.
    pub fn draft(mut self, dialect: Option<Dialect>) -> Self {
        self.draft = dialect;
        self
    }
}

/// What a path inside or outside the readable folders turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// A file inside the readable folders, by its canonical path.
    Inside(PathBuf),
    /// Nothing by that name inside the readable folders.
    Missing,
    /// Outside the readable folders, or reached through a link that cannot be followed inside them.
    /// The reason never says which: whether a path outside exists, or where a link points, is not
    /// relcheck's to reveal.
    Refused,
    /// Inside, but unreadable for another reason (the message says why).
    Unreadable(String),
}

/// The folders (and single files) relcheck may read schemas from, all canonical.
#[derive(Debug, Default)]
pub(crate) struct Folders {
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Folders {
    pub(crate) fn add_folder(&mut self, folder: PathBuf) {
        if !self.folders.contains(&folder) {
            self.folders.push(folder);
        }
    }

    pub(crate) fn add_file(&mut self, file: PathBuf) {
        if !self.files.contains(&file) {
            self.files.push(file);
        }
    }

    fn holds(&self, path: &Path) -> bool {
        self.folders.iter().any(|folder| path.starts_with(folder)) || self.files.iter().any(|file| path == file)
    }

    /// Where `path` (absolute) leads. A path is first checked as written, with `.` and `..` taken
    /// literally, so that nothing outside is even looked at; then the file it names, with every
    /// link followed, must be inside too.
    pub(crate) fn place(&self, path: &Path) -> Place {
        let Some(written) = normalise(path) else {
            return Place::Refused;
        };
        if !self.holds(&written) {
            return Place::Refused;
        }
        match std::fs::canonicalize(&written) {
            Ok(canonical) if self.holds(&canonical) => Place::Inside(canonical),
            Ok(_) => Place::Refused,
            // A link on the way: whether its target exists is not to be told apart from a link
            // that leaves the folders.
            Err(_) if passes_a_link(&written) => Place::Refused,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Place::Missing,
            Err(error) => Place::Unreadable(format!("{}: {error}", escape_path(&written))),
        }
    }
}

/// `path` with `.` and `..` resolved as written; `None` when it is relative or climbs above the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() || out.as_os_str().is_empty() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
        }
    }
    out.is_absolute().then_some(out)
}

/// Whether any existing part of `path` is a symbolic link.
fn passes_a_link(path: &Path) -> bool {
    path.ancestors()
        .any(|part| std::fs::symlink_metadata(part).is_ok_and(|metadata| metadata.file_type().is_symlink()))
}

/// `text` with `%XX` escapes decoded; an error for a broken escape, bytes that are not UTF-8 or a NUL.
pub(crate) fn percent_decode(text: &str) -> Result<String, String> {
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

/// The path a `file:` URI names; `Err` for another host.
pub(crate) fn file_path(uri: &str) -> Result<PathBuf, String> {
    let rest = &uri["file:".len()..];
    // `file:///abs/path` or `file:/abs/path`; a host other than localhost is refused.
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let (host, path) = authority_and_path.split_at(authority_and_path.find('/').unwrap_or(0));
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Err("relcheck reads no files from other hosts".into());
            }
            path
        }
        None => rest,
    };
    Ok(PathBuf::from(percent_decode(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_percent_encoded() {
        assert_eq!(file_uri(Path::new("/a b/ø.json")), "file:///a%20b/%C3%B8.json");
        assert_eq!(percent_decode("/a%20b/%C3%B8.json").unwrap(), "/a b/ø.json");
        assert!(percent_decode("/a%2").is_err());
        assert!(percent_decode("/a%00b").is_err());
        assert_eq!(file_path("file:///a%20b").unwrap(), PathBuf::from("/a b"));
        assert_eq!(file_path("file://localhost/a").unwrap(), PathBuf::from("/a"));
        assert!(file_path("file://example.com/etc/passwd").is_err());
    }

    #[test]
    fn paths_are_normalised_as_written() {
        assert_eq!(normalise(Path::new("/a/b/../c/./d")), Some(PathBuf::from("/a/c/d")));
        assert_eq!(normalise(Path::new("/a/../..")), None);
        assert_eq!(normalise(Path::new("a/b")), None);
    }

    #[test]
    #[cfg(unix)]
    fn places_outside_are_refused_alike_whether_they_exist_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let inside = root.join("schemas");
        std::fs::create_dir(&inside).unwrap();
        std::fs::write(inside.join("a.json"), "{}").unwrap();
        std::fs::write(root.join("secret.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("secret.json"), inside.join("to-secret.json")).unwrap();
        std::os::unix::fs::symlink(root.join("nothing.json"), inside.join("to-nothing.json")).unwrap();
        std::os::unix::fs::symlink(inside.join("a.json"), inside.join("to-a.json")).unwrap();
        let mut folders = Folders::default();
        folders.add_folder(inside.clone());

        assert_eq!(
            folders.place(&inside.join("a.json")),
            Place::Inside(inside.join("a.json"))
        );
        assert_eq!(
            folders.place(&inside.join("to-a.json")),
            Place::Inside(inside.join("a.json"))
        );
        assert_eq!(folders.place(&inside.join("b.json")), Place::Missing);
        for outside in [
            root.join("secret.json"),
            root.join("nothing.json"),
            inside.join("../secret.json"),
            inside.join("to-secret.json"),
            inside.join("to-nothing.json"),
        ] {
            assert_eq!(folders.place(&outside), Place::Refused, "{}", outside.display());
        }
        folders.add_file(root.join("secret.json"));
        assert_eq!(
            folders.place(&root.join("secret.json")),
            Place::Inside(root.join("secret.json"))
        );
    }
}
