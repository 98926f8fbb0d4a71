//! SARIF 2.1.0, the format GitHub code scanning and other viewers read (`--format sarif`).
//!
//! One run: the tool with every rule of the registry (its documentation is the rule's descriptions
//! and help), then one result per finding with its physical location (line, column, byte range) and
//! its logical location (the JSON Pointer). Columns count Unicode code points, as ours do. Findings an
//! exception in relcheck.toml accepts are kept, with a `suppressions` entry giving its reason. The
//! output holds no timestamps or absolute paths, so it is byte-for-byte deterministic.

use std::collections::HashMap;

use serde::Serialize;

use crate::check::Report;
use crate::diagnostics::{Severity, Suppression};
use crate::rules::{self, Rule};
use crate::source::Span;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key; its value depends on the rule, the file and the pointer, not on
/// line numbers, so an alert survives edits elsewhere in the file.
pub const FINGERPRINT: &str = "relcheckFinding/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Configuration {
    /// Present, and `false`, only for a rule that is off unless relcheck.toml turns it on.
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: TextRef<'a>,
}

#[derive(Serialize)]
struct TextRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[SarifSuppression<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
}

/// A result's fix: its edits as replacements in the result's file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: TextRef<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: TextRef<'a>,
}

/// `{"relcheckFinding/v1": "…"}`.
struct Fingerprints(String);

impl Serialize for Fingerprints {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(FINGERPRINT, &self.0)?;
        map.end()
    }
}

/// An exception of relcheck.toml: `external`, since it is written outside the data file. Its status
/// is left to the default, `accepted`: the SARIF 2.1.0 text names the property `status` and the
/// official schema `state`, so writing either would be wrong for one of them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifSuppression<'a> {
    kind: &'static str,
    justification: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<[LogicalLocation<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<TextRef<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &Rule) -> Descriptor {
    let default_configuration = match rule.level.severity() {
        Some(severity) => Configuration {
            enabled: None,
            level: level(severity),
        },
        // Off by default: relcheck.toml can turn it on at any level; `warning` is SARIF's default.
        None => Configuration {
            enabled: Some(false),
            level: "warning",
        },
    };
    Descriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: rule.summary.to_owned(),
        },
        full_description: Text {
            text: rule.why.to_owned(),
        },
        // The whole text of `relcheck explain`: what, why, an example, and the fix.
        help: Text {
            text: rules::docs::explain(rule),
        },
        default_configuration,
        properties: Properties {
            tags: [rule.group.name()],
        },
    }
}

fn physical(report: &Report, file: usize, span: Option<Span>) -> PhysicalLocation {
    let region = span
        .and_then(|span| super::locate(report, file, span))
        .map(|found| Region {
            start_line: found.start.line,
            start_column: Some(found.start.column),
            end_line: Some(found.end.line),
            end_column: Some(found.end.column),
            byte_offset: Some(found.span.start),
            byte_length: Some(found.span.end - found.span.start),
        });
    PhysicalLocation {
        artifact_location: artifact(&report.files[file].path),
        region,
    }
}

fn sarif_fix<'a>(report: &Report, file: usize, fix: &'a crate::diagnostics::fix::Fix) -> SarifFix<'a> {
    let replacements = fix
        .edits
        .iter()
        .map(|edit| Replacement {
            deleted_region: physical(report, file, Some(edit.span)).region.unwrap_or_default(),
            inserted_content: TextRef {
                text: &edit.replacement,
            },
        })
        .collect();
    SarifFix {
        description: TextRef { text: &fix.title },
        artifact_changes: [ArtifactChange {
            artifact_location: artifact(&report.files[file].path),
            replacements,
        }],
    }
}

/// Where the exception is written: `relcheck.toml:12` becomes that file and line.
fn suppression(suppression: &Suppression) -> SarifSuppression<'_> {
    let location = suppression
        .config
        .rsplit_once(':')
        .and_then(|(path, line)| Some((path, line.parse::<usize>().ok().filter(|&line| line > 0)?)))
        .map(|(path, line)| Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact(path),
                region: Some(Region {
                    start_line: line,
                    ..Region::default()
                }),
            },
            logical_locations: None,
            message: None,
        });
    SarifSuppression {
        kind: "external",
        justification: &suppression.reason,
        location,
    }
}

