//! A string holds a no-break, thin or other special space where a plain space belongs.

use crate::diagnostics::fix::{Edit, Fix};
use crate::diagnostics::Diagnostic;
use crate::rules::{describe_pointer, FileContext, Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R607",
    name: "special-space",
    group: Group::Style,
    level: Level::Warning,
    fix: Fixable::Safe,
    summary: "a string holds a no-break, thin or other special space where a plain space belongs",
    why: "Text copied from a web page often carries a no-break space (U+00A0), a narrow no-break space (U+202F) or a thin space (U+2009) where it shows a plain space. They look alike but compare unequal: a search for \"Norway in Ukraine\" misses \"Norway\u{a0}in Ukraine\", and two copies of one title look like two sources. The data keeps plain spaces; layout is for whoever shows it.",
    example: "\"title\": \"Norway\\u00a0in Ukraine\"",
    instead: "Write a plain space: `\"title\": \"Norway in Ukraine\"`.",
};

/// Spaces that look like U+0020 but are not.
fn is_special(ch: char) -> bool {
    matches!(ch, '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}')
}

fn name(ch: char) -> &'static str {
    match ch {
        '\u{00A0}' => "no-break space",
        '\u{2007}' => "figure space",
        '\u{2009}' => "thin space",
        '\u{200A}' => "hair space",
        '\u{202F}' => "narrow no-break space",
        '\u{205F}' => "medium mathematical space",
        _ => "typographic space",
    }
}

pub fn check(context: &FileContext, out: &mut Vec<Diagnostic>) {
    // The strings the whitespace rule reports are left to it: it writes them clean, special
    // spaces and all.
    let reported: Vec<String> = out
        .iter()
        .filter(|d| std::ptr::eq(d.rule, &super::whitespace::RULE))
        .map(|d| d.pointer.clone())
        .collect();
    for string in context.document.maybe_unclean_strings(context.text) {
        let at = string.pointer();
        let Some(serde_json::Value::String(text)) = context.document.value.pointer(&at) else {
            continue;
        };
        let positions: Vec<usize> = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| is_special(c))
            .map(|(i, _)| i)
            .collect();
        if positions.is_empty() || reported.contains(&at) {
            continue;
        }
        let first = text.chars().nth(positions[0]).unwrap_or(' ');
        let span = |i: usize| super::chars_span(context, &at, text, i..i + 1);
        let more = match positions.len() {
            1 => String::new(),
            2 => " (and 1 more)".into(),
            n => format!(" (and {} more)", n - 1),
        };
        let mut diagnostic = context
            .diagnostic(
                &RULE,
                &at,
                format!(
                    "{} has a {} (U+{:04X}) at position {} where a plain space belongs{more}",
                    describe_pointer(&at),
                    name(first),
                    first as u32,
                    positions[0] + 1
                ),
            )
            .primary(span(positions[0]), name(first));
        for &i in positions.iter().skip(1).take(5) {
            diagnostic = diagnostic.secondary(span(i), "another special space");
        }
        let edits: Option<Vec<Edit>> = positions
            .iter()
            .map(|&i| span(i).map(|s| Edit::replace(s, " ")))
            .collect();
        let plain: String = text.chars().map(|c| if is_special(c) { ' ' } else { c }).collect();
        out.push(diagnostic.help("write a plain space").fix(edits.and_then(|edits| {
            Fix::safe(
                format!("write `{}`", crate::diagnostics::escape::visible(&plain)),
                edits,
            )
        })));
    }
}
