//! `relcheck lsp`, driven as an editor drives it: the built binary is started and spoken to in
//! JSON-RPC over its standard input and output, on temporary copies of the shipped dataset. The
//! findings it publishes are compared with what `relcheck check` reports for the same file, at
//! positions counted in UTF-16 (the protocol's default) with non-ASCII text before them.

mod support;

#[path = "lsp/client.rs"]
mod client;

use std::path::Path;

use client::{apply, edits_of, files_of, uri, utf16_position, utf16_range, Client};
use serde_json::{json, Value};

/// A reference's title, publisher and language on one line, with non-ASCII letters and an emoji
/// (two UTF-16 code units) before the language tag, which is `NB`, not the canonical `nb`.
const ORIGINAL: &str = "\"title\": \"Støre slår cyberalarm: – Vi må være mer våkne\",\n      \"publisher\": \"ABC Nyheter\",\n      \"language\": \"no\",";
const MUTATED: &str = "\"title\": \"Støre slår cyberalarm: – Vi må være mer våkne 🛡\", \"publisher\": \"ABC Nyheter\", \"language\": \"NB\",";

fn shipped(dataset: &Path) -> String {
    std::fs::read_to_string(relation_path(dataset)).unwrap()
}

fn relation_path(dataset: &Path) -> std::path::PathBuf {
    dataset.join("data/relations/NO-UA.json")
}

/// The same reference retrieved before it was published: a finding with a secondary label.
const DATES: &str = "\"published\": \"2022-01-15\",\n      \"retrieved\": \"2022-01-15\"";
const EARLY: &str = "\"published\": \"2022-01-15\",\n      \"retrieved\": \"2022-01-10\"";

fn mutated(dataset: &Path) -> String {
    let text = shipped(dataset);
    assert!(text.contains(ORIGINAL) && text.contains(DATES));
    text.replacen(ORIGINAL, MUTATED, 1).replacen(DATES, EARLY, 1)
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn with_code<'d>(diagnostics: &'d [Value], code: &str) -> Vec<&'d Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// What `relcheck check --format json FILE` reports, run in the dataset.
fn cli_findings(dataset: &Path, file: &str) -> Vec<Value> {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("relcheck"))
        .args(["check", "--format", "json", file])
        .current_dir(dataset)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["suppressed"].is_null())
        .cloned()
        .collect()
}

fn utf8_client(dataset: &Path) -> Client {
    Client::start(
        dataset,
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
    )
}

