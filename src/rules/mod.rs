//! The rule registry: every rule's code, name, group, default severity and documentation, and the
//! context rules run in. Where does a new rule go? One file under `src/rules/<group>/`, one fixture
//! folder under `tests/fixtures/rules/<rule-name>/`, one line in `ALL` below.

pub mod citations;
pub mod config;
pub mod dates;
pub mod docs;
pub mod identity;
pub mod known;
pub mod parse;
pub mod references;
pub mod schema;
pub mod schema_reference;
pub mod style;
pub mod suggest;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::entities::{EntityFile, EntityIndex};
use crate::model::relation::Relation;
use crate::source::{json::NodeKind, Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Parse,
    Schema,
    Dates,
    Citations,
    References,
    Identity,
    Style,
    Config,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Parse,
        Group::Schema,
        Group::Dates,
        Group::Citations,
        Group::References,
        Group::Identity,
        Group::Style,
        Group::Config,
    ];

    /// The hundreds digit of the group's rule codes (`R2xx` are dates).
    pub fn digit(self) -> char {
        match self {
            Group::Parse => '0',
            Group::Schema => '1',
            Group::Dates => '2',
            Group::Citations => '3',
            Group::References => '4',
            Group::Identity => '5',
            Group::Style => '6',
            Group::Config => '9',
        }
    }

    /// What the group guards, in one line.
    pub fn summary(self) -> &'static str {
        match self {
            Group::Parse => "the text is UTF-8 JSON without duplicate keys",
            Group::Schema => "the JSON Schema, one rule per keyword family; each file names its schema",
            Group::Dates => "real dates, none in the future, sources read after they appeared, archive dates that match their snapshots, events in order, entities that existed when they acted",
            Group::Citations => "every claim cites a reference or says it needs one",
            Group::References => "cited ids exist, entity ids resolve to the right kind of entity and are used, URLs and archive links are well formed, language tags are registered",
            Group::Identity => "ids agree with parties and file names and are unique; missions join the two parties; roles agree with actors",
            Group::Style => "whitespace and special spaces, tag case, tracking parameters, missing publishers and dates, entity files in order",
            Group::Config => "relcheck.toml itself: unknown rules, exceptions without a reason or that accept nothing",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Group::Parse => "parse",
            Group::Schema => "schema",
            Group::Dates => "dates",
            Group::Citations => "citations",
            Group::References => "references",
            Group::Identity => "identity",
            Group::Style => "style",
            Group::Config => "config",
        }
    }
}

/// How loudly a rule reports: its default, or what relcheck.toml sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// Whether the problems a rule finds have a mechanical fix, and whether applying it keeps the data's
/// meaning. A rule offers its fix only where it can compute one (a close match, a certain reading),
/// so a fixable rule may still report some findings without a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixable {
    /// No mechanical fix: a person must decide.
    None,
    /// The fix keeps the meaning (sorting, filling a value that is known for certain).
    Safe,
    /// The fix may change the meaning (replacing a value, removing an entry).
    Unsafe,
    /// Safe for some findings, unsafe for others: a value rewritten in the notation the field takes
    /// is certain, a value read from words or a close match is a guess.
    Mixed,
}

impl Fixable {
    pub fn describe(self) -> &'static str {
        match self {
            Fixable::None => "none (a person must decide)",
            Fixable::Safe => "safe, where one can be computed (`--fix` applies it; it keeps the data's meaning)",
            Fixable::Unsafe => {
                "unsafe, where one can be computed (only `--fix --unsafe-fixes` applies it; it may change the data's meaning: review it)"
            }
            Fixable::Mixed => {
                "for some findings: safe where the corrected value is certain (`--fix` applies it), unsafe where it is a guess (only `--fix --unsafe-fixes` applies it: review it)"
            }
        }
    }

    /// The word docs/rules.md's table shows.
    pub fn name(self) -> &'static str {
        match self {
            Fixable::None => "–",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
            Fixable::Mixed => "safe or unsafe",
        }
    }

    /// Whether a fix of `applicability` is one this rule may offer.
    pub fn allows(self, applicability: crate::diagnostics::fix::Applicability) -> bool {
        use crate::diagnostics::fix::Applicability;
        matches!(
            (self, applicability),
            (Fixable::Safe, Applicability::Safe) | (Fixable::Unsafe, Applicability::Unsafe) | (Fixable::Mixed, _)
        )
    }
}

