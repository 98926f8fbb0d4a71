//! Rule documentation, written once in the registry and laid out here for `relcheck explain`,
//! `relcheck rules` and the generated docs/rules.md.

use super::{Group, Rule, ALL};

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    let rest: String = chars.collect();
    if rest.ends_with('.') {
        format!("{first}{rest}")
    } else {
        format!("{first}{rest}.")
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of `relcheck explain`.
pub fn explain(rule: &Rule) -> String {
    format!(
        "{code} {name}\ngroup: {group} · default level: {level}\nfix: {fix}\n\nWhat it does\n{what}\n\nWhy it matters\n{why}\n\nExample\n{example}\n\nFix\n{instead}\n",
        code = rule.code,
        name = rule.name,
        group = rule.group.name(),
        level = rule.level.name(),
        fix = rule.fix.describe(),
        what = indent(&sentence(rule.summary)),
        why = indent(rule.why),
        example = indent(rule.example),
        instead = indent(rule.instead),
    )
}

/// The text of `relcheck explain GROUP`: what the group guards, and its rules.
pub fn explain_group(group: Group) -> String {
    let mut out = format!(
        "{name} (R{digit}xx)
{about}

Rules
",
        name = group.name(),
        digit = group.digit(),
        about = indent(&sentence(group.summary())),
    );
    for rule in ALL.iter().filter(|rule| rule.group == group) {
        out.push_str(&format!(
            "    {:<6} {:<28} {:<8} {}
",
            rule.code,
            rule.name,
            rule.level.name(),
            rule.summary
        ));
    }
    out.push_str(&format!(
        "
In relcheck.toml, `{} = \"off\"` (or a level) sets every rule of the group; `relcheck explain CODE` documents one.\n",
        group.name()
    ));
    out
}

/// The table of `relcheck rules`.
pub fn table() -> String {
    let mut out = format!(
        "{:<6} {:<28} {:<11} {:<8} {}\n",
        "code", "name", "group", "level", "summary"
    );
    for rule in ALL {
        out.push_str(&format!(
            "{:<6} {:<28} {:<11} {:<8} {}\n",
            rule.code,
            rule.name,
            rule.group.name(),
            rule.level.name(),
            rule.summary
        ));
    }
    out
}

/// Every rule as JSON, for tools.
pub fn json() -> String {
    let mut text = serde_json::to_string_pretty(ALL).unwrap_or_default();
    text.push('\n');
    text
}

/// docs/rules.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "# relcheck rules\n\n<!-- Generated from the rule registry (src/rules/) by `relcheck rules --format markdown`; \
a test fails when this file is stale. -->\n\n\
Levels: `error` fails the run, `warning` fails it only with `--fail-on warning`, `info` never does, `off` \
is not reported. Every level can be changed in relcheck.toml by code, name or group.\n\n\
| code | name | group | default level | fix | what it finds |\n|---|---|---|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} | {} | {} |\n",
            rule.code,
            rule.name,
            rule.name,
            rule.group.name(),
            rule.level.name(),
            rule.fix.name(),
            rule.summary.replace('|', "\\|")
        ));
    }
    for group in Group::ALL {
        let rules: Vec<&&Rule> = ALL.iter().filter(|r| r.group == group).collect();
        if rules.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", group.name()));
        for rule in rules {
            out.push_str(&format!(
                "\n### {name}\n\n`{code}` · default level `{level}` · fix: {fix}\n\n**What it does.** {what}\n\n**Why it matters.** {why}\n\n**Example.**\n\n```\n{example}\n```\n\n**Fix.** {instead}\n",
                name = rule.name,
                code = rule.code,
                level = rule.level.name(),
                fix = rule.fix.describe(),
                what = sentence(rule.summary),
                why = rule.why,
                example = rule.example,
                instead = rule.instead,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_rules_md_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if std::env::var_os("RELCHECK_UPDATE_DOCS").is_some() {
            std::fs::write(path, markdown()).unwrap();
            return;
        }
        assert!(
            committed == markdown(),
            "docs/rules.md is stale: regenerate it with `RELCHECK_UPDATE_DOCS=1 cargo test docs_rules_md` \
             (or `relcheck rules --format markdown > docs/rules.md`)"
        );
    }

    #[test]
    fn explain_has_every_section() {
        for rule in ALL {
            let text = explain(rule);
            for heading in ["What it does", "Why it matters", "Example", "Fix"] {
                assert!(text.contains(&format!("\n{heading}\n")), "{}: no {heading}", rule.code);
            }
        }
    }
}
