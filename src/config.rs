//! relcheck.toml at the dataset root: rule levels by code, name or group, and exceptions that accept
//! one finding with a reason (JSON has no comments, so this is where a contributor says "I know").
//!
//! ```toml
//! [rules]
//! missing-url = "warning"     # by name
//! R605 = "off"                # by code
//! style = "warning"           # by group
//!
//! [[exception]]
//! file = "data/relations/NO-UA.json"
//! pointer = "/references/12"
//! rules = ["missing-publisher"]
//! reason = "the source gives no publisher for this reference"
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Suppression};
use crate::rules::{self, Group, Level, Rule};
use crate::source::lines::LineIndex;
use crate::source::{Excerpt, SourceFile, Span};

/// A problem that keeps the configuration from being read at all (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default, rename = "exception")]
    exceptions: Vec<Spanned<RawException>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    file: Spanned<String>,
    #[serde(default)]
    pointer: Option<Spanned<String>>,
    rules: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    reason: Option<Spanned<String>>,
}

/// What an entry of relcheck.toml names: one rule, or a whole group.
#[derive(Debug, Clone, Copy)]
pub enum Selector {
    Rule(&'static Rule),
    Group(Group),
}

impl Selector {
    fn parse(text: &str) -> Option<Selector> {
        rules::find(text)
            .map(Selector::Rule)
            .or_else(|| rules::find_group(text).map(Selector::Group))
    }

    fn matches(self, rule: &Rule) -> bool {
        match self {
            Selector::Rule(r) => std::ptr::eq(r, rule),
            Selector::Group(group) => rule.group == group,
        }
    }
}

/// One `[[exception]]`.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Relative to the dataset root, `/`-separated.
    pub file: String,
    pub pointer: String,
    pub rules: Vec<Selector>,
    pub reason: Option<String>,
    /// The whole entry, for diagnostics about it.
    pub span: Span,
    pub line: usize,
}

impl Exception {
    /// Whether it accepts a finding of `rule` at `pointer` in `file`: the pointer names the value or
    /// one of its ancestors.
    fn accepts(&self, file: &str, pointer: &str, rule: &Rule) -> bool {
        let under = self.pointer.is_empty()
            || pointer == self.pointer
            || pointer
                .strip_prefix(&self.pointer)
                .is_some_and(|rest| rest.starts_with('/'));
        file == self.file && under && self.rules.iter().any(|s| s.matches(rule))
    }
}

/// The configuration as read, with the problems found in it.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from, as shown to the user, and its text (for diagnostics).
    pub source: Option<SourceFile>,
    levels: Vec<(Selector, Level)>,
    pub exceptions: Vec<Exception>,
    /// Hygiene findings (unknown rules, exceptions without a reason), located in relcheck.toml.
    pub findings: Vec<ConfigFinding>,
}

/// A problem in relcheck.toml, found while reading it.
#[derive(Debug, Clone)]
pub struct ConfigFinding {
    pub rule: &'static Rule,
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
}

impl Config {
    pub fn parse(path: String, text: String) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(&text).map_err(|error| {
            let at = error.span().map_or(0, |span| span.start);
            let position = LineIndex::new(&text).position(&text, at);
            ConfigError {
                message: error.message().trim().replace('\n', " "),
                line: position.line,
                column: position.column,
            }
        })?;
        let mut config = Config::default();
        let locate = |span: std::ops::Range<usize>| Span::new(span.start, span.end);
        for (key, value) in &raw.rules {
            let Some(selector) = config.selector(key.get_ref(), locate(key.span())) else {
                continue;
            };
            let Some(level) = Level::parse(value.get_ref()) else {
                let position = LineIndex::new(&text).position(&text, value.span().start);
                return Err(ConfigError {
                    message: format!(
                        "`{}` is not a level; use \"error\", \"warning\", \"info\" or \"off\"",
                        value.get_ref()
                    ),
                    line: position.line,
                    column: position.column,
                });
            };
            config.levels.push((selector, level));
        }
        // A rule's own entry wins over its group's, whatever the order in the file.
        config
            .levels
            .sort_by_key(|(selector, _)| matches!(selector, Selector::Rule(_)));

