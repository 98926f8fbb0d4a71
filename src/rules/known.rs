//! What the checks of a file have already found wrong, so that later checks stay silent about its
//! consequences: one mistake, one finding. The schema's check runs first and records the members
//! it reported missing, the members that are missing because a near misspelling stands in their
//! place, and the values it rejected; a rule that would complain about the absence of such a
//! member, or reason from such a value, asks here first (as rustc marks a node erroneous and later
//! passes stay quiet about it).

use std::cell::RefCell;

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

#[derive(Debug, Default)]
pub struct Known {
    inner: RefCell<Facts>,
}

#[derive(Debug, Default)]
struct Facts {
    /// (object pointer, field) → the misspelt name written in its place.
    misspelt: HashMap<(String, String), String>,
    /// (object pointer, field) reported missing.
    missing: HashSet<(String, String)>,
    /// Pointers of values the schema rejected, or that resolve to nothing.
    invalid: HashSet<String>,
    /// Ids written near-misspelt (a cite, an entity id) and the id they most likely mean.
    intended: HashMap<String, String>,
}

impl Known {
    /// `field` of the object at `object` is absent because `written` stands in its place.
    pub fn misspelt(&self, object: &str, field: &str, written: &str) {
        let mut facts = self.inner.borrow_mut();
        facts
            .misspelt
            .insert((object.to_owned(), field.to_owned()), written.to_owned());
    }

    /// `field` of the object at `object` was reported missing.
    pub fn missing(&self, object: &str, field: &str) {
        self.inner
            .borrow_mut()
            .missing
            .insert((object.to_owned(), field.to_owned()));
    }

    /// The value at `at` was rejected.
    pub fn invalid(&self, at: &str) {
        self.inner.borrow_mut().invalid.insert(at.to_owned());
    }

    /// The value at `at` names nothing, and most likely means `id`: it counts as `id` where rules
    /// ask what is used (a reference cited under a misspelt id is not unused).
    pub fn intends(&self, at: &str, id: &str) {
        let mut facts = self.inner.borrow_mut();
        facts.invalid.insert(at.to_owned());
        facts.intended.insert(at.to_owned(), id.to_owned());
    }

    /// Every id some misspelt value most likely means.
    pub fn intended_ids(&self) -> Vec<String> {
        self.inner.borrow().intended.values().cloned().collect()
    }

    /// Whether the absence of `field` in the object at `object` has been reported already: it is
    /// misspelt, or reported missing.
    pub fn absence_reported(&self, object: &str, field: &str) -> bool {
        let facts = self.inner.borrow();
        let key = (object.to_owned(), field.to_owned());
        facts.misspelt.contains_key(&key) || facts.missing.contains(&key)
    }

    /// The misspelling that stands in place of `field` in the object at `object`.
    pub fn misspelling_of(&self, object: &str, field: &str) -> Option<String> {
        self.inner
            .borrow()
            .misspelt
            .get(&(object.to_owned(), field.to_owned()))
            .cloned()
    }

    /// Every object where `field` is written under a misspelt name: (object pointer, name written).
    pub fn misspellings_of(&self, field: &str) -> Vec<(String, String)> {
        self.inner
            .borrow()
            .misspelt
            .iter()
            .filter(|((_, f), _)| f == field)
            .map(|((object, _), written)| (object.clone(), written.clone()))
            .collect()
    }

    /// Whether the value at `at`, or one that contains it, was rejected.
    pub fn is_invalid(&self, at: &str) -> bool {
        let facts = self.inner.borrow();
        if facts.invalid.is_empty() {
            return false;
        }
        let mut pointer = Some(at);
        while let Some(p) = pointer {
            if facts.invalid.contains(p) {
                return true;
            }
            pointer = crate::source::pointer::parent(p);
        }
        false
    }
}