#[test]
fn initialize_negotiates_the_encoding_and_shutdown_ends_with_0() {
    let dataset = support::dataset();
    let client = utf8_client(dataset.path());
    let capabilities = &client.initialized["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.relcheck"])
    );
    for provider in [
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "hoverProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(client.initialized["serverInfo"]["name"], "relcheck");
    assert_eq!(client.shutdown(), Some(0));

    let mut client = Client::start(dataset.path(), json!({}));
    assert_eq!(client.initialized["capabilities"]["positionEncoding"], "utf-16");
    let unknown = client.request("textDocument/semanticTokens/full", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let malformed = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(malformed["error"]["code"], -32602, "{malformed}");
    assert_eq!(client.request("shutdown", Value::Null)["result"], Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn leaving_without_shutdown_ends_with_1_and_requests_before_initialize_are_refused() {
    let dataset = support::dataset();
    let mut client = Client::start(dataset.path(), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));

    let mut raw = std::process::Command::new(assert_cmd::cargo::cargo_bin("relcheck"))
        .arg("lsp")
        .current_dir(dataset.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let body = json!({ "jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {} }).to_string();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    use std::io::Write;
    let mut stdin = raw.stdin.take().unwrap();
    stdin.write_all(frame.as_bytes()).unwrap();
    drop(stdin);
    let output = raw.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\"code\":-32002"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn diagnostics_are_the_command_lines_at_utf16_positions() {
    let dataset = support::dataset();
    let text = mutated(dataset.path());
    std::fs::write(relation_path(dataset.path()), &text).unwrap();
    let mut expected = cli_findings(dataset.path(), "data/relations/NO-UA.json");
    expected.retain(|d| d["file"] == "data/relations/NO-UA.json");
    assert!(codes(&expected).contains(&"R602".to_owned()), "{expected:?}");

    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    let published = client.diagnostics(&uri);
    assert_eq!(published.len(), expected.len(), "{published:#?}");
    for cli in &expected {
        let start = cli["span"]["start"].as_u64().unwrap() as usize;
        let end = cli["span"]["end"].as_u64().unwrap() as usize;
        let range = utf16_range(&text, start, end);
        let found = published
            .iter()
            .find(|d| d["code"] == cli["code"] && d["range"] == range)
            .unwrap_or_else(|| panic!("no {} at {range} among {published:#?}", cli["code"]));
        let message = found["message"].as_str().unwrap();
        let mut lines = message.lines();
        assert_eq!(lines.next(), cli["message"].as_str());
        if let Some(help) = cli["help"].as_str() {
            assert!(message.ends_with(&format!("help: {help}")), "{message}");
        }
        assert_eq!(found["source"], "relcheck");
        let severity = match cli["severity"].as_str().unwrap() {
            "error" => 1,
            "warning" => 2,
            _ => 3,
        };
        assert_eq!(found["severity"], severity);
        // Secondary labels are related information, in this document, at their own ranges.
        let secondary: Vec<Value> = cli["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["primary"] == false)
            .map(|l| {
                let (s, e) = (l["span"]["start"].as_u64().unwrap(), l["span"]["end"].as_u64().unwrap());
                json!({ "location": { "uri": uri, "range": utf16_range(&text, s as usize, e as usize) }, "message": l["message"] })
            })
            .collect();
        let related = found["relatedInformation"].as_array().cloned().unwrap_or_default();
        assert_eq!(related, secondary);
    }
    let dates = with_code(&published, "R203");
    assert_eq!(dates.len(), 1, "{published:#?}");
    let published_at = text
        .find("\"2022-01-15\",\n      \"retrieved\": \"2022-01-10\"")
        .unwrap();
    assert_eq!(
        dates[0]["relatedInformation"][0]["location"]["range"],
        utf16_range(&text, published_at, published_at + 12)
    );

    // The language tag: after "Støre … våkne 🛡" on the same line, at UTF-16 character 107 (106
    // characters, the emoji counting twice); the docs link names the rule.
    let tag = with_code(&published, "R602")[0];
    let at = text.find("\"NB\"").unwrap();
    assert_eq!(tag["range"], utf16_range(&text, at, at + 4));
    assert_eq!(tag["range"]["start"]["character"], 107);
    assert_eq!(tag["severity"], 2);
    assert!(
        tag["codeDescription"].is_null(),
        "no docs/rules.md in the dataset: no link"
    );
}

#[test]
fn positions_are_bytes_when_utf8_is_negotiated_and_docs_link_to_rules_md() {
    let dataset = support::dataset();
    std::fs::create_dir_all(dataset.path().join("docs")).unwrap();
    std::fs::write(dataset.path().join("docs/rules.md"), "# rules\n").unwrap();
    let text = mutated(dataset.path());
    let mut client = utf8_client(dataset.path());
    let uri = client.open(&relation_path(dataset.path()), &text);
    let published = client.diagnostics(&uri);
    let tag = with_code(&published, "R602")[0];
    let at = text.find("\"NB\"").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert_eq!(tag["range"]["start"]["character"], at - line_start);
    assert_eq!(tag["range"]["end"]["character"], at - line_start + 4);
    let rules = std::fs::canonicalize(dataset.path().join("docs/rules.md")).unwrap();
    assert_eq!(
        tag["codeDescription"]["href"],
        format!("file://{}#language-tag-case", rules.display())
    );
    // Unused references show faded: they are text that can go.
    let unused = text.replace("\"abc-nyheter-2022-01-15\"\n", "\"mfa-ua-european-countries\"\n");
    client.change_all(&uri, 2, &unused);
    let published = client.diagnostics_until(&uri, |d| !with_code(d, "R402").is_empty());
    assert_eq!(with_code(&published, "R402")[0]["tags"], json!([1]));
}

#[test]
fn full_and_incremental_changes_update_the_findings() {
    let dataset = support::dataset();
    let shipped = shipped(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &shipped);
    let clean = client.diagnostics(&uri);
    assert!(with_code(&clean, "R602").is_empty());
    assert!(clean.iter().all(|d| d["code"] == "R304"), "{clean:#?}");

    // Incremental: "no" → "NB" in the reference's language, a range in UTF-16 positions.
    let at = shipped.find("\"language\": \"no\"").unwrap() + "\"language\": \"".len();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": utf16_range(&shipped, at, at + 2), "text": "NB" }],
        }),
    );
    let message = client.wait_for("diagnostics of version 2", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2
    });
    let changed = message["params"]["diagnostics"].as_array().unwrap().clone();
    let tags = with_code(&changed, "R602");
    assert_eq!(tags.len(), 1, "{changed:#?}");
    assert_eq!(tags[0]["range"], utf16_range(&shipped, at - 1, at + 3));
    assert_eq!(changed.len(), clean.len() + 1);

    // Two changes in one notification apply in order; the second's range is in the first's result.
    let line = utf16_position(&shipped, at)["line"].clone();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [
                { "range": { "start": { "line": line, "character": 19 }, "end": { "line": line, "character": 21 } }, "text": "ØØØ" },
                { "range": { "start": { "line": line, "character": 19 }, "end": { "line": line, "character": 22 } }, "text": "no" },
            ],
        }),
    );
    let back = client.diagnostics_until(&uri, |d| with_code(d, "R602").is_empty());
    assert_eq!(back, clean);

    // Full: a text that is not JSON publishes its syntax error, as the command line does.
    let broken = shipped.replacen("\"parties\": [", "\"parties\" [", 1);
    client.change_all(&uri, 4, &broken);
    let published = client.diagnostics_until(&uri, |d| !with_code(d, "R001").is_empty());
    assert_eq!(codes(&published), vec!["R001"]);
    let at = broken.find("\"parties\" [").unwrap() + "\"parties\" ".len();
    assert_eq!(published[0]["range"]["start"], utf16_position(&broken, at));
    client.change_all(&uri, 5, &shipped);
    assert_eq!(client.diagnostics_until(&uri, |d| d == clean.as_slice()), clean);
}

