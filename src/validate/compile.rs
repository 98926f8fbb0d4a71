//! Compiling the schema given with `--schema`: its dialect, where its references are read from, and
//! a one-line reason when it cannot be used.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::dialect::{self, Chosen, Dialect, Origin};
use super::library::{code, Failure, Library, Retriever};
use super::sources::{file_uri, SchemaSources};
use super::unavailable;
use crate::check::{load, Settings};
use crate::dataset::{display_path, FileKind, Input};
use crate::error::Error;
use crate::rules::schema::CompiledSchema;

/// A compiled schema, the dialect it was read as, and the documents it refers to.
pub struct Compiled {
    pub schema: CompiledSchema,
    pub dialect: Chosen,
    library: Arc<Library>,
}

impl Compiled {
    /// Whether some referenced document is missing and stands in as a placeholder.
    pub(crate) fn has_placeholders(&self) -> bool {
        self.library.has_placeholders()
    }

    /// Why a file that reached the placeholder for `uri` cannot be validated.
    pub(crate) fn unavailable(&self, uri: &str) -> String {
        let why = self.library.unavailable_reason(uri).unwrap_or_default();
        format!("part of it must match {}, {why}", code(uri))
    }
}

/// How long a chain of custom meta-schemas relcheck follows to find the dialect underneath.
const META_CHAIN: usize = 16;

/// Compiles the schema at `schema_path`; a schema that is not JSON or not a valid schema cannot run.
pub fn compile_schema(cwd: &Path, schema_path: &Path, settings: &Settings) -> Result<Compiled, Error> {
    compile_schema_with(cwd, schema_path, settings, &SchemaSources::default())
}

/// [`compile_schema`], with the dialect, `--resolve` documents and mapped folders of `sources`.
pub fn compile_schema_with(
    cwd: &Path,
    schema_path: &Path,
    settings: &Settings,
    sources: &SchemaSources,
) -> Result<Compiled, Error> {
    let absolute = cwd.join(schema_path);
    let name = display_path(cwd, &absolute);
    let input = Input {
        path: absolute.clone(),
        display: name.clone(),
        from_root: name.clone(),
        kind: FileKind::Relation,
    };
    let loaded = load(&input, 0, settings)?;
    let Some(document) = loaded.document else {
        let reason = loaded
            .diagnostics
            .first()
            .map_or_else(String::new, |d| d.message.clone());
        return Err(Error::Schema {
            name,
            reason: format!("not valid JSON: {reason}"),
        });
    };
    let mut document = document.value;
    super::scan::encode_references(&mut document);
    let canonical = std::fs::canonicalize(&absolute).unwrap_or(absolute);
    let folder = canonical.parent().unwrap_or(Path::new("/")).to_path_buf();
    let library = Arc::new(Library::new(cwd, folder, sources, settings)?);
    // A reason may quote the schema's text or a reference, which are data: escaped for the terminal.
    let fail = |reason: String| Error::Schema {
        name: name.clone(),
        reason: crate::diagnostics::escape::visible(&reason).into_owned(),
    };

    let (chosen, meta) = choose_dialect(&document, sources.draft, &library).map_err(fail)?;
    library.set_dialect(chosen.dialect);
    let base = file_uri(&canonical);
    library.note_references(&document, &base);

    let retriever = Retriever(Arc::clone(&library));
    let mut options = jsonschema::options()
        .with_retriever(retriever.clone())
        .with_base_uri(base)
        .should_validate_formats(sources.assert_formats)
        .with_keyword(unavailable::KEYWORD, unavailable::keyword_factory());
    if meta.is_none() {
        options = options.with_draft(chosen.dialect.draft());
    }
    // A custom meta-schema is put in a registry first: the validator reads the vocabularies it
    // declares, and the dialect under it, from there.
    let registry = match &meta {
        Some((uri, meta)) => Some(
            jsonschema::Registry::new()
                .retriever(retriever)
                .add(uri, meta.clone())
                .and_then(jsonschema::RegistryBuilder::prepare)
                .map_err(|error| fail(format!("its meta-schema {} cannot be read: {error}", code(uri))))?,
        ),
        None => None,
    };
    if let Some(registry) = &registry {
        options = options.with_registry(registry);
    }
    let reporting = options
        .clone()
        .with_retriever(crate::rules::schema::budget::Budgeted(Retriever(Arc::clone(&library))));
    let schema = CompiledSchema::compile_with(name.clone(), document, options, reporting).map_err(|error| {
        // A document that could not be read says more than the validator's account of it.
        let reason = library.failure_in(&error.to_string()).unwrap_or_else(|| {
            let at = error.instance_path().as_str();
            let what = error.masked().to_string();
            let what = if at.is_empty() {
                what
            } else {
                format!("at {at}: {what}")
            };
            let hint = match chosen.origin {
                Origin::Default => "; name its dialect in `$schema`, or choose one with --draft",
                _ => "",
            };
            format!("{what} (read as {}{hint})", chosen.describe())
        });
        fail(reason)
    })?;
    Ok(Compiled {
        schema,
        dialect: chosen,
        library,
    })
}

/// The dialect `document` is read as, and why; with the custom meta-schema it names, if it does.
fn choose_dialect(
    document: &Value,
    forced: Option<Dialect>,
    library: &Library,
) -> Result<(Chosen, Option<(String, Value)>), String> {
    let chosen = |dialect, origin| Chosen { dialect, origin };
    if let Some(dialect) = forced {
        return Ok((chosen(dialect, Origin::Forced), None));
    }
    let Some(uri) = dialect::declared(document) else {
        return Ok((chosen(Dialect::DEFAULT, Origin::Default), None));
    };
    if let Some(dialect) = Dialect::from_uri(uri) {
        return Ok((chosen(dialect, Origin::Declared), None));
    }
    let unknown = |why: String| {
        format!(
            "its `$schema` {} is neither a dialect relcheck knows (draft-04, -06, -07, 2019-09, 2020-12) nor \
             {why}; choose a dialect with --draft 4|6|7|2019-09|2020-12, or give the meta-schema with --resolve",
            code(uri)
        )
    };
    let meta_uri = uri.split_once('#').map_or(uri, |(document, _)| document);
    let meta = match library.read(meta_uri) {
        Ok(meta) => meta,
        Err(Failure::Missing(_)) => return Err(unknown("a meta-schema it was given".into())),
        Err(Failure::Refused(why)) => return Err(unknown(format!("a meta-schema it can read ({why})"))),
    };
    // The dialect of a custom meta-schema is that of the meta-schema it is written in, and so on.
    let mut current = meta.clone();
    let mut seen = vec![meta_uri.to_owned()];
    for _ in 0..META_CHAIN {
        let Some(next) = dialect::declared(&current) else { break };
        if let Some(dialect) = Dialect::from_uri(next) {
            return Ok((
                chosen(dialect, Origin::MetaSchema(meta_uri.to_owned())),
                Some((meta_uri.to_owned(), meta)),
            ));
        }
        let next = next.split_once('#').map_or(next, |(document, _)| document).to_owned();
        if seen.contains(&next) {
            break;
        }
        current = library.read(&next).map_err(|_| {
            unknown(format!(
                "a meta-schema it can read (it is written in {}, which relcheck cannot read)",
                code(&next)
            ))
        })?;
        seen.push(next);
    }
    Ok((
        chosen(Dialect::DEFAULT, Origin::MetaSchema(meta_uri.to_owned())),
        Some((meta_uri.to_owned(), meta)),
    ))
}