        let index = LineIndex::new(&text);
        for entry in &raw.exceptions {
            let span = locate(entry.span());
            let exception = entry.get_ref();
            let mut selectors = Vec::new();
            for name in exception.rules.get_ref() {
                if let Some(selector) = config.selector(name.get_ref(), locate(name.span())) {
                    selectors.push(selector);
                }
            }
            let reason = exception
                .reason
                .as_ref()
                .map(|r| r.get_ref().trim().to_string())
                .filter(|r| !r.is_empty());
            if reason.is_none() {
                config.findings.push(ConfigFinding {
                    rule: &rules::config::exception_without_reason::RULE,
                    message: "this exception gives no reason".into(),
                    span: exception.reason.as_ref().map_or(span, |r| locate(r.span())),
                    label: "no `reason`".into(),
                    help: "add `reason = \"…\"` saying why the finding is accepted; until then the exception suppresses nothing".into(),
                });
            }
            config.exceptions.push(Exception {
                file: exception.file.get_ref().trim_start_matches("./").to_string(),
                pointer: exception
                    .pointer
                    .as_ref()
                    .map(|p| p.get_ref().clone())
                    .unwrap_or_default(),
                rules: selectors,
                reason,
                span,
                line: index.position(&text, span.start).line,
            });
        }
        config.source = Some(SourceFile {
            path,
            excerpt: Excerpt::whole(&text),
        });
        Ok(config)
    }

    fn selector(&mut self, name: &str, span: Span) -> Option<Selector> {
        let selector = Selector::parse(name);
        if selector.is_none() {
            let candidates = rules::ALL
                .iter()
                .map(|r| r.name)
                .chain(Group::ALL.iter().map(|g| g.name()));
            let help = match rules::schema::closest(name, candidates) {
                Some(near) => format!("did you mean `{near}`? `relcheck rules` lists every rule and group"),
                None => {
                    "use a rule code (R201), a rule name (invalid-date) or a group (dates); `relcheck rules` lists them"
                        .into()
                }
            };
            self.findings.push(ConfigFinding {
                rule: &rules::config::unknown_rule::RULE,
                message: format!("unknown rule `{}`", crate::diagnostics::escape::visible(name)),
                span,
                label: "no rule or group has this name".into(),
                help,
            });
        }
        selector
    }

    /// The level `rule` reports at: its own entry, else its group's, else its default.
    /// Codes of the rules this configuration turns off (some are off by default).
    pub fn off_rules(&self) -> Vec<&'static str> {
        rules::ALL
            .iter()
            .filter(|rule| self.level(rule).severity().is_none())
            .map(|rule| rule.code)
            .collect()
    }

    pub fn level(&self, rule: &Rule) -> Level {
        self.levels
            .iter()
            .rev()
            .find(|(selector, _)| selector.matches(rule))
            .map_or(rule.level, |&(_, level)| level)
    }

    /// Applies levels and exceptions to the findings of one file (`file` is its path relative to the
    /// dataset root): drops the findings of rules that are off, sets each finding's severity, marks
    /// the findings an exception accepts, and sets `used[i]` for each exception `i` that accepted one.
    pub fn apply_to_file(&self, diagnostics: &mut Vec<Diagnostic>, file: &str, used: &[AtomicBool]) {
        diagnostics.retain_mut(|d| {
            let Some(severity) = self.level(d.rule).severity() else {
                return false;
            };
            d.severity = severity;
            let accepted = self
                .exceptions
                .iter()
                .enumerate()
                .find(|(_, e)| e.reason.is_some() && e.accepts(file, &d.pointer, d.rule));
            if let Some((i, exception)) = accepted {
                if let Some(flag) = used.get(i) {
                    flag.store(true, Ordering::Relaxed);
                }
                let path = self.source.as_ref().map_or("relcheck.toml", |s| s.path.as_str());
                d.suppressed = Some(Suppression {
                    reason: exception.reason.clone().unwrap_or_default(),
                    config: format!("{path}:{}", exception.line),
                });
            }
            true
        });
    }

    /// One flag per exception, for `apply_to_file` to mark.
    pub fn exception_flags(&self) -> Vec<AtomicBool> {
        self.exceptions.iter().map(|_| AtomicBool::new(false)).collect()
    }

    /// The findings about relcheck.toml itself (file `config_file` of the run): its hygiene, and the
    /// exceptions for files of this run (`files`, relative to the dataset root) that accepted
    /// nothing (`used` as `apply_to_file` left it).
    pub fn own_findings(&self, used: &[AtomicBool], files: &[String], config_file: usize) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .findings
            .iter()
            .map(|f| {
                Diagnostic::new(f.rule, config_file, "", f.message.clone())
                    .primary(Some(f.span), f.label.clone())
                    .help(f.help.clone())
            })
            .collect();
        for (exception, used) in self.exceptions.iter().zip(used) {
            // An exception for a file outside this run (a pre-commit hook checks a few files) is not unused.
            if used.load(Ordering::Relaxed) || exception.reason.is_none() || !files.contains(&exception.file) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &rules::config::unused_exception::RULE,
                    config_file,
                    "",
                    format!("this exception for {} accepts no finding", exception.file),
                )
                .primary(Some(exception.span), "suppresses nothing")
                .help("the finding it was written for is gone (or the file, pointer or rules do not match it); remove the exception"),
            );
        }
        out.retain_mut(|d| match self.level(d.rule).severity() {
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Config {
        Config::parse("relcheck.toml".into(), text.into()).unwrap()
    }

    #[test]
    fn levels_by_code_name_and_group_with_the_rule_winning() {
        let config = parse("[rules]\nR201 = \"warning\"\ndates = \"off\"\nunused-reference = \"error\"\n");
        assert_eq!(config.level(&rules::dates::invalid_date::RULE), Level::Warning);
        assert_eq!(config.level(&rules::dates::date_in_future::RULE), Level::Off);
        assert_eq!(config.level(&rules::references::unused_reference::RULE), Level::Error);
        assert_eq!(config.level(&rules::citations::citation_needed::RULE), Level::Warning);
        assert!(config.findings.is_empty());
    }

    #[test]
    fn unknown_rules_and_missing_reasons_are_findings_with_spans() {
        let text = "[rules]\ninvalid-dat = \"off\"\n\n[[exception]]\nfile = \"a.json\"\nrules = [\"R201\"]\n";
        let config = parse(text);
        assert_eq!(config.findings.len(), 2);
        let unknown = &config.findings[0];
        assert_eq!(unknown.rule.name, "unknown-rule");
        assert_eq!(&text[unknown.span.range()], "invalid-dat");
        assert!(unknown.help.contains("did you mean `invalid-date`?"));
        assert_eq!(config.findings[1].rule.name, "exception-without-reason");
    }

    #[test]
    fn syntax_errors_and_bad_levels_cannot_run() {
        let error = Config::parse("relcheck.toml".into(), "[rules\n".into()).unwrap_err();
        assert_eq!(error.line, 1);
        let error = Config::parse("relcheck.toml".into(), "[rules]\nR201 = \"warn\"\n".into()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
        assert!(error.message.contains("`warn` is not a level"));
        let error = Config::parse("relcheck.toml".into(), "[rule]\n".into()).unwrap_err();
        assert!(error.message.contains("unknown field"), "{}", error.message);
    }

    #[test]
    fn exceptions_accept_findings_at_or_under_their_pointer() {
        let config = parse(
            "[[exception]]\nfile = \"data/relations/NO-UA.json\"\npointer = \"/references/12\"\nrules = [\"references\"]\nreason = \"known\"\n",
        );
        let exception = &config.exceptions[0];
        let rule = &rules::references::unused_reference::RULE;
        assert!(exception.accepts("data/relations/NO-UA.json", "/references/12/id", rule));
        assert!(exception.accepts("data/relations/NO-UA.json", "/references/12", rule));
        assert!(!exception.accepts("data/relations/NO-UA.json", "/references/120", rule));
        assert!(!exception.accepts(
            "data/relations/NO-UA.json",
            "/references/12",
            &rules::dates::invalid_date::RULE
        ));
        assert!(!exception.accepts("data/relations/UA-NO.json", "/references/12", rule));
    }
}
