//! Byte offsets to 1-based lines and columns. Columns count Unicode scalar values, as rustc and
//! codespan-reporting do, so the `file:line:col` a contributor reads matches what the editor shows.
//! A line ends at `\n`, `\r\n` or a lone `\r`, as editors and the Language Server Protocol count
//! them: a file saved with old Mac line endings is many lines, not one.

/// The offset where each line after the first starts (just after its line break), in order.
pub fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(move |at| match bytes[at] {
        // The `\n` of a `\r\n` ends the same line as its `\r`.
        b'\n' if at > 0 && bytes[at - 1] == b'\r' => None,
        b'\r' if bytes.get(at + 1) == Some(&b'\n') => Some(at + 2),
        _ => Some(at + 1),
    })
}

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
        starts.extend(line_starts(text));
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
    fn carriage_returns_alone_end_lines_too() {
        let text = "{\r  \"a\": 1,\r\n  \"b\": 2\n}";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, text.find('1').unwrap()),
            Position { line: 2, column: 8 }
        );
        assert_eq!(
            index.position(text, text.find('2').unwrap()),
            Position { line: 3, column: 8 }
        );
        assert_eq!(index.position(text, text.len()), Position { line: 4, column: 2 });
        assert_eq!(line_starts("a\r\rb\r\n").collect::<Vec<_>>(), vec![2, 3, 6]);
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "\"ø\"";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2), Position { line: 1, column: 2 });
        assert_eq!(index.position(text, 99), Position { line: 1, column: 4 });
    }
}
