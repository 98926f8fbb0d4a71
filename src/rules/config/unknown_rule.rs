//! A misspelt rule name in relcheck.toml would silently configure nothing.

use crate::rules::{Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R902",
    name: "unknown-rule",
    group: Group::Config,
    level: Level::Error,
    fix: Fixable::None,
    summary: "relcheck.toml names a rule or group that does not exist",
    why: "A level or an exception for a rule that does not exist does nothing, so the contributor believes a finding is configured when it is not. relcheck stops with exit code 2 (the run is not what the configuration asked for) and shows the entry, with the nearest rule name.",
    example: "[rules]\ninvalid-dat = \"off\"",
    instead: "Use a rule code (`R201`), a rule name (`invalid-date`) or a group (`dates`); `relcheck rules` lists them.",
};
