//! A strict JSON parser (RFC 8259) that builds the `serde_json::Value` the schema validator needs and,
//! in the same pass, a flat index of the byte span of every key and value.
//!
//! serde_json keeps no positions and silently keeps the last of two equal keys; this parser records
//! both, so every diagnostic can point at the exact text and duplicate keys become findings.

use std::sync::OnceLock;

use ahash::AHashMap as HashMap;

use serde_json::{Map, Number, Value};

use super::pointer;

/// A half-open byte range `start..end` in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A byte range in half the space of a `Span` (a file has one node per value): `parse` refuses
/// texts of 4 GiB and more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range32 {
    start: u32,
    end: u32,
}

impl Range32 {
    /// Stands for "no member name": no name can end at the largest offset.
    const NONE: Range32 = Range32 {
        start: u32::MAX,
        end: u32::MAX,
    };

    fn of(span: Span) -> Self {
        Self {
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// The longest text `parse` reads: every offset fits a `Range32` below `Range32::NONE`.
const MAX_TEXT: usize = u32::MAX as usize - 1;

/// One value in document order. Children of a container are linked through `next_sibling`.
#[derive(Debug, Clone, Copy)]
struct Node {
    span: Range32,
    /// The member name with its quotes, for values inside an object (`Range32::NONE` otherwise).
    key: Range32,
    parent: u32,
    first_child: u32,
    next_sibling: u32,
    /// Its position among its siblings.
    ordinal: u32,
    kind: NodeKind,
}

impl Node {
    fn span(&self) -> Span {
        self.span.span()
    }

    fn key(&self) -> Option<Span> {
        (self.key != Range32::NONE).then(|| self.key.span())
    }
}

/// Two members of one object with the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub name: String,
    pub first: Span,
    pub second: Span,
    /// The pointer of the object that holds both.
    pub object: String,
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub label: String,
    /// A second place that explains the error (the value a missing comma follows, an unclosed `[`).
    pub related: Option<(Span, String)>,
    pub help: Option<String>,
}

/// Limits that keep hostile input from exhausting the stack.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 128 }
    }
}

/// A parsed document: the value, the span of each of its parts, and the duplicate keys found.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    nodes: Vec<Node>,
    pub duplicates: Vec<DuplicateKey>,
    /// The members of large containers, so that looking up one of many members does not walk them
    /// all (a file with a million findings in one array must not take a million squared steps).
    /// Built on the first lookup: most files have no finding, and need none.
    large: OnceLock<HashMap<u32, Members>>,
    /// The containers that get an index.
    large_containers: Vec<u32>,
    /// The deepest nesting of arrays and objects in the file.
    pub depth: usize,
    /// The string values that may be unclean (see `maybe_unclean_strings`).
    unclean: Vec<u32>,
}

/// Containers with at least this many members get an index.
const LARGE: u32 = 16;

#[derive(Debug)]
struct Members {
    /// Every member's node, in order.
    nodes: Vec<u32>,
    /// For objects: the last member of each (decoded) name.
    by_name: HashMap<String, u32>,
}

/// Where a pointer leads in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub value: Span,
    pub key: Option<Span>,
    pub kind: NodeKind,
}

impl Document {
    /// The spans of the value at `pointer`; for duplicate keys, the last member (the one the value holds).
    pub fn locate(&self, text: &str, pointer: &str) -> Option<Located> {
        self.node_at(text, pointer).map(|index| self.located(index))
    }

    /// The members of the array or object at `pointer`, in order (every member of an object, also
    /// the earlier of two with one name); `None` when there is no container there.
    pub fn members(&self, text: &str, pointer: &str) -> Option<Vec<Located>> {
        let index = self.node_at(text, pointer)?;
        if !matches!(self.nodes[index as usize].kind, NodeKind::Array | NodeKind::Object) {
            return None;
        }
        Some(self.children(index).map(|child| self.located(child)).collect())
    }

    /// The whole document's value, to walk it member by member without building JSON Pointers.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef {
            document: self,
            index: 0,
        }
    }

    fn node_at(&self, text: &str, pointer: &str) -> Option<u32> {
        let tokens = pointer::tokens(pointer)?;
        let mut current = 0u32;
        for token in &tokens {
            let node = self.nodes.get(current as usize)?;
            current = match node.kind {
                NodeKind::Object => self.find_member(text, current, token)?,
                NodeKind::Array => self.nth_child(text, current, pointer::array_index(token)?)?,
                _ => return None,
            };
        }
        self.nodes.get(current as usize).map(|_| current)
    }

    fn located(&self, index: u32) -> Located {
        let node = &self.nodes[index as usize];
        Located {
            value: node.span(),
            key: node.key(),
            kind: node.kind,
        }
    }

    fn children(&self, parent: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.nodes[parent as usize].first_child;
        std::iter::successors((first != NONE).then_some(first), move |&i| {
            let next = self.nodes[i as usize].next_sibling;
            (next != NONE).then_some(next)
        })
    }

    fn find_member(&self, text: &str, object: u32, name: &str) -> Option<u32> {
        if let Some(members) = self.large(text).get(&object) {
            return members.by_name.get(name).copied();
        }
        self.children(object)
            .filter(|&child| {
                let key = self.nodes[child as usize].key().unwrap_or_default();
                key_equals(&text[key.range()], name)
            })
            .last()
    }

    fn nth_child(&self, text: &str, array: u32, n: usize) -> Option<u32> {
        if let Some(members) = self.large(text).get(&array) {
            return members.nodes.get(n).copied();
        }
        self.children(array).nth(n)
    }

    fn large(&self, text: &str) -> &HashMap<u32, Members> {
        self.large.get_or_init(|| self.index_large(text))
    }

    /// Indexes the members of every large container (`text` is the text the spans are offsets of).
    fn index_large(&self, text: &str) -> HashMap<u32, Members> {
        let mut large = HashMap::new();
        for &index in &self.large_containers {
            let nodes: Vec<u32> = self.children(index).collect();
            let mut by_name = HashMap::new();
            if self.nodes[index as usize].kind == NodeKind::Object {
                for &child in &nodes {
                    let key = self.nodes[child as usize].key().unwrap_or_default();
                    by_name.insert(decode_key(&text[key.range()]), child);
                }
            }
            large.insert(index, Members { nodes, by_name });
        }
        large
    }

    /// The JSON Pointer of node `index`, rebuilt by walking up through the parents.
    fn pointer_of(&self, text: &str, mut index: u32) -> String {
        let mut tokens = Vec::new();
        while let Some(node) = self.nodes.get(index as usize) {
            if node.parent == NONE {
                break;
            }
            match node.key() {
                Some(key) => tokens.push(decode_key(&text[key.range()])),
                None => tokens.push(node.ordinal.to_string()),
            }
            index = node.parent;
        }
        let mut out = String::new();
        for token in tokens.iter().rev() {
            pointer::push_token(&mut out, token);
        }
        out
    }

    /// The string values that may start or end with a blank or invisible character, or hold an
    /// invisible character or two spaces in a row, in document order. Found while parsing, so a rule
    /// about such text need not read every string again; the list may include clean strings, and
    /// every unclean string is in it.
    pub fn maybe_unclean_strings<'d>(&'d self, text: &'d str) -> impl Iterator<Item = StringValue<'d>> + 'd {
        self.unclean.iter().map(move |&node| StringValue {
            document: self,
            text,
            node,
        })
    }
}

