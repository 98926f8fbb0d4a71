//! The protocol's edge: relcheck's values (byte spans, findings, edits, places) turned into the
//! protocol's types, and positions turned back into byte offsets, in the encoding the client
//! negotiated. Nothing else in the server sees an LSP type.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types as lsp;

use super::completion::{Item, ItemKind};
use super::navigation::{Place, Symbol, SymbolKind};
use super::position::{Encoding, Lines, Point};
use super::state::{Problem, Publication};
use crate::diagnostics::fix::Edit;
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::Rule;
use crate::source::Span;

/// What the conversions need to know of the session.
pub(crate) struct Edge {
    pub encoding: Encoding,
    /// docs/rules.md of the dataset, when it has one: where a finding's code links to.
    pub rule_docs: Option<String>,
    /// Whether the client takes `documentChanges` (versioned edits) in a workspace edit.
    pub document_changes: bool,
}

pub(crate) fn uri(text: &str) -> Option<lsp::Uri> {
    lsp::Uri::from_str(text).ok()
}

impl Edge {
    pub fn range(&self, lines: &Lines, span: Span) -> lsp::Range {
        lsp::Range {
            start: self.position(lines, span.start),
            end: self.position(lines, span.end),
        }
    }

    pub fn position(&self, lines: &Lines, offset: usize) -> lsp::Position {
        let Point { line, character } = lines.point(offset, self.encoding);
        lsp::Position { line, character }
    }

    pub fn offset(&self, lines: &Lines, position: lsp::Position) -> usize {
        let point = Point {
            line: position.line,
            character: position.character,
        };
        lines.offset(point, self.encoding)
    }

    /// A range of the protocol as a byte span (its ends in order).
    pub fn span(&self, lines: &Lines, range: lsp::Range) -> Span {
        let (a, b) = (self.offset(lines, range.start), self.offset(lines, range.end));
        Span::new(a.min(b), a.max(b))
    }

