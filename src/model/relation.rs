//! A relation file: the claims it makes, the references they cite and the entities they name.

use std::rc::Rc;

use serde_json::Value;

use super::urls::Address;
use super::{date_text, field, items, items_of, strings, text, texts, DateText, Text};
use crate::source::pointer;

/// The kinds of object that make a claim and so must cite a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    Established,
    Recognition,
    Membership,
    Event,
    Quote,
    Mission,
}

impl ClaimKind {
    pub fn noun(self) -> &'static str {
        match self {
            ClaimKind::Established => "the date of establishment",
            ClaimKind::Recognition => "recognition",
            ClaimKind::Membership => "membership",
            ClaimKind::Event => "event",
            ClaimKind::Quote => "quote",
            ClaimKind::Mission => "mission",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Claim<'v> {
    pub kind: ClaimKind,
    pub pointer: Rc<str>,
    /// The claim as written.
    pub value: &'v Value,
    /// A short name for messages: the event or mission id, the speaker, the member or recognising country.
    pub name: Option<&'v str>,
    /// The second party of the claim: the organisation of a membership, the recognised country.
    pub object: Option<&'v str>,
    /// `None` when the claim has no `cite` array.
    pub cite: Option<Vec<Text<'v>>>,
    pub citation_needed: bool,
    pub date: Option<DateText<'v>>,
}

#[derive(Debug, Clone)]
pub struct Reference<'v> {
    pub pointer: Rc<str>,
    /// The reference as written.
    pub value: &'v Value,
    pub id: Option<Text<'v>>,
    pub title: Option<Text<'v>>,
    pub publisher: Option<Text<'v>>,
    pub language: Option<Text<'v>>,
    pub url: Option<Text<'v>>,
    pub published: Option<DateText<'v>>,
    pub retrieved: Option<DateText<'v>>,
    /// `archived.date`
    pub archived: Option<DateText<'v>>,
    /// `archived.url`
    pub archived_url: Option<Text<'v>>,
    /// The pointer of `archived`, when present.
    pub archived_at: Option<Rc<str>>,
    /// `listed_only: true`: the source lists the reference without citing it.
    pub listed_only: bool,
    /// `url` read as a web address, when it is one.
    pub url_address: Option<Address<'v>>,
    /// `archived.url` read as a web address, when it is one.
    pub archived_address: Option<Address<'v>>,
}

/// An event of the timeline.
#[derive(Debug, Clone)]
pub struct Event<'v> {
    pub pointer: Rc<str>,
    /// The event as written.
    pub value: &'v Value,
    pub id: Option<Text<'v>>,
    pub date: Option<DateText<'v>>,
    pub actors: Vec<Text<'v>>,
    /// `locations` and `kinds` as written, for the few rules that read them.
    pub locations: Option<&'v Value>,
    pub kinds: Option<&'v Value>,
    /// `roles`: what each entity or group did in the event.
    pub roles: Vec<EventRole<'v>>,
    /// `responds_to`: ids of the events it responds to.
    pub responds_to: Vec<Text<'v>>,
    /// `third_party: true`: an act of others that events of the relation respond to.
    pub third_party: bool,
    /// Index into `Relation::claims` of each of its quotes.
    pub quotes: Vec<usize>,
    /// Index into `Relation::claims` of the event itself.
    pub claim: usize,
}

/// One item of an event's `roles`: an entity (by id) or a group (as the source words it), and its role.
#[derive(Debug, Clone)]
pub struct EventRole<'v> {
    pub pointer: Rc<str>,
    pub entity: Option<Text<'v>>,
    pub group: Option<Text<'v>>,
    pub role: Option<Text<'v>>,
}

impl EventRole<'_> {
    /// Whether the role is one of an actor (who takes part), one of a non-actor, or neither.
    pub fn acting(&self) -> Option<bool> {
        match self.role.as_ref()?.value {
            "speaker" | "host" | "visitor" | "participant" | "initiator" => Some(true),
            "mentioned" | "absent" => Some(false),
            _ => None,
        }
    }
}