/// One value of a parsed document, for walking it in document order.
#[derive(Clone, Copy)]
pub struct NodeRef<'d> {
    document: &'d Document,
    index: u32,
}

impl<'d> NodeRef<'d> {
    /// Its spans (value, and member name inside an object) and kind.
    pub fn located(self) -> Located {
        self.document.located(self.index)
    }

    /// The members of an array or object, in document order (both members of a duplicate name);
    /// nothing for a scalar.
    pub fn children(self) -> impl Iterator<Item = NodeRef<'d>> + 'd {
        let document = self.document;
        document
            .children(self.index)
            .map(move |index| NodeRef { document, index })
    }
}

/// A string value of a document.
pub struct StringValue<'d> {
    document: &'d Document,
    text: &'d str,
    node: u32,
}

impl<'d> StringValue<'d> {
    /// The text between the quotes when it has no escape, and so is the value itself.
    pub fn unescaped(&self) -> Option<&'d str> {
        let span = self.document.nodes[self.node as usize].span();
        let inner = self.text.get(span.start + 1..span.end - 1)?;
        (!inner.contains('\\')).then_some(inner)
    }

    /// Its JSON Pointer.
    pub fn pointer(&self) -> String {
        self.document.pointer_of(self.text, self.node)
    }
}

/// `text` cut to its first 40 characters, for messages about tokens that may be megabytes long.
fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Compares a raw member name (with quotes, possibly with escapes) to a decoded name.
fn key_equals(raw: &str, name: &str) -> bool {
    let inner = &raw[1..raw.len() - 1];
    if !inner.contains('\\') {
        return inner == name;
    }
    decode_key(raw) == name
}

fn decode_key(raw: &str) -> String {
    let mut parser = Parser::new(raw, Limits::default());
    parser.string::<false>().unwrap_or_default()
}

/// Parses `text` (already known to be UTF-8, without a byte-order mark; `offset` is where `text`
/// starts in the file so spans stay file offsets).
pub fn parse(text: &str, offset: usize, limits: Limits) -> Result<Document, Box<SyntaxError>> {
    if text.len() + offset > MAX_TEXT {
        return Err(Box::new(SyntaxError {
            message: format!(
                "the file is {} bytes, more than relcheck can index",
                text.len() + offset
            ),
            span: Span::new(offset, offset),
            label: "the file starts here".into(),
            related: None,
            help: Some(format!(
                "relcheck reads files of at most {MAX_TEXT} bytes; split the data"
            )),
        }));
    }
    let mut parser = Parser::new(text, limits);
    parser.skip_whitespace();
    if parser.pos == parser.bytes.len() {
        return Err(Box::new(SyntaxError {
            message: "the file contains no JSON value".into(),
            span: Span::new(offset + parser.pos, offset + parser.pos),
            label: "expected a JSON value here".into(),
            related: None,
            help: Some(
                "write the one JSON value the file should hold (a relation or entity file holds an object: `{ ... }`)"
                    .into(),
            ),
        }));
    }
    let result = parser.value().and_then(|value| {
        parser.skip_whitespace();
        if parser.pos < parser.bytes.len() {
            let span = parser.token_span();
            return Err(parser.error(
                span,
                format!("unexpected {} after the end of the JSON value", parser.describe(span)),
                "the document already ended",
                Some(
                    "a file holds exactly one JSON value; remove the extra text or wrap the values in an array".into(),
                ),
            ));
        }
        Ok(value)
    });
    let shift = |span: Span| Span::new(span.start + offset, span.end + offset);
    match result {
        Ok(value) => {
            let mut document = Document {
                value,
                nodes: parser.nodes,
                duplicates: Vec::new(),
                large: OnceLock::new(),
                large_containers: parser.large,
                depth: parser.deepest,
                unclean: parser.unclean,
            };
            for (object, first, second) in parser.duplicates {
                let key = document.nodes[second as usize].key().unwrap_or_default();
                let first_key = document.nodes[first as usize].key().unwrap_or_default();
                let duplicate = DuplicateKey {
                    name: decode_key(&text[key.range()]),
                    first: shift(first_key),
                    second: shift(key),
                    object: document.pointer_of(text, object),
                };
                document.duplicates.push(duplicate);
            }
            if offset != 0 {
                for node in &mut document.nodes {
                    node.span = Range32::of(shift(node.span()));
                    node.key = node.key().map_or(Range32::NONE, |key| Range32::of(shift(key)));
                }
            }
            Ok(document)
        }
        Err(mut error) => {
            error.span = shift(error.span);
            error.related = error.related.map(|(span, label)| (shift(span), label));
            Err(error)
        }
    }
}

