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
    /// Relation files of the dataset that are not checked in this run (only file names are used:
    /// a named relation is compared with them for duplicate-relation without reading them).
    pub other_relations: Vec<Input>,
}

/// The nearest directory at or above `start` that holds a `relcheck.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("relcheck.toml").is_file())
        .map(Path::to_path_buf)
}

pub fn plan(cwd: &Path, paths: &[PathBuf]) -> Result<Plan, Error> {
    let root = find_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let mut check = Vec::new();
    if paths.is_empty() {
        let data = root.join("data");
        if !data.is_dir() {
            return Err(Error::NoDataset(data));
        }
        collect(cwd, &root, &data, &mut check)?;
    } else {
        for path in paths {
            let absolute = cwd.join(path);
            if !absolute.exists() {
                return Err(Error::PathNotFound(path.clone()));
            }
            collect(cwd, &root, path, &mut check)?;
        }
    }
    let entities_dir = entities_dir(&root, cwd, paths);
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
            collect(cwd, &root, &relations, &mut check)?;
        }
    }
    check.sort_by(|a, b| a.display.cmp(&b.display));
    check.dedup_by(|a, b| a.display == b.display);

    let mut other_relations = Vec::new();
    let relations_dir = entities_dir
        .as_ref()
        .and_then(|dir| dir.parent())
        .map(|data| data.join("relations"));
    if let Some(dir) = relations_dir.filter(|dir| !paths.is_empty() && dir.is_dir()) {
        collect(cwd, &root, &dir, &mut other_relations)?;
        other_relations.retain(|other| other.kind == FileKind::Relation && !check.iter().any(|c| c.path == other.path));
    }

    let mut entities = Vec::new();
    if let Some(dir) = &entities_dir {
        collect(cwd, &root, dir, &mut entities)?;
        entities.retain(|input| input.kind == FileKind::Entities);
        entities.sort_by(|a, b| a.display.cmp(&b.display));
    }
    let config = Some(root.join("relcheck.toml")).filter(|path| path.is_file());
    Ok(Plan {
        root,
        config,
        check,
        entities,
        entities_dir,
        other_relations,
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
        let walker = walkdir::WalkDir::new(&absolute).follow_links(false).sort_by_file_name();
        for entry in walker {
            let entry = entry.map_err(|error| Error::Walk {
                path: display_path(cwd, &absolute),
                reason: error.to_string(),
            })?;
            let is_json = entry.path().extension().is_some_and(|ext| ext == "json");
            if entry.file_type().is_file() && is_json {
                out.push(input(cwd, root, entry.path()));
            }
        }
    } else {
        out.push(input(cwd, root, &absolute));
    }
    Ok(())
}

fn input(cwd: &Path, root: &Path, path: &Path) -> Input {
    let in_entities = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "entities");
    Input {
        path: path.to_path_buf(),
        display: display_path(cwd, path),
        from_root: display_path(root, path),
        kind: if in_entities {
            FileKind::Entities
        } else {
            FileKind::Relation
        },
    }
}

/// `path` relative to `base` when it lies under it (or under one of its parents), with `/` separators.
pub fn display_path(base: &Path, path: &Path) -> String {
    let relative = relative_to(base, path).unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
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
}
