//! Renaming a reference, event or entity id everywhere it is written, as one edit of every file
//! concerned: a reference or an event within its relation; an entity in its entity file, in every
//! relation file of the dataset and in the `country` of other entities. A new id that the schema
//! would reject, or that another reference, event or entity already has, is refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::cursor::Step;
use super::navigation::{self, Texts};
use super::occurrences::Id;
use super::schema;
use super::state::Server;
use crate::dataset::FileKind;
use crate::diagnostics::fix::Edit;
use crate::fix::edits::json_string;
use crate::source::Span;

/// What can be renamed at byte `offset`: the id's text (between its quotes) and the id.
pub(crate) fn prepare(server: &Server, path: &Path, offset: usize) -> Result<(Span, String), String> {
    let here = navigation::id_at(server, path, offset).ok_or_else(|| {
        "only a reference, event or entity id can be renamed: put the cursor on an `id`, a `cite` item, a `responds_to` item or an entity id".to_owned()
    })?;
    let inner = Span::new(
        here.span.start + 1,
        here.span.end.saturating_sub(1).max(here.span.start + 1),
    );
    Ok((inner, here.id.value().to_owned()))
}

/// The edits, file by file, that rename the id at `offset` to `new`, with the texts they apply to.
pub(crate) fn rename(
    server: &Server,
    path: &Path,
    offset: usize,
    new: &str,
) -> Result<(BTreeMap<PathBuf, Vec<Edit>>, Texts), String> {
    let here = navigation::id_at(server, path, offset).ok_or("there is no id to rename here")?;
    let old = here.id.value();
    if new == old {
        return Ok((BTreeMap::new(), Texts::new()));
    }
    check_name(server, path, &here.id, new).map_err(|e| crate::diagnostics::escape::visible(&e).into_owned())?;
    let mut texts = Texts::new();
    let mut edits: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    let replacement = json_string(new);
    for (file, found) in navigation::occurrences_of(server, path, &here.id, &mut texts) {
        edits
            .entry(file)
            .or_default()
            .push(Edit::replace(found.span, replacement.clone()));
    }
    for list in edits.values_mut() {
        list.sort_by_key(|edit| edit.span.start);
        list.dedup_by_key(|edit| edit.span.start);
    }
    Ok((edits, texts))
}

/// Refuses a new id the schema would reject, or one already taken.
fn check_name(server: &Server, path: &Path, id: &Id, new: &str) -> Result<(), String> {
    let (kind, at) = match id {
        Id::Reference(_) => (FileKind::Relation, ["references", "id"]),
        Id::Event(_) => (FileKind::Relation, ["events", "id"]),
        Id::Entity(_) => (FileKind::Entities, ["entities", "id"]),
    };
    let place = [Step::Key(at[0].into()), Step::Index(0), Step::Key(at[1].into())];
    if let Some(pattern) = schema::builtin(kind).at(&place).pattern() {
        let valid = regex::Regex::new(pattern).map_or(true, |re| re.is_match(new));
        if !valid {
            return Err(format!(
                "`{new}` is not a valid {} id: the schema requires it to match {pattern}",
                id.noun()
            ));
        }
    }
    let taken = match id {
        Id::Entity(_) => server.workspace.entities.get(new).is_some(),
        Id::Reference(_) => !navigation::definitions(server, path, &Id::Reference(new.into())).is_empty(),
        Id::Event(_) => !navigation::definitions(server, path, &Id::Event(new.into())).is_empty(),
    };
    if taken {
        return Err(format!("another {} already has the id `{new}`", id.noun()));
    }
    Ok(())
}
