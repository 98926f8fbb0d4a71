//! The printer: a parsed document in the dataset's one layout. Two spaces of indentation per level,
//! one member or item per line, `[]` and `{}` for empty containers, `": "` after a name, a line break
//! after the value. Names and scalars are copied from the text byte for byte (escapes, `1e3`,
//! `-0.5` stay as written); object members are put in the schema's order.

use crate::source::json::{Document, NodeKind, NodeRef, Span};

use super::order::{Schema, Tree};

/// The formatted text would be longer than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong;

/// One member or item, in its place in the output.
struct Member<'d, 's> {
    key: Option<Span>,
    node: NodeRef<'d>,
    schemas: Vec<&'s Tree>,
}

/// A container being printed: its members still to come, and what closes it.
struct Open<'d, 's> {
    members: std::vec::IntoIter<Member<'d, 's>>,
    first: bool,
    close: char,
}

/// Prints `document` (parsed from `text`, without duplicate names) with line breaks `newline`,
/// member order from `schema`; stops when the output grows past `max_len` bytes.
pub(crate) fn print(
    text: &str,
    document: &Document,
    schema: Option<&Schema>,
    newline: &str,
    max_len: usize,
) -> Result<String, TooLong> {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut stack: Vec<Open<'_, '_>> = Vec::new();
    let root = Member {
        key: None,
        node: document.root(),
        schemas: schema.map(Schema::root).into_iter().collect(),
    };
    value(text, schema, root, &mut out, &mut stack);
    loop {
        let depth = stack.len();
        let Some(open) = stack.last_mut() else {
            break;
        };
        match open.members.next() {
            Some(member) => {
                if !open.first {
                    out.push(',');
                }
                open.first = false;
                out.push_str(newline);
                indent(&mut out, depth);
                if let Some(key) = member.key {
                    out.push_str(&text[key.range()]);
                    out.push_str(": ");
                }
                value(text, schema, member, &mut out, &mut stack);
            }
            None => {
                let close = open.close;
                stack.pop();
                out.push_str(newline);
                indent(&mut out, depth - 1);
                out.push(close);
            }
        }
        if out.len() > max_len {
            return Err(TooLong);
        }
    }
    out.push_str(newline);
    Ok(out)
}

fn indent(out: &mut String, depth: usize) {
    out.extend(std::iter::repeat_n(' ', 2 * depth));
}

/// Prints a scalar, or an empty container, whole; opens any other container on `stack`.
fn value<'d, 's>(
    text: &str,
    schema: Option<&'s Schema>,
    member: Member<'d, 's>,
    out: &mut String,
    stack: &mut Vec<Open<'d, 's>>,
) {
    let located = member.node.located();
    let (open, close) = match located.kind {
        NodeKind::Object => ('{', '}'),
        NodeKind::Array => ('[', ']'),
        _ => {
            out.push_str(&text[located.value.range()]);
            return;
        }
    };
    out.push(open);
    let members = match (located.kind, schema) {
        (NodeKind::Object, Some(schema)) => object_members(text, schema, &member),
        (NodeKind::Array, Some(schema)) => {
            let items = member.node.children().enumerate();
            items
                .map(|(at, node)| Member {
                    key: None,
                    node,
                    schemas: schema.item(&member.schemas, at),
                })
                .collect()
        }
        _ => member
            .node
            .children()
            .map(|node| Member {
                key: node.located().key,
                node,
                schemas: Vec::new(),
            })
            .collect(),
    };
    if members.is_empty() {
        out.push(close);
        return;
    }
    stack.push(Open {
        members: members.into_iter(),
        first: true,
        close,
    });
}

/// An object's members in the schema's order; names the schema does not declare follow, in their
/// own order.
fn object_members<'d, 's>(text: &str, schema: &'s Schema, object: &Member<'d, 's>) -> Vec<Member<'d, 's>> {
    let children: Vec<(Span, NodeRef<'d>)> = object
        .node
        .children()
        .filter_map(|node| Some((node.located().key?, node)))
        .collect();
    let names: Vec<String> = children
        .iter()
        .map(|(key, _)| serde_json::from_str(&text[key.range()]).unwrap_or_default())
        .collect();
    let mut placed: Vec<(usize, Member<'d, 's>)> = schema
        .object(&object.schemas, &names)
        .into_iter()
        .zip(children)
        .map(|((rank, schemas), (key, node))| {
            let member = Member {
                key: Some(key),
                node,
                schemas,
            };
            (rank.unwrap_or(usize::MAX), member)
        })
        .collect();
    // A stable sort: undeclared names (all ranked last) keep their order.
    placed.sort_by_key(|(rank, _)| *rank);
    placed.into_iter().map(|(_, member)| member).collect()
}