/// A resident diplomatic mission.
#[derive(Debug, Clone)]
pub struct Mission<'v> {
    pub pointer: Rc<str>,
    pub id: Option<Text<'v>>,
    pub sending: Option<Text<'v>>,
    pub host: Option<Text<'v>>,
}

/// What an entity id is used as, which decides the kind of entity it must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Party,
    Actor,
    Speaker,
    Organization,
    MemberCountry,
    Recognizer,
    Recognized,
    Sending,
    Host,
    /// The entity of an item of an event's `roles`.
    Involved,
}

impl Role {
    pub fn noun(self) -> &'static str {
        match self {
            Role::Party => "party",
            Role::Actor => "actor",
            Role::Speaker => "speaker",
            Role::Organization => "organisation",
            Role::MemberCountry => "member country",
            Role::Recognizer => "recognising country",
            Role::Recognized => "recognised country",
            Role::Sending => "sending country",
            Role::Host => "host country",
            Role::Involved => "role's entity",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EntityUse<'v> {
    pub id: Text<'v>,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub struct Relation<'v> {
    pub id: Option<Text<'v>>,
    pub parties: Vec<Text<'v>>,
    pub claims: Vec<Claim<'v>>,
    /// The events, in file order.
    pub events: Vec<Event<'v>>,
    pub missions: Vec<Mission<'v>>,
    pub references: Vec<Reference<'v>>,
    /// Quote languages (`language` and `original_language`), for the rules on language tags
    /// (references carry their own).
    pub quote_languages: Vec<Text<'v>>,
    pub entity_uses: Vec<EntityUse<'v>>,
}

impl<'v> Relation<'v> {
    pub fn from_value(root: &'v Value) -> Self {
        // Sized up front: references and events are large, and growing their lists copies them.
        let count = |key: &str| root.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        let events = count("events");
        let claims = events * 2 + count("recognitions") + count("memberships") + count("missions") + 1;
        let root_at: Rc<str> = Rc::from("");
        let mut relation = Relation {
            id: text(root, &root_at, "id"),
            parties: texts(root, "", "parties"),
            claims: Vec::with_capacity(claims),
            events: Vec::with_capacity(events),
            missions: Vec::new(),
            references: Vec::with_capacity(count("references")),
            quote_languages: Vec::new(),
            entity_uses: Vec::with_capacity(events * 3),
        };
        for party in relation.parties.clone() {
            relation.uses(party, Role::Party);
        }
        if let Some(established) = root.get("established").filter(|v| v.is_object()) {
            relation.claim(ClaimKind::Established, established, "/established".into(), None, None);
        }
        for (item, at) in items(root, "", "recognitions") {
            relation.uses_field(item, &at, "recognizer", Role::Recognizer);
            relation.uses_field(item, &at, "recognized", Role::Recognized);
            let name = item.get("recognizer").and_then(Value::as_str);
            let object = item.get("recognized").and_then(Value::as_str);
            relation.claim(ClaimKind::Recognition, item, at, name, object);
        }
        for (item, at) in items(root, "", "memberships") {
            relation.uses_field(item, &at, "organization", Role::Organization);
            relation.uses_field(item, &at, "country", Role::MemberCountry);
            let name = item.get("country").and_then(Value::as_str);
            let object = item.get("organization").and_then(Value::as_str);
            relation.claim(ClaimKind::Membership, item, at, name, object);
        }
        for (event, at) in items(root, "", "events") {
            let members = EventMembers::read(event);
            let list = |list: Option<&'v Value>, key: &str| match list {
                Some(list) => strings(list, &Rc::from(pointer::child(&at, key))),
                None => Vec::new(),
            };
            let actors = list(members.actors, "actors");
            let responds_to = list(members.responds_to, "responds_to");
            for actor in &actors {
                relation.uses(actor.clone(), Role::Actor);
            }
            let mut quotes = Vec::new();
            for (quote, quote_at) in items_of(members.quotes, &at, "quotes") {
                relation.uses_field(quote, &quote_at, "speaker", Role::Speaker);
                relation.quote_languages.extend(text(quote, &quote_at, "language"));
                relation
                    .quote_languages
                    .extend(text(quote, &quote_at, "original_language"));
                let speaker = quote.get("speaker").and_then(Value::as_str);
                quotes.push(relation.claims.len());
                relation.claim(ClaimKind::Quote, quote, quote_at, speaker, None);
            }
            let roles: Vec<EventRole> = items_of(members.roles, &at, "roles")
                .into_iter()
                .map(|(role, role_at)| EventRole {
                    entity: text(role, &role_at, "entity"),
                    group: text(role, &role_at, "group"),
                    role: text(role, &role_at, "role"),
                    pointer: role_at,
                })
                .collect();
            for entity in roles.iter().filter_map(|role| role.entity.clone()) {
                relation.uses(entity, Role::Involved);
            }
            let id = members.id.and_then(Value::as_str).map(|id| field(id, &at, "id"));
            let date = members
                .date
                .and_then(Value::as_str)
                .map(|date| DateText::from(field(date, &at, "date")));
            let claim = relation.claims.len();
            relation.push_claim(
                ClaimKind::Event,
                event,
                at.clone(),
                (id.as_ref().map(|id| id.value), None),
                ClaimMembers {
                    cite: members.cite,
                    citation_needed: members.citation_needed,
                    date: date.clone(),
                },
            );
            relation.events.push(Event {
                pointer: at,
                value: event,
                id,
                date,
                actors,
                locations: members.locations,
                kinds: members.kinds,
                roles,
                responds_to,
                third_party: members.third_party,
                quotes,
                claim,
            });
        }
        for (mission, at) in items(root, "", "missions") {
            relation.uses_field(mission, &at, "sending", Role::Sending);
            relation.uses_field(mission, &at, "host", Role::Host);
            let id = mission.get("id").and_then(Value::as_str);
            relation.missions.push(Mission {
                id: text(mission, &at, "id"),
                sending: text(mission, &at, "sending"),
                host: text(mission, &at, "host"),
                pointer: at.clone(),
            });
            relation.claim(ClaimKind::Mission, mission, at, id, None);
        }
        for (reference, at) in items(root, "", "references") {
            let archived_at: Option<Rc<str>> = reference
                .get("archived")
                .map(|_| pointer::child(&at, "archived").into());
            let archived_field = |key: &'static str| {
                let archived = reference.get("archived")?;
                text(archived, archived_at.as_ref()?, key)
            };
            let mut published = None;
            let mut retrieved = None;
            let mut fields = Reference {
                value: reference,
                id: None,
                title: None,
                publisher: None,
                language: None,
                url: None,
                published: None,
                retrieved: None,
                archived: archived_field("date").map(DateText::from),
                archived_url: archived_field("url"),
                archived_at: archived_at.clone(),
                listed_only: false,
                pointer: Rc::clone(&at),
                url_address: None,
                archived_address: None,
            };
            // One pass over the members (references are most of a file) rather than a lookup per field.
            for (key, value) in reference.as_object().into_iter().flatten() {
                let (slot, name) = match key.as_str() {
                    "id" => (&mut fields.id, "id"),
                    "title" => (&mut fields.title, "title"),
                    "publisher" => (&mut fields.publisher, "publisher"),
                    "language" => (&mut fields.language, "language"),
                    "url" => (&mut fields.url, "url"),
                    "published" => (&mut published, "published"),
                    "retrieved" => (&mut retrieved, "retrieved"),
                    "listed_only" => {
                        fields.listed_only = value == &Value::Bool(true);
                        continue;
                    }
                    _ => continue,
                };
                *slot = value.as_str().map(|value| field(value, &at, name));
            }
            fields.published = published.map(DateText::from);
            fields.retrieved = retrieved.map(DateText::from);
            fields.url_address = fields.url.as_ref().and_then(|url| Address::read(url.value));
            fields.archived_address = fields.archived_url.as_ref().and_then(|url| Address::read(url.value));
            fields.pointer = at;
            relation.references.push(fields);
        }
        relation
    }

