//! Which files make up a run: the dataset root, the files to check, and the entity files that ids
//! resolve against (always the whole dataset's, also when only one relation file is named).

use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// What a file holds, decided by where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Relation,
    Entities,
}

#[derive(Debug, Clone)]
pub struct Input {
    /// The path used to read the file.
    pub path: PathBuf,
    /// The path shown to the user: relative to the working directory, `/`-separated.
    pub display: String,
    /// The path relative to the dataset root, `/`-separated: how relcheck.toml names files.
    pub from_root: String,
    pub kind: FileKind,
}

/// The files of one run.
#[derive(Debug)]
pub struct Plan {
    /// The dataset root: where relcheck.toml is (or would be).
    pub root: PathBuf,
    /// relcheck.toml, when the root has one.
    pub config: Option<PathBuf>,
    /// Files to check, sorted by displayed path.
    pub check: Vec<Input>,
    /// The dataset's entity files, sorted; loaded for resolution whether or not they are checked.
    pub entities: Vec<Input>,
    pub entities_dir: Option<PathBuf>,
    /// The dataset's relation folder, when only some files are checked: a named relation is compared
    /// with the files there that would describe the same pair, by name, without reading them.
    pub relations_dir: Option<PathBuf>,
    /// The directory relcheck runs in, which displayed paths are relative to.
    pub cwd: PathBuf,
    /// Whether every relation file of the dataset is checked (no path named, or an entity file
    /// named), so that what no relation uses can be told.
    pub all_relations: bool,
    /// Relation files checked only because an entity file was named: of them, only what the
    /// entity files decide is reported (an id that no longer resolves), not their own findings.
    pub dependents: std::collections::HashSet<PathBuf>,
}

/// The nearest directory at or above `start` that holds a `relcheck.toml`. Anything of that name
/// marks the root, so a relcheck.toml that cannot be read (a folder, a FIFO, a dangling link) stops
/// the run instead of being passed over with its exceptions.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join("relcheck.toml")).is_ok())
        .map(Path::to_path_buf)
}

/// A path with `.`, `..` and symbolic links resolved, when it exists: what makes two spellings of
/// one file the same file.
fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

pub fn plan(cwd: &Path, paths: &[PathBuf]) -> Result<Plan, Error> {
    // Files are identified by where they really are: a file named twice, through `..`, a linked
    // folder or an absolute path, is one file, checked once, and relcheck.toml's exceptions and the
    // expected `$schema` are worked out from its real place.
    let cwd = &real(cwd);
    let root = find_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let mut check = Vec::new();
    if paths.is_empty() {
        let data = root.join("data");
        if !data.is_dir() {
            return Err(Error::NoDataset(data));
        }
        collect(cwd, &root, &real(&data), &mut check)?;
    } else {
        for path in paths {
            ensure_exists(cwd, path)?;
            let absolute = cwd.join(path);
            let resolved = std::fs::canonicalize(&absolute).map_err(|source| Error::Read {
                path: display_path(cwd, &absolute),
                source,
            })?;
            refuse_non_data(cwd, &root, &resolved)?;
            collect(cwd, &root, &resolved, &mut check)?;
        }
    }
    let entities_dir = entities_dir(&root, cwd, paths).map(|dir| real(&dir));
    let mut dependents = std::collections::HashSet::new();
    // Relations depend on the entity files: when an entity file is named (a pre-commit hook passing
    // the staged files), every relation is checked too, so a removed or renamed id that a relation
    // still uses is caught before it lands.
    let names_entity_file = !paths.is_empty() && check.iter().any(|input| input.kind == FileKind::Entities);
    if let Some(relations) = entities_dir
        .as_ref()
        .and_then(|dir| dir.parent())
        .map(|data| data.join("relations"))
    {
        if names_entity_file && relations.is_dir() {
            let named: std::collections::HashSet<PathBuf> = check.iter().map(|input| input.path.clone()).collect();
            let mut dependent = Vec::new();
            collect(cwd, &root, &relations, &mut dependent)?;
            dependents.extend(
                dependent
                    .iter()
                    .map(|input| input.path.clone())
                    .filter(|path| !named.contains(path)),
            );
            check.extend(dependent);
        }
    }
    check.sort_by(|a, b| a.display.cmp(&b.display).then_with(|| a.path.cmp(&b.path)));
    check.dedup_by(|a, b| a.path == b.path);

    // Named relations are compared with the other relation files by name only (duplicate-relation):
    // the folder is remembered, not listed.
    let relations_dir = entities_dir
        .as_ref()
        .and_then(|dir| dir.parent())
        .map(|data| data.join("relations"))
        .filter(|dir| !paths.is_empty() && dir.is_dir());

    let mut entities = Vec::new();
    if let Some(dir) = &entities_dir {
        collect(cwd, &root, dir, &mut entities)?;
        entities.retain(|input| input.kind == FileKind::Entities);
        entities.sort_by(|a, b| a.display.cmp(&b.display));
    }
    let config = Some(root.join("relcheck.toml")).filter(|path| std::fs::symlink_metadata(path).is_ok());
    Ok(Plan {
        root,
        config,
        check,
        entities,
        entities_dir,
        relations_dir,
        cwd: cwd.to_path_buf(),
        all_relations: paths.is_empty() || names_entity_file,
        dependents,
    })
}