#[test]
fn a_quick_fix_and_fix_all_remove_their_findings() {
    let dataset = support::dataset();
    let text = mutated(dataset.path());
    let mut client = Client::start(
        dataset.path(),
        json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }),
    );
    let uri = client.open(&relation_path(dataset.path()), &text);
    let published = client.diagnostics(&uri);
    let tag = with_code(&published, "R602")[0].clone();
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": tag["range"],
            "context": { "diagnostics": [tag], "only": ["quickfix"] },
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "R602");
    assert_eq!(action["diagnostics"][0]["range"], tag["range"]);
    assert_eq!(action["edit"]["documentChanges"][0]["textDocument"]["version"], 1);
    let edits = edits_of(&action["edit"], &uri);
    let fixed = apply(&text, &edits);
    assert_eq!(fixed, text.replacen("\"NB\"", "\"nb\"", 1));
    client.change_all(&uri, 2, &fixed);
    let after = client.diagnostics_until(&uri, |d| with_code(d, "R602").is_empty());
    assert_eq!(after.len(), published.len() - 1);

    // Two fixable findings, both fixed by source.fixAll.relcheck in one edit.
    let two = text.replacen("\"language\": \"en\"", "\"language\": \"EN\"", 1);
    client.change_all(&uri, 3, &two);
    let published = client.diagnostics_until(&uri, |d| with_code(d, "R602").len() == 2);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.relcheck");
    let edits = edits_of(&actions[0]["edit"], &uri);
    assert_eq!(edits.len(), 1);
    let fixed = apply(&two, &edits);
    assert_eq!(
        fixed,
        two.replacen("\"NB\"", "\"nb\"", 1).replacen("\"EN\"", "\"en\"", 1)
    );
    client.change_all(&uri, 4, &fixed);
    let after = client.diagnostics_until(&uri, |d| with_code(d, "R602").is_empty());
    assert_eq!(after.len(), published.len() - 2);
}

fn position_of(text: &str, needle: &str, nth: usize, into: usize) -> Value {
    let at = text.match_indices(needle).nth(nth).expect("the needle").0 + into;
    utf16_position(text, at)
}

