//! Text edits for the fixes rules offer, built from the spans the parser recorded. Each touches
//! only the bytes it must: a removed item takes its separator with it, an inserted member copies
//! the indentation and line ending of its neighbours, reordered items keep their own text.

use crate::diagnostics::fix::Edit;
use crate::source::json::{Located, NodeKind};
use crate::source::{pointer, Document, Span};

/// A located document: what the edits are computed against.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub text: &'a str,
    pub document: &'a Document,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str, document: &'a Document) -> Self {
        Self { text, document }
    }

    /// Replaces the value at `at` with `json` (JSON text).
    pub fn replace_value(&self, at: &str, json: impl Into<String>) -> Option<Edit> {
        let found = self.document.locate(self.text, at)?;
        Some(Edit::replace(found.value, json))
    }

    /// Replaces the string at `at` with `value`, written as a JSON string.
    pub fn replace_string(&self, at: &str, value: &str) -> Option<Edit> {
        self.replace_value(at, json_string(value))
    }

    /// Renames the member at `at` to `name`.
    pub fn rename_key(&self, at: &str, name: &str) -> Option<Edit> {
        let key = self.document.locate(self.text, at)?.key?;
        Some(Edit::replace(key, json_string(name)))
    }

    /// Removes the member or item at `at`, with the separator and white space that go with it.
    pub fn remove(&self, at: &str) -> Option<Edit> {
        let parent = pointer::parent(at)?;
        let container = self.document.locate(self.text, parent)?;
        let members = self.document.members(self.text, parent)?;
        let target = self.document.locate(self.text, at)?;
        let i = members.iter().position(|m| m.value == target.value)?;
        let start = |m: &Located| m.key.map_or(m.value.start, |k| k.start);
        let span = if members.len() == 1 {
            // The only member: the container becomes empty (`[]`, `{}`).
            Span::new(container.value.start + 1, container.value.end - 1)
        } else if i + 1 < members.len() {
            Span::new(start(&members[i]), start(&members[i + 1]))
        } else {
            Span::new(members[i - 1].value.end, members[i].value.end)
        };
        Some(Edit::delete(span))
    }

    /// Inserts member `"name": json` into the object at `object`, after the member `after` (first
    /// when `None`), written like its neighbours: on its own line with their indentation, or on the
    /// same line when they share one.
    pub fn insert_member(&self, object: &str, after: Option<&str>, name: &str, json: &str) -> Option<Edit> {
        let container = self.document.locate(self.text, object)?;
        let members = self.document.members(self.text, object)?;
        let member = format!("{}: {json}", json_string(name));
        let newline = self.line_ending();
        let Some(first) = members.first() else {
            // An empty object: the member goes on a line of its own, one level in.
            let indent = self.indentation_at(container.value.start);
            let inner = format!("{indent}  ");
            let span = Span::new(container.value.start + 1, container.value.end - 1);
            return Some(Edit::replace(
                span,
                format!("{newline}{inner}{member}{newline}{indent}"),
            ));
        };
        let first_start = first.key.map_or(first.value.start, |k| k.start);
        // What goes between two members: the text between the first member's end and the second's
        // start when there are two, else a line break and the first member's indentation.
        let separator = match members.get(1) {
            Some(second) => {
                let second_start = second.key.map_or(second.value.start, |k| k.start);
                self.text.get(first.value.end..second_start)?.to_owned()
            }
            None if self.on_own_line(first_start) => format!(",{newline}{}", self.indentation_at(first_start)),
            None => ", ".to_owned(),
        };
        match after {
            None => Some(Edit::insert(first_start, format!("{member}{separator}"))),
            Some(name) => {
                let previous = self.document.locate(self.text, &pointer::child(object, name))?;
                Some(Edit::insert(previous.value.end, format!("{separator}{member}")))
            }
        }
    }

    /// Appends `json` to the array at `at`, written like its items: on a line of its own with
    /// their indentation when they have one, else after `, `.
    pub fn append_item(&self, at: &str, json: &str) -> Option<Edit> {
        let container = self.document.locate(self.text, at)?;
        if container.kind != NodeKind::Array {
            return None;
        }
        let items = self.document.members(self.text, at)?;
        let Some(last) = items.last() else {
            let inside = Span::new(container.value.start + 1, container.value.end - 1);
            return Some(Edit::replace(inside, json));
        };
        let separator = match items.len() {
            1 if self.on_own_line(last.value.start) => {
                format!(",{}{}", self.line_ending(), self.indentation_at(last.value.start))
            }
            1 => ", ".to_owned(),
            n => self.text.get(items[n - 2].value.end..last.value.start)?.to_owned(),
        };
        Some(Edit::insert(last.value.end, format!("{separator}{json}")))
    }

    /// An object of `members` (name and JSON text) written like the member at `at`, for
    /// `insert_member` after it: one member per line, one level deeper than that member, when the
    /// member is on a line of its own; else on one line.
    pub fn object_like(&self, at: &str, members: &[(&str, String)]) -> Option<String> {
        let found = self.document.locate(self.text, at)?;
        let start = found.key.map_or(found.value.start, |k| k.start);
        let written: Vec<String> = members
            .iter()
            .map(|(name, json)| format!("{}: {json}", json_string(name)))
            .collect();
        if !self.on_own_line(start) {
            return Some(format!("{{ {} }}", written.join(", ")));
        }
        let (newline, indent) = (self.line_ending(), self.indentation_at(start));
        let inner = format!("{newline}{indent}  ");
        Some(format!(
            "{{{inner}{}{newline}{indent}}}",
            written.join(&format!(",{inner}"))
        ))
    }

    /// Puts the items of the array at `at` in the order `order` gives (`order[i]` is the index of
    /// the item that goes to place `i`), each item's text moved as it is, separators left in place.
    pub fn reorder(&self, at: &str, order: &[usize]) -> Option<Vec<Edit>> {
        let items = self.document.members(self.text, at)?;
        if order.len() != items.len() {
            return None;
        }
        let edits = order
            .iter()
            .enumerate()
            .filter(|&(place, &from)| place != from)
            .map(|(place, &from)| Edit::replace(items[place].value, &self.text[items[from].value.range()]))
            .collect();
        Some(edits)
    }

    /// The white space between the start of the line holding `offset` and the first non-blank
    /// character of that line.
    fn indentation_at(&self, offset: usize) -> &str {
        let line_start = self.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = &self.text[line_start..];
        let end = line.find(|c: char| c != ' ' && c != '\t').unwrap_or(line.len());
        &line[..end]
    }

    fn on_own_line(&self, offset: usize) -> bool {
        let line_start = self.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        self.text[line_start..offset].chars().all(|c| c == ' ' || c == '\t')
    }

    /// The line ending the text uses (that of its first line).
    fn line_ending(&self) -> &'static str {
        match self.text.find(['\n', '\r']) {
            Some(i) if self.text[i..].starts_with("\r\n") => "\r\n",
            Some(i) if self.text[i..].starts_with('\r') => "\r",
            _ => "\n",
        }
    }
}