/// Whether the container being parsed is an array or an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Array,
    Object,
}

/// A container whose members are being parsed.
struct Frame {
    kind: FrameKind,
    /// Its node.
    index: u32,
    opener: Span,
    items: Vec<Value>,
    map: Map<String, Value>,
    /// The last member's node, or `NONE`.
    previous: u32,
    /// How many members so far.
    count: u32,
    /// An object's last member, name to value, for "after this member" labels.
    last_value: Option<Span>,
    /// The comma after the last member, if any.
    comma: Option<Span>,
    /// The name (decoded) and start of the member whose value is being parsed.
    pending: Option<(String, usize)>,
    /// The node of the member being parsed.
    child: u32,
    /// Set at the first duplicate name: the first member of every name.
    first_by_name: Option<HashMap<String, u32>>,
}

impl Frame {
    fn take_value(&mut self) -> Value {
        match self.kind {
            FrameKind::Array => Value::Array(std::mem::take(&mut self.items)),
            FrameKind::Object => Value::Object(std::mem::take(&mut self.map)),
        }
    }
}

enum Step {
    /// The container needs another value; an object member's value has this key.
    Child(Option<Span>),
    /// The container is closed.
    Close,
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    limits: Limits,
    nodes: Vec<Node>,
    /// (object node, first member node, duplicate member node)
    duplicates: Vec<(u32, u32, u32)>,
    /// The deepest nesting seen.
    deepest: usize,
    /// Containers with at least `LARGE` members, in the order they closed.
    large: Vec<u32>,
    /// Whether the string `string` read last has an escape, or inside it a byte `string_special`
    /// marks.
    last_marked: bool,
    /// The string values that may be unclean, in document order.
    unclean: Vec<u32>,
}

type Parsed<T> = Result<T, Box<SyntaxError>>;