    /// Every field that holds a date, for the rules that apply to all dates.
    pub fn dates(&self) -> impl Iterator<Item = &DateText<'v>> {
        let claims = self.claims.iter().filter_map(|claim| claim.date.as_ref());
        let references = self
            .references
            .iter()
            .flat_map(|r| [&r.published, &r.retrieved, &r.archived])
            .flatten();
        claims.chain(references)
    }

    fn uses(&mut self, id: Text<'v>, role: Role) {
        self.entity_uses.push(EntityUse { id, role });
    }

    fn uses_field(&mut self, object: &'v Value, at: &Rc<str>, key: &'static str, role: Role) {
        if let Some(id) = text(object, at, key) {
            self.uses(id, role);
        }
    }

    fn claim(
        &mut self,
        kind: ClaimKind,
        value: &'v Value,
        at: Rc<str>,
        name: Option<&'v str>,
        object: Option<&'v str>,
    ) {
        let members = ClaimMembers {
            cite: value.get("cite"),
            citation_needed: value.get("citation_needed") == Some(&Value::Bool(true)),
            date: date_text(value, &at, "date"),
        };
        self.push_claim(kind, value, at, (name, object), members);
    }

    /// A claim whose members were read already (`name` and `object` as in `Claim`).
    fn push_claim(
        &mut self,
        kind: ClaimKind,
        value: &'v Value,
        at: Rc<str>,
        (name, object): (Option<&'v str>, Option<&'v str>),
        members: ClaimMembers<'v>,
    ) {
        // A single id written without brackets is the schema's finding (wrong-type); reading it as
        // a one-item list keeps the reference it names from being reported as unused as well.
        let cite = members.cite.map(|cite| match cite.as_str() {
            Some(id) => vec![field(id, &at, "cite")],
            None => strings(cite, &Rc::from(pointer::child(&at, "cite"))),
        });
        self.claims.push(Claim {
            kind,
            value,
            name,
            object,
            cite,
            citation_needed: members.citation_needed,
            date: members.date,
            pointer: at,
        });
    }
}

