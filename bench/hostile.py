#!/usr/bin/env python3
"""The worst inputs relcheck is known to meet, each measured for time, peak memory and output size.

    bench/hostile.py [--relcheck target/release/relcheck] [--dir target/hostile] [--only NAME...]

Each case builds a small dataset (or schema and instance) under --dir, runs relcheck once under
GNU time, and prints one markdown row: case, input bytes, exit code, wall seconds, peak RSS MB,
bytes written to standard output. The cases are the hostile files of the safety work: deep data
under a recursive anyOf/oneOf schema, minified files with thousands of findings on one line, long
ids that "did you mean" compares, a large people.json in the pre-commit case, many findings on
one long line. Timings are for a note, not a test: the tests bound memory, never time.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def relation(references=None, events=None, extra=None):
    """A minimal valid relation NO-UA, with the given references and events."""
    references = references or [
        {"id": "ref-a", "title": "A", "language": "en", "published": "2022-01-01", "retrieved": "2022-01-02"}
    ]
    doc = {
        "$schema": "../../schema/relation.schema.json",
        "id": "NO-UA",
        "parties": ["NO", "UA"],
        "title": "Norway–Ukraine relations",
        "established": {"date": "1992-02-05", "cite": [references[0]["id"]]},
        "events": events or [],
        "references": references,
    }
    doc.update(extra or {})
    return doc


def dataset(folder, relation_doc, people=None, minified=False):
    """A dataset root with relcheck.toml, the real schemas and entities, and one relation."""
    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("schema", "data/relations", "data/entities"):
        os.makedirs(os.path.join(folder, sub))
    open(os.path.join(folder, "relcheck.toml"), "w").close()
    for sub in ("schema", "data/entities"):
        for name in os.listdir(os.path.join(ROOT, sub)):
            shutil.copy(os.path.join(ROOT, sub, name), os.path.join(folder, sub, name))
    if people is not None:
        with open(os.path.join(folder, "data/entities/people.json"), "w") as out:
            json.dump(people, out, indent=2, ensure_ascii=False)
    path = os.path.join(folder, "data/relations/NO-UA.json")
    with open(path, "w") as out:
        if minified:
            json.dump(relation_doc, out, ensure_ascii=False, separators=(",", ":"))
        else:
            json.dump(relation_doc, out, indent=2, ensure_ascii=False)
    return path


def case_anyof_deep(folder):
    """validate: a recursive anyOf (array | object | string) over data 127 levels deep, each level
    carrying strings beside the next level, with one invalid leaf at the bottom."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {
            "node": {
                "anyOf": [
                    {"type": "array", "items": {"$ref": "#/$defs/node"}},
                    {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}},
                    {"type": "string"},
                ]
            }
        },
        "$ref": "#/$defs/node",
    }
    with open(os.path.join(folder, "schema.json"), "w") as out:
        json.dump(schema, out)
    value = 1
    for level in range(126):
        value = ["x" * 40] * 30 + [value]
    with open(os.path.join(folder, "data.json"), "w") as out:
        json.dump(value, out, separators=(",", ":"))
    return ["validate", "--schema", "schema.json", "data.json"], os.path.getsize(os.path.join(folder, "data.json"))