impl<'t> Parser<'t> {
    fn new(text: &'t str, limits: Limits) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            limits,
            // About one value per 16 bytes in the dataset's files: most never regrow the list.
            nodes: Vec::with_capacity(text.len() / 16),
            duplicates: Vec::new(),
            deepest: 0,
            large: Vec::new(),
            last_marked: false,
            unclean: Vec::new(),
        }
    }

    fn error(
        &self,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            message: message.into(),
            span,
            label: label.into(),
            related: None,
            help,
        })
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// A `//` or `/* */` comment at the current position, as the error it is: JSON has none.
    fn comment(&self) -> Option<Box<SyntaxError>> {
        let rest = &self.bytes[self.pos..];
        let length = if rest.starts_with(b"//") {
            rest.iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            rest.windows(2)
                .skip(2)
                .position(|w| w == b"*/")
                .map_or(rest.len(), |n| n + 4)
        } else {
            return None;
        };
        let end = super::lines::floor_char_boundary(self.text, self.pos + length);
        Some(self.error(
            Span::new(self.pos, end),
            "JSON does not allow comments",
            "a comment",
            Some("remove the comment; a note that belongs to the data goes in a field the schema defines".into()),
        ))
    }

    /// The span of the token that starts at the current position: a word, or one character.
    fn token_span(&self) -> Span {
        let start = self.pos;
        if self.bytes.get(start) == Some(&b'"') {
            // A whole string on this line, so a misplaced member name is underlined as a unit.
            let rest = &self.bytes[start + 1..];
            let close = rest
                .iter()
                .take(80)
                .position(|&b| b == b'"' || b == b'\\' || b == b'\n');
            if let Some(n) = close.filter(|&n| rest[n] == b'"') {
                return Span::new(start, start + n + 2);
            }
        }
        let word_end = self.bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'.')))
            .map_or(self.bytes.len(), |n| start + n);
        if word_end > start {
            return Span::new(start, word_end.min(start + 40));
        }
        let ch_len = self.text[start..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, start + ch_len)
    }

    fn describe(&self, span: Span) -> String {
        match self.text.get(span.range()) {
            None | Some("") => "end of file".into(),
            Some(token) => format!("`{}`", crate::diagnostics::escape::visible(token)),
        }
    }

    fn end_of_file(&self, opener: Span, what: &str) -> Box<SyntaxError> {
        let end = Span::new(self.bytes.len(), self.bytes.len());
        Box::new(SyntaxError {
            message: format!("unexpected end of file: the {what} is not closed"),
            span: end,
            label: "the file ends here".into(),
            related: Some((opener, format!("the {what} starts here"))),
            help: Some("the file may be truncated; close every `{`, `[` and `\"`".into()),
        })
    }

    fn push_node(&mut self, parent: u32, key: Option<Span>, kind: NodeKind, start: usize) -> u32 {
        let index = self.nodes.len() as u32;
        self.nodes.push(Node {
            span: Range32::of(Span::new(start, start)),
            key: key.map_or(Range32::NONE, Range32::of),
            parent,
            first_child: NONE,
            next_sibling: NONE,
            ordinal: 0,
            kind,
        });
        index
    }

    /// Parses one value and everything inside it. Containers are kept on an explicit stack instead of
    /// the call stack, so nesting depth costs heap, never stack: `--max-depth` is the only bound.
    fn value(&mut self) -> Parsed<Value> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut key: Option<Span> = None;
        loop {
            let parent = stack.last().map_or(NONE, |frame| frame.index);
            if let Some(value) = self.start_value(&mut stack, parent, key)? {
                let Some(frame) = stack.last_mut() else {
                    return Ok(value);
                };
                self.attach(frame, value);
            }
            // Step the innermost container: it needs another child, or it closes and its value goes
            // to its own container.
            loop {
                let Some(frame) = stack.last_mut() else {
                    return Ok(Value::Null);
                };
                let step = match frame.kind {
                    FrameKind::Array => self.array_step(frame)?,
                    FrameKind::Object => self.object_step(frame)?,
                };
                match step {
                    Step::Child(child_key) => {
                        frame.child = self.nodes.len() as u32;
                        key = child_key;
                        break;
                    }
                    Step::Close => {
                        self.nodes[frame.index as usize].span.end = self.pos as u32;
                        if frame.count >= LARGE {
                            self.large.push(frame.index);
                        }
                        // Taken out in place: frames are large, and moving them out costs.
                        let value = frame.take_value();
                        stack.truncate(stack.len() - 1);
                        self.deepest = self.deepest.max(stack.len() + 1);
                        let Some(frame) = stack.last_mut() else {
                            return Ok(value);
                        };
                        self.attach(frame, value);
                    }
                }
            }
        }
    }

    /// Parses a scalar, or opens a container on `stack` (its members are parsed by the caller's
    /// loop) and gives `None`.
    fn start_value(&mut self, stack: &mut Vec<Frame>, parent: u32, key: Option<Span>) -> Parsed<Option<Value>> {
        let depth = stack.len();
        let start = self.pos;
        let Some(byte) = self.peek() else {
            let end = Span::new(start, start);
            return Err(self.error(
                end,
                "unexpected end of file: expected a value",
                "expected a value here",
                None,
            ));
        };
        let (kind, value) = match byte {
            b'{' | b'[' => {
                if depth >= self.limits.max_depth {
                    let limit = self.limits.max_depth;
                    return Err(self.error(
                        Span::new(start, start + 1),
                        format!("nesting too deep: more than {limit} levels of arrays and objects"),
                        format!("level {} starts here", depth + 1),
                        Some(format!(
                            "relcheck reads at most {limit} nested levels (`--max-depth`); flatten the data"
                        )),
                    ));
                }
                let (kind, frame_kind) = if byte == b'{' {
                    (NodeKind::Object, FrameKind::Object)
                } else {
                    (NodeKind::Array, FrameKind::Array)
                };
                let index = self.push_node(parent, key, kind, start);
                self.pos += 1;
                stack.push(Frame {
                    kind: frame_kind,
                    index,
                    opener: Span::new(start, start + 1),
                    items: Vec::new(),
                    map: Map::new(),
                    previous: NONE,
                    count: 0,
                    last_value: None,
                    comma: None,
                    pending: None,
                    child: NONE,
                    first_by_name: None,
                });
                return Ok(None);
            }
            b'"' => (NodeKind::String, Value::String(self.string::<true>()?)),
            b'-' | b'0'..=b'9' => (NodeKind::Number, self.number()?),
            b't' if self.bytes[start..].starts_with(b"true") => {
                self.pos += 4;
                (NodeKind::Bool, Value::Bool(true))
            }
            b'f' if self.bytes[start..].starts_with(b"false") => {
                self.pos += 5;
                (NodeKind::Bool, Value::Bool(false))
            }
            b'n' if self.bytes[start..].starts_with(b"null") => {
                self.pos += 4;
                (NodeKind::Null, Value::Null)
            }
            _ => {
                if let Some(comment) = self.comment() {
                    return Err(comment);
                }
                let span = self.token_span();
                let found = self.describe(span);
                let help = match &self.text[span.range()] {
                    "'" => Some("JSON strings use double quotes `\"`".to_string()),
                    "True" | "False" | "None" | "NULL" | "Null" | "TRUE" | "FALSE" => {
                        Some("JSON literals are lower-case: `true`, `false`, `null`".to_string())
                    }
                    "/" => Some("JSON has no comments".to_string()),
                    _ => None,
                };
                return Err(self.error(
                    span,
                    format!("expected a JSON value, found {found}"),
                    "not a JSON value",
                    help,
                ));
            }
        };
        let index = self.push_node(parent, key, kind, start);
        self.nodes[index as usize].span.end = self.pos as u32;
        if kind == NodeKind::String && (self.last_marked || has_blank_end(&self.bytes[start + 1..self.pos - 1])) {
            self.unclean.push(index);
        }
        Ok(Some(value))
    }

    /// Adds a finished child value to its container, then reads the comma that may follow it.
    fn attach(&mut self, frame: &mut Frame, value: Value) {
        let child = frame.child;
        if frame.previous == NONE {
            self.nodes[frame.index as usize].first_child = child;
        } else {
            self.nodes[frame.previous as usize].next_sibling = child;
        }
        frame.previous = child;
        self.nodes[child as usize].ordinal = frame.count;
        frame.count = frame.count.saturating_add(1);
        match frame.kind {
            FrameKind::Array => frame.items.push(value),
            FrameKind::Object => {
                if let Some((name, key_start)) = frame.pending.take() {
                    frame.last_value = Some(Span::new(key_start, self.pos));
                    match &mut frame.first_by_name {
                        // After a first duplicate, every name is indexed, so that finding the
                        // earlier member stays cheap however many duplicates follow.
                        Some(index) => {
                            let first = *index.entry(name.clone()).or_insert(child);
                            if frame.map.insert(name, value).is_some() {
                                self.duplicates.push((frame.index, first, child));
                            }
                        }
                        None => {
                            if frame.map.insert(name, value).is_some() {
                                let index = self.first_members(frame.index, child);
                                let key = self.nodes[child as usize].key().unwrap_or_default();
                                let first = index.get(&decode_key(&self.text[key.range()])).copied();
                                self.duplicates.push((frame.index, first.unwrap_or(child), child));
                                frame.first_by_name = Some(index);
                            }
                        }
                    }
                }
            }
        }
        self.skip_whitespace();
        frame.comma = None;
        if self.peek() == Some(b',') {
            frame.comma = Some(Span::new(self.pos, self.pos + 1));
            self.pos += 1;
        }
    }

    fn array_step(&mut self, frame: &mut Frame) -> Parsed<Step> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.end_of_file(frame.opener, "array")),
            Some(b']') if frame.comma.is_none() => {
                self.pos += 1;
                Ok(Step::Close)
            }
            Some(b']') => Err(Box::new(SyntaxError {
                message: "trailing comma before `]`".into(),
                span: frame.comma.unwrap_or(frame.opener),
                label: "this comma is followed by no item".into(),
                related: None,
                help: Some("remove the comma after the last item".into()),
            })),
            Some(_) if !frame.items.is_empty() && frame.comma.is_none() => {
                let span = self.token_span();
                let found = self.describe(span);
                let mut error = self.error(
                    span,
                    format!("expected `,` or `]` after an array item, found {found}"),
                    "expected `,` or `]` here",
                    Some("add a comma between the two items".into()),
                );
                let last = self.nodes[frame.previous as usize].span();
                error.related = Some((last, "after this item".into()));
                Err(error)
            }
            Some(_) => Ok(Step::Child(None)),
        }
    }

    fn object_step(&mut self, frame: &mut Frame) -> Parsed<Step> {
        self.skip_whitespace();
        let empty = frame.map.is_empty() && frame.previous == NONE;
        match self.peek() {
            None => return Err(self.end_of_file(frame.opener, "object")),
            Some(b'}') if empty || frame.comma.is_none() && frame.last_value.is_some() => {
                self.pos += 1;
                return Ok(Step::Close);
            }
            Some(b'}') => {
                let comma = frame.comma.unwrap_or(frame.opener);
                return Err(Box::new(SyntaxError {
                    message: "trailing comma before `}`".into(),
                    span: comma,
                    label: "this comma is followed by no member".into(),
                    related: None,
                    help: Some("remove the comma after the last member".into()),
                }));
            }
            Some(b'"') if frame.comma.is_some() || frame.last_value.is_none() => {}
            Some(_) => {
                if let Some(comment) = self.comment() {
                    return Err(comment);
                }
                let span = self.token_span();
                let found = self.describe(span);
                let (message, label, help) = if frame.last_value.is_some() && frame.comma.is_none() {
                    let message = format!("expected `,` or `}}` after an object member, found {found}");
                    (
                        message,
                        "expected `,` or `}` here",
                        Some("add a comma between the two members".to_string()),
                    )
                } else {
                    let message = format!("expected a member name in double quotes, found {found}");
                    (
                        message,
                        "expected `\"name\"` here",
                        Some("member names are strings: `\"name\": value`".to_string()),
                    )
                };
                let mut error = self.error(span, message, label, help);
                if let (Some(after), None) = (frame.last_value, frame.comma) {
                    error.related = Some((after, "after this member".into()));
                }
                return Err(error);
            }
        }
        let key_start = self.pos;
        let name = self.string::<false>()?;
        let key_span = Span::new(key_start, self.pos);
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            let span = if self.pos == self.bytes.len() {
                Span::new(self.pos, self.pos)
            } else {
                self.token_span()
            };
            let found = self.describe(span);
            let mut error = self.error(
                span,
                format!("expected `:` after the member name, found {found}"),
                "expected `:` here",
                None,
            );
            error.related = Some((key_span, "after this name".into()));
            return Err(error);
        }
        self.pos += 1;
        self.skip_whitespace();
        frame.pending = Some((name, key_start));
        Ok(Step::Child(Some(key_span)))
    }

    /// The first member of each name among the members of `object` before `before`.
    fn first_members(&self, object: u32, before: u32) -> HashMap<String, u32> {
        let mut index = HashMap::new();
        let mut child = self.nodes[object as usize].first_child;
        while child != NONE && child != before {
            let key = self.nodes[child as usize].key().unwrap_or_default();
            index.entry(decode_key(&self.text[key.range()])).or_insert(child);
            child = self.nodes[child as usize].next_sibling;
        }
        index
    }

    /// Parses a string starting at the opening quote. With `MARK` (for values; member names are not
    /// inspected), also sets `last_marked` when the string has an escape or `string_special` marks it.
    fn string<const MARK: bool>(&mut self) -> Parsed<String> {
        let opener = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chunk_start = self.pos;
        let mut marks = 0;
        loop {
            let rest = &self.bytes[self.pos..];
            let Some(offset) = string_special::<MARK>(rest, &mut marks) else {
                return Err(self.end_of_file(Span::new(opener, opener + 1), "string"));
            };
            self.pos += offset;
            match self.bytes[self.pos] {
                b'"' => {
                    let chunk = &self.text[chunk_start..self.pos];
                    self.last_marked = marks != 0;
                    self.pos += 1;
                    // Most strings have no escape: one allocation of the right size.
                    if out.is_empty() {
                        return Ok(chunk.to_owned());
                    }
                    out.push_str(chunk);
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.escape(&mut out)?;
                    // An escape may stand for any character, blank or invisible.
                    marks |= 1;
                    chunk_start = self.pos;
                }
                b'\n' | b'\r' => {
                    // Underline the string up to the end of its line: a span across the line break
                    // would draw the whole next line as part of the problem.
                    return Err(self.error(
                        Span::new(opener, self.pos),
                        "string not closed before the end of the line",
                        "this string is not closed",
                        Some("close it with `\"` on this line, or write a line break inside it as `\\n`".into()),
                    ));
                }
                control => {
                    let span = Span::new(self.pos, self.pos + 1);
                    let message = format!("control character U+{control:04X} inside a string");
                    let help = format!("write it escaped, as `\\u{control:04x}`, or remove it");
                    let mut error = self.error(span, message, "not allowed unescaped", Some(help));
                    error.related = Some((Span::new(opener, opener + 1), "the string starts here".into()));
                    return Err(error);
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Parsed<()> {
        let start = self.pos;
        let Some(&kind) = self.bytes.get(start + 1) else {
            return Err(self.end_of_file(Span::new(start, start + 1), "string"));
        };
        self.pos += 2;
        let simple = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start, out),
            _ => {
                let len = self.text[start + 1..].chars().next().map_or(1, char::len_utf8);
                let span = Span::new(start, start + 1 + len);
                self.pos = start;
                let shown = crate::diagnostics::escape::visible(&self.text[span.range()]);
                return Err(self.error(
                    span,
                    format!("invalid escape `{shown}` in a string"),
                    "not a JSON escape",
                    Some(
                        "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as `\\\\`"
                            .into(),
                    ),
                ));
            }
        };
        out.push(simple);
        Ok(())
    }

    fn hex4(&self, at: usize) -> Option<u16> {
        let digits = self.bytes.get(at..at + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u16::from_str_radix(text, 16).ok()
    }

    fn unicode_escape(&mut self, start: usize, out: &mut String) -> Parsed<()> {
        let bad_escape = |parser: &Self| {
            let end = (start + 6).min(parser.bytes.len());
            let end = super::lines::floor_char_boundary(parser.text, end);
            parser.error(
                Span::new(start, end),
                "invalid `\\u` escape: expected four hexadecimal digits",
                "not a valid escape",
                Some("write a code point as `\\u` followed by four hex digits, e.g. `\\u00f8`".into()),
            )
        };
        let Some(high) = self.hex4(start + 2) else {
            return Err(bad_escape(self));
        };
        self.pos = start + 6;
        let lone = |parser: &Self, span: Span, unit: u16| {
            parser.error(
                span,
                format!("lone surrogate `\\u{unit:04x}` in a string"),
                "not a character on its own",
                Some(
                    "a surrogate must be part of a pair (`\\ud83d\\ude00`); write the character itself instead".into(),
                ),
            )
        };
        match high {
            0xD800..=0xDBFF => {
                let low = (self.bytes.get(start + 6..start + 8) == Some(b"\\u"))
                    .then(|| self.hex4(start + 8))
                    .flatten();
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                        self.pos = start + 12;
                        Ok(())
                    }
                    _ => Err(lone(self, Span::new(start, start + 6), high)),
                }
            }
            0xDC00..=0xDFFF => Err(lone(self, Span::new(start, start + 6), high)),
            _ => {
                out.push(char::from_u32(u32::from(high)).unwrap_or(char::REPLACEMENT_CHARACTER));
                Ok(())
            }
        }
    }

    fn number(&mut self) -> Parsed<Value> {
        let start = self.pos;
        let bytes = self.bytes;
        let mut pos = start;
        let invalid = |parser: &Self, end: usize, why: &str| {
            let end = super::lines::ceil_char_boundary(parser.text, end.max(start + 1));
            let span = Span::new(start, end);
            let visible = crate::diagnostics::escape::visible(&parser.text[span.range()]);
            let shown = shorten(&visible);
            parser.error(
                span,
                format!("invalid number `{shown}`: {why}"),
                "not a JSON number",
                Some("JSON numbers look like `12`, `-0.5` or `1e6`: no leading zeros, `+`, or bare `.`".into()),
            )
        };
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        match bytes.get(pos) {
            Some(b'0') => {
                pos += 1;
                if bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                    let digits = bytes[pos..].iter().take_while(|b| b.is_ascii_digit()).count();
                    return Err(invalid(self, pos + digits, "leading zeros are not allowed"));
                }
            }
            Some(b'1'..=b'9') => {
                while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                    pos += 1;
                }
            }
            _ => return Err(invalid(self, pos + 1, "a digit must follow the minus sign")),
        }
        let mut integer = true;
        if bytes.get(pos) == Some(&b'.') {
            integer = false;
            pos += 1;
            if !bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                return Err(invalid(self, pos, "a digit must follow the decimal point"));
            }
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            integer = false;
            pos += 1;
            if let Some(b'+' | b'-') = bytes.get(pos) {
                pos += 1;
            }
            if !bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                return Err(invalid(self, pos, "a digit must follow the exponent"));
            }
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
        self.pos = pos;
        let text = &self.text[start..pos];
        // `-0` is a float in serde_json (negative zero), so it is kept as one.
        if integer && text != "-0" {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Number(n.into()));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Value::Number(n.into()));
            }
        }
        let float: f64 = text.parse().unwrap_or(f64::INFINITY);
        match Number::from_f64(float) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(self.error(
                Span::new(start, pos),
                format!("number `{}` is out of range", shorten(text)),
                "too large for a 64-bit floating-point number",
                Some("numbers must lie within ±1.7976931348623157e308".into()),
            )),
        }
    }
}