/// A named path that holds no data: the dataset's schemas, relcheck.toml, a file that is not JSON.
/// Checking a schema as a relation would report nonsense; saying what the file is, is the help.
fn refuse_non_data(cwd: &Path, root: &Path, path: &Path) -> Result<(), Error> {
    let schemas = real(&root.join("schema"));
    let reason = if path.starts_with(&schemas) {
        "it is one of the dataset's schemas (schema/); relcheck checks data against them. To validate other JSON against a schema, use `relcheck validate --schema SCHEMA FILE`"
    } else if path == real(&root.join("relcheck.toml")) {
        "it is relcheck's configuration, which every run reads and checks"
    } else if path.is_file() && path.extension().is_none_or(|e| e != "json") {
        "relcheck checks `.json` files (relations under data/relations, entities under data/entities)"
    } else {
        return Ok(());
    };
    Err(Error::NotData {
        path: display_path(cwd, path),
        reason,
    })
}

/// `data/entities` under the root; failing that, an `entities` directory beside an ancestor of a named path.
fn entities_dir(root: &Path, cwd: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
    let beside_root = root.join("data").join("entities");
    if beside_root.is_dir() {
        return Some(beside_root);
    }
    paths
        .iter()
        .flat_map(|path| {
            cwd.join(path)
                .ancestors()
                .skip(1)
                .map(Path::to_path_buf)
                .collect::<Vec<_>>()
        })
        .map(|dir| dir.join("entities"))
        .find(|dir| dir.is_dir())
}

fn collect(cwd: &Path, root: &Path, path: &Path, out: &mut Vec<Input>) -> Result<(), Error> {
    let absolute = cwd.join(path);
    if absolute.is_dir() {
        // The walk gives a folder's files one after another: the folder's part of their displayed
        // paths is worked out once.
        let mut folder: Option<(PathBuf, String, String)> = None;
        for file in json_files(cwd, root, &absolute)? {
            let (Some(parent), Some(name)) = (file.parent(), file.file_name()) else {
                out.push(input(cwd, root, &file));
                continue;
            };
            let (_, display, from_root) = match folder.take() {
                Some(known) if known.0 == parent => folder.insert(known),
                _ => folder.insert((
                    parent.to_path_buf(),
                    display_path(cwd, parent),
                    display_path(root, parent),
                )),
            };
            let name = escape_component(name);
            out.push(Input {
                display: child_path(display, &name),
                from_root: child_path(from_root, &name),
                kind: kind_of(&file),
                path: file,
            });
        }
    } else {
        out.push(input(cwd, root, &absolute));
    }
    Ok(())
}

/// Fails with `PathNotFound` only when nothing at all is at `path` (a dangling or looping symbolic
/// link exists, and reading it later gives the precise reason).
pub fn ensure_exists(cwd: &Path, path: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(cwd.join(path)) {
        Ok(_) => Ok(()),
        // The path is shown escaped: it is echoed to a terminal.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::PathNotFound(PathBuf::from(escape_path(path))))
        }
        Err(source) => Err(Error::Read {
            path: display_path(cwd, &cwd.join(path)),
            source,
        }),
    }
}

