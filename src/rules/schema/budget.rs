//! A bound on the work of reporting a file's schema errors. Telling whether a file is valid is
//! cheap; collecting its errors is not always: for `anyOf` and `oneOf` the validator keeps the
//! errors of every alternative, each with a copy of the value it concerns, so a recursive
//! alternative over deeply nested data costs the square of its size in memory, and alternatives
//! that both descend cost an exponent of its depth in time.
//!
//! The reporting validator of a user's schema therefore runs a keyword of relcheck's own in every
//! subschema (`x-relcheck-budget`, added to a copy of the schema; it accepts every value). Each
//! time it runs it counts one evaluation and looks at the memory the thread has taken since the
//! report began (counted by `Counting`, the program's allocator); past either bound, both
//! proportional to the file's size, it unwinds, and the caller reports less.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::Once;

use jsonschema::{Keyword, ValidationError};
use serde_json::{Map, Value};

/// The name of the budget keyword.
pub const KEYWORD: &str = "x-relcheck-budget";

/// Subschema evaluations a report may make, per value node of the file, plus a floor for small
/// files: a schema evaluates each node a few times, never an exponent of its depth.
const EVALUATIONS_PER_NODE: u64 = 16;
const EVALUATIONS_FLOOR: u64 = 1_000_000;
/// Bytes a report may hold at once, per value node, plus a floor: with the file's own parse, a
/// 1 MB file stays near 200 MB whatever its content and schema.
const BYTES_PER_NODE: isize = 32;
const BYTES_FLOOR: isize = 64 << 20;

/// What unwinds the validator when the budget is spent.
struct OverBudget;

thread_local! {
    static EVALUATIONS_LEFT: Cell<u64> = const { Cell::new(u64::MAX) };
    /// The thread's net allocation past which the report stops.
    static BYTES_LIMIT: Cell<isize> = const { Cell::new(isize::MAX) };
    /// Bytes this thread has allocated less those it has freed (see `Counting`).
    static NET_ALLOCATED: Cell<isize> = const { Cell::new(0) };
}

/// Runs `report` (which collects the errors of `value`) under the budget; `None` when it ran out.
pub fn within<T>(value: &Value, report: impl FnOnce() -> T) -> Option<T> {
    silence_unwinding();
    let nodes = node_count(value);
    let evaluations = EVALUATIONS_FLOOR.saturating_add(nodes.saturating_mul(EVALUATIONS_PER_NODE));
    let bytes = BYTES_FLOOR.saturating_add(
        isize::try_from(nodes)
            .unwrap_or(isize::MAX)
            .saturating_mul(BYTES_PER_NODE),
    );
    EVALUATIONS_LEFT.with(|left| left.set(evaluations));
    BYTES_LIMIT.with(|limit| limit.set(net_allocated().saturating_add(bytes)));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(report));
    EVALUATIONS_LEFT.with(|left| left.set(u64::MAX));
    BYTES_LIMIT.with(|limit| limit.set(isize::MAX));
    match result {
        Ok(value) => Some(value),
        Err(payload) if payload.is::<OverBudget>() => None,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// The number of values in `value`, itself included. An explicit stack: data may be nested as
/// deep as `--max-depth` allows.
fn node_count(value: &Value) -> u64 {
    let mut count = 0;
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        count += 1;
        match node {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    count
}

fn net_allocated() -> isize {
    NET_ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

/// Counts one evaluation of a subschema, and unwinds once the report has made too many or holds
/// too much memory.
fn charge() {
    let spent = EVALUATIONS_LEFT.with(|left| {
        let now = left.get().saturating_sub(1);
        left.set(now);
        now == 0
    });
    if spent || net_allocated() > BYTES_LIMIT.with(Cell::get) {
        std::panic::panic_any(OverBudget);
    }
}

/// The program's allocator, counting for each thread the bytes it holds (allocated less freed),
/// which `within` compares with its bound. Without it (in a program that does not install it) the
/// bound on memory does not apply; the bound on evaluations still does.
pub struct Counting<A>(pub A);

fn count(delta: isize) {
    // A constant-initialised cell without a destructor: reachable at any point of a thread's life.
    let _ = NET_ALLOCATED.try_with(|net| net.set(net.get().wrapping_add(delta)));
}

// SAFETY: every call is passed to the wrapped allocator unchanged; the counting touches only a
// thread-local integer and never allocates.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { self.0.alloc(layout) };
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { self.0.alloc_zeroed(layout) };
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(pointer, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { self.0.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

/// Unwinding past the budget is not a crash: the panic hook stays quiet about it.
fn silence_unwinding() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.payload().is::<OverBudget>() {
                previous(info);
            }
        }));
    });
}

