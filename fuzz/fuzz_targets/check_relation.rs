//! The whole check of one relation file, from its bytes, against the shipped dataset's schemas and
//! entities (the same `Workspace::check_text` the command line and the language server use), then
//! every output format: nothing may panic, and every finding's spans must lie inside the text.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use relcheck::check::{Report, Settings, MAX_FINDINGS_PER_FILE};
use relcheck::config::Config;
use relcheck::dataset::{FileKind, Input};
use relcheck::report::{self, Format};
use relcheck::source::{Excerpt, Limits, SourceFile};
use relcheck::workspace::{Purpose, Workspace};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn input(path: PathBuf, kind: FileKind) -> Input {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    Input {
        path,
        display: name.clone(),
        from_root: name,
        kind,
    }
}

/// The workspace of the shipped dataset, with its entity index, built once.
fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let settings = Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            limits: Limits::default(),
            max_file_size: 1 << 20,
            max_findings_per_file: MAX_FINDINGS_PER_FILE,
        };
        let mut workspace = Workspace::new(root(), Config::default(), settings, true);
        let mut checked = Vec::new();
        for name in ["countries.json", "organizations.json", "people.json"] {
            let entity = input(root().join("data/entities").join(name), FileKind::Entities);
            let bytes = std::fs::read(&entity.path).unwrap();
            let result = workspace.check_text(&entity, 0, bytes, Purpose::IdsOnly).unwrap();
            checked.push((entity, result));
        }
        workspace.index_entities(checked.iter().enumerate().map(|(i, (input, c))| (i, input, c)));
        workspace
    })
}

fuzz_target!(|bytes: &[u8]| {
    let workspace = workspace();
    let relation = input(root().join("data/relations/NO-UA.json"), FileKind::Relation);
    let checked = workspace.check_text(&relation, 0, bytes.to_vec(), Purpose::Check).unwrap();
    let mut diagnostics = checked.diagnostics;
    workspace.finish(&mut diagnostics, "data/relations/NO-UA.json", &[]);
    for diagnostic in &diagnostics {
        for span in diagnostic.spans() {
            assert!(span.start <= span.end && span.end <= checked.text.len(), "{}", diagnostic.message);
        }
    }
    let mut report = Report {
        files: vec![SourceFile {
            path: "NO-UA.json".into(),
            excerpt: Excerpt::of_spans(&checked.text, diagnostics.iter().flat_map(|d| d.spans())),
        }],
        diagnostics,
        checked: 1,
        ..Report::default()
    };
    report.make_printable();
    for format in [Format::Human, Format::Concise, Format::Json, Format::Sarif, Format::Github] {
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        report::render(&report, format, &mut out).unwrap();
    }
});