/// The `.json` files under `dir`, in file-name order, each by its real path.
///
/// A symbolic link inside the dataset (`root`, or `dir` itself when `dir` lies outside `root`) is
/// followed: to a folder, which is walked in its place, or, when named `*.json`, to a regular file.
/// One that points outside the dataset, dangles or loops stops the run with a one-line reason, as
/// does a `*.json` that is not a regular file (a FIFO, socket or device): relcheck never opens those,
/// and skipping them silently would let a data file go unchecked. A file reached twice (through a
/// link and directly) is listed once.
pub fn json_files(cwd: &Path, root: &Path, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = std::fs::canonicalize(dir).map_err(|e| walk_error(cwd, dir, e.to_string()))?;
    let boundary = match std::fs::canonicalize(root) {
        Ok(root) if dir.starts_with(&root) => root,
        _ => dir.clone(),
    };
    let mut files = Vec::new();
    let mut walked = vec![dir.clone()];
    let mut pending = vec![dir];
    while let Some(folder) = pending.pop() {
        walk_folder(cwd, &boundary, &folder, &mut files, &mut |linked| {
            // A linked folder inside one already walked, or walked before, adds nothing.
            if !walked.iter().any(|done| linked.starts_with(done)) {
                walked.push(linked.clone());
                pending.push(linked);
            }
        })?;
    }
    files.sort_unstable();
    files.dedup();
    Ok(files)
}

fn walk_error(cwd: &Path, path: &Path, reason: String) -> Error {
    Error::Walk {
        path: display_path(cwd, path),
        // walkdir's messages hold paths as they are.
        reason: crate::diagnostics::escape::visible(&reason).into_owned(),
    }
}

/// The `.json` files of one folder tree (links not followed); linked folders go to `linked_folder`.
fn walk_folder(
    cwd: &Path,
    boundary: &Path,
    dir: &Path,
    files: &mut Vec<PathBuf>,
    linked_folder: &mut dyn FnMut(PathBuf),
) -> Result<(), Error> {
    // Entries of one folder share the folder's path, so comparing whole paths orders them by name,
    // without parsing each path into components as `sort_by_file_name` does on every comparison.
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
    for entry in walker {
        let entry = entry.map_err(|error| walk_error(cwd, dir, error.to_string()))?;
        // `Path::extension` is "json" exactly when the name ends in `.json` after at least one byte.
        let name = entry.file_name().as_encoded_bytes();
        let is_json = name.len() > ".json".len() && name.ends_with(b".json");
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if file_type.is_symlink() {
            let target = follow(cwd, boundary, entry.path(), is_json)?;
            match target {
                Some(target) if target.is_dir() => linked_folder(target),
                Some(target) if is_json && target.is_file() => files.push(target),
                Some(_) if is_json => return Err(Error::NotAFile(display_path(cwd, entry.path()))),
                _ => {}
            }
            continue;
        }
        if !is_json {
            continue;
        }
        if file_type.is_file() {
            files.push(entry.path().to_path_buf());
            continue;
        }
        return Err(Error::NotAFile(display_path(cwd, entry.path())));
    }
    Ok(())
}

/// Where the link at `path` leads, when it stays inside `boundary`. A link that leads outside, or
/// cannot be followed, stops the run, unless it is neither a `*.json` file nor a folder (a link
/// relcheck would not read anyway).
fn follow(cwd: &Path, boundary: &Path, path: &Path, is_json: bool) -> Result<Option<PathBuf>, Error> {
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(_) if !is_json => return Ok(None),
        Err(error) => {
            let reason = if error.raw_os_error() == Some(40) {
                "a symbolic link that loops (it resolves to itself)".to_string()
            } else {
                format!("a symbolic link that cannot be followed: {error}")
            };
            return Err(walk_error(cwd, path, reason));
        }
    };
    if !is_json && !target.is_dir() {
        return Ok(None);
    }
    if !target.starts_with(boundary) {
        let reason = format!(
            "a symbolic link to {}, outside the dataset; relcheck does not follow links out of the folder it checks (name the file itself to check it)",
            escape_path(&target)
        );
        return Err(walk_error(cwd, path, reason));
    }
    Ok(Some(target))
}