def case_anyof_branching(folder):
    """validate: anyOf with two branches that both descend (exponential error trees), 30 levels."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    schema = {
        "$defs": {
            "node": {
                "anyOf": [
                    {"type": "array", "items": {"$ref": "#/$defs/node"}},
                    {"type": "array", "items": {"$ref": "#/$defs/node"}, "minItems": 0},
                    {"type": "string"},
                ]
            }
        },
        "$ref": "#/$defs/node",
    }
    with open(os.path.join(folder, "schema.json"), "w") as out:
        json.dump(schema, out)
    with open(os.path.join(folder, "data.json"), "w") as out:
        out.write("[" * 30 + "1" + "]" * 30)
    return ["validate", "--schema", "schema.json", "data.json"], os.path.getsize(os.path.join(folder, "data.json"))


def case_minified_findings(folder, count):
    """check --format human: a minified relation whose references all carry a bad language tag."""
    references = [
        {"id": f"ref-{i}", "title": "A", "language": "xx-invalid-" + str(i), "published": "2022-01-01"}
        for i in range(count)
    ]
    path = dataset(folder, relation(references), minified=True)
    return ["check", "--format", "human", "--max-findings-per-file", "0"], os.path.getsize(path)


def case_long_ids(folder):
    """check: 200 references with 1,000-character ids, each cited once with one character changed."""
    ids = [("r" + str(i) + "-") + "a" * 1000 for i in range(200)]
    references = [{"id": i, "title": "A", "language": "en", "published": "2022-01-01"} for i in ids]
    events = [
        {
            "id": f"2022-01-01-e{i}",
            "date": "2022-01-01",
            "summary": "S",
            "actors": ["NO"],
            "cite": [ids[i][:-1] + "b"],
        }
        for i in range(200)
    ]
    path = dataset(folder, relation(references, events))
    return ["check", "--format", "concise"], os.path.getsize(path)


def case_precommit_people(folder):
    """check one relation (the pre-commit case) beside a people.json of 100,000 people, the
    relation naming 100 people who do not exist."""
    people = {
        "$schema": "../../schema/entities.schema.json",
        "kind": "people",
        "entities": [{"id": f"person-{i:06d}-" + "x" * 20, "name": f"Person {i}"} for i in range(100_000)],
    }
    events = [
        {
            "id": f"2022-01-01-e{i}",
            "date": "2022-01-01",
            "summary": "S",
            "actors": [f"person-{i:06d}-" + "y" * 20],
            "cite": ["ref-a"],
        }
        for i in range(100)
    ]
    path = dataset(folder, relation(events=events), people=people)
    return ["check", "--format", "concise", "data/relations/NO-UA.json"], os.path.getsize(path)


def case_one_line_many(folder, count):
    """check --format json: `count` findings on one line (a minified list of invalid dates)."""
    events = [
        {"id": f"2022-01-01-e{i}", "date": "2022-02-30", "summary": "S", "actors": ["NO"], "cite": ["ref-a"]}
        for i in range(count)
    ]
    path = dataset(folder, relation(events=events), minified=True)
    return ["check", "--format", "json", "--max-findings-per-file", "0"], os.path.getsize(path)


def case_unknown_keys(folder, count):
    """check --format sarif: a relation with `count` unknown top-level keys."""
    extra = {f"unknown-{i}": i for i in range(count)}
    path = dataset(folder, relation(extra=extra), minified=True)
    return ["check", "--format", "sarif"], os.path.getsize(path)


CASES = {
    "anyof-deep": case_anyof_deep,
    "anyof-branching": case_anyof_branching,
    "human-minified-8000": lambda f: case_minified_findings(f, 8000),
    "long-ids": case_long_ids,
    "precommit-people-100k": case_precommit_people,
    "one-line-200k-json": lambda f: case_one_line_many(f, 200_000),
    "unknown-keys-sarif-100k": lambda f: case_unknown_keys(f, 100_000),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", default=os.path.join(ROOT, "target/release/relcheck"))
    parser.add_argument("--dir", default=os.path.join(ROOT, "target/hostile"))
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--no-cap-option", action="store_true", help="for builds without --max-findings-per-file")
    args = parser.parse_args()
    binary = os.path.abspath(args.relcheck)
    print("| case | input bytes | exit | wall s | peak RSS MB | stdout bytes |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, build in CASES.items():
        if args.only and name not in args.only:
            continue
        folder = os.path.join(args.dir, name)
        command, size = build(folder)
        if args.no_cap_option and "--max-findings-per-file" in command:
            at = command.index("--max-findings-per-file")
            del command[at : at + 2]
        started = time.monotonic()
        try:
            run = subprocess.run(
                ["/usr/bin/time", "-f", "%M", binary, *command, *(["--today", "2026-11-26"] if command[0] == "check" else [])],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                timeout=args.timeout,
                env={**os.environ, "NO_COLOR": "1"},
            )
        except subprocess.TimeoutExpired:
            print(f"| {name} | {size} | timeout | >{args.timeout} | – | – |")
            continue
        wall = time.monotonic() - started
        stderr = run.stderr.decode(errors="replace").strip().splitlines()
        rss = int(stderr[-1]) / 1024 if stderr and stderr[-1].isdigit() else float("nan")
        code = run.returncode
        print(f"| {name} | {size} | {code} | {wall:.2f} | {rss:.0f} | {len(run.stdout)} |", flush=True)
        if code not in (0, 1):
            print("    " + " ".join(stderr[:-1])[:300], file=sys.stderr)


if __name__ == "__main__":
    main()
