//! The lines of a file that its findings show. A report keeps these instead of whole texts, so its
//! memory follows the findings, not the size of the dataset.
//!
//! Offsets stay those of the whole file: a kept line knows where it started in the file, so a span
//! maps to the same line, column and snippet it had in the full text.

use super::lines::{ceil_char_boundary, floor_char_boundary, line_starts, Position};
use super::Span;

/// Kept lines of one file, each with its line break, in file order.
#[derive(Debug, Clone, Default)]
pub struct Excerpt {
    text: String,
    lines: Vec<KeptLine>,
    /// The length of the whole file, which spans are clamped to.
    len: usize,
}

#[derive(Debug, Clone)]
struct KeptLine {
    /// 0-based line number in the file.
    index: usize,
    /// Byte offset of the line in the file.
    start: usize,
    /// Byte offset of the line in the excerpt.
    at: usize,
    /// Byte length, line break included.
    len: usize,
    /// For long lines: `(byte offset in the line, characters before it)` every `CHECKPOINT` bytes
    /// or so, so the column of a place far along a minified line is found without counting the
    /// whole line again for every finding on it.
    checkpoints: Box<[(u32, u32)]>,
}

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 4096;

/// Lines after the start of a multi-line label that a snippet shows, and lines before its end
/// (codespan-reporting's default context).
const AFTER_START: usize = 3;
const BEFORE_END: usize = 1;

impl Excerpt {
    /// Every line of `text` (small files, such as relcheck.toml).
    pub fn whole(text: &str) -> Self {
        Self::new(text, std::iter::once(Span::new(0, text.len())), true)
    }

    /// The lines of `text` that show `spans`: the first and last lines of each, and for a span over
    /// several lines the context lines a snippet shows after its start and before its end.
    pub fn of_spans(text: &str, spans: impl IntoIterator<Item = Span>) -> Self {
        Self::new(text, spans, false)
    }

    fn new(text: &str, spans: impl IntoIterator<Item = Span>, every_line: bool) -> Self {
        let spans: Vec<Span> = spans.into_iter().collect();
        // Lines are counted only as far as the last place shown: most files are never indexed whole.
        let offsets: Vec<usize> = spans
            .iter()
            .flat_map(|span| [span.start, span.end.max(span.start)])
            .map(|offset| floor_char_boundary(text, offset.min(text.len())))
            .collect();
        let lines = lines_of(text, &offsets);
        let mut wanted: Vec<usize> = Vec::new();
        for pair in lines.chunks_exact(2) {
            let (first, last) = (pair[0], pair[1]);
            if every_line || last - first <= AFTER_START + BEFORE_END {
                wanted.extend(first..=last);
            } else {
                wanted.extend(first..=first + AFTER_START);
                wanted.extend(last - BEFORE_END..=last);
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        // A snippet shows the one line between two shown lines rather than a break.
        let gaps: Vec<usize> = wanted
            .windows(2)
            .filter(|w| w[1] == w[0] + 2)
            .map(|w| w[0] + 1)
            .collect();
        wanted.extend(gaps);
        wanted.sort_unstable();
        let mut excerpt = Excerpt {
            len: text.len(),
            ..Excerpt::default()
        };
        for (line, range) in line_ranges(text, &wanted) {
            excerpt.lines.push(KeptLine {
                index: line,
                start: range.start,
                at: excerpt.text.len(),
                len: range.len(),
                checkpoints: checkpoints(&text[range.clone()]),
            });
            excerpt.text.push_str(&text[range]);
        }
        excerpt
    }

    /// The kept lines, concatenated. Offsets into it come from [`Excerpt::offset`].
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The kept line that holds file offset `offset` (the end of the file belongs to the last line).
    fn line_at(&self, offset: usize) -> Option<&KeptLine> {
        let i = self.lines.partition_point(|line| line.start <= offset).checked_sub(1)?;
        let line = &self.lines[i];
        let end = line.start + line.len;
        (offset < end || (offset == end && end == self.len)).then_some(line)
    }

    /// Where file offset `offset` is in [`Excerpt::text`], if its line was kept.
    pub fn offset(&self, offset: usize) -> Option<usize> {
        let offset = offset.min(self.len);
        self.line_at(offset).map(|line| line.at + (offset - line.start))
    }

    /// `span` moved inside the file and onto character boundaries, as [`crate::report::clamp`] does
    /// with the whole text. A span whose lines were not kept (which the constructors rule out)
    /// becomes the start of the first kept line.
    pub fn clamp(&self, span: Span) -> Span {
        let start = span.start.min(self.len);
        let end = span.end.max(start).min(self.len);
        let (Some(first), Some(last)) = (self.line_at(start), self.line_at(end)) else {
            let start = self.lines.first().map_or(0, |line| line.start);
            return Span::new(start, start);
        };
        let start = floor_char_boundary(&self.text, first.at + (start - first.start)) - first.at + first.start;
        let end = ceil_char_boundary(&self.text, last.at + (end - last.start)) - last.at + last.start;
        Span::new(start, end.max(start))
    }

    /// The 1-based line and column of file offset `offset` (clamped as `LineIndex::position` does).
    pub fn position(&self, offset: usize) -> Option<Position> {
        let offset = offset.min(self.len);
        let line = self.line_at(offset)?;
        let at = floor_char_boundary(&self.text, line.at + (offset - line.start));
        let (from, before) = match line
            .checkpoints
            .partition_point(|&(byte, _)| line.at + byte as usize <= at)
        {
            0 => (line.at, 0),
            i => {
                let (byte, chars) = line.checkpoints[i - 1];
                (line.at + byte as usize, chars as usize)
            }
        };
        let column = before + self.text[from..at].chars().count() + 1;
        Some(Position {
            line: line.index + 1,
            column,
        })
    }

    /// The kept lines with 0-based indices in `lines`: each line's index, the file offset where it
    /// starts, and its text without the line break.
    pub fn kept_lines(
        &self,
        lines: std::ops::RangeInclusive<usize>,
    ) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        let from = self.lines.partition_point(|line| line.index < *lines.start());
        self.lines[from..]
            .iter()
            .take_while(move |line| line.index <= *lines.end())
            .map(|line| {
                let text = &self.text[line.at..line.at + line.len];
                let text = text.strip_suffix('\n').unwrap_or(text);
                let text = text.strip_suffix('\r').unwrap_or(text);
                (line.index, line.start, text)
            })
    }

    /// The 1-based line and 1-based column in UTF-8 bytes of file offset `offset` (clamped to a
    /// character boundary), for formats that count bytes.
    pub fn byte_position(&self, offset: usize) -> Option<(usize, usize)> {
        let offset = offset.min(self.len);
        let line = self.line_at(offset)?;
        let at = floor_char_boundary(&self.text, line.at + (offset - line.start));
        Some((line.index + 1, at - line.at + 1))
    }

    /// The 0-based file line that excerpt offset `at` lies on.
    pub fn line_index(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|line| line.at <= at).saturating_sub(1);
        self.lines.get(i).map_or(0, |line| line.index)
    }

