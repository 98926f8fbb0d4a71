//! The answers to the editor's requests: each turns a position into a byte offset, asks a
//! feature module, and converts what it found at the edge.

use lsp_types as lsp;

use super::convert::{self, FileEdits};
use super::position::Lines;
use super::{actions, completion, hover, navigation, rename, Session, FIX_ALL};

impl Session {
    pub(super) fn code_action(
        &mut self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<Vec<lsp::CodeActionOrCommand>>, String> {
        let Some(path) = self.open_path(&params.text_document.uri) else {
            return Ok(None);
        };
        let Some(doc) = self.server.open.get(&path) else {
            return Ok(None);
        };
        let lines = Lines::new(&doc.text);
        let range = self.edge.span(&lines, params.range);
        let only = params.context.only;
        let wants = |kind: &str| {
            only.as_ref().is_none_or(|kinds| {
                kinds
                    .iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let uri = params.text_document.uri;
        let mut out = Vec::new();
        let one_file = |edits: Vec<lsp::TextEdit>| {
            self.edge.workspace_edit(vec![FileEdits {
                uri: doc.uri.clone(),
                version: Some(doc.version),
                edits,
            }])
        };
        if wants(lsp::CodeActionKind::QUICKFIX.as_str()) {
            for fix in actions::quick_fixes(&self.server, &path, range) {
                let edits = fix.edits.iter().map(|e| self.edge.text_edit(&lines, e)).collect();
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![self.edge.diagnostic(&lines, &uri, &doc.findings[fix.finding])]),
                    edit: Some(one_file(edits)),
                    is_preferred: Some(fix.preferred),
                    ..lsp::CodeAction::default()
                }));
            }
        }
        let fixable = doc.findings.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == crate::diagnostics::fix::Applicability::Safe)
        });
        if wants(FIX_ALL) && fixable {
            if let Some(edit) = actions::fix_all(&self.server, &path) {
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: "Fix all safe relcheck findings".to_owned(),
                    kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                    edit: Some(one_file(vec![self.edge.text_edit(&lines, &edit)])),
                    ..lsp::CodeAction::default()
                }));
            }
        }
        Ok(Some(out))
    }

    pub(super) fn definition(
        &mut self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>, String> {
        let Some((path, offset)) = self.locate(&params.text_document_position_params) else {
            return Ok(None);
        };
        let Some((origin, place)) = navigation::definition(&self.server, &path, offset) else {
            return Ok(None);
        };
        let (Some(source), Some(target)) = (self.server.text_of(&path), self.server.text_of(&place.path)) else {
            return Ok(None);
        };
        let (source, target) = (Lines::new(&source), Lines::new(&target));
        let Some(target_uri) = convert::uri(&self.server.uri_of(&place.path)) else {
            return Ok(None);
        };
        if self.client.definition_links {
            return Ok(Some(lsp::GotoDefinitionResponse::Link(vec![lsp::LocationLink {
                origin_selection_range: Some(self.edge.range(&source, origin)),
                target_uri,
                target_range: self.edge.range(&target, place.span),
                target_selection_range: self.edge.range(&target, place.selection),
            }])));
        }
        Ok(Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location {
            uri: target_uri,
            range: self.edge.range(&target, place.span),
        })))
    }

    pub(super) fn references(&mut self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>, String> {
        let Some((path, offset)) = self.locate(&params.text_document_position) else {
            return Ok(None);
        };
        let declaration = params.context.include_declaration;
        let (places, texts) = navigation::references(&self.server, &path, offset, declaration);
        let server = &self.server;
        Ok(Some(self.edge.locations(&places, &texts, |p| server.uri_of(p))))
    }

    pub(super) fn symbols(&mut self, params: lsp::DocumentSymbolParams) -> Result<serde_json::Value, String> {
        let Some(path) = self.open_path(&params.text_document.uri) else {
            return Ok(serde_json::Value::Null);
        };
        let Some(text) = self.server.text_of(&path) else {
            return Ok(serde_json::Value::Null);
        };
        let lines = Lines::new(&text);
        let symbols = navigation::symbols(&self.server, &path);
        if self.client.hierarchical_symbols {
            let nested: Vec<serde_json::Value> = symbols.iter().map(|s| self.edge.symbol(&lines, s)).collect();
            return Ok(serde_json::Value::from(nested));
        }
        let uri = params.text_document.uri.as_str().to_owned();
        Ok(serde_json::Value::from(
            self.edge.symbol_information(&lines, &uri, &symbols, None),
        ))
    }

    pub(super) fn completion(
        &mut self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>, String> {
        let Some((path, offset)) = self.locate(&params.text_document_position) else {
            return Ok(None);
        };
        let Some(doc) = self.server.open.get(&path) else {
            return Ok(None);
        };
        let lines = Lines::new(&doc.text);
        let items = completion::complete(&self.server, &path, offset, self.client.snippets)
            .into_iter()
            .map(|item| self.edge.completion(&lines, item))
            .collect();
        Ok(Some(lsp::CompletionResponse::Array(items)))
    }

    pub(super) fn hover(&mut self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>, String> {
        let Some((path, offset)) = self.locate(&params.text_document_position_params) else {
            return Ok(None);
        };
        let Some((span, markdown)) = hover::hover(&self.server, &path, offset) else {
            return Ok(None);
        };
        let Some(doc) = self.server.open.get(&path) else {
            return Ok(None);
        };
        Ok(Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(self.edge.range(&Lines::new(&doc.text), span)),
        }))
    }

    pub(super) fn prepare_rename(
        &mut self,
        params: lsp::TextDocumentPositionParams,
    ) -> Result<Option<lsp::PrepareRenameResponse>, String> {
        let Some((path, offset)) = self.locate(&params) else {
            return Ok(None);
        };
        let (span, placeholder) = rename::prepare(&self.server, &path, offset)?;
        let Some(doc) = self.server.open.get(&path) else {
            return Ok(None);
        };
        Ok(Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
            range: self.edge.range(&Lines::new(&doc.text), span),
            placeholder,
        }))
    }

    pub(super) fn rename(&mut self, params: lsp::RenameParams) -> Result<Option<lsp::WorkspaceEdit>, String> {
        let Some((path, offset)) = self.locate(&params.text_document_position) else {
            return Ok(None);
        };
        let (edits, texts) = rename::rename(&self.server, &path, offset, &params.new_name)?;
        let files = edits
            .into_iter()
            .filter_map(|(file, edits)| {
                let lines = Lines::new(texts.get(&file)?);
                Some(FileEdits {
                    uri: self.server.uri_of(&file),
                    version: self.server.open.get(&file).map(|doc| doc.version),
                    edits: edits.iter().map(|e| self.edge.text_edit(&lines, e)).collect(),
                })
            })
            .collect();
        Ok(Some(self.edge.workspace_edit(files)))
    }
}
