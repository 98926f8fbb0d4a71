//! Accepting a finding is a decision; the reason is what the next contributor reads.

use crate::rules::{Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R903",
    name: "exception-without-reason",
    group: Group::Config,
    level: Level::Error,
    fix: Fixable::None,
    summary: "an `[[exception]]` in relcheck.toml has no `reason`",
    why: "An exception accepts a finding that would otherwise fail the check. Without a reason nobody can tell later whether it is still justified. An exception without a reason suppresses nothing.",
    example: "[[exception]]\nfile = \"data/relations/NO-UA.json\"\npointer = \"/events/3\"\nrules = [\"source-predates-event\"]",
    instead: "Add `reason = \"…\"`, e.g. `reason = \"the source announced the visit a week in advance\"`.",
};