/// The members every claim has: its citation and its date.
struct ClaimMembers<'v> {
    cite: Option<&'v Value>,
    citation_needed: bool,
    date: Option<DateText<'v>>,
}

/// The members of an event that the model reads, found in one pass over the object: events are
/// most of a file's claims, and a lookup per member walks the object's map each time.
#[derive(Default)]
struct EventMembers<'v> {
    id: Option<&'v Value>,
    date: Option<&'v Value>,
    actors: Option<&'v Value>,
    locations: Option<&'v Value>,
    kinds: Option<&'v Value>,
    quotes: Option<&'v Value>,
    roles: Option<&'v Value>,
    responds_to: Option<&'v Value>,
    cite: Option<&'v Value>,
    citation_needed: bool,
    third_party: bool,
}

impl<'v> EventMembers<'v> {
    fn read(event: &'v Value) -> Self {
        let mut members = Self::default();
        for (key, value) in event.as_object().into_iter().flatten() {
            match key.as_str() {
                "id" => members.id = Some(value),
                "date" => members.date = Some(value),
                "actors" => members.actors = Some(value),
                "locations" => members.locations = Some(value),
                "kinds" => members.kinds = Some(value),
                "quotes" => members.quotes = Some(value),
                "roles" => members.roles = Some(value),
                "responds_to" => members.responds_to = Some(value),
                "cite" => members.cite = Some(value),
                "citation_needed" => members.citation_needed = value == &Value::Bool(true),
                "third_party" => members.third_party = value == &Value::Bool(true),
                _ => {}
            }
        }
        members
    }
}