/// A rule's identity and documentation. Codes and names are stable: configurations and CI key on them.
/// The documentation is written once here and feeds `relcheck explain`, `relcheck rules`,
/// `docs/rules.md` and SARIF rule descriptions.
#[derive(Debug, serde::Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    #[serde(serialize_with = "group_name")]
    pub group: Group,
    /// The level it reports at unless relcheck.toml says otherwise.
    pub level: Level,
    pub fix: Fixable,
    /// What it does, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A fragment of data that it reports.
    pub example: &'static str,
    /// What to do about it.
    pub instead: &'static str,
}

fn group_name<S: serde::Serializer>(group: &Group, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(group.name())
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &parse::INVALID_JSON,
    &parse::DUPLICATE_KEY,
    &parse::INVALID_ENCODING,
    &schema::MISSING_REQUIRED_FIELD,
    &schema::UNKNOWN_FIELD,
    &schema::WRONG_TYPE,
    &schema::VALUE_NOT_ALLOWED,
    &schema::PATTERN_MISMATCH,
    &schema::NO_MATCHING_VARIANT,
    &schema::CONSTRAINT_VIOLATION,
    &schema_reference::RULE,
    &dates::invalid_date::RULE,
    &dates::date_in_future::RULE,
    &dates::retrieved_before_published::RULE,
    &dates::archived_before_published::RULE,
    &dates::archive_date_mismatch::RULE,
    &dates::events_out_of_order::RULE,
    &dates::source_predates_event::RULE,
    &dates::imprecise_access_date::RULE,
    &dates::implausible_early_date::RULE,
    &dates::entity_not_contemporary::RULE,
    &dates::inverted_interval::RULE,
    &dates::response_before_cause::RULE,
    &dates::event_id_date_mismatch::RULE,
    &citations::uncited_claim::RULE,
    &citations::uncited_quote::RULE,
    &citations::citation_needed_with_cite::RULE,
    &citations::citation_needed::RULE,
    &citations::duplicate_cite::RULE,
    &references::unresolved_cite::RULE,
    &references::unused_reference::RULE,
    &references::duplicate_reference_url::RULE,
    &references::unresolved_entity::RULE,
    &references::wrong_entity_kind::RULE,
    &references::generic_title::RULE,
    &references::invalid_url::RULE,
    &references::missing_url::RULE,
    &references::retrieved_without_url::RULE,
    &references::incomplete_archive::RULE,
    &references::malformed_archive_url::RULE,
    &references::archive_url_same_as_url::RULE,
    &references::archive_target_mismatch::RULE,
    &references::url_is_archive::RULE,
    &references::invalid_language::RULE,
    &references::unresolved_event::RULE,
    &references::redundant_original_language::RULE,
    &references::unused_entity::RULE,
    &identity::relation_id_mismatch::RULE,
    &identity::invalid_parties::RULE,
    &identity::duplicate_relation::RULE,
    &identity::duplicate_id::RULE,
    &identity::mission_not_between_parties::RULE,
    &identity::speaker_not_actor::RULE,
    &identity::duplicate_list_item::RULE,
    &identity::role_conflicts_with_actors::RULE,
    &identity::unlinked_third_party_event::RULE,
    &style::whitespace::RULE,
    &style::language_tag_case::RULE,
    &style::tracking_parameters::RULE,
    &style::missing_publisher::RULE,
    &style::missing_published_date::RULE,
    &style::quoted_quote::RULE,
    &style::special_space::RULE,
    &style::unsorted_entities::RULE,
    &config::unused_exception::RULE,
    &config::unknown_rule::RULE,
    &config::exception_without_reason::RULE,
];

/// The rules whose findings in a relation file depend on the entity files: what a change to an
/// entity file can cause in relations that were not changed.
pub static ENTITY_DEPENDENT: &[&Rule] = &[
    &references::unresolved_entity::RULE,
    &references::wrong_entity_kind::RULE,
    &dates::entity_not_contemporary::RULE,
];

/// Finds a rule by code (`R201`) or name (`invalid-date`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// Finds a group by name (`dates`).
pub fn find_group(name: &str) -> Option<Group> {
    Group::ALL.into_iter().find(|group| group.name() == name)
}

/// What a rule sees of one file.
pub struct FileContext<'a> {
    pub file: usize,
    /// The file name without `.json`, for rules that compare it with the content.
    pub stem: Option<&'a str>,
    pub text: &'a str,
    pub document: &'a Document,
    pub entities: &'a EntityIndex,
    pub today: NaiveDate,
    /// The `$schema` value this file should have (a path relative to the file), when the dataset has a schema folder.
    pub expected_schema: Option<&'a str>,
    /// The folder holding the file, which a relative `$schema` is resolved from.
    pub folder: Option<&'a std::path::Path>,
    /// Codes of the rules the configuration turns off: they are not run (their findings would be
    /// dropped), except the schema's, which one validation reports together.
    pub off: &'a [&'static str],
    /// What is left of this file's budget for "did you mean" searches.
    pub suggestions: suggest::Budget,
    /// What the checks of this file have found wrong so far (see `known`).
    pub known: known::Known,
    /// How many of the schema's errors are described in full; past them they are only counted
    /// (see `schema::check`).
    pub described: usize,
}