    /// The excerpt range of file line `index`; empty for a line that was not kept (a snippet never
    /// shows such a line: see `AFTER_START`).
    pub fn line_range(&self, index: usize) -> std::ops::Range<usize> {
        match self.lines.binary_search_by_key(&index, |line| line.index) {
            Ok(i) => self.lines[i].at..self.lines[i].at + self.lines[i].len,
            Err(_) => 0..0,
        }
    }
}

/// Column checkpoints of one line (none for a line shorter than `CHECKPOINT`).
fn checkpoints(line: &str) -> Box<[(u32, u32)]> {
    if line.len() < CHECKPOINT {
        return Box::default();
    }
    let mut points = Vec::with_capacity(line.len() / CHECKPOINT);
    let (mut from, mut chars) = (0, 0);
    loop {
        let next = floor_char_boundary(line, from + CHECKPOINT);
        if next <= from || next >= line.len() {
            break;
        }
        chars += line[from..next].chars().count();
        // Excerpts hold lines of files under 4 GiB (the parser refuses larger texts).
        points.push((next as u32, chars as u32));
        from = next;
    }
    points.into_boxed_slice()
}

/// The 0-based line of each offset (in any order), counting line breaks only up to the largest.
fn lines_of(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut lines = vec![0; offsets.len()];
    // The iterator is lazy: lines are counted only as far as the largest offset.
    let mut starts = line_starts(text).peekable();
    let mut line = 0;
    for i in order {
        // A line holds the offsets from its start: count the lines that start at or before this offset.
        while starts.next_if(|&start| start <= offsets[i]).is_some() {
            line += 1;
        }
        lines[i] = line;
    }
    lines
}

/// The byte range of each of `wanted` (sorted 0-based lines) that exists, line break included.
fn line_ranges(text: &str, wanted: &[usize]) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut ranges = Vec::with_capacity(wanted.len());
    let mut wanted = wanted.iter().copied().peekable();
    let (mut line, mut start) = (0, 0);
    for next_start in line_starts(text) {
        let Some(&next) = wanted.peek() else { return ranges };
        if next == line {
            ranges.push((line, start..next_start));
            wanted.next();
        }
        line += 1;
        start = next_start;
    }
    // The last line, after the last line break (possibly empty).
    if wanted.peek() == Some(&line) {
        ranges.push((line, start..text.len()));
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::lines::LineIndex;

    fn text() -> String {
        (1..=40).map(|i| format!("line {i} «ø»\n")).collect()
    }

    #[test]
    fn positions_match_the_whole_text() {
        let text = text();
        let index = LineIndex::new(&text);
        let spans: Vec<Span> = [3usize, 120, 400]
            .iter()
            .map(|&s| Span::new(s, s + 5))
            .chain([Span::new(text.len(), text.len())])
            .collect();
        let excerpt = Excerpt::of_spans(&text, spans.iter().copied());
        for span in &spans {
            for offset in [span.start, span.end, span.start + 1] {
                assert_eq!(
                    excerpt.position(offset),
                    Some(index.position(&text, offset)),
                    "offset {offset}"
                );
            }
        }
        assert!(excerpt.text().len() < text.len() / 4);
    }

    #[test]
    fn clamped_spans_show_the_same_text() {
        let text = text();
        let span = Span::new(text.find("«ø»\nline 7").unwrap() + 1, text.find("line 30").unwrap() + 2);
        let excerpt = Excerpt::of_spans(&text, [span]);
        let clamped = excerpt.clamp(span);
        let whole = crate::report::clamp(&text, span);
        assert_eq!(clamped, whole);
        let start = excerpt.offset(clamped.start).unwrap();
        assert_eq!(&excerpt.text()[start..start + 4], &text[whole.start..whole.start + 4]);
        // Lines inside a long span that a snippet does not show are not kept.
        let line_15 = text.find("line 15 ").unwrap();
        assert_eq!(excerpt.offset(line_15), None);
        assert_eq!(excerpt.line_range(14), 0..0);
    }

    #[test]
    fn a_file_without_a_final_line_break() {
        let text = "{\n  \"a\": 1}";
        let excerpt = Excerpt::of_spans(text, [Span::new(text.len(), text.len())]);
        assert_eq!(excerpt.text(), "  \"a\": 1}");
        assert_eq!(excerpt.position(text.len()), Some(Position { line: 2, column: 10 }));
        assert_eq!(excerpt.position(0), None);
    }
}