#[test]
fn definition_goes_from_a_cite_to_its_reference_and_from_an_entity_to_its_entry() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    client.diagnostics(&uri);

    // The first cite of abc-nyheter-2022-01-15 (an event's), cursor inside the id.
    let at = position_of(&text, "\"abc-nyheter-2022-01-15\"", 0, 5);
    let response = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let definition = &response["result"];
    assert_eq!(definition["uri"], uri);
    let id = text.find("\"id\": \"abc-nyheter-2022-01-15\"").unwrap();
    let start = text[..id].rfind('{').unwrap();
    let end = id + text[id..].find('}').unwrap() + 1;
    assert_eq!(definition["range"], utf16_range(&text, start, end));

    // A party's id goes to its entry in countries.json; with link support, a link with the id
    // selected and the origin range the id the request started from.
    let countries = std::fs::read_to_string(dataset.path().join("data/entities/countries.json")).unwrap();
    let mut links = Client::start(
        dataset.path(),
        json!({ "textDocument": { "definition": { "linkSupport": true } } }),
    );
    let uri = links.open(&relation_path(dataset.path()), &text);
    links.diagnostics(&uri);
    let party = text.find("\"UA\"").unwrap();
    let response = links.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&text, party + 1) }),
    );
    let link = &response["result"][0];
    assert_eq!(
        link["targetUri"],
        client::uri(&dataset.path().join("data/entities/countries.json"))
    );
    let entry = countries.find("\"id\": \"UA\"").unwrap();
    let entry_start = countries[..entry].rfind('{').unwrap();
    let entry_end = entry + countries[entry..].find('}').unwrap() + 1;
    assert_eq!(link["targetRange"], utf16_range(&countries, entry_start, entry_end));
    let id = entry + "\"id\": ".len();
    assert_eq!(link["targetSelectionRange"], utf16_range(&countries, id, id + 4));
    assert_eq!(link["originSelectionRange"], utf16_range(&text, party, party + 4));
}