impl FileContext<'_> {
    /// Whether `rule` runs on this file.
    pub fn runs(&self, rule: &Rule) -> bool {
        !self.off.contains(&rule.code)
    }

    pub fn diagnostic(&self, rule: &'static Rule, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, self.file, pointer, message)
    }

    /// Edits of this file's text, for the fixes rules offer.
    pub fn edits(&self) -> crate::fix::edits::Source<'_> {
        crate::fix::edits::Source::new(self.text, self.document)
    }

    /// The span of the value at `pointer`.
    pub fn value_span(&self, pointer: &str) -> Option<Span> {
        self.document.locate(self.text, pointer).map(|found| found.value)
    }

    /// The span of the member name at `pointer` (for array items, the value).
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        self.document
            .locate(self.text, pointer)
            .map(|found| found.key.unwrap_or(found.value))
    }

    /// `describe_pointer`, plus the id of the nearest enclosing item that has one, so a contributor
    /// can find `references[9]` by the name they know it by.
    pub fn describe(&self, pointer: &str) -> String {
        let place = describe_pointer(pointer);
        let mut ancestor = Some(pointer);
        while let Some(at) = ancestor.filter(|at| !at.is_empty()) {
            let id = self
                .document
                .value
                .pointer(at)
                .and_then(|v| v.get("id"))
                .and_then(serde_json::Value::as_str);
            if let Some(id) = id {
                return format!("{place} (id {})", quote(id));
            }
            ancestor = crate::source::pointer::parent(at);
        }
        place
    }

    /// Where to point for a whole value: the value itself when it is a scalar or fits on one short
    /// line, otherwise its member name, or its opening bracket.
    pub fn value_anchor(&self, pointer: &str) -> Option<Span> {
        let found = self.document.locate(self.text, pointer)?;
        let scalar = !matches!(found.kind, NodeKind::Array | NodeKind::Object);
        let text = self.text.get(found.value.range())?;
        if scalar || (text.len() <= 80 && !text.contains('\n')) {
            return Some(found.value);
        }
        Some(found.key.unwrap_or(Span::new(found.value.start, found.value.start + 1)))
    }
}

/// Runs every semantic rule on one relation file.
pub fn check_relation(context: &FileContext, relation: &Relation, out: &mut Vec<Diagnostic>) {
    if context.runs(&schema_reference::RULE) {
        schema_reference::check(context, out);
    }
    dates::check(context, relation, out);
    citations::check(context, relation, out);
    references::check(context, relation, out);
    identity::check(context, relation, out);
    style::check(context, relation, out);
}

/// Runs every rule that applies to an entity file.
pub fn check_entities(context: &FileContext, entities: &EntityFile, out: &mut Vec<Diagnostic>) {
    if context.runs(&schema_reference::RULE) {
        schema_reference::check(context, out);
    }
    dates::check_entities(context, entities, out);
    if context.runs(&identity::duplicate_id::RULE) {
        identity::duplicate_id::check_unique(context, "entity", &entities.ids(), out);
    }
    if context.runs(&style::unsorted_entities::RULE) {
        style::unsorted_entities::check(context, entities, out);
    }
    if context.runs(&style::whitespace::RULE) {
        style::whitespace::check(context, out);
    }
    if context.runs(&style::special_space::RULE) {
        style::special_space::check(context, out);
    }
}