    /// The findings of one file, for `textDocument/publishDiagnostics`.
    pub fn publish(&self, publication: &Publication) -> Option<lsp::PublishDiagnosticsParams> {
        let uri = uri(&publication.uri)?;
        let lines = Lines::new(&publication.text);
        let mut diagnostics: Vec<lsp::Diagnostic> = publication
            .findings
            .iter()
            .map(|finding| self.diagnostic(&lines, &uri, finding))
            .collect();
        if let Some(problem) = &publication.problem {
            diagnostics.insert(0, self.problem(&lines, problem));
        }
        Some(lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: publication.version,
        })
    }

    /// One finding: its code, its message with its notes and help, its place and its witnesses.
    pub fn diagnostic(&self, lines: &Lines, uri: &lsp::Uri, finding: &Diagnostic) -> lsp::Diagnostic {
        let mut message = finding.message.clone();
        for note in &finding.notes {
            message.push_str(&format!("\nnote: {note}"));
        }
        if let Some(help) = &finding.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = finding
            .secondary
            .iter()
            .filter_map(|label| {
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location {
                        uri: uri.clone(),
                        range: self.range(lines, label.span?),
                    },
                    message: label.message.clone(),
                })
            })
            .collect();
        lsp::Diagnostic {
            range: self.range(lines, finding.primary.span.unwrap_or_default()),
            severity: Some(severity(finding.severity)),
            code: Some(lsp::NumberOrString::String(finding.rule.code.to_owned())),
            code_description: self.rule_link(finding.rule),
            source: Some("relcheck".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: tags(finding.rule),
            data: None,
        }
    }

    fn problem(&self, lines: &Lines, problem: &Problem) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: self.range(lines, problem.span),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("relcheck".to_owned()),
            message: problem.message.clone(),
            ..lsp::Diagnostic::default()
        }
    }

    /// The rule's section of docs/rules.md (the headings are the rule names).
    fn rule_link(&self, rule: &Rule) -> Option<lsp::CodeDescription> {
        let href = uri(&format!("{}#{}", self.rule_docs.as_ref()?, rule.name))?;
        Some(lsp::CodeDescription { href })
    }

    pub fn text_edit(&self, lines: &Lines, edit: &Edit) -> lsp::TextEdit {
        lsp::TextEdit {
            range: self.range(lines, edit.span),
            new_text: edit.replacement.clone(),
        }
    }

    /// Edits of several files as one workspace edit; versioned when the client takes that, so
    /// that an edit computed for an older text is refused rather than misapplied.
    #[expect(
        clippy::mutable_key_type,
        reason = "lsp-types keys `changes` by its `Uri`, which caches its parts; the keys are never changed"
    )]
    pub fn workspace_edit(&self, files: Vec<FileEdits>) -> lsp::WorkspaceEdit {
        if self.document_changes {
            let edits = files
                .into_iter()
                .filter_map(|file| {
                    Some(lsp::TextDocumentEdit {
                        text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                            uri: uri(&file.uri)?,
                            version: file.version,
                        },
                        edits: file.edits.into_iter().map(lsp::OneOf::Left).collect(),
                    })
                })
                .collect();
            return lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Edits(edits)),
                ..lsp::WorkspaceEdit::default()
            };
        }
        let changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = files
            .into_iter()
            .filter_map(|file| Some((uri(&file.uri)?, file.edits)))
            .collect();
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..lsp::WorkspaceEdit::default()
        }
    }

    /// Places in several files as locations; `text_of` gives each file's text.
    pub fn locations(
        &self,
        places: &[Place],
        texts: &BTreeMap<PathBuf, String>,
        uri_of: impl Fn(&Path) -> String,
    ) -> Vec<lsp::Location> {
        places
            .iter()
            .filter_map(|place| {
                let text = texts.get(&place.path)?;
                let lines = Lines::new(text);
                Some(lsp::Location {
                    uri: uri(&uri_of(&place.path))?,
                    range: self.range(&lines, place.span),
                })
            })
            .collect()
    }

    pub fn completion(&self, lines: &Lines, item: Item) -> lsp::CompletionItem {
        let kind = match item.kind {
            ItemKind::Property => lsp::CompletionItemKind::PROPERTY,
            ItemKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
            ItemKind::Reference => lsp::CompletionItemKind::REFERENCE,
            ItemKind::Event => lsp::CompletionItemKind::EVENT,
            ItemKind::Entity => lsp::CompletionItemKind::CONSTANT,
        };
        lsp::CompletionItem {
            label: item.label,
            kind: Some(kind),
            detail: item.detail,
            documentation: item.documentation.map(|value| {
                lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value,
                })
            }),
            sort_text: Some(item.sort),
            filter_text: Some(item.filter),
            insert_text_format: Some(if item.snippet {
                lsp::InsertTextFormat::SNIPPET
            } else {
                lsp::InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range: self.range(lines, item.replace),
                new_text: item.insert,
            })),
            ..lsp::CompletionItem::default()
        }
    }

    /// An outline entry, as the protocol's `DocumentSymbol` (written as JSON: the type has a
    /// deprecated member that cannot be left out).
    pub fn symbol(&self, lines: &Lines, symbol: &Symbol) -> serde_json::Value {
        let kind = match symbol.kind {
            SymbolKind::List => lsp::SymbolKind::ARRAY,
            SymbolKind::Event => lsp::SymbolKind::EVENT,
            SymbolKind::Reference => lsp::SymbolKind::KEY,
            SymbolKind::Mission => lsp::SymbolKind::OBJECT,
            SymbolKind::Entity => lsp::SymbolKind::CONSTANT,
        };
        let children: Vec<serde_json::Value> = symbol.children.iter().map(|c| self.symbol(lines, c)).collect();
        let mut out = serde_json::json!({
            "name": symbol.name,
            "kind": kind,
            "range": self.range(lines, symbol.span),
            "selectionRange": self.range(lines, symbol.selection),
            "children": children,
        });
        if let Some(detail) = &symbol.detail {
            out["detail"] = serde_json::Value::from(detail.as_str());
        }
        out
    }

    /// An outline flattened, for clients without hierarchical symbols.
    pub fn symbol_information(
        &self,
        lines: &Lines,
        uri: &str,
        symbols: &[Symbol],
        container: Option<&str>,
    ) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        for symbol in symbols {
            let mut flat = serde_json::json!({
                "name": symbol.name,
                "kind": self.symbol(lines, symbol)["kind"],
                "location": { "uri": uri, "range": self.range(lines, symbol.span) },
            });
            if let Some(container) = container {
                flat["containerName"] = serde_json::Value::from(container);
            }
            out.push(flat);
            out.extend(self.symbol_information(lines, uri, &symbol.children, Some(&symbol.name)));
        }
        out
    }
}

/// The edits of one file, with the version of the text they were computed for.
pub(crate) struct FileEdits {
    pub uri: String,
    pub version: Option<i32>,
    pub edits: Vec<lsp::TextEdit>,
}

/// Errors are errors and warnings warnings; `info` findings are real findings the command line
/// lists too, so they are Information (which editors list), not Hint (which many only underline).
fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The rules whose finding is text that can go: editors show it faded.
const UNNECESSARY: &[&str] = &[
    "unused-reference",
    "duplicate-cite",
    "duplicate-list-item",
    "redundant-original-language",
];

fn tags(rule: &Rule) -> Option<Vec<lsp::DiagnosticTag>> {
    UNNECESSARY
        .contains(&rule.name)
        .then(|| vec![lsp::DiagnosticTag::UNNECESSARY])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_tagged_unnecessary_exists() {
        for name in UNNECESSARY {
            assert!(crate::rules::find(name).is_some(), "{name} is not a rule");
        }
    }
}
