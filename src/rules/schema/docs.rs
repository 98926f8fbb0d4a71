//! The field tables of docs/format.md, generated from the schemas (the format's normative text),
//! so that the documentation cannot say a field is required when the schema says it is optional.
//! A test compares docs/format.md with these tables; `RELCHECK_UPDATE_DOCS=1 cargo test --lib
//! format_md` writes them.

use serde_json::Value;

/// One documented object: the marker name in docs/format.md, the schema, and the pointer of the
/// object's subschema in it.
const OBJECTS: &[(&str, Schema, &str)] = &[
    ("relation", Schema::Relation, ""),
    ("established", Schema::Relation, "/$defs/established"),
    ("recognition", Schema::Relation, "/$defs/recognition"),
    ("membership", Schema::Relation, "/$defs/membership"),
    ("event", Schema::Relation, "/$defs/event"),
    ("role", Schema::Relation, "/$defs/entityRole"),
    ("group-role", Schema::Relation, "/$defs/groupRole"),
    ("quote", Schema::Relation, "/$defs/quote"),
    ("amount", Schema::Relation, "/$defs/amount"),
    ("mission", Schema::Relation, "/$defs/mission"),
    ("reference", Schema::Relation, "/$defs/reference"),
    ("archive", Schema::Relation, "/$defs/archive"),
    ("external-link", Schema::Relation, "/$defs/externalLink"),
    ("entity-file", Schema::Entities, ""),
    ("entity", Schema::Entities, "/$defs/entity"),
];

#[derive(Clone, Copy)]
enum Schema {
    Relation,
    Entities,
}

impl Schema {
    fn text(self) -> &'static str {
        match self {
            Schema::Relation => crate::check::RELATION_SCHEMA,
            Schema::Entities => crate::check::ENTITIES_SCHEMA,
        }
    }

    fn document(self) -> Value {
        serde_json::from_str(self.text()).unwrap_or(Value::Null)
    }
}

/// The names of the members of the object at `at` of a JSON text, in the order they are written
/// (a `serde_json::Value` keeps them sorted).
pub fn member_order(text: &str, at: &str) -> Vec<String> {
    let Ok(document) = crate::source::json::parse(text, 0, Default::default()) else {
        return Vec::new();
    };
    document
        .members(text, at)
        .unwrap_or_default()
        .iter()
        .filter_map(|member| serde_json::from_str(text.get(member.key?.range())?).ok())
        .collect()
}

/// Every table, by marker name.
pub fn tables() -> Vec<(&'static str, String)> {
    OBJECTS
        .iter()
        .map(|&(name, schema, at)| {
            let document = schema.document();
            let object = document.pointer(at).cloned().unwrap_or(Value::Null);
            let order = member_order(schema.text(), &format!("{at}/properties"));
            (name, table(&document, &object, &order))
        })
        .collect()
}

fn table(document: &Value, object: &Value, order: &[String]) -> String {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = String::from("| field | | form | meaning |\n|---|---|---|---|\n");
    let properties = object.get("properties").and_then(Value::as_object);
    let in_order = order.iter().filter_map(|name| Some((name, properties?.get(name)?)));
    for (name, property) in in_order {
        let needed = if required.contains(&name.as_str()) {
            "required"
        } else {
            "optional"
        };
        let meaning = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .replace('|', "\\|")
            .replace('\n', " ");
        out.push_str(&format!(
            "| `{name}` | {needed} | {} | {meaning} |\n",
            form(document, property)
        ));
    }
    out
}