/// The shipped dataset with a second relation on disk, NO-US, that names NO and US too; a server
/// on it with NO-UA.json open and its first findings read.
fn with_second_relation() -> (tempfile::TempDir, String, Client, String) {
    let dataset = support::dataset();
    std::fs::write(
        dataset.path().join("data/relations/NO-US.json"),
        "{\n  \"id\": \"NO-US\",\n  \"parties\": [\"NO\", \"US\"]\n}\n",
    )
    .unwrap();
    let text = shipped(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    client.diagnostics(&uri);
    (dataset, text, client, uri)
}

#[test]
fn references_of_a_reference_and_of_an_entity() {
    let (dataset, text, mut client, uri) = with_second_relation();

    let cite = "\"abc-nyheter-2022-01-15\"";
    let response = client.request(
        "textDocument/references",
        json!({
            "textDocument": { "uri": uri },
            "position": position_of(&text, cite, 0, 1),
            "context": { "includeDeclaration": false },
        }),
    );
    let found = response["result"].as_array().unwrap();
    let uses: Vec<Value> = text
        .match_indices(cite)
        .filter(|(at, _)| !text[..*at].ends_with("\"id\": "))
        .map(|(at, _)| json!({ "uri": uri, "range": utf16_range(&text, at, at + cite.len()) }))
        .collect();
    assert_eq!(uses.len(), 4);
    assert_eq!(found, &uses);

    let party = text.find("\"NO\"").unwrap();
    let response = client.request(
        "textDocument/references",
        json!({
            "textDocument": { "uri": uri },
            "position": utf16_position(&text, party + 2),
            "context": { "includeDeclaration": true },
        }),
    );
    let found = response["result"].as_array().unwrap();
    let mut files: Vec<&str> = found.iter().map(|l| l["uri"].as_str().unwrap()).collect();
    files.dedup();
    let expected_files = [
        "data/entities/countries.json",
        "data/entities/organizations.json",
        "data/entities/people.json",
        "data/relations/NO-UA.json",
        "data/relations/NO-US.json",
    ]
    .map(|f| client::uri(&dataset.path().join(f)));
    assert_eq!(files, expected_files.iter().map(String::as_str).collect::<Vec<_>>());
    // Every `"NO"` string of NO-UA is a use of the country (the file names it nowhere else).
    let in_relation = found.iter().filter(|l| l["uri"] == uri).count();
    assert_eq!(in_relation, text.matches("\"NO\"").count());
}

#[test]
fn completion_offers_cite_ids_members_and_entities_of_the_right_kind() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let first_cite = "\"cite\": [\n        \"abc-nyheter-2022-01-15\"";
    let typing = text.replacen(first_cite, &format!("{first_cite}, \"\""), 1);
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &typing);
    client.diagnostics(&uri);
    let empty = typing.find(&format!("{first_cite}, \"\"")).unwrap() + first_cite.len() + 2;
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&typing, empty + 1) }),
    );
    let items = response["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(items.len(), 12, "every reference but the one cited already: {labels:?}");
    assert!(!labels.contains(&"abc-nyheter-2022-01-15"));
    let european = items
        .iter()
        .find(|i| i["label"] == "mfa-ua-european-countries")
        .unwrap();
    assert_eq!(european["detail"], "European countries");
    assert_eq!(european["textEdit"]["newText"], "\"mfa-ua-european-countries\"");
    assert_eq!(european["textEdit"]["range"], utf16_range(&typing, empty, empty + 2));

    // A member name in an event: those not written yet, with the schema's description.
    let event = typing.find("\"third_party\": true,").unwrap();
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&typing, event) }),
    );
    let items = response["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(
        labels.contains(&"actors") && labels.contains(&"responds_to"),
        "{labels:?}"
    );
    for present in ["id", "date", "summary", "kinds", "cite"] {
        assert!(!labels.contains(&present), "{present} is written already: {labels:?}");
    }
    let actors = items.iter().find(|i| i["label"] == "actors").unwrap();
    assert!(actors["documentation"]["value"]
        .as_str()
        .unwrap()
        .starts_with("Entities (people, countries"));
    assert_eq!(actors["textEdit"]["newText"], "\"actors\": ");

    // A quote's speaker takes people only; a party, countries only.
    let speaker = typing.find("\"speaker\": \"jonas-gahr-store\"").unwrap() + "\"speaker\": \"".len();
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&typing, speaker) }),
    );
    let labels: Vec<String> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(labels.len(), 7, "the seven people of people.json: {labels:?}");
    assert!(labels.iter().all(|l| l.contains('-')), "{labels:?}");
    let party = typing.find("\"UA\"").unwrap() + 1;
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&typing, party) }),
    );
    let items = response["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        vec!["RU", "UA", "US"],
        "countries, less the party already listed"
    );
    assert_eq!(items[1]["detail"], "Ukraine");
}

#[test]
fn hover_shows_the_reference_the_entity_and_the_rule() {
    let dataset = support::dataset();
    let text = mutated(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    client.diagnostics(&uri);
    let hover = |client: &mut Client, at: Value| {
        let response = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": at }),
        );
        response["result"].clone()
    };
    let cite = hover(&mut client, position_of(&text, "\"abc-nyheter-2022-01-15\"", 0, 3));
    let shown = cite["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("Støre slår cyberalarm"), "{shown}");
    assert!(shown.contains("publisher: ABC Nyheter"), "{shown}");
    assert!(shown.contains("published: 2022-01-15"), "{shown}");
    assert_eq!(cite["contents"]["kind"], "markdown");

    let party = text.find("\"NO\"").unwrap();
    let entity = hover(&mut client, utf16_position(&text, party + 1));
    assert!(entity["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**country** `NO`: Norway"));
    assert_eq!(entity["range"], utf16_range(&text, party, party + 4));

    let tag = text.find("\"NB\"").unwrap();
    let rule = hover(&mut client, utf16_position(&text, tag + 2));
    let shown = rule["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**R602 language-tag-case**"), "{shown}");
    assert!(
        shown.contains("What it does") && shown.contains("Why it matters"),
        "{shown}"
    );
}

