//! A finding's fix: the smallest text edits that repair it, and how sure relcheck is of them. The
//! rule that finds a problem builds its fix from the spans it already has; nothing is ever
//! re-serialised, so indentation, key order and line endings outside the edits stay as they are.

use crate::source::Span;

/// Whether a fix can be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Plausible, but it may change what the data says: applied only with `--unsafe-fixes`.
    Unsafe,
    /// The data's meaning is kept and the result is certain: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the text of `span` with `replacement` (an insertion when the span is empty, a deletion
/// when the replacement is).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::new(at, at), text)
    }
}

/// One or more edits that together repair one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in one line: "replace `NB` with `nb`".
    pub title: String,
    /// Sorted by position, none overlapping another.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix from `edits`, or `None` when they are empty or overlap (a fix a rule cannot state
    /// cleanly is not offered).
    pub fn new(applicability: Applicability, title: impl Into<String>, mut edits: Vec<Edit>) -> Option<Self> {
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let overlap = edits.windows(2).any(|pair| pair[0].span.end > pair[1].span.start);
        (!edits.is_empty() && !overlap).then(|| Self {
            applicability,
            title: title.into(),
            edits,
        })
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Option<Self> {
        Self::new(Applicability::Safe, title, edits)
    }

    pub fn unsafe_edit(title: impl Into<String>, edits: Vec<Edit>) -> Option<Self> {
        Self::new(Applicability::Unsafe, title, edits)
    }

    /// The place the fix covers, from its first edit to its last.
    pub fn extent(&self) -> Span {
        let start = self.edits.first().map_or(0, |e| e.span.start);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(start);
        Span::new(start, end)
    }

    /// `text` with the edits applied; `None` when an edit lies outside the text or off a
    /// character boundary.
    pub fn apply_to(&self, text: &str) -> Option<String> {
        apply_edits(text, self.edits.iter())
    }
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply_edits<'e>(text: &str, edits: impl Iterator<Item = &'e Edit>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for edit in edits {
        let Span { start, end } = edit.span;
        if start < from || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return None;
        }
        out.push_str(&text[from..start]);
        out.push_str(&edit.replacement);
        from = end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_overlaps_are_refused() {
        let text = "[\"NB\", \"x\"]";
        let fix = Fix::safe(
            "t",
            vec![
                Edit::replace(Span::new(8, 9), "y"),
                Edit::replace(Span::new(2, 4), "nb"),
            ],
        )
        .unwrap();
        assert_eq!(fix.apply_to(text).unwrap(), "[\"nb\", \"y\"]");
        assert_eq!(fix.extent(), Span::new(2, 9));
        assert!(Fix::safe("t", vec![Edit::delete(Span::new(1, 4)), Edit::delete(Span::new(3, 5))]).is_none());
        assert!(Fix::safe("t", vec![]).is_none());
        let outside = Fix::safe("t", vec![Edit::delete(Span::new(10, 20))]).unwrap();
        assert_eq!(outside.apply_to(text), None);
    }
}
