//! Applying fixes: `relcheck check --fix` and `--diff` (and `validate`'s). A document is checked, the fixes of its
//! findings that the run allows are applied (a fix whose edits overlap one already taken waits for
//! the next round), and the document is checked again, until no fix is left. A document whose
//! fixes do not settle within `MAX_ROUNDS`, or that stops being JSON, is left as it was. Files are
//! written only once every file of the run has been fixed, each atomically.

pub mod diff;
pub mod edits;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::{read, Settings};
use crate::config::Config;
use crate::dataset::{FileKind, Input, Plan};
use crate::diagnostics::fix::{apply_edits, Applicability, Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::workspace::{Purpose, Workspace};

/// Rounds of check-and-fix before a document is given up as not settling.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    /// The least sure fixes applied: `Safe` for `--fix`, `Unsafe` with `--unsafe-fixes`.
    pub least: Applicability,
}

/// What fixing one document came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fixed {
    /// No fix applied.
    Unchanged,
    /// The new text, and how many fixes made it.
    Changed { text: String, fixes: usize },
    /// The fixes did not settle, or broke the document: it is left as it was.
    GivenUp { reason: String },
}

/// Fixes one document's text: checks it, applies the allowed fixes of its findings (those no
/// exception in relcheck.toml accepts), and checks again, until nothing is left to fix.
pub fn fix_text(workspace: &Workspace, input: &Input, text: &str, mode: Mode) -> Result<Fixed, Error> {
    fix_with(text, mode, |current| {
        let checked = workspace.check_text(input, 0, current.as_bytes().to_vec(), Purpose::Check)?;
        if checked.document.is_none() {
            return Ok(None);
        }
        let mut diagnostics = checked.diagnostics;
        workspace.settle(&mut diagnostics, &input.from_root, &[]);
        Ok(Some(diagnostics))
    })
}

/// The loop of `fix_text` for any check: `check` gives a text's findings, or `None` when the text
/// is not JSON.
pub fn fix_with(
    text: &str,
    mode: Mode,
    mut check: impl FnMut(&str) -> Result<Option<Vec<Diagnostic>>, Error>,
) -> Result<Fixed, Error> {
    let mut current = text.to_owned();
    let mut applied = 0;
    for round in 0..MAX_ROUNDS {
        let Some(mut diagnostics) = check(&current)? else {
            // A file with a parse error is never touched; one that a fix broke is given up.
            return Ok(if round == 0 {
                Fixed::Unchanged
            } else {
                Fixed::GivenUp {
                    reason: "applying its fixes would make it invalid JSON".into(),
                }
            });
        };
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let chosen = non_overlapping(&diagnostics, mode);
        if chosen.is_empty() {
            return Ok(if applied == 0 {
                Fixed::Unchanged
            } else {
                Fixed::Changed {
                    text: current,
                    fixes: applied,
                }
            });
        }
        let mut edits: Vec<&Edit> = chosen.iter().flat_map(|fix| &fix.edits).collect();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let Some(next) = apply_edits(&current, edits.into_iter()) else {
            return Ok(Fixed::GivenUp {
                reason: "a fix pointed outside the text".into(),
            });
        };
        if next == current {
            return Ok(Fixed::GivenUp {
                reason: "a fix did not change the text it was meant to repair".into(),
            });
        }
        applied += chosen.len();
        current = next;
    }
    Ok(Fixed::GivenUp {
        reason: format!("its fixes did not settle after {MAX_ROUNDS} rounds"),
    })
}

/// The fixes of `diagnostics` that `mode` allows, first come first served, leaving out any whose
/// edits overlap or touch one already taken (it is tried again in the next round).
fn non_overlapping(diagnostics: &[Diagnostic], mode: Mode) -> Vec<&Fix> {
    let mut taken: Vec<&Fix> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for fix in diagnostics
        .iter()
        .filter(|d| d.suppressed.is_none())
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.applicability >= mode.least)
    {
        if taken.contains(&fix) {
            continue;
        }
        let clashes = fix.edits.iter().any(|edit| {
            spans.iter().any(|&(start, end)| {
                // Edits that begin at one place would be ordered by chance: they clash too.
                (edit.span.start < end && start < edit.span.end) || edit.span.start == start
            })
        });
        if !clashes {
            spans.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
            taken.push(fix);
        }
    }
    taken
}

/// A fixed file, before it is written.
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    pub display: String,
    /// The text before the fixes, for the diff: empty when nothing changed, so a run over a large
    /// dataset does not hold every file's text.
    pub before: String,
    pub outcome: Fixed,
}