#[test]
fn renaming_a_reference_id_edits_its_definition_and_every_cite() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    let before = client.diagnostics(&uri);
    let at = position_of(&text, "\"abc-nyheter-2022-01-15\"", 2, 4);

    let prepared = client.request(
        "textDocument/prepareRename",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    assert_eq!(prepared["result"]["placeholder"], "abc-nyheter-2022-01-15");
    let third = text.match_indices("\"abc-nyheter-2022-01-15\"").nth(2).unwrap().0;
    assert_eq!(prepared["result"]["range"], utf16_range(&text, third + 1, third + 23));

    let response = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": at, "newName": "abc-2022-01-15" }),
    );
    let edit = &response["result"];
    assert_eq!(files_of(edit), vec![uri.clone()]);
    let edits = edits_of(edit, &uri);
    assert_eq!(edits.len(), 5, "the definition and four cites: {edits:#?}");
    let renamed = apply(&text, &edits);
    assert_eq!(
        renamed,
        text.replace("\"abc-nyheter-2022-01-15\"", "\"abc-2022-01-15\"")
    );
    client.change_all(&uri, 2, &renamed);
    let after = client.diagnostics(&uri);
    assert_eq!(codes(&after), codes(&before), "nothing unresolved after the rename");

    for (bad, why) in [
        ("Not An Id", "is not a valid reference id"),
        ("nettavisen-2022-02-22", "already has the id"),
    ] {
        let refused = client.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri }, "position": at, "newName": bad }),
        );
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(why), "{bad}: {refused}");
    }
    let nothing = client.request(
        "textDocument/prepareRename",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(
        nothing["error"]["message"].as_str().unwrap().contains("can be renamed"),
        "{nothing}"
    );
}

#[test]
fn renaming_an_entity_edits_every_file_of_the_dataset_that_names_it() {
    let (dataset, text, mut client, uri) = with_second_relation();
    let us = text.find("\"US\"").unwrap();
    let response = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": utf16_position(&text, us + 1), "newName": "UM" }),
    );
    let edit = &response["result"];
    let files = [
        "data/entities/countries.json",
        "data/relations/NO-UA.json",
        "data/relations/NO-US.json",
    ];
    let mut expected: Vec<String> = files.iter().map(|f| uri_of(dataset.path(), f)).collect();
    expected.sort();
    assert_eq!(files_of(edit), expected);
    for file in files {
        let path = dataset.path().join(file);
        let before = std::fs::read_to_string(&path).unwrap();
        let after = apply(&before, &edits_of(edit, &uri_of(dataset.path(), file)));
        assert_eq!(after, before.replace("\"US\"", "\"UM\""), "{file}");
        std::fs::write(&path, after).unwrap();
    }
    // The renamed dataset resolves: no finding names an unknown entity.
    let findings = cli_findings(dataset.path(), "data");
    assert!(with_code(&findings, "R405").is_empty(), "{findings:#?}");
}

fn uri_of(dataset: &Path, file: &str) -> String {
    uri(&dataset.join(file))
}

#[test]
fn an_entity_file_edit_resolves_the_open_relations_again() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let people_path = dataset.path().join("data/entities/people.json");
    let people = std::fs::read_to_string(&people_path).unwrap();
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    let clean = client.diagnostics(&uri);
    let people_uri = client.open(&people_path, &people);
    assert!(client.diagnostics(&people_uri).is_empty());

    // Støre leaves people.json (unsaved): every use of his id in NO-UA is unresolved.
    let entry = "    {\n      \"id\": \"jonas-gahr-store\",\n      \"name\": \"Jonas Gahr Støre\",\n      \"country\": \"NO\"\n    },\n";
    assert!(people.contains(entry));
    client.change_all(&people_uri, 2, &people.replacen(entry, "", 1));
    let unresolved = client.diagnostics_until(&uri, |d| !with_code(d, "R405").is_empty());
    // One finding for the one missing person, as the command line reports it: at the first use,
    // with the others as related information.
    let found = with_code(&unresolved, "R405");
    let uses: Vec<usize> = text.match_indices("\"jonas-gahr-store\"").map(|(at, _)| at).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["range"], utf16_range(&text, uses[0], uses[0] + 18));
    let related = found[0]["relatedInformation"].as_array().unwrap();
    assert!(!related.is_empty());
    for information in related {
        let range = &information["location"]["range"];
        assert!(
            uses[1..].iter().any(|at| *range == utf16_range(&text, *at, at + 18)),
            "{range} is not a later use"
        );
    }
    // Closing the buffer unsaved: the file on disk counts again.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": people_uri } }),
    );
    let again = client.diagnostics_until(&uri, |d| with_code(d, "R405").is_empty());
    assert_eq!(again, clean);
}