/// One finding per place: findings that underline exactly the same text are one problem seen by
/// several rules (a value the schema's pattern rejects and that resolves to no entity; a date in
/// the future that also makes its source look older than the event). The most useful one is kept:
/// a rule about the data's meaning over the schema's (it speaks the contributor's language), then
/// the more severe, then one with a fix, then the lower code. A schema finding's fix moves to the
/// finding kept when that one has none and its rule offers fixes of that kind; the kept finding notes what the others said, unless they
/// were the schema's words for the same thing.
pub fn one_finding_per_place(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.len() < 2 {
        return;
    }
    let rank = |d: &Diagnostic| {
        (
            d.rule.group != Group::Schema,
            d.severity,
            d.fix.is_some(),
            std::cmp::Reverse(d.rule.code),
        )
    };
    let mut order: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].primary.span.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                diagnostics[i].file,
                diagnostics[i].primary.span.map(|s| (s.start, s.end)),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| rank(&diagnostics[b]).cmp(&rank(&diagnostics[a])))
    });
    let mut dropped = vec![false; diagnostics.len()];
    let mut i = 0;
    while i < order.len() {
        let kept = order[i];
        let place = (diagnostics[kept].file, diagnostics[kept].primary.span);
        let mut j = i + 1;
        while j < order.len() && (diagnostics[order[j]].file, diagnostics[order[j]].primary.span) == place {
            let other = order[j];
            dropped[other] = true;
            let (message, fix, schema) = (
                diagnostics[other].message.clone(),
                diagnostics[other].fix.clone(),
                diagnostics[other].rule.group == Group::Schema,
            );
            let keeper = &mut diagnostics[kept];
            // The registry says which fixes a rule offers: a rule without one does not take the
            // schema's (`NO` lower-cased where a person belongs repairs the form, not the mistake).
            if keeper.fix.is_none() && fix.as_ref().is_some_and(|f| keeper.rule.fix.allows(f.applicability)) {
                keeper.fix = fix;
            }
            if !schema {
                keeper.notes.push(format!("also: {message}"));
            }
            j += 1;
        }
        i = j;
    }
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
}

/// A readable name for the thing at `pointer`, for messages: `events[3].date`.
pub fn describe_pointer(pointer: &str) -> String {
    let Some(tokens) = crate::source::pointer::tokens(pointer) else {
        return pointer.to_owned();
    };
    if tokens.is_empty() {
        return "the document".into();
    }
    let mut out = String::new();
    for token in tokens {
        if crate::source::pointer::array_index(&token).is_some() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&crate::diagnostics::escape::visible(&token));
        }
    }
    format!("`{out}`")
}

/// How many "did you mean" searches one file may run per rule: each compares a name with every
/// candidate, so a file with thousands of misspelt ids would otherwise cost their product.
pub const SUGGESTIONS_PER_FILE: usize = 100;

/// "twice", "3 times".
pub fn times(count: usize) -> String {
    if count == 2 {
        "twice".into()
    } else {
        format!("{count} times")
    }
}

/// Strings written as the items of a JSON array: `"a", "b"`.
pub fn json_items(values: &[&str]) -> String {
    values
        .iter()
        .map(|value| serde_json::Value::from(*value).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a reference is named in messages: "reference `abc`", or "this reference" when it has no id.
pub fn reference_name<'r>(reference: &'r crate::model::relation::Reference) -> ReferenceName<'r> {
    ReferenceName(reference)
}

/// How a message names a reference; written only when a message is (most references have no finding).
#[derive(Clone, Copy)]
pub struct ReferenceName<'r>(&'r crate::model::relation::Reference<'r>);

impl std::fmt::Display for ReferenceName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0.id {
            Some(id) => write!(f, "reference {}", quote(id.value)),
            None => f.write_str("this reference"),
        }
    }
}

/// How a message names a URL: the field of a reference, or a place given by its pointer.
#[derive(Clone, Copy)]
pub enum UrlName<'r> {
    Url(ReferenceName<'r>),
    Archived(ReferenceName<'r>),
    At(&'r str),
}

impl std::fmt::Display for UrlName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlName::Url(reference) => write!(f, "`url` of {reference}"),
            UrlName::Archived(reference) => write!(f, "`archived.url` of {reference}"),
            UrlName::At(at) => f.write_str(&describe_pointer(at)),
        }
    }
}

/// A data string shown inside a message: escaped and, when long, shortened.
pub fn quote(text: &str) -> String {
    let shown = crate::diagnostics::escape::visible(text);
    let mut chars = shown.chars();
    let short: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("`{short}…`")
    } else {
        format!("`{short}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_findable() {
        let mut codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        codes.sort_unstable();
        names.sort_unstable();
        codes.dedup();
        names.dedup();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            assert_eq!(find(rule.code).map(|r| r.name), Some(rule.name));
            assert_eq!(find(rule.name).map(|r| r.code), Some(rule.code));
            assert!(rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(
                !rule.summary.is_empty() && !rule.why.is_empty(),
                "{} lacks docs",
                rule.code
            );
            assert!(
                !rule.example.is_empty() && !rule.instead.is_empty(),
                "{} lacks docs",
                rule.code
            );
            assert_eq!(
                rule.code.chars().nth(1),
                Some(rule.group.digit()),
                "{} is in the wrong group",
                rule.code
            );
        }
    }

    #[test]
    fn codes_are_in_order() {
        let codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn pointers_read_as_paths() {
        assert_eq!(describe_pointer("/events/3/date"), "`events[3].date`");
        assert_eq!(describe_pointer(""), "the document");
        assert_eq!(describe_pointer("/a~1b"), "`a/b`");
    }
}