/// `value` as a JSON string literal, with only what JSON requires escaped (a Cyrillic title stays
/// Cyrillic).
pub fn json_string(value: &str) -> String {
    serde_json::Value::from(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::fix::Fix;
    use crate::source::json::parse;

    fn apply(text: &str, edit: impl FnOnce(Source) -> Option<Edit>) -> String {
        let document = parse(text, 0, Default::default()).unwrap();
        let edit = edit(Source::new(text, &document)).expect("an edit");
        Fix::safe("t", vec![edit]).unwrap().apply_to(text).unwrap()
    }

    #[test]
    fn removing_an_item_takes_its_separator() {
        let text = "{\n  \"cite\": [\n    \"a\",\n    \"b\",\n    \"c\"\n  ]\n}\n";
        assert_eq!(
            apply(text, |s| s.remove("/cite/0")),
            "{\n  \"cite\": [\n    \"b\",\n    \"c\"\n  ]\n}\n"
        );
        assert_eq!(
            apply(text, |s| s.remove("/cite/1")),
            "{\n  \"cite\": [\n    \"a\",\n    \"c\"\n  ]\n}\n"
        );
        assert_eq!(
            apply(text, |s| s.remove("/cite/2")),
            "{\n  \"cite\": [\n    \"a\",\n    \"b\"\n  ]\n}\n"
        );
        assert_eq!(apply("{\"a\": [1]}", |s| s.remove("/a/0")), "{\"a\": []}");
        assert_eq!(apply("{\"a\": 1, \"b\": 2}", |s| s.remove("/b")), "{\"a\": 1}");
        assert_eq!(apply("{\"a\": 1, \"b\": 2}", |s| s.remove("/a")), "{\"b\": 2}");
    }

    #[test]
    fn inserted_members_follow_their_neighbours() {
        let text = "{\r\n  \"id\": \"NO-UA\",\r\n  \"title\": \"x\"\r\n}";
        assert_eq!(
            apply(text, |s| s.insert_member("", None, "$schema", "\"s\"")),
            "{\r\n  \"$schema\": \"s\",\r\n  \"id\": \"NO-UA\",\r\n  \"title\": \"x\"\r\n}"
        );
        assert_eq!(
            apply(text, |s| s.insert_member("", Some("id"), "parties", "[]")),
            "{\r\n  \"id\": \"NO-UA\",\r\n  \"parties\": [],\r\n  \"title\": \"x\"\r\n}"
        );
        assert_eq!(
            apply("{\"a\": {}}", |s| s.insert_member("/a", None, "b", "1")),
            "{\"a\": {\n  \"b\": 1\n}}"
        );
        assert_eq!(
            apply("{\"a\": 1}", |s| s.insert_member("", Some("a"), "b", "2")),
            "{\"a\": 1, \"b\": 2}"
        );
        assert_eq!(
            apply("{\n    \"a\": 1\n}", |s| s.insert_member("", Some("a"), "b", "2")),
            "{\n    \"a\": 1,\n    \"b\": 2\n}"
        );
    }

    #[test]
    fn objects_are_written_like_their_neighbours() {
        let members = [("date", "\"2022-01-16\"".to_owned()), ("url", "\"u\"".to_owned())];
        let text = "{\r\n    \"url\": \"x\"\r\n}";
        let document = parse(text, 0, Default::default()).unwrap();
        assert_eq!(
            Source::new(text, &document).object_like("/url", &members).unwrap(),
            "{\r\n      \"date\": \"2022-01-16\",\r\n      \"url\": \"u\"\r\n    }"
        );
        let text = "{\"url\": \"x\"}";
        let document = parse(text, 0, Default::default()).unwrap();
        assert_eq!(
            Source::new(text, &document).object_like("/url", &members).unwrap(),
            "{ \"date\": \"2022-01-16\", \"url\": \"u\" }"
        );
    }

    #[test]
    fn appended_items_follow_their_neighbours() {
        let lines = "{\r\n  \"a\": [\r\n    \"x\",\r\n    \"y\"\r\n  ]\r\n}";
        assert_eq!(
            apply(lines, |s| s.append_item("/a", "\"z\"")),
            "{\r\n  \"a\": [\r\n    \"x\",\r\n    \"y\",\r\n    \"z\"\r\n  ]\r\n}"
        );
        assert_eq!(
            apply("{\"a\": [\n    \"x\"\n  ]}", |s| s.append_item("/a", "\"z\"")),
            "{\"a\": [\n    \"x\",\n    \"z\"\n  ]}"
        );
        assert_eq!(
            apply("{\"a\": [\"x\"]}", |s| s.append_item("/a", "1")),
            "{\"a\": [\"x\", 1]}"
        );
        assert_eq!(
            apply("{\"a\": [1,2]}", |s| s.append_item("/a", "3")),
            "{\"a\": [1,2,3]}"
        );
        assert_eq!(apply("{\"a\": []}", |s| s.append_item("/a", "1")), "{\"a\": [1]}");
        let document = parse("{\"a\": {}}", 0, Default::default()).unwrap();
        assert_eq!(Source::new("{\"a\": {}}", &document).append_item("/a", "1"), None);
    }

    #[test]
    fn renames_replacements_and_reorders_touch_only_their_tokens() {
        let text = "{ \"refrences\" : [ \"b\" ,\"a\" ] }";
        assert_eq!(
            apply(text, |s| s.rename_key("/refrences", "references")),
            "{ \"references\" : [ \"b\" ,\"a\" ] }"
        );
        assert_eq!(
            apply(text, |s| s.replace_string("/refrences/0", "Київ\"")),
            "{ \"refrences\" : [ \"Київ\\\"\" ,\"a\" ] }"
        );
        let document = parse(text, 0, Default::default()).unwrap();
        let edits = Source::new(text, &document).reorder("/refrences", &[1, 0]).unwrap();
        assert_eq!(
            Fix::safe("t", edits).unwrap().apply_to(text).unwrap(),
            "{ \"refrences\" : [ \"a\" ,\"b\" ] }"
        );
    }
}
