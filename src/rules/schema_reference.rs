//! Each data file names its schema, so editors that understand JSON Schema check it as it is typed.

use crate::diagnostics::Diagnostic;
use crate::rules::{quote, FileContext, Fix, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R108",
    name: "schema-reference",
    group: Group::Schema,
    level: Level::Warning,
    fix: Fix::Safe,
    summary: "a data file's `$schema` is missing or does not point to the dataset's schema",
    why: "Editors such as VS Code and IntelliJ read `$schema` to complete field names, show each field's description and underline mistakes while the file is edited, long before relcheck runs. A missing or wrong path silently turns that off. The expected value is the path from the file to the dataset's schema/ folder.",
    example: "{ \"$schema\": \"../schema/relation.json\", \"id\": \"NO-UA\", … }",
    instead: "Write the relative path to the schema: `\"$schema\": \"../../schema/relation.schema.json\"` for a file in data/relations/.",
};

pub fn check(context: &FileContext, out: &mut Vec<Diagnostic>) {
    let Some(expected) = context.expected_schema else {
        return;
    };
    match context.document.value.get("$schema") {
        None => out.push(
            context
                .diagnostic(&RULE, "", "this file does not name its schema")
                .primary(context.value_anchor(""), "no `$schema` member")
                .help(format!("add `\"$schema\": \"{expected}\"` as the first member, so editors can check the file as it is edited")),
        ),
        Some(value) if value.as_str() != Some(expected) => {
            let found = value.as_str().map_or_else(|| "a non-string value".to_string(), quote);
            out.push(
                context
                    .diagnostic(&RULE, "/$schema", format!("`$schema` is {found}, but the dataset's schema is at {}", quote(expected)))
                    .primary(context.value_span("/$schema"), "not the dataset's schema")
                    .help(format!("write `\"$schema\": \"{expected}\"`")),
            );
        }
        Some(_) => {}
    }
}