/// A retriever that serves the documents a schema refers to with the budget keyword in them, for
/// the reporting validator.
#[derive(Clone)]
pub struct Budgeted<R>(pub R);

impl<R: jsonschema::Retrieve> jsonschema::Retrieve for Budgeted<R> {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0.retrieve(uri).map(with_budget)
    }
}

struct Budget;

impl<'i> Keyword<'i> for Budget {
    fn validate(&self, _: &'i Value) -> Result<(), ValidationError<'i>> {
        charge();
        Ok(())
    }

    fn is_valid(&self, _: &'i Value) -> bool {
        charge();
        true
    }
}

/// What a keyword factory returns.
type Built<'a> = Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>>;

/// The factory the reporting validator's options register under `KEYWORD`.
pub fn keyword_factory(
) -> impl for<'a> Fn(&'a Map<String, Value>, &'a Value, jsonschema::paths::Location) -> Built<'a> + Send + Sync + 'static
{
    |_: &Map<String, Value>, _: &Value, _: jsonschema::paths::Location| {
        Ok(Box::new(Budget) as Box<dyn for<'i> Keyword<'i>>)
    }
}

/// A copy of `schema` with the budget keyword in every subschema object, for the reporting
/// validator. Only places where a schema stands get it: not the maps of named subschemas
/// (`properties`, `$defs`, …) themselves, not data (`enum`, `const`, …), not unknown keywords.
pub fn with_budget(mut schema: Value) -> Value {
    const ONE: &[&str] = &[
        "items",
        "additionalItems",
        "additionalProperties",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contains",
        "propertyNames",
        "not",
        "if",
        "then",
        "else",
        "contentSchema",
    ];
    const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];
    const MAP: &[&str] = &[
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
        "dependencies",
    ];
    let mut stack: Vec<&mut Value> = vec![&mut schema];
    while let Some(node) = stack.pop() {
        let Value::Object(map) = node else { continue };
        map.insert(KEYWORD.to_owned(), Value::Bool(true));
        for (key, child) in map.iter_mut() {
            let key = key.as_str();
            match child {
                Value::Object(_) if ONE.contains(&key) => stack.push(child),
                Value::Array(items) if LIST.contains(&key) => stack.extend(items.iter_mut().filter(|c| c.is_object())),
                Value::Object(named) if MAP.contains(&key) => {
                    stack.extend(named.values_mut().filter(|c| c.is_object()))
                }
                _ => {}
            }
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_counted_and_the_keyword_goes_into_every_subschema() {
        assert_eq!(node_count(&serde_json::json!([[1, 2], {"a": [3]}])), 7);
        let schema = with_budget(serde_json::json!({
            "anyOf": [{"type": "array"}, {"const": {"type": 1}}],
            "properties": {"a": {"items": {}}},
            "dependentRequired": {"a": ["b"]},
            "x-other": {"type": "string"}
        }));
        assert_eq!(schema[KEYWORD], true);
        assert_eq!(schema["anyOf"][0][KEYWORD], true);
        assert!(schema["anyOf"][1]["const"].get(KEYWORD).is_none());
        assert!(schema["properties"].get(KEYWORD).is_none());
        assert_eq!(schema["properties"]["a"]["items"][KEYWORD], true);
        assert!(schema["dependentRequired"].get(KEYWORD).is_none());
        assert!(schema["x-other"].get(KEYWORD).is_none());
    }
}