#[test]
fn relcheck_toml_changes_apply_without_a_restart() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let config_path = dataset.path().join("relcheck.toml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let mut client = Client::start(
        dataset.path(),
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    let registration = client.wait_for("the watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let globs = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(globs[0]["globPattern"], "**/relcheck.toml");
    let uri = client.open(&relation_path(dataset.path()), &text);
    let accepted = client.diagnostics(&uri);
    assert!(
        with_code(&accepted, "R604").is_empty(),
        "missing-publisher is accepted by an exception"
    );

    // The buffer of relcheck.toml, unsaved, without its exceptions: the finding shows.
    let config_uri = client.open(&config_path, &config);
    let without = config.split("[[exception]]").next().unwrap().to_owned();
    client.change_all(&config_uri, 2, &without);
    let shown = client.diagnostics_until(&uri, |d| !with_code(d, "R604").is_empty());
    let publisher = with_code(&shown, "R604");
    assert_eq!(publisher.len(), 1);
    assert!(
        publisher[0]["message"].as_str().unwrap().contains("no publisher"),
        "{publisher:?}"
    );

    // A rule that does not exist is a finding in relcheck.toml itself, at its name.
    let unknown = format!("{without}[rules]\ncitation-neded = \"off\"\n");
    client.change_all(&config_uri, 3, &unknown);
    let own = client.diagnostics_until(&config_uri, |d| !d.is_empty());
    assert_eq!(codes(&own), vec!["R902"]);
    let name = unknown.find("citation-neded").unwrap();
    assert_eq!(
        own[0]["range"],
        utf16_range(&unknown, name, name + "citation-neded".len())
    );
    // One that does not parse is shown where it breaks, and the last good one stays in force.
    client.change_all(&config_uri, 4, "[rules\n");
    let broken = client.diagnostics_until(&config_uri, |d| d.len() == 1 && d[0]["code"].is_null());
    assert!(broken[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("relcheck.toml cannot be read"));

    // Closed, the file on disk counts again; changed on disk, it is read again when the editor
    // reports the change.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    let restored = client.diagnostics_until(&uri, |d| with_code(d, "R604").is_empty());
    assert!(!with_code(&restored, "R304").is_empty());
    std::fs::write(&config_path, format!("{config}\n[rules]\ncitation-needed = \"off\"\n")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let quiet = client.diagnostics_until(&uri, |d| with_code(d, "R304").is_empty());
    assert!(with_code(&quiet, "R604").is_empty());
}

#[test]
fn document_symbols_list_events_references_and_missions() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let mut client = Client::start(
        dataset.path(),
        json!({ "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } } }),
    );
    let uri = client.open(&relation_path(dataset.path()), &text);
    client.diagnostics(&uri);
    let response = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let groups = response["result"].as_array().unwrap();
    let summary: Vec<(String, usize)> = groups
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                g["children"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![("events".into(), 16), ("references".into(), 13), ("missions".into(), 2)]
    );
    let first = &groups[0]["children"][0];
    assert_eq!(first["name"], "2022-ukraine-cyberattack");
    assert_eq!(first["detail"], "2022");
    let id = text.find("\"2022-ukraine-cyberattack\"").unwrap();
    assert_eq!(first["selectionRange"], utf16_range(&text, id, id + 26));
}

#[test]
fn hostile_messages_and_positions_do_not_take_the_server_down() {
    let dataset = support::dataset();
    let text = shipped(dataset.path());
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    client.diagnostics(&uri);
    // Positions past every line and character, a reversed range, a body that is not JSON-RPC.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [
                { "range": { "start": { "line": 99999, "character": 5 }, "end": { "line": 3, "character": 99999 } }, "text": "" },
                { "range": { "start": { "line": 4294967295u32, "character": 4294967295u32 }, "end": { "line": 4294967295u32, "character": 4294967295u32 } }, "text": "🎉" },
            ],
        }),
    );
    // What is left: the first three lines and the end of the fourth, replaced by an emoji.
    let cut = client.wait_for("version 2", |m| m["params"]["version"] == 2);
    let findings = cut["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(codes(findings), vec!["R001"]);
    assert_eq!(findings[0]["message"], "expected a JSON value, found `🎉`");
    assert_eq!(findings[0]["range"]["start"]["line"], 3);
    client.send_raw(b"Content-Length: 5\r\n\r\n{]}{]");
    let skipped = client.wait_for("a log message", |m| m["method"] == "window/logMessage");
    assert!(
        skipped["params"]["message"].as_str().unwrap().contains("not JSON-RPC"),
        "{skipped}"
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    client.change_all(&uri, 3, &deep);
    let published = client.wait_for("version 3", |m| m["params"]["version"] == 3);
    let findings = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(codes(findings), vec!["R001"]);
    assert!(
        findings[0]["message"].as_str().unwrap().contains("deep"),
        "{findings:?}"
    );
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
        "textDocument/documentSymbol",
    ] {
        let response = client.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 50_000 } }),
        );
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_file_opened_outside_a_named_workspace_brings_its_dataset() {
    let dataset = support::dataset();
    let elsewhere = tempfile::tempdir().unwrap();
    let text = mutated(dataset.path());
    let mut client = Client::start(elsewhere.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    let published = client.diagnostics_until(&uri, |d| !d.is_empty());
    assert_eq!(with_code(&published, "R602").len(), 1);
    // Its relcheck.toml is in force: the accepted missing-publisher finding is not shown.
    assert!(with_code(&published, "R604").is_empty());
    // Its entity files are indexed: parties resolve.
    assert!(with_code(&published, "R405").is_empty());
}

#[test]
fn an_entity_file_shows_the_command_lines_findings() {
    let dataset = support::dataset();
    let path = dataset.path().join("data/entities/people.json");
    let people = std::fs::read_to_string(&path).unwrap();
    // A date that does not exist, after a name with non-ASCII letters, and an id defined twice.
    let text = people
        .replacen(
            "\"name\": \"Jonas Gahr Støre\",",
            "\"name\": \"Jonas Gahr Støre\", \"start\": \"1960-02-30\",",
            1,
        )
        .replacen("\"id\": \"sergei-lavrov\"", "\"id\": \"knut-storberget\"", 1);
    std::fs::write(&path, &text).unwrap();
    let mut expected = cli_findings(dataset.path(), "data/entities/people.json");
    expected.retain(|d| d["file"] == "data/entities/people.json");
    assert!(expected.len() >= 2, "{expected:#?}");

    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&path, &text);
    let published = client.diagnostics_until(&uri, |d| !d.is_empty());
    let shown: Vec<(String, Value, String)> = published
        .iter()
        .map(|d| {
            let first = d["message"].as_str().unwrap().lines().next().unwrap().to_owned();
            (d["code"].as_str().unwrap().to_owned(), d["range"].clone(), first)
        })
        .collect();
    let reported: Vec<(String, Value, String)> = expected
        .iter()
        .map(|d| {
            let (start, end) = (d["span"]["start"].as_u64().unwrap(), d["span"]["end"].as_u64().unwrap());
            (
                d["code"].as_str().unwrap().to_owned(),
                utf16_range(&text, start as usize, end as usize),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(shown, reported);
}

#[test]
fn an_unsaved_new_entity_file_defines_ids_too() {
    let dataset = support::dataset();
    let text =
        shipped(dataset.path()).replacen("\"speaker\": \"jonas-gahr-store\"", "\"speaker\": \"ola-nordmann\"", 1);
    let mut client = Client::start(dataset.path(), json!({}));
    let uri = client.open(&relation_path(dataset.path()), &text);
    let before = client.diagnostics(&uri);
    assert_eq!(with_code(&before, "R405").len(), 1, "{before:#?}");
    let extra = dataset.path().join("data/entities/more-people.json");
    let defined = r#"{
  "$schema": "../../schema/entities.schema.json",
  "kind": "people",
  "entities": [{ "id": "ola-nordmann", "name": "Ola Nordmann" }]
}
"#;
    assert!(!extra.exists());
    client.open(&extra, defined);
    let after = client.diagnostics_until(&uri, |d| with_code(d, "R405").is_empty());
    // Resolved to a person, the speaker is now known not to be among the event's actors.
    let mut expected = codes(&before);
    expected.retain(|code| code != "R405");
    expected.push("R507".into());
    assert_eq!(codes(&after), expected);
}
