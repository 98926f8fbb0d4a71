//! Which JSON Schema dialect a schema is read as, and why: its `$schema`, `--draft`, or the default.

use jsonschema::Draft;
use serde_json::Value;

/// The dialects relcheck validates with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    #[value(name = "4", alias = "draft4", alias = "draft-04")]
    Draft4,
    #[value(name = "6", alias = "draft6", alias = "draft-06")]
    Draft6,
    #[value(name = "7", alias = "draft7", alias = "draft-07")]
    Draft7,
    #[value(name = "2019-09", alias = "draft2019-09")]
    Draft201909,
    #[value(name = "2020-12", alias = "draft2020-12")]
    Draft202012,
}

impl Dialect {
    /// The dialect of a schema that names none.
    pub const DEFAULT: Dialect = Dialect::Draft202012;

    /// The dialect a `$schema` URI names, in any of its usual spellings (http or https, with or
    /// without the empty fragment); `None` for any other URI.
    pub fn from_uri(uri: &str) -> Option<Dialect> {
        match Draft::from_schema_uri(uri) {
            Draft::Draft4 => Some(Dialect::Draft4),
            Draft::Draft6 => Some(Dialect::Draft6),
            Draft::Draft7 => Some(Dialect::Draft7),
            Draft::Draft201909 => Some(Dialect::Draft201909),
            Draft::Draft202012 => Some(Dialect::Draft202012),
            _ => None,
        }
    }

    pub(crate) fn draft(self) -> Draft {
        match self {
            Dialect::Draft4 => Draft::Draft4,
            Dialect::Draft6 => Draft::Draft6,
            Dialect::Draft7 => Draft::Draft7,
            Dialect::Draft201909 => Draft::Draft201909,
            Dialect::Draft202012 => Draft::Draft202012,
        }
    }

    /// The name people use: `draft-07`, `draft 2020-12`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Draft4 => "draft-04",
            Dialect::Draft6 => "draft-06",
            Dialect::Draft7 => "draft-07",
            Dialect::Draft201909 => "draft 2019-09",
            Dialect::Draft202012 => "draft 2020-12",
        }
    }

    /// The keyword that names a schema resource: `id` in draft-04, `$id` later.
    pub fn id_keyword(self) -> &'static str {
        self.draft().id_keyword()
    }

    /// Whether a `$ref` makes its sibling keywords ignored (drafts 4 to 7).
    pub fn ref_overrides_siblings(self) -> bool {
        matches!(self, Dialect::Draft4 | Dialect::Draft6 | Dialect::Draft7)
    }
}

/// Why a schema is read as the dialect it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Its `$schema` names the dialect.
    Declared,
    /// `--draft` chose it.
    Forced,
    /// It has no `$schema`.
    Default,
    /// Its `$schema` names a meta-schema (given with `--resolve` or found locally) that is written
    /// in this dialect.
    MetaSchema(String),
}

/// A dialect with the reason it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub dialect: Dialect,
    pub origin: Origin,
}

impl Chosen {
    /// "draft-07, from its `$schema`", for messages about the schema as a whole.
    pub fn describe(&self) -> String {
        let name = self.dialect.name();
        match &self.origin {
            Origin::Declared => format!("{name}, from its `$schema`"),
            Origin::Forced => format!("{name}, as --draft asks"),
            Origin::Default => format!("{name}, the default for a schema without `$schema`"),
            Origin::MetaSchema(uri) => format!("{name}, the dialect of its meta-schema {}", crate::rules::quote(uri)),
        }
    }
}

/// The `$schema` of a document, when it has a string one.
pub fn declared(document: &Value) -> Option<&str> {
    document.get("$schema").and_then(Value::as_str)
}

/// The dialect of a document read on its own: its `$schema` when that names a dialect, else
/// `inherited` (the dialect of the document that refers to it).
pub fn of_document(document: &Value, inherited: Dialect) -> Dialect {
    declared(document).and_then(Dialect::from_uri).unwrap_or(inherited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_usual_spelling_of_a_dialect_is_recognised() {
        for (uri, dialect) in [
            ("http://json-schema.org/draft-04/schema#", Dialect::Draft4),
            ("http://json-schema.org/draft-04/schema", Dialect::Draft4),
            ("https://json-schema.org/draft-04/schema#", Dialect::Draft4),
            ("http://json-schema.org/draft-06/schema#", Dialect::Draft6),
            ("http://json-schema.org/draft-07/schema", Dialect::Draft7),
            ("https://json-schema.org/draft-07/schema#", Dialect::Draft7),
            ("https://json-schema.org/draft/2019-09/schema", Dialect::Draft201909),
            ("https://json-schema.org/draft/2019-09/schema#", Dialect::Draft201909),
            ("http://json-schema.org/draft/2020-12/schema", Dialect::Draft202012),
            ("https://json-schema.org/draft/2020-12/schema#", Dialect::Draft202012),
        ] {
            assert_eq!(Dialect::from_uri(uri), Some(dialect), "{uri}");
        }
        for unknown in [
            "http://json-schema.org/draft-03/schema#",
            "https://example.com/meta",
            "",
        ] {
            assert_eq!(Dialect::from_uri(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn the_reason_is_part_of_the_description() {
        let chosen = Chosen {
            dialect: Dialect::Draft7,
            origin: Origin::Declared,
        };
        assert_eq!(chosen.describe(), "draft-07, from its `$schema`");
        let chosen = Chosen {
            dialect: Dialect::Draft202012,
            origin: Origin::Default,
        };
        assert_eq!(
            chosen.describe(),
            "draft 2020-12, the default for a schema without `$schema`"
        );
    }
}