impl FileFix {
    pub fn new(input: &Input, before: String, outcome: Fixed) -> Self {
        let changed = matches!(outcome, Fixed::Changed { .. });
        Self {
            path: input.path.clone(),
            display: input.display.clone(),
            before: if changed { before } else { String::new() },
            outcome,
        }
    }
}

/// Fixes every checked file of `plan` in memory: entity files first (relations are then checked
/// against their fixed ids), then relations. Nothing is written.
pub fn fix_plan(plan: &Plan, config: Config, settings: &Settings, mode: Mode) -> Result<Vec<FileFix>, Error> {
    let mut workspace = Workspace::new(plan.root.clone(), config, settings.clone(), plan.entities_dir.is_some());
    let mut fixes = Vec::new();
    // Entity files: fixed, and their (fixed) ids indexed for the relations.
    let mut entity_texts = Vec::new();
    for input in &plan.entities {
        let checked_here = plan.check.iter().any(|c| c.path == input.path);
        let text = read_text(input, settings)?;
        let outcome = if checked_here {
            fix_text(&workspace, input, &text, mode)?
        } else {
            Fixed::Unchanged
        };
        let final_text = match &outcome {
            Fixed::Changed { text, .. } => text.clone(),
            _ => text.clone(),
        };
        entity_texts.push((input, final_text));
        if checked_here {
            fixes.push(FileFix::new(input, text, outcome));
        }
    }
    let mut checked = Vec::new();
    for (i, (input, text)) in entity_texts.iter().enumerate() {
        checked.push((
            i,
            *input,
            workspace.check_text(input, i, text.clone().into_bytes(), Purpose::IdsOnly)?,
        ));
    }
    workspace.index_entities(checked.iter().map(|(i, input, c)| (*i, *input, c)));
    // Relations checked only because an entity file was named are never written: only what was named.
    let named = |input: &&Input| input.kind == FileKind::Relation && !plan.dependents.contains(&input.path);
    for input in plan.check.iter().filter(named) {
        let text = read_text(input, settings)?;
        let outcome = fix_text(&workspace, input, &text, mode)?;
        fixes.push(FileFix::new(input, text, outcome));
    }
    fixes.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(fixes)
}

/// A file's text as `check` decodes it; a file that is not UTF-8 is left alone (its finding says why).
fn read_text(input: &Input, settings: &Settings) -> Result<String, Error> {
    let bytes = read(input, settings)?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// Writes every changed file: each into a temporary file beside it first, then all renamed into
/// place, so a failure before the renames leaves every file as it was.
pub fn write(fixes: &[FileFix]) -> Result<usize, String> {
    replace_all(fixes.iter().filter_map(|fix| match &fix.outcome {
        Fixed::Changed { text, .. } => Some((fix.path.as_path(), fix.display.as_str(), text.as_bytes())),
        _ => None,
    }))
}

/// Replaces files (path, path as shown, new bytes): each is written into a temporary file beside it,
/// with its permissions, then all are renamed into place, so a failure before the renames leaves
/// every file as it was. The number of files replaced.
pub(crate) fn replace_all<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str, &'a [u8])>) -> Result<usize, String> {
    let mut staged = Vec::new();
    for (path, shown, bytes) in files {
        staged.push((path, shown, stage(path, shown, bytes)?));
    }
    let count = staged.len();
    for (path, shown, temporary) in staged {
        temporary
            .persist(path)
            .map_err(|e| format!("cannot write {shown}: {}", e.error))?;
    }
    Ok(count)
}

fn stage(path: &Path, shown: &str, bytes: &[u8]) -> Result<tempfile::NamedTempFile, String> {
    let fail = |e: std::io::Error| format!("cannot write {shown}: {e}");
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".relcheck-")
        .tempfile_in(folder)
        .map_err(fail)?;
    temporary.write_all(bytes).map_err(fail)?;
    temporary.as_file().sync_all().map_err(fail)?;
    let permissions = std::fs::metadata(path).map_err(fail)?.permissions();
    temporary.as_file().set_permissions(permissions).map_err(fail)?;
    Ok(temporary)
}

/// How many fixes were applied, in how many files, and the files left as they were.
pub fn notices(fixes: &[FileFix]) -> Vec<String> {
    let mut notices = Vec::new();
    let (mut count, mut files) = (0, 0);
    for fix in fixes {
        match &fix.outcome {
            Fixed::Changed { fixes, .. } => {
                count += fixes;
                files += 1;
            }
            Fixed::GivenUp { reason } => notices.push(format!(
                "{}: not fixed: {reason}; the file is left as it was",
                fix.display
            )),
            Fixed::Unchanged => {}
        }
    }
    if count > 0 {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        notices.insert(
            0,
            format!("fixed {} in {}", plural(count, "finding"), plural(files, "file")),
        );
    }
    notices
}
