//! Each data file names its schema, so editors that understand JSON Schema check it as it is typed.

use crate::diagnostics::fix::Fix;
use crate::diagnostics::Diagnostic;
use crate::rules::{quote, FileContext, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R108",
    name: "schema-reference",
    group: Group::Schema,
    level: Level::Warning,
    fix: crate::rules::Fixable::Safe,
    summary: "a data file's `$schema` is missing or does not point to the dataset's schema",
    why: "Editors such as VS Code and IntelliJ read `$schema` to complete field names, show each field's description and underline mistakes while the file is edited, long before relcheck runs. A missing or wrong path silently turns that off. When the dataset has a schema/ folder, the expected value is the path from the file to it; otherwise a relative `$schema` must at least lead to an existing file.",
    example: "{ \"$schema\": \"../schema/relation.json\", \"id\": \"NO-UA\", … }",
    instead: "Write the relative path to the schema: `\"$schema\": \"../../schema/relation.schema.json\"` for a file in data/relations/.",
};

pub fn check(context: &FileContext, out: &mut Vec<Diagnostic>) {
    let declared = context.document.value.get("$schema");
    // Missing among other required fields, or misspelt: the schema's finding names it.
    if declared.is_none() && context.known.absence_reported("", "$schema") {
        return;
    }
    match (declared, context.expected_schema) {
        (None, Some(expected)) => out.push(
            context
                .diagnostic(&RULE, "", "this file does not name its schema")
                .primary(context.value_anchor(""), "no `$schema` member")
                .help(format!(
                    "add `\"$schema\": \"{expected}\"` as the first member, so editors can check the file as it is edited"
                ))
                .fix(Fix::safe(
                    format!("add `\"$schema\": \"{expected}\"`"),
                    context
                        .edits()
                        .insert_member("", None, "$schema", &crate::fix::edits::json_string(expected))
                        .into_iter()
                        .collect(),
                )),
        ),
        (Some(value), expected) => {
            let Some(declared) = value.as_str() else { return };
            if let Some(expected) = expected.filter(|&e| e != declared) {
                out.push(
                    context
                        .diagnostic(
                            &RULE,
                            "/$schema",
                            format!("`$schema` is {}, but the dataset's schema is at {}", quote(declared), quote(expected)),
                        )
                        .primary(context.value_span("/$schema"), "not the dataset's schema")
                        .help(format!("write `\"$schema\": \"{expected}\"`"))
                        .fix(Fix::safe(
                            format!("write `\"$schema\": \"{expected}\"`"),
                            context.edits().replace_string("/$schema", expected).into_iter().collect(),
                        )),
                );
                return;
            }
            // Without a schema folder in the dataset, a relative path that leads nowhere is still wrong.
            // Asked of the file system last: most files name the expected schema, and one run checks thousands.
            let relative = !declared.contains("://");
            let missing = || context.folder.is_some_and(|folder| !folder.join(declared).is_file());
            if expected.is_none() && relative && missing() {
                out.push(
                    context
                        .diagnostic(&RULE, "/$schema", format!("`$schema` points to {}, which does not exist", quote(declared)))
                        .primary(context.value_span("/$schema"), "no file at this path, relative to this file")
                        .help("write the path from this file to the dataset's relation.schema.json (or entities.schema.json)"),
                );
            }
        }
        (None, None) => {}
    }
}
