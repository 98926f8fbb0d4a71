//! The dataset as typed values, each located by its JSON Pointer. Built leniently from whatever the
//! file holds, so semantic rules still run (on what is there) when the schema reports problems.

pub mod date;
pub mod entities;
pub mod relation;
pub mod urls;

use std::rc::Rc;

use serde_json::Value;

use crate::source::pointer;
use date::{DateError, PartialDate};

/// A string found in a file, with the pointer of its value.
#[derive(Debug, Clone)]
pub struct Text<'v> {
    pub value: &'v str,
    at: Pointer,
}

impl<'v> Text<'v> {
    /// A string at a pointer already written out.
    pub fn new(value: &'v str, pointer: impl Into<Rc<str>>) -> Self {
        Self {
            value,
            at: Pointer {
                parent: pointer.into(),
                last: Last::Nothing,
            },
        }
    }

    /// The JSON Pointer of the string.
    pub fn pointer(&self) -> String {
        self.at.written()
    }
}

/// Where a located string is: its container's pointer (shared by its siblings) and the last step,
/// written out only when a rule asks. A file holds about a thousand located strings, and rules ask
/// for the pointers of few: those they report.
#[derive(Debug, Clone)]
struct Pointer {
    parent: Rc<str>,
    last: Last,
}

#[derive(Debug, Clone, Copy)]
enum Last {
    Nothing,
    Key(&'static str),
    Index(usize),
}

impl Pointer {
    fn written(&self) -> String {
        let mut out = String::with_capacity(self.parent.len() + 16);
        out.push_str(&self.parent);
        match self.last {
            Last::Nothing => {}
            Last::Key(key) => pointer::push_token(&mut out, key),
            Last::Index(index) => pointer::push_index(&mut out, index),
        }
        out
    }
}

/// A date field: the string as written, where it is, and the date it means, parsed once for the
/// many rules that compare dates. It reads as its `Text`.
#[derive(Debug, Clone)]
pub struct DateText<'v> {
    pub text: Text<'v>,
    pub date: Result<PartialDate, DateError>,
}

impl<'v> From<Text<'v>> for DateText<'v> {
    fn from(text: Text<'v>) -> Self {
        let date = PartialDate::parse(text.value);
        Self { text, date }
    }
}

impl<'v> std::ops::Deref for DateText<'v> {
    type Target = Text<'v>;

    fn deref(&self) -> &Text<'v> {
        &self.text
    }
}

/// Field `key` of `object` (at `at`) as a located string, when it is one.
pub(crate) fn text<'v>(object: &'v Value, at: &Rc<str>, key: &'static str) -> Option<Text<'v>> {
    Some(field(object.get(key)?.as_str()?, at, key))
}

/// String `value`, member `key` of the object at `at`.
pub(crate) fn field<'v>(value: &'v str, at: &Rc<str>, key: &'static str) -> Text<'v> {
    Text {
        value,
        at: Pointer {
            parent: Rc::clone(at),
            last: Last::Key(key),
        },
    }
}

/// Field `key` of `object` as a located date string, when it is a string.
pub(crate) fn date_text<'v>(object: &'v Value, at: &Rc<str>, key: &'static str) -> Option<DateText<'v>> {
    text(object, at, key).map(DateText::from)
}

/// The items of array field `key` of `object`, each with its pointer.
pub(crate) fn items<'v>(object: &'v Value, at: &str, key: &str) -> Vec<(&'v Value, Rc<str>)> {
    items_of(object.get(key), at, key)
}

/// The items of `list`, member `key` of the object at `at`, each with its pointer; none when it is
/// not an array.
pub(crate) fn items_of<'v>(list: Option<&'v Value>, at: &str, key: &str) -> Vec<(&'v Value, Rc<str>)> {
    let Some(Value::Array(items)) = list else {
        return Vec::new();
    };
    // Each item's pointer is written after the array's, in one buffer, and copied once into its Rc.
    let mut buffer = pointer::child(at, key);
    let base = buffer.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            buffer.truncate(base);
            pointer::push_index(&mut buffer, i);
            (item, Rc::from(buffer.as_str()))
        })
        .collect()
}

/// The string items of array field `key`, located.
pub(crate) fn texts<'v>(object: &'v Value, at: &str, key: &str) -> Vec<Text<'v>> {
    match object.get(key) {
        Some(list) => strings(list, &Rc::from(pointer::child(at, key))),
        None => Vec::new(),
    }
}

/// The string items of `list` (at `at`), located; none when it is not an array.
pub(crate) fn strings<'v>(list: &'v Value, at: &Rc<str>) -> Vec<Text<'v>> {
    let Value::Array(items) = list else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            Some(Text {
                value: item.as_str()?,
                at: Pointer {
                    parent: Rc::clone(at),
                    last: Last::Index(i),
                },
            })
        })
        .collect()
}

/// The values seen so far in one short walk (the items of one list): a few are compared one by one,
/// without the allocation a hash set makes; past `SHORT` a set keeps long, hostile lists linear.
#[derive(Default)]
pub struct Seen<'v> {
    few: Vec<&'v str>,
    many: ahash::AHashSet<&'v str>,
}

impl<'v> Seen<'v> {
    const SHORT: usize = 16;

    /// Records `value`; false when it was seen before.
    pub fn insert(&mut self, value: &'v str) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&value) {
                return false;
            }
            if self.few.len() < Self::SHORT {
                self.few.push(value);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(value)
    }
}

/// An item of a list whose value an earlier item already holds.
pub struct Repeat<'a, 'v> {
    pub first: &'a Text<'v>,
    pub again: &'a Text<'v>,
    /// How many items of the whole list hold this value.
    pub count: usize,
}

/// Every repeated item of `items`, in list order; linear in the length of the list, since lists in
/// hostile files can be long.
pub fn repeats<'a, 'v>(items: &'a [Text<'v>]) -> Vec<Repeat<'a, 'v>> {
    // Most lists are short and have no repeat: say so without building a map.
    const SHORT: usize = 16;
    if items.len() <= SHORT
        && items
            .iter()
            .enumerate()
            .all(|(i, item)| items[i + 1..].iter().all(|other| other.value != item.value))
    {
        return Vec::new();
    }
    let mut first: ahash::AHashMap<&str, (&'a Text<'v>, usize)> = ahash::AHashMap::new();
    for item in items {
        first.entry(item.value).or_insert((item, 0)).1 += 1;
    }
    let mut seen = ahash::AHashSet::new();
    items
        .iter()
        .filter(|item| !seen.insert(item.value))
        .map(|again| {
            let (first, count) = first[again.value];
            Repeat { first, again, count }
        })
        .collect()
}

/// The values of `items` without repeats, first occurrences kept, in order.
pub fn without_repeats<'v>(items: &[Text<'v>]) -> Vec<&'v str> {
    let mut seen = ahash::AHashSet::new();
    items
        .iter()
        .map(|item| item.value)
        .filter(|value| seen.insert(*value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_reports_repeats_before_and_after_it_grows_a_set() {
        let values: Vec<String> = (0..40).map(|i| format!("v{i}")).collect();
        let mut seen = Seen::default();
        for value in &values {
            assert!(seen.insert(value), "{value}");
        }
        for value in &values {
            assert!(!seen.insert(value), "{value}");
        }
    }
}