/// A path relative to the working directory becomes a relative URI under `%SRCROOT%`; an absolute
/// one (only possible outside the working directory's tree) a `file:` URI.
fn artifact(path: &str) -> ArtifactLocation {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode_uri_path(path)),
            uri_base_id: None,
        }
    } else if drive {
        ArtifactLocation {
            uri: format!("file:///{}{}", &path[..2], encode_uri_path(&path[2..])),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_uri_path(path),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// Percent-encodes everything in a `/`-separated path that is not allowed raw in a URI path, as
/// UTF-8 bytes (RFC 3986). `:` is encoded too, so a relative path is never read as a scheme.
pub fn encode_uri_path(path: &str) -> String {
    const KEEP: &[u8] = b"-._~/!$&'()*+,;=@";
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || KEEP.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a: small, stable across platforms and releases, and enough to tell findings apart.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let results = report
        .diagnostics
        .iter()
        .map(|d| {
            let path = &report.files[d.file].path;
            let rule_index = rules::ALL
                .iter()
                .position(|rule| rule.code == d.rule.code)
                .unwrap_or_default();
            // Findings of one rule at one pointer are told apart by their order, as GitHub's own
            // `primaryLocationLineHash` does.
            let hash = fnv1a(&[d.rule.code, path, &d.pointer]);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            let related_locations = d
                .secondary
                .iter()
                .enumerate()
                .map(|(i, label)| Location {
                    id: Some(i + 1),
                    physical_location: physical(report, d.file, label.span),
                    logical_locations: None,
                    message: Some(TextRef { text: &label.message }),
                })
                .collect();
            SarifResult {
                rule_id: d.rule.code,
                rule_index,
                level: level(d.severity),
                message: Text {
                    text: super::one_text(d, " "),
                },
                locations: [Location {
                    id: None,
                    physical_location: physical(report, d.file, d.primary.span),
                    logical_locations: Some([LogicalLocation {
                        fully_qualified_name: &d.pointer,
                        kind: "value",
                    }]),
                    message: (!d.primary.message.is_empty()).then_some(TextRef {
                        text: &d.primary.message,
                    }),
                }],
                related_locations,
                partial_fingerprints: Fingerprints(format!("{hash:016x}:{occurrence}")),
                suppressions: d.suppressed.as_ref().map(|s| [suppression(s)]),
                fixes: d.fix.as_ref().map(|fix| [sarif_fix(report, d.file, fix)]),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "relcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules::ALL.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: report
                    .notices
                    .iter()
                    .map(|notice| Notification {
                        level: "note",
                        message: TextRef { text: notice },
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::write_json(out, &log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_paths() {
        assert_eq!(
            encode_uri_path("data/relations/NO-UA.json"),
            "data/relations/NO-UA.json"
        );
        assert_eq!(encode_uri_path("a b/50%,c:d.json"), "a%20b/50%25,c%3Ad.json");
        assert_eq!(encode_uri_path("Київ.json"), "%D0%9A%D0%B8%D1%97%D0%B2.json");
        assert_eq!(encode_uri_path("../schema/x.json"), "../schema/x.json");
        assert_eq!(encode_uri_path("a#b?c\n"), "a%23b%3Fc%0A");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        let location = artifact("/tmp/x y.json");
        assert_eq!(location.uri, "file:///tmp/x%20y.json");
        assert_eq!(location.uri_base_id, None);
        let location = artifact("C:/data/x.json");
        assert_eq!(location.uri, "file:///C:/data/x.json");
        let location = artifact("data/x.json");
        assert_eq!(location.uri_base_id, Some("%SRCROOT%"));
    }

    #[test]
    fn fingerprints_are_pinned() {
        // Changing the hash would reopen every alert on GitHub: these values must not change.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(
            fnv1a(&["R203", "data/relations/NO-UA.json", "/references/9/retrieved"]),
            PINNED
        );
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    const PINNED: u64 = 0x58c6_dbf7_8814_c464;

    #[test]
    fn suppressions_point_at_the_exception() {
        let accepted = Suppression {
            reason: "the source gives this date".into(),
            config: "relcheck.toml:12".into(),
        };
        let value = serde_json::to_value(suppression(&accepted)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "kind": "external",
                "justification": "the source gives this date",
                "location": {"physicalLocation": {
                    "artifactLocation": {"uri": "relcheck.toml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 12}
                }}
            })
        );
    }
}
