//! The one diagnostic model every rule produces and every renderer reads. Detection decides what is
//! wrong and where; the rule's own module words it; renderers only lay it out.

pub mod escape;
pub mod fix;

use crate::rules::Rule;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in the file with a short explanation. `span` is `None` when the place could not be found
/// (the renderer then labels the whole file instead of guessing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Option<Span>,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// Index of the file in the run's file list.
    pub file: usize,
    /// RFC 6901 pointer of the offending value (`""` for the whole document).
    pub pointer: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    /// Set when a relcheck.toml exception accepts this finding; it then counts for nothing.
    pub suppressed: Option<Suppression>,
    /// The edits that repair it, when a rule can say them for certain or plausibly.
    pub fix: Option<fix::Fix>,
}

/// Why a finding is accepted: the exception's reason and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suppression {
    pub reason: String,
    /// `relcheck.toml:12`
    pub config: String,
}

impl Diagnostic {
    /// The places it shows or changes: its labels, and its fix's edits (a report keeps the lines
    /// of these, to give every one a line and column).
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let labels = std::iter::once(&self.primary)
            .chain(&self.secondary)
            .map(|label| label.span.unwrap_or_default());
        labels.chain(self.fix.iter().flat_map(|fix| fix.edits.iter().map(|edit| edit.span)))
    }

    pub fn new(rule: &'static Rule, file: usize, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            // A rule that is off by default runs only when the configuration turns it on, at the
            // level it gives; this placeholder is replaced then.
            severity: rule.level.severity().unwrap_or(Severity::Warning),
            message: message.into(),
            file,
            pointer: pointer.into(),
            primary: Label {
                span: None,
                message: String::new(),
            },
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            suppressed: None,
            fix: None,
        }
    }

    pub fn primary(mut self, span: Option<Span>, message: impl Into<String>) -> Self {
        self.primary = Label {
            span,
            message: message.into(),
        };
        self
    }

    pub fn secondary(mut self, span: Option<Span>, message: impl Into<String>) -> Self {
        if span.is_some() {
            self.secondary.push(Label {
                span,
                message: message.into(),
            });
        }
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a fix (none when the rule could not state one).
    pub fn fix(mut self, fix: Option<fix::Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Escapes every text of the finding for printing (`Report::make_printable`). Line breaks are kept
    /// where they are layout (labels, notes, help); a message is one line.
    pub fn make_printable(&mut self) {
        escape::in_place(&mut self.message, escape::visible);
        for label in std::iter::once(&mut self.primary).chain(&mut self.secondary) {
            escape::in_place(&mut label.message, escape::visible_lines);
        }
        for note in &mut self.notes {
            escape::in_place(note, escape::visible_lines);
        }
        if let Some(help) = &mut self.help {
            escape::in_place(help, escape::visible_lines);
        }
        if let Some(fix) = &mut self.fix {
            escape::in_place(&mut fix.title, escape::visible);
        }
        if let Some(suppression) = &mut self.suppressed {
            escape::in_place(&mut suppression.reason, escape::visible_lines);
            escape::in_place(&mut suppression.config, escape::visible);
        }
    }

    /// The sort key that makes output deterministic: position, then rule code, then message.
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        let start = self.primary.span.map_or(0, |s| s.start);
        (self.file, start, self.rule.code, &self.message)
    }
}