/// The first byte of `bytes` that ends a plain run of string content: `"`, `\\` or a control
/// character. Eight bytes are tested at a time (most of a file's bytes are inside strings).
///
/// In the same pass, `marks` becomes non-zero if the run before that byte may hold an invisible
/// character or two spaces in a row: a space after a space, or a byte C2, E2 or EF (U+00A0, U+00AD,
/// U+200B, U+2060 and U+FEFF start with these). It may also mark runs without them.
fn string_special<const MARK: bool>(bytes: &[u8], marks: &mut u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero: its high bit is set in `(x - ONES) & !x & HIGH`. Borrows only move
    // upwards, so the lowest set bit always marks a real match; a higher one may be a false match.
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = 0;
    // The high bit of the last byte of the previous word, when that byte was a space.
    let mut space_before = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        let found = quote | backslash | control;
        if !MARK {
            if found != 0 {
                return Some(at + (found.trailing_zeros() / 8) as usize);
            }
            at += 8;
            continue;
        }
        let space = zero_byte(word ^ (ONES * u64::from(b' ')));
        let unclean = (space & ((space << 8) | space_before))
            // C2 and E2 differ in one bit: with it set, both are E2.
            | zero_byte((word | (ONES * 0x20)) ^ (ONES * 0xE2))
            | zero_byte(word ^ (ONES * 0xEF));
        if found != 0 {
            let first = found.trailing_zeros();
            // Only the bytes before the special one are the string's.
            *marks |= unclean & ((1u64 << first) - 1);
            return Some(at + (first / 8) as usize);
        }
        *marks |= unclean;
        space_before = space >> 56;
        at += 8;
    }
    let mut previous = if space_before != 0 { b' ' } else { 0 };
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return Some(at + offset);
        }
        if MARK && (matches!(byte, 0xC2 | 0xE2 | 0xEF) || (byte == b' ' && previous == b' ')) {
            *marks |= 1;
        }
        previous = byte;
    }
    None
}