/// The input for the file at `path` (its real path), shown relative to `cwd` and named in
/// relcheck.toml relative to `root`; its kind follows from its folder.
pub fn input(cwd: &Path, root: &Path, path: &Path) -> Input {
    Input {
        path: path.to_path_buf(),
        display: display_path(cwd, path),
        from_root: display_path(root, path),
        kind: kind_of(path),
    }
}

fn kind_of(path: &Path) -> FileKind {
    let in_entities = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "entities");
    if in_entities {
        FileKind::Entities
    } else {
        FileKind::Relation
    }
}

/// The displayed path of the entry `name` (escaped) of the folder displayed as `folder`: what
/// `display_path` gives for the entry's whole path.
fn child_path(folder: &str, name: &str) -> String {
    if folder == "." {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

/// `path` relative to `base` when it lies under it (or under one of its parents), with `/` separators.
/// Bytes that are not UTF-8 are shown as `\x{..}`, and characters that could change how a terminal
/// shows the surrounding text (control characters, bidi overrides) as `\u{..}`.
pub fn display_path(base: &Path, path: &Path) -> String {
    let relative = relative_to(base, path).unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = relative.components().map(|c| escape_component(c.as_os_str())).collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// A whole path, escaped as `display_path` escapes each part.
pub fn escape_path(path: &Path) -> String {
    escape_component(path.as_os_str())
}

fn escape_component(part: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in part.as_bytes().utf8_chunks() {
            out.push_str(&crate::diagnostics::escape::visible(chunk.valid()));
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{{{byte:02X}}}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        crate::diagnostics::escape::visible(&part.to_string_lossy()).into_owned()
    }
}

fn relative_to(base: &Path, path: &Path) -> Option<PathBuf> {
    let base_norm = normalize(base);
    let base: Vec<Component> = base_norm.components().collect();
    let path_norm = normalize(path);
    let target: Vec<Component> = path_norm.components().collect();
    if !path.is_absolute() {
        return Some(path_norm);
    }
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &target[common..] {
        out.push(part);
    }
    Some(out)
}

/// Removes `.` components (without touching the file system).
fn normalize(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, Component::CurDir)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayed_paths_are_relative_and_slash_separated() {
        let base = Path::new("/repo");
        assert_eq!(
            display_path(base, Path::new("/repo/data/relations/NO-UA.json")),
            "data/relations/NO-UA.json"
        );
        assert_eq!(
            display_path(Path::new("/repo/data"), Path::new("/repo/schema/x.json")),
            "../schema/x.json"
        );
        assert_eq!(display_path(base, Path::new("./data/./x.json")), "data/x.json");
    }

    #[test]
    fn a_folder_and_an_entry_name_display_as_the_whole_path() {
        let bases = ["/repo", "/repo/data", "/repo/data/relations", "/other", "/", "."];
        let folders = [
            "/repo",
            "/repo/data/relations",
            "/repo/./data/entities",
            "/elsewhere/x",
            "data/relations",
            "./data",
        ];
        for base in bases.map(Path::new) {
            for (folder, name) in folders
                .map(Path::new)
                .into_iter()
                .flat_map(|f| [(f, "NO-UA.json"), (f, "a\u{202E}b.json")])
            {
                let whole = display_path(base, &folder.join(name));
                let composed = child_path(&display_path(base, folder), &escape_component(name.as_ref()));
                assert_eq!(composed, whole, "{} in {}", folder.display(), base.display());
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn displayed_paths_escape_bytes_and_controls() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xE9\x1b[31m\xE2\x80\xAE.json");
        let shown = display_path(Path::new("/repo"), &Path::new("/repo").join(name));
        assert_eq!(shown, "caf\\x{E9}\\u{001B}[31m\\u{202E}.json");
    }
}
