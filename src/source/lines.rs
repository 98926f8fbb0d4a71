//! Byte offsets to 1-based lines and columns. Columns count Unicode scalar values, as rustc and
//! codespan-reporting do, so the `file:line:col` a contributor reads matches what the editor shows.

/// Start offsets of every line of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based position in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The position of byte `offset`. An offset inside a multi-byte character, or past the end, is
    /// clamped to the character that holds it, or to the end of the text.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.starts[line];
        let column = text[line_start..offset].chars().count() + 1;
        Position { line: line + 1, column }
    }
}

/// The largest character boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest character boundary at or above `offset`.
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"Støre\": \"Київ\"\n}";
        let index = LineIndex::new(text);
        let offset = text.find("\"Київ\"").unwrap();
        assert_eq!(index.position(text, offset), Position { line: 2, column: 12 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, text.len()), Position { line: 3, column: 2 });
    }

    #[test]
    fn crlf_line_endings_keep_columns_right() {
        let text = "{\r\n  \"a\": 1\r\n}";
        let index = LineIndex::new(text);
        let offset = text.find('1').unwrap();
        assert_eq!(index.position(text, offset), Position { line: 2, column: 8 });
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "\"ø\"";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2), Position { line: 1, column: 2 });
        assert_eq!(index.position(text, 99), Position { line: 1, column: 4 });
    }
}
