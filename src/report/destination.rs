//! Where reports go, and how they get there without losing anything.
//!
//! A report file is never written in place: it is rendered into a temporary file in the target's
//! folder and renamed over the target once every report of the run has been rendered, so a run that
//! fails (a full disk, a closed standard output) leaves the previous report as it was. A path that
//! names a file the run reads (data, entities, schemas, relcheck.toml, compared by file identity, not
//! by spelling), a symbolic link, something that is not a regular file, or a path given twice is
//! refused before anything is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Format;
use crate::cli::Output;
use crate::dataset::escape_path;

/// Where one report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    /// The path as given, and where it resolves from the working directory.
    File {
        shown: String,
        path: PathBuf,
    },
}

/// One report of the run: its format and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub format: Format,
    pub target: Target,
}

/// The reports a run writes: the `--format` report on standard output unless `--output FILE`
/// redirects it, plus one per `--output FORMAT=FILE`. `-` is standard output. `inputs` are the files
/// the run read; none of them may be a target.
pub fn plan(format: Format, outputs: &[Output], cwd: &Path, inputs: &[PathBuf]) -> Result<Vec<Destination>, String> {
    let mut destinations = Vec::new();
    let redirected = outputs.iter().filter(|o| o.format.is_none()).count();
    if redirected > 1 {
        return Err(format!(
            "--output FILE is given {redirected} times: the `--format` report can go to one file only (use --output FORMAT=FILE for more reports)"
        ));
    }
    if redirected == 0 {
        destinations.push(Destination {
            format,
            target: Target::Stdout,
        });
    }
    for output in outputs {
        let target = if output.path.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::File {
                shown: escape_path(&output.path),
                path: cwd.join(&output.path),
            }
        };
        destinations.push(Destination {
            format: output.format.unwrap_or(format),
            target,
        });
    }
    if destinations.iter().filter(|d| d.target == Target::Stdout).count() > 1 {
        return Err(
            "two reports would go to standard output; write one of them to a file with --output FORMAT=FILE".into(),
        );
    }
    let inputs: Vec<Identity> = inputs.iter().filter_map(|path| Identity::of(path)).collect();
    let mut seen: Vec<(PathBuf, &str)> = Vec::new();
    for destination in &destinations {
        let Target::File { shown, path } = &destination.target else {
            continue;
        };
        refuse_unsafe_target(shown, path, &inputs)?;
        let resolved = resolved(path);
        if let Some((_, first)) = seen.iter().find(|(other, _)| *other == resolved) {
            return Err(format!(
                "{first} and {shown} name the same file: two reports cannot be written to one file"
            ));
        }
        seen.push((resolved, shown));
    }
    Ok(destinations)
}

/// Refuses a target that is a link, not a regular file, or one of the run's inputs.
fn refuse_unsafe_target(shown: &str, path: &Path, inputs: &[Identity]) -> Result<(), String> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(format!("cannot write {shown}: {error}")),
    };
    if metadata.file_type().is_symlink() {
        return Err(format!(
            "{shown} is a symbolic link: relcheck never writes a report through a link, nor replaces one; remove the link or name the file it points to"
        ));
    }
    if !metadata.is_file() {
        return Err(format!(
            "{shown} is not a regular file: relcheck writes reports only to regular files (use `-` for standard output)"
        ));
    }
    let identity = Identity::from_metadata(path, &metadata);
    if inputs.contains(&identity) {
        return Err(format!(
            "{shown} is one of the files this run reads: relcheck never writes over its input; choose another path for the report"
        ));
    }
    Ok(())
}

/// The folder of `path` with its links resolved, joined with the file name: two spellings of one
/// target resolve alike.
fn resolved(path: &Path) -> PathBuf {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    match path.file_name() {
        Some(name) => folder.join(name),
        None => folder,
    }
}

