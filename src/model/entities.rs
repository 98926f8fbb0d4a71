//! Entity files (countries, organisations, people) and the index that resolves ids across the dataset.

use ahash::AHashMap as HashMap;

use serde_json::Value;

use super::date::PartialDate;
use super::{date_text, items, text, DateText, Text};

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

    /// The id `id` stands for when only its case is wrong: capitals for countries and
    /// organisations, lower case for people.
    pub fn canonical_id(self, id: &str) -> Option<String> {
        let canonical = match self {
            EntityKind::Country | EntityKind::Organization => id.to_ascii_uppercase(),
            EntityKind::Person => id.to_ascii_lowercase(),
        };
        (canonical != id).then_some(canonical)
    }

    pub fn file_name(self) -> &'static str {
        match self {
            EntityKind::Country => "countries.json",
            EntityKind::Organization => "organizations.json",
            EntityKind::Person => "people.json",
        }
    }
}

/// One entity of an entity file.
#[derive(Debug, Clone)]
pub struct Entity<'v> {
    pub pointer: std::rc::Rc<str>,
    pub id: Option<Text<'v>>,
    pub name: Option<&'v str>,
    pub start: Option<DateText<'v>>,
    pub end: Option<DateText<'v>>,
}

/// One entity file, in file order.
#[derive(Debug, Clone)]
pub struct EntityFile<'v> {
    pub kind: Option<EntityKind>,
    pub entities: Vec<Entity<'v>>,
}

impl<'v> EntityFile<'v> {
    pub fn from_value(root: &'v Value) -> Self {
        let kind = root
            .get("kind")
            .and_then(Value::as_str)
            .and_then(EntityKind::from_file_kind);
        let entities = items(root, "", "entities")
            .into_iter()
            .map(|(entity, at)| Entity {
                id: text(entity, &at, "id"),
                name: entity.get("name").and_then(Value::as_str),
                start: date_text(entity, &at, "start"),
                end: date_text(entity, &at, "end"),
                pointer: at,
            })
            .collect();
        Self { kind, entities }
    }

    pub fn ids(&self) -> Vec<Text<'v>> {
        self.entities.iter().filter_map(|e| e.id.clone()).collect()
    }

    pub fn dates(&self) -> impl Iterator<Item = &DateText<'v>> {
        self.entities.iter().flat_map(|e| [&e.start, &e.end]).flatten()
    }
}

/// What the dataset knows of one entity, for checks in relation files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    pub kind: EntityKind,
    pub name: Option<String>,
    /// When it came into existence and ceased to (founding, birth; dissolution, death).
    pub start: Option<Bound>,
    pub end: Option<Bound>,
}

/// A date an entity's existence starts or ends at, as written and as a date (`None` when it is not
/// a valid one: invalid-date's finding in the entity file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub written: String,
    pub date: Option<PartialDate>,
}

impl From<&DateText<'_>> for Bound {
    fn from(text: &DateText) -> Self {
        Self {
            written: text.value.to_owned(),
            date: text.date.as_ref().ok().copied(),
        }
    }
}

/// Every entity id of the dataset with what is known of it; built once, shared by all relation checks.
#[derive(Debug, Default, Clone)]
pub struct EntityIndex {
    entities: HashMap<String, EntityInfo>,
    /// Each name to the first (smallest) id of that name, built on the first `id_named`.
    by_name: std::sync::OnceLock<HashMap<String, String>>,
    /// Whether the entity files were found at all (without them, resolution is not attempted).
    pub loaded: bool,
}

impl EntityIndex {
    pub fn new(loaded: bool) -> Self {
        Self {
            entities: HashMap::new(),
            by_name: std::sync::OnceLock::new(),
            loaded,
        }
    }

    /// Records an entity; the first definition of an id wins (a second one is a duplicate-id finding).
    pub fn insert(&mut self, id: &str, info: EntityInfo) {
        self.by_name = std::sync::OnceLock::new();
        self.entities.entry(id.to_owned()).or_insert(info);
    }

    pub fn get(&self, id: &str) -> Option<&EntityInfo> {
        self.entities.get(id)
    }

    pub fn kind_of(&self, id: &str) -> Option<EntityKind> {
        self.entities.get(id).map(|info| info.kind)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entities.keys().map(String::as_str)
    }

    /// The id of the entity whose name is exactly `name` (someone wrote a name where an id belongs).
    pub fn id_named(&self, name: &str) -> Option<&str> {
        let by_name = self.by_name.get_or_init(|| {
            let mut by_name: HashMap<String, String> = HashMap::new();
            for (id, info) in &self.entities {
                if let Some(entity_name) = &info.name {
                    by_name
                        .entry(entity_name.clone())
                        .and_modify(|first| {
                            if id < first {
                                first.clone_from(id);
                            }
                        })
                        .or_insert_with(|| id.clone());
                }
            }
            by_name
        });
        by_name.get(name).map(String::as_str)
    }
}
