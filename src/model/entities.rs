//! Entity files (countries, organisations, people) and the index that resolves ids across the dataset.

use std::collections::HashMap;

use serde_json::Value;

use super::{items, text, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Country,
    Organization,
    Person,
}

impl EntityKind {
    pub fn from_file_kind(kind: &str) -> Option<Self> {
        match kind {
            "countries" => Some(EntityKind::Country),
            "organizations" => Some(EntityKind::Organization),
            "people" => Some(EntityKind::Person),
            _ => None,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            EntityKind::Country => "countries.json",
            EntityKind::Organization => "organizations.json",
            EntityKind::Person => "people.json",
        }
    }
}

/// One entity file's ids, in file order.
#[derive(Debug, Clone)]
pub struct EntityFile<'v> {
    pub kind: Option<EntityKind>,
    pub ids: Vec<Text<'v>>,
    pub dates: Vec<Text<'v>>,
}

impl<'v> EntityFile<'v> {
    pub fn from_value(root: &'v Value) -> Self {
        let kind = root
            .get("kind")
            .and_then(Value::as_str)
            .and_then(EntityKind::from_file_kind);
        let mut ids = Vec::new();
        let mut dates = Vec::new();
        for (entity, at) in items(root, "", "entities") {
            ids.extend(text(entity, &at, "id"));
            dates.extend(text(entity, &at, "start"));
            dates.extend(text(entity, &at, "end"));
        }
        Self { kind, ids, dates }
    }
}

/// Every entity id of the dataset with its kind; built once, shared by all relation checks.
#[derive(Debug, Default, Clone)]
pub struct EntityIndex {
    kinds: HashMap<String, EntityKind>,
    /// Whether the entity files were found at all (without them, resolution is not attempted).
    pub loaded: bool,
}

impl EntityIndex {
    pub fn new(loaded: bool) -> Self {
        Self {
            kinds: HashMap::new(),
            loaded,
        }
    }

    pub fn insert(&mut self, id: &str, kind: EntityKind) {
        self.kinds.entry(id.to_owned()).or_insert(kind);
    }

    pub fn kind_of(&self, id: &str) -> Option<EntityKind> {
        self.kinds.get(id).copied()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.kinds.keys().map(String::as_str)
    }
}
