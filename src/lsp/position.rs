//! Byte offsets and the positions an editor speaks: a zero-based line and a character offset in
//! the line, counted in the code units of the negotiated encoding (UTF-16 unless the client offers
//! UTF-8). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol counts them.

use crate::source::lines::{floor_char_boundary, line_starts};

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

/// A zero-based line and character (in code units of an `Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Point {
    pub line: u32,
    pub character: u32,
}

/// Where each line of one text starts.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(line_starts(text));
        Self { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and to the start of the character that
    /// holds it).
    pub fn point(&self, offset: usize, encoding: Encoding) -> Point {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Point {
            line: saturate(line),
            character: saturate(character),
        }
    }

    /// The byte offset of a position. A line past the end is the end of the text; a character past
    /// the end of its line is the end of the line (before its line break), as the protocol says; a
    /// position inside a character (half of a surrogate pair, a byte of a UTF-8 sequence) is the
    /// start of that character.
    pub fn offset(&self, point: Point, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(point.line as usize) else {
            return self.text.len();
        };
        let end = self.line_end(point.line as usize);
        let line = &self.text[start..end];
        let wanted = point.character as usize;
        match encoding {
            Encoding::Utf8 => start + floor_char_boundary(line, wanted),
            Encoding::Utf16 => {
                let mut units = 0;
                for (at, ch) in line.char_indices() {
                    units += ch.len_utf16();
                    if units > wanted {
                        return start + at;
                    }
                }
                end
            }
        }
    }

    /// Where the content of line `line` ends: before its line break.
    fn line_end(&self, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        if next >= 2 && bytes[next - 2] == b'\r' && bytes[next - 1] == b'\n' {
            next - 2
        } else {
            next - 1
        }
    }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_in_the_negotiated_unit() {
        // "ø" is 2 bytes and 1 UTF-16 unit, "Київ" 8 bytes and 4 units, the emoji 4 bytes and 2 units.
        let text = "{\n  \"a\": \"Støre 🎉 Київ\", \"b\": \"NB\"\n}";
        let lines = Lines::new(text);
        let at = text.find("\"NB\"").unwrap();
        let utf16 = lines.point(at, Encoding::Utf16);
        let utf8 = lines.point(at, Encoding::Utf8);
        assert_eq!(utf16, Point { line: 1, character: 29 });
        assert_eq!(utf8, Point { line: 1, character: 36 });
        assert_eq!(lines.offset(utf16, Encoding::Utf16), at);
        assert_eq!(lines.offset(utf8, Encoding::Utf8), at);
    }

    #[test]
    fn positions_outside_the_text_or_inside_a_character_are_clamped() {
        let text = "a🎉b\r\nc\rd";
        let lines = Lines::new(text);
        // Between the two halves of the emoji's surrogate pair: the emoji's start.
        assert_eq!(lines.offset(Point { line: 0, character: 2 }, Encoding::Utf16), 1);
        assert_eq!(lines.offset(Point { line: 0, character: 3 }, Encoding::Utf16), 5);
        // Inside the emoji's UTF-8 bytes: its start.
        assert_eq!(lines.offset(Point { line: 0, character: 3 }, Encoding::Utf8), 1);
        // Past the end of a line: before its line break.
        assert_eq!(lines.offset(Point { line: 0, character: 99 }, Encoding::Utf16), 6);
        assert_eq!(lines.offset(Point { line: 1, character: 99 }, Encoding::Utf16), 9);
        assert_eq!(lines.offset(Point { line: 2, character: 1 }, Encoding::Utf16), 11);
        // Past the last line: the end of the text.
        assert_eq!(
            lines.offset(Point { line: 9, character: 0 }, Encoding::Utf16),
            text.len()
        );
        assert_eq!(lines.point(999, Encoding::Utf16), Point { line: 2, character: 1 });
        assert_eq!(lines.point(3, Encoding::Utf8), Point { line: 0, character: 1 });
    }
}
