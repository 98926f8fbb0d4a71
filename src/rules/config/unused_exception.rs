//! An exception that accepts nothing hides the next real finding at that place.

use crate::rules::{Fixable, Group, Level, Rule};

pub static RULE: Rule = Rule {
    code: "R901",
    name: "unused-exception",
    group: Group::Config,
    level: Level::Warning,
    fix: Fixable::None,
    summary: "an `[[exception]]` in relcheck.toml accepts no finding",
    why: "Exceptions are written for one finding. Once the data is fixed, a leftover exception would silently accept the next, different problem at the same place, like an unused `# noqa` or an unfulfilled `#[expect]`. Exceptions for files outside the run (a pre-commit hook checks a few files) are not reported.",
    example: "[[exception]]\nfile = \"data/relations/NO-UA.json\"\npointer = \"/references/12\"\nrules = [\"missing-publisher\"]\nreason = \"…\"      # but reference 12 now has a publisher",
    instead: "Remove the exception, or correct its `file`, `pointer` or `rules` so that it names the finding it was written for.",
};