/// What makes two paths the same file: device and inode where the system has them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    #[cfg(unix)]
    device_inode: (u64, u64),
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl Identity {
    /// The identity of the file `path` leads to (links followed), when it exists.
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self::from_metadata(path, &metadata))
    }

    #[cfg_attr(
        unix,
        expect(unused_variables, reason = "the path identifies files only where inodes do not")
    )]
    fn from_metadata(path: &Path, metadata: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Self {
                device_inode: (metadata.dev(), metadata.ino()),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Self {
                canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            }
        }
    }
}

/// A report rendered into a temporary file beside its target, not yet in place.
#[derive(Debug)]
pub struct Staged {
    temporary: tempfile::NamedTempFile,
    path: PathBuf,
    shown: String,
}

/// Renders a report into a temporary file in the folder of `path`.
pub fn stage(
    shown: &str,
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged, String> {
    let fail = |error: std::io::Error| format!("cannot write {shown}: {error}");
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".relcheck-report-")
        .tempfile_in(folder)
        .map_err(fail)?;
    {
        let mut out = std::io::BufWriter::new(temporary.as_file_mut());
        render(&mut out).map_err(fail)?;
        out.flush().map_err(fail)?;
    }
    temporary.as_file().sync_all().map_err(fail)?;
    set_report_permissions(path, temporary.as_file()).map_err(fail)?;
    Ok(Staged {
        temporary,
        path: path.to_path_buf(),
        shown: shown.to_owned(),
    })
}

impl Staged {
    /// Moves the report into place, replacing the previous one in one step.
    pub fn commit(self) -> Result<(), String> {
        let shown = self.shown;
        self.temporary
            .persist(&self.path)
            .map(drop)
            .map_err(|error| format!("cannot write {shown}: {}", error.error))
    }
}

/// A new report is readable as any file the user creates would be (temporary files are private); a
/// replaced one keeps the permissions it had.
fn set_report_permissions(target: &Path, file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(target) {
            Ok(metadata) => metadata.permissions().mode() & 0o7777,
            Err(_) => 0o644,
        };
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (target, file);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(format: Option<Format>, path: &str) -> Output {
        Output {
            format,
            path: PathBuf::from(path),
        }
    }

    #[test]
    fn a_dash_is_standard_output_and_only_one_report_may_use_it() {
        let dir = tempfile::tempdir().unwrap();
        let plan_of = |outputs: &[Output]| plan(Format::Human, outputs, dir.path(), &[]);
        let planned = plan_of(&[output(None, "-")]).unwrap();
        assert_eq!(
            planned,
            vec![Destination {
                format: Format::Human,
                target: Target::Stdout
            }]
        );
        let error = plan_of(&[output(Some(Format::Json), "-")]).unwrap_err();
        assert!(error.contains("two reports would go to standard output"), "{error}");
        assert!(!dir.path().join("-").exists());
    }

    #[test]
    fn two_spellings_of_one_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let error = plan(
            Format::Human,
            &[
                output(Some(Format::Json), "sub/r.json"),
                output(Some(Format::Sarif), "sub/../sub/r.json"),
            ],
            dir.path(),
            &[],
        )
        .unwrap_err();
        assert!(error.contains("name the same file"), "{error}");
    }

    #[test]
    fn inputs_links_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("data.json");
        std::fs::write(&input, "{}").unwrap();
        let inputs = [input.clone()];
        let refused = |path: &str| plan(Format::Human, &[output(None, path)], dir.path(), &inputs).unwrap_err();
        assert!(refused("data.json").contains("one of the files this run reads"));
        std::fs::hard_link(&input, dir.path().join("hard.json")).unwrap();
        assert!(refused("hard.json").contains("one of the files this run reads"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("data.json", dir.path().join("link.json")).unwrap();
            assert!(refused("link.json").contains("symbolic link"));
            std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json")).unwrap();
            assert!(refused("dangling.json").contains("symbolic link"));
            assert!(!dir.path().join("nowhere.json").exists());
        }
        assert!(refused(".").contains("not a regular file"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "{}");
    }

    #[test]
    fn a_report_replaces_its_target_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        std::fs::write(&target, "previous").unwrap();
        let failed = stage("report.txt", &target, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.unwrap_err().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
        let staged = stage("report.txt", &target, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary files are removed");
    }
}