/// A property's form in a few words: "date", "list of reference ids", "one of `member`, `applicant`".
fn form(document: &Value, schema: &Value) -> String {
    // A field that narrows the form it refers to says so next to the reference.
    if let (Some(_), Some(expects)) = (
        schema.get("$ref"),
        schema.get("x-relcheck-expects").and_then(Value::as_str),
    ) {
        return expects
            .split(": ")
            .next()
            .unwrap_or(expects)
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .to_owned();
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        let target = document.pointer(reference.trim_start_matches('#'));
        return match (name, target) {
            ("date", _) => "date".into(),
            ("countryId", _) => "country id".into(),
            ("organizationId", _) => "organisation id".into(),
            ("personId", _) => "person id".into(),
            ("entityId", _) => "entity id".into(),
            ("slug", _) => "id".into(),
            ("referenceId", _) => "reference id".into(),
            ("language", _) => "language tag".into(),
            ("cite", _) => "list of reference ids".into(),
            ("citationNeeded", _) => "`true`".into(),
            (_, Some(target)) if target.get("enum").is_some() => form(document, target),
            (_, _) => "object".into(),
        };
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let shown: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
            .collect();
        return format!("one of {}", shown.join(", "));
    }
    if let Some(value) = schema.get("const") {
        return format!("`{value}`");
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => match schema.get("items") {
            Some(items) => {
                let item = form(document, items);
                if item.starts_with("list") || item.starts_with("one of") {
                    format!("list, each {item}")
                } else {
                    format!("list of {}", plural(&item))
                }
            }
            None => "list".into(),
        },
        Some("string") if schema.get("pattern").is_some() || schema.get("x-relcheck-expects").is_some() => schema
            .get("x-relcheck-expects")
            .and_then(Value::as_str)
            .map_or("text of a set form".into(), |e| {
                e.split(": ")
                    .next()
                    .unwrap_or(e)
                    .trim_start_matches("a ")
                    .trim_start_matches("an ")
                    .to_owned()
            }),
        Some("string") => "text".into(),
        Some("integer") => "whole number".into(),
        Some("number") => "number".into(),
        Some("boolean") => "`true` or `false`".into(),
        Some("object") => "object".into(),
        _ if schema.get("anyOf").is_some() || schema.get("oneOf").is_some() => "one of several forms".into(),
        _ => "value".into(),
    }
}

fn plural(noun: &str) -> String {
    match noun {
        "object" => "objects".into(),
        "text" => "texts".into(),
        other if other.ends_with('y') => format!("{}ies", &other[..other.len() - 1]),
        other => format!("{other}s"),
    }
}

/// `text` with every generated block (`<!-- generated: NAME -->` … `<!-- end generated -->`)
/// replaced by the current table of NAME.
pub fn update(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let tables = tables();
    while let Some(start) = rest.find("<!-- generated: ") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let Some(open_end) = from.find("-->") else { break };
        let name = from["<!-- generated: ".len()..open_end].trim();
        let Some(close) = from.find("<!-- end generated -->") else {
            break;
        };
        out.push_str(&from[..open_end + 3]);
        out.push('\n');
        if let Some((_, table)) = tables.iter().find(|(n, _)| *n == name) {
            out.push_str(table);
        }
        rest = &from[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Editors show a field's `description` as its hover text, and some merge a `$ref`'s target
    /// over the field's own keywords: so every property describes itself, and no definition that
    /// is referred to carries a description that could take its place.
    #[test]
    fn every_field_hovers_with_its_own_description() {
        for schema in [Schema::Relation, Schema::Entities] {
            let document = schema.document();
            let mut problems = Vec::new();
            let mut stack = vec![(String::new(), &document)];
            while let Some((at, node)) = stack.pop() {
                let Some(object) = node.as_object() else {
                    if let Some(items) = node.as_array() {
                        stack.extend(items.iter().enumerate().map(|(i, item)| (format!("{at}/{i}"), item)));
                    }
                    continue;
                };
                if let Some(properties) = object.get("properties").and_then(Value::as_object) {
                    for (name, property) in properties {
                        if property.get("description").is_none() {
                            problems.push(format!("{at}/properties/{name} has no description"));
                        }
                    }
                }
                if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                    let target = document.pointer(reference.trim_start_matches('#'));
                    let described = |node: Option<&Value>| node.is_some_and(|n| n.get("description").is_some());
                    if described(Some(node)) && described(target) {
                        problems.push(format!(
                            "{at}: {reference} has a description that an editor may show instead of this one"
                        ));
                    }
                    if !described(Some(node)) && !described(target) {
                        problems.push(format!("{at}: neither it nor {reference} has a description"));
                    }
                }
                for (key, child) in object {
                    if !matches!(key.as_str(), "examples" | "enum" | "const" | "default") {
                        stack.push((format!("{at}/{key}"), child));
                    }
                }
            }
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    }

    #[test]
    fn format_md_tables_are_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md");
        let text = std::fs::read_to_string(path).expect("docs/format.md");
        let updated = update(&text);
        if std::env::var_os("RELCHECK_UPDATE_DOCS").is_some() {
            std::fs::write(path, &updated).expect("writable");
            return;
        }
        for (name, _) in tables() {
            assert!(
                text.contains(&format!("<!-- generated: {name} -->")),
                "docs/format.md has no table for {name}"
            );
        }
        assert!(
            updated == text,
            "docs/format.md's field tables differ from the schemas: run `RELCHECK_UPDATE_DOCS=1 cargo test --lib format_md`"
        );
    }
}