/// Whether the string text `raw` (between its quotes, escapes undecoded) may start or end with a
/// blank or invisible character. Without escapes, such a character is a space or starts with one
/// of the bytes C2 (U+0085, U+00A0, U+00AD), E1 (U+1680), E2 (U+2000 to U+2060), E3 (U+3000) or
/// EF (U+FEFF); an escape at either end is caught by the caller.
fn has_blank_end(raw: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (raw.first(), raw.last()) else {
        return false;
    };
    if may_start_blank(first) || last == b' ' {
        return true;
    }
    if last < 0x80 {
        return false;
    }
    // The first byte of the last character: at most three continuation bytes (10xxxxxx) back.
    let lead = raw.iter().rev().take(4).find(|&&b| b & 0xC0 != 0x80);
    lead.is_some_and(|&b| may_start_blank(b))
}

/// Whether a character that starts with `byte` may be blank or invisible (see `has_blank_end`).
pub(crate) fn may_start_blank(byte: u8) -> bool {
    matches!(byte, b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_special_finds_the_first_quote_backslash_or_control_byte() {
        let naive = |bytes: &[u8]| bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        // Both forms, with and without marks, find the same byte.
        let string_special = |bytes: &[u8]| {
            let plain = string_special::<false>(bytes, &mut 0);
            assert_eq!(string_special::<true>(bytes, &mut 0), plain);
            plain
        };
        let filler = "aø ~Київ\u{7f}\u{80}é".as_bytes();
        for len in 0..40 {
            let plain: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
            assert_eq!(string_special(&plain), naive(&plain));
            for at in 0..len {
                for special in [b'"', b'\\', 0x00, 0x0a, 0x1f] {
                    let mut bytes = plain.clone();
                    bytes[at] = special;
                    // A second special byte after the first must not move the answer.
                    if at + 3 < len {
                        bytes[at + 3] = b'"';
                    }
                    assert_eq!(string_special(&bytes), naive(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn string_special_marks_what_may_be_unclean_before_the_special_byte_only() {
        let marked = |bytes: &[u8]| {
            let mut marks = 0;
            let end = string_special::<true>(bytes, &mut marks);
            (end, marks != 0)
        };
        let filler = b"abcdefghijklmnopqrstuvwxyz";
        for len in 0..40 {
            let plain: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
            let mut closed = plain.clone();
            closed.push(b'"');
            assert_eq!(marked(&closed), (Some(len), false));
            for at in 0..len {
                for suspect in [&b"  "[..], b"\xC2\xA0", b"\xE2\x80\x8B", b"\xEF\xBB\xBF"] {
                    let mut bytes = plain.clone();
                    bytes.splice(at..at, suspect.iter().copied());
                    let end = bytes.len();
                    // What follows the closing quote (indentation, the next string) is not the string's.
                    let mut inside = bytes.clone();
                    inside.extend_from_slice(b"\",\n      \"\xC2\xA0  ");
                    assert_eq!(marked(&inside), (Some(end), true), "{inside:?}");
                    let mut outside = plain.clone();
                    outside.push(b'"');
                    outside.extend_from_slice(&bytes);
                    assert_eq!(marked(&outside), (Some(len), false), "{outside:?}");
                }
            }
        }
    }

    #[test]
    fn lists_the_strings_that_may_be_unclean() {
        let text =
            r#"{" k ": "clean", "a": " lead", "b": ["trail ", "in  side", "esc\u0041", "Київ"], "c": "x\u00a0y"}"#;
        let document = doc(text);
        let listed: Vec<String> = document.maybe_unclean_strings(text).map(|s| s.pointer()).collect();
        assert_eq!(listed, ["/a", "/b/0", "/b/1", "/b/2", "/c"]);
        let unescaped: Vec<Option<&str>> = document.maybe_unclean_strings(text).map(|s| s.unescaped()).collect();
        assert_eq!(unescaped, [Some(" lead"), Some("trail "), Some("in  side"), None, None]);
    }

    fn doc(text: &str) -> Document {
        parse(text, 0, Limits::default()).unwrap()
    }

    fn err(text: &str) -> SyntaxError {
        *parse(text, 0, Limits::default()).unwrap_err()
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn builds_the_same_value_as_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, 1e2, 18446744073709551615, -0], "b": {"c": null, "d": true}, "é\u00e9": "x\ud83d\ude00\n"}"#;
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(doc(text).value, expected);
    }

    #[test]
    fn locates_values_and_keys() {
        let text = "{\n  \"a/b\": [10, {\"~\": \"x\"}],\n  \"\": 5\n}";
        let d = doc(text);
        let found = d.locate(text, "/a~1b/1/~0").unwrap();
        assert_eq!(slice(text, found.value), "\"x\"");
        assert_eq!(slice(text, found.key.unwrap()), "\"~\"");
        assert_eq!(slice(text, d.locate(text, "/a~1b/0").unwrap().value), "10");
        assert_eq!(slice(text, d.locate(text, "/").unwrap().value), "5");
        assert_eq!(d.locate(text, "").unwrap().value, Span::new(0, text.len()));
        assert!(d.locate(text, "/a~1b/2").is_none());
        assert!(d.locate(text, "/a~1b/01").is_none());
        assert!(d.locate(text, "/missing").is_none());
    }

    #[test]
    fn escaped_keys_match_decoded_pointer_tokens() {
        let text = r#"{"\u00e9": 1}"#;
        assert_eq!(slice(text, doc(text).locate(text, "/é").unwrap().value), "1");
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_last_wins() {
        let text = r#"{"x": {"a": 1, "b": 2, "a": 3}}"#;
        let d = doc(text);
        assert_eq!(d.value["x"]["a"], 3);
        assert_eq!(d.duplicates.len(), 1);
        let dup = &d.duplicates[0];
        assert_eq!(dup.name, "a");
        assert_eq!(dup.object, "/x");
        assert_eq!(dup.first, Span::new(7, 10));
        assert_eq!(dup.second, Span::new(23, 26));
        assert_eq!(slice(text, d.locate(text, "/x/a").unwrap().value), "3");
    }

    #[test]
    fn syntax_errors_point_at_the_culprit() {
        let text = "{\"a\": 1,}";
        let e = err(text);
        assert_eq!(e.message, "trailing comma before `}`");
        assert_eq!(e.span, Span::new(7, 8));

        let e = err("[1, 2,]");
        assert_eq!(e.span, Span::new(5, 6));

        let text = "{\"a\": 1 \"b\": 2}";
        let e = err(text);
        assert_eq!(e.span, Span::new(8, 11));
        assert_eq!(e.related.unwrap().0, Span::new(1, 7));

        let e = err("{\"a\": tru}");
        assert_eq!(e.message, "expected a JSON value, found `tru`");
        assert_eq!(e.span, Span::new(6, 9));

        let e = err("[\"a\\x\"]");
        assert_eq!(e.span, Span::new(3, 5));

        let e = err("[\"\\ud800\"]");
        assert!(e.message.starts_with("lone surrogate"), "{}", e.message);
        assert_eq!(e.span, Span::new(2, 8));

        let e = err("[1e400]");
        assert_eq!(e.message, "number `1e400` is out of range");

        let e = err("{\"a\": [1, 2");
        assert!(e.message.starts_with("unexpected end of file"), "{}", e.message);
        assert_eq!(e.related.unwrap().0, Span::new(6, 7));

        let e = err("  ");
        assert_eq!(e.message, "the file contains no JSON value");

        let e = err("{} x");
        assert_eq!(e.span, Span::new(3, 4));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        let e = err(&text);
        assert!(e.message.starts_with("nesting too deep"));
        assert_eq!(e.span, Span::new(128, 129));
    }

    #[test]
    fn texts_whose_offsets_do_not_fit_32_bits_are_refused() {
        // The text's place in its file counts: a text that ends at the last offset is refused, one
        // byte less is parsed.
        let error = parse("{}", MAX_TEXT - 1, Limits::default()).unwrap_err();
        assert_eq!(error.span, Span::new(MAX_TEXT - 1, MAX_TEXT - 1));
        assert!(
            error.message.contains("more than relcheck can index"),
            "{}",
            error.message
        );
        let document = parse("{}", MAX_TEXT - 2, Limits::default()).unwrap();
        assert_eq!(
            document.locate("{}", "").map(|found| found.value),
            Some(Span::new(MAX_TEXT - 2, MAX_TEXT))
        );
    }

    #[test]
    fn large_containers_are_looked_up_like_small_ones() {
        // 40 members (indexed) with a duplicate, an escaped name and an empty name.
        let mut text = String::from("{\"list\": [");
        text.push_str(&(0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(", "));
        text.push_str("], \"a\": 1, \"\\u0061\": 2, \"\": 3, \"a/b\": 4");
        for i in 0..40 {
            text.push_str(&format!(", \"k{i}\": {i}"));
        }
        text.push('}');
        let d = doc(&text);
        assert_eq!(slice(&text, d.locate(&text, "/a").unwrap().value), "2");
        assert_eq!(slice(&text, d.locate(&text, "/a").unwrap().key.unwrap()), "\"\\u0061\"");
        assert_eq!(slice(&text, d.locate(&text, "/").unwrap().value), "3");
        assert_eq!(slice(&text, d.locate(&text, "/a~1b").unwrap().value), "4");
        assert_eq!(slice(&text, d.locate(&text, "/k39").unwrap().value), "39");
        assert_eq!(slice(&text, d.locate(&text, "/list/39").unwrap().value), "39");
        assert!(d.locate(&text, "/list/40").is_none());
        assert!(d.locate(&text, "/k40").is_none());
        assert_eq!(d.duplicates.len(), 1);
        assert_eq!(d.duplicates[0].object, "");
        assert_eq!(slice(&text, d.duplicates[0].first), "\"a\"");
    }

    #[test]
    fn duplicates_inside_large_arrays_have_the_right_pointer() {
        let text = format!("[{} {{\"x\": 1, \"x\": 2}}]", "0, ".repeat(30));
        let d = doc(&text);
        assert_eq!(d.duplicates[0].object, "/30");
        let text = "{\"a\": 1, \"b\": 2, \"a\": 3, \"b\": 4, \"a\": 5}";
        let d = doc(text);
        let firsts: Vec<&str> = d.duplicates.iter().map(|dup| slice(text, dup.first)).collect();
        let seconds: Vec<Span> = d.duplicates.iter().map(|dup| dup.second).collect();
        assert_eq!(firsts, ["\"a\"", "\"b\"", "\"a\""]);
        assert_eq!(seconds, [Span::new(17, 20), Span::new(25, 28), Span::new(33, 36)]);
    }

    #[test]
    fn nesting_costs_no_stack() {
        let text = format!("{}0{}", "[{\"a\":".repeat(50_000), "}]".repeat(50_000));
        let handle = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || {
                let d = parse(&text, 0, Limits { max_depth: 1_000_000 }).unwrap();
                let depth = d.depth;
                let span = d.locate(&text, &"/0/a".repeat(3)).unwrap().value;
                std::mem::forget(d);
                (depth, span.start)
            })
            .unwrap();
        assert_eq!(handle.join().unwrap(), (100_000, 18));
    }

    #[test]
    fn long_numbers_are_shortened_in_messages() {
        let text = format!("[1{}e999]", "0".repeat(100));
        let e = err(&text);
        assert!(e.message.starts_with("number `1000"), "{}", e.message);
        assert!(e.message.contains("…` is out of range"), "{}", e.message);
        assert_eq!(e.span, Span::new(1, text.len() - 1));
    }

    #[test]
    fn offsets_are_shifted_past_a_prefix() {
        let text = "{\"a\": x}";
        let e = parse(text, 3, Limits::default()).unwrap_err();
        assert_eq!(e.span, Span::new(9, 10));
    }
}
