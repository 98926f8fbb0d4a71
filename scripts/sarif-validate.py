#!/usr/bin/env python3
"""Validate relcheck's SARIF output against the official OASIS SARIF 2.1.0 JSON Schema.

The schema is not part of this repository, so this is a CI step rather than a `cargo test`:

    scripts/sarif-validate.py [--schema PATH] [--relcheck BIN] [FILE.sarif ...]

It runs `relcheck check --format sarif` on the shipped dataset, on the trycmd datasets under
tests/cmd/ (clean and malformed), and on a scratch copy of the malformed one whose relcheck.toml
accepts a finding (so `suppressions` are covered); validates every report, the committed
tests/cmd/*-sarif.stdout snapshots and any FILE given, with Draft 7 (the schema's own draft) and
format checks for `uri`/`uri-reference`; and checks what the schema cannot: each ruleIndex names the
rule of its ruleId, URIs are relative with `/` separators, regions start at line 1 or later.

Needs Python 3 with `jsonschema` (4.x). Exits 0 when everything is valid, 1 otherwise.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = ROOT.parent / "shared" / "conformance" / "sarif" / "sarif-schema-2.1.0.json"
TODAY = "2026-11-26"

# RFC 3986: a URI reference is made of unreserved and reserved characters and %XX escapes.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")

format_checker = jsonschema.FormatChecker()


@format_checker.checks("uri-reference")
def is_uri_reference(value):
    return not isinstance(value, str) or bool(URI_CHARS.match(value))


@format_checker.checks("uri")
def is_uri(value):
    return not isinstance(value, str) or (bool(URI_CHARS.match(value)) and bool(SCHEME.match(value)))


def validator(schema_path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    v = jsonschema.Draft7Validator(schema, format_checker=format_checker)
    # The validator must tell valid from invalid before its verdict on our output means anything.
    minimal = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert v.is_valid(minimal), "the schema rejects a minimal valid log"
    assert not v.is_valid({"version": "2.1.0"}), "the schema accepts a log without runs"
    bad_uri = json.loads(json.dumps(minimal))
    bad_uri["runs"][0]["results"] = [
        {
            "message": {"text": "x"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b\\c.json"}}}],
        }
    ]
    assert not v.is_valid(bad_uri), "the uri-reference format is not checked"
    return v


def semantic_problems(log):
    """What GitHub code scanning relies on and the schema does not say."""
    problems = []
    if log.get("$schema") != "https://json.schemastore.org/sarif-2.1.0.json":
        problems.append("$schema is not the schemastore SARIF 2.1.0 URL")
    for r, run in enumerate(log.get("runs", [])):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append(f"runs[{r}]: rule ids are not unique")
        if run.get("columnKind") != "unicodeCodePoints":
            problems.append(f"runs[{r}]: columnKind is not unicodeCodePoints")
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules) or rules[index]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex {index} does not name rule {result.get('ruleId')}")
            locations = result.get("locations", []) + result.get("relatedLocations", [])
            for location in locations:
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                if "\\" in uri or SCHEME.match(uri) or uri.startswith("/"):
                    problems.append(f"{where}: uri {uri!r} is not a relative, /-separated reference")
                region = physical.get("region")
                if region is not None and region.get("startLine", 0) < 1:
                    problems.append(f"{where}: region does not start on a line")
    return problems


def check_log(v, name, text):
    try:
        log = json.loads(text)
    except json.JSONDecodeError as error:
        return [f"{name}: not JSON: {error}"]
    problems = [
        f"{name}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in sorted(v.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    ]
    problems += [f"{name}: {p}" for p in semantic_problems(log)]
    results = sum(len(run.get("results", [])) for run in log.get("runs", []))
    suppressed = sum(
        1 for run in log.get("runs", []) for result in run.get("results", []) if result.get("suppressions")
    )
    status = "INVALID" if problems else "valid"
    print(f"  {status}: {name} ({results} results, {suppressed} suppressed)")
    return problems


def run_relcheck(relcheck, cwd):
    process = subprocess.run(
        [str(relcheck), "check", "--today", TODAY, "--color", "never", "--format", "sarif"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if process.returncode not in (0, 1):
        raise SystemExit(f"relcheck exited {process.returncode} in {cwd}: {process.stderr.strip()}")
    return process.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    parser.add_argument("--relcheck", type=Path, help="the binary (default: target/release, else target/debug)")
    parser.add_argument("files", nargs="*", type=Path, help="more SARIF files to validate")
    args = parser.parse_args()

    if not args.schema.is_file():
        raise SystemExit(f"no SARIF schema at {args.schema}")
    relcheck = args.relcheck
    if relcheck is None:
        relcheck = next(
            (p for p in (ROOT / "target/release/relcheck", ROOT / "target/debug/relcheck") if p.is_file()),
            None,
        )
    if relcheck is None or not relcheck.is_file():
        raise SystemExit("no relcheck binary: run `cargo build --release` first, or pass --relcheck")
    relcheck = relcheck.resolve()

    v = validator(args.schema)
    print(f"SARIF 2.1.0 schema: {args.schema} (Draft 7, jsonschema {jsonschema_version()})")
    problems = []
    problems += check_log(v, "the shipped dataset", run_relcheck(relcheck, ROOT))
    for case in ("clean", "malformed"):
        problems += check_log(v, f"tests/cmd/{case}.in", run_relcheck(relcheck, ROOT / "tests/cmd" / f"{case}.in"))

    with tempfile.TemporaryDirectory() as scratch:
        dataset = Path(scratch) / "dataset"
        shutil.copytree(ROOT / "tests/cmd/malformed.in", dataset)
        (dataset / "relcheck.toml").write_text(
            "[[exception]]\n"
            'file = "data/relations/NO-UA.json"\n'
            'pointer = "/established/date"\n'
            'rules = ["invalid-date"]\n'
            'reason = "kept as the source prints it, to show an accepted finding"\n',
            encoding="utf-8",
        )
        text = run_relcheck(relcheck, dataset)
        problems += check_log(v, "malformed dataset with an exception", text)
        if not any(r.get("suppressions") for r in json.loads(text)["runs"][0]["results"]):
            problems.append("the exception in relcheck.toml produced no suppressed result")

    for snapshot in sorted((ROOT / "tests/cmd").glob("*-sarif.stdout")):
        if snapshot.stat().st_size:
            problems += check_log(v, str(snapshot.relative_to(ROOT)), snapshot.read_text(encoding="utf-8"))
    for path in args.files:
        problems += check_log(v, str(path), path.read_text(encoding="utf-8"))

    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print("every SARIF report is valid")
    return 0


def jsonschema_version():
    from importlib.metadata import version

    return version("jsonschema")


if __name__ == "__main__":
    sys.exit(main())
