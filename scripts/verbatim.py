#!/usr/bin/env python3
"""Every text a relation copies from its source article appears in it word for word.

    scripts/verbatim.py ARTICLE RELATION [--entities DIR]
    scripts/verbatim.py --self-test ARTICLE RELATION [--entities DIR]

Checks, as exact substrings of the article (no normalisation: "–" is not "-", "−" is not "–"):
every quote's text, every reference's title and publisher, every external link's title and publisher,
the relation's title, every location and mission city, every group named in `roles`, and, with
--entities, the name of every entity the relation uses. Prints each text that is not found, with its JSON Pointer, and exits 1;
exits 0 when all are found.

--self-test proves the check can fail: it alters one character of the first quote and of the first
reference title in a copy of RELATION and expects exactly those two pointers to be reported, then
expects the unaltered file to pass. It exits 1 if either expectation is not met.
"""

import argparse
import copy
import json
import os
import sys
import tempfile


def copied_texts(relation, entity_names):
    """(pointer, text) for every text the relation copies from its source."""
    out = []
    if isinstance(relation.get("title"), str):
        out.append(("/title", relation["title"]))
    used = set(relation.get("parties", []))
    for i, event in enumerate(relation.get("events", [])):
        at = f"/events/{i}"
        for j, location in enumerate(event.get("locations", [])):
            out.append((f"{at}/locations/{j}", location))
        for j, quote in enumerate(event.get("quotes", [])):
            out.append((f"{at}/quotes/{j}/text", quote.get("text", "")))
            used.add(quote.get("speaker"))
        for j, role in enumerate(event.get("roles", [])):
            if "group" in role:
                out.append((f"{at}/roles/{j}/group", role["group"]))
            used.add(role.get("entity"))
        used.update(event.get("actors", []))
    for key in ("recognitions", "memberships", "missions"):
        for i, item in enumerate(relation.get(key, [])):
            for field in ("recognizer", "recognized", "organization", "country", "sending", "host"):
                used.add(item.get(field))
            if key == "missions" and isinstance(item.get("city"), str):
                out.append((f"/missions/{i}/city", item["city"]))
    for key in ("references", "external_links"):
        for i, item in enumerate(relation.get(key, [])):
            for field in ("title", "publisher"):
                if isinstance(item.get(field), str):
                    out.append((f"/{key}/{i}/{field}", item[field]))
    for entity_id in sorted(e for e in used if isinstance(e, str)):
        if entity_id in entity_names:
            pointer, name = entity_names[entity_id]
            out.append((pointer, name))
    return out


def entity_names(folder):
    """Entity id -> ("<file>#<pointer>", name) for every entity file of `folder`."""
    names = {}
    if not folder:
        return names
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".json"):
            continue
        with open(os.path.join(folder, file), encoding="utf-8") as f:
            data = json.load(f)
        for i, entity in enumerate(data.get("entities", [])):
            if isinstance(entity.get("name"), str):
                names[entity["id"]] = (f"{file}#/entities/{i}/name", entity["name"])
    return names


def missing(article, relation, names):
    return [(pointer, text) for pointer, text in copied_texts(relation, names) if text not in article]


def report(article_path, relation_path, folder):
    with open(article_path, encoding="utf-8") as f:
        article = f.read()
    with open(relation_path, encoding="utf-8") as f:
        relation = json.load(f)
    names = entity_names(folder)
    texts = copied_texts(relation, names)
    absent = missing(article, relation, names)
    for pointer, text in absent:
        print(f"{relation_path}: {pointer}: not in {article_path}: {json.dumps(text, ensure_ascii=False)}")
    if absent:
        print(f"error: {len(absent)} of {len(texts)} copied texts are not in the article word for word")
        return 1
    print(f"ok: {len(texts)} copied texts of {relation_path} appear word for word in {article_path}")
    return 0


def self_test(article_path, relation_path, folder):
    with open(article_path, encoding="utf-8") as f:
        article = f.read()
    with open(relation_path, encoding="utf-8") as f:
        relation = json.load(f)
    names = entity_names(folder)
    failures = []
    if missing(article, relation, names):
        failures.append("the unaltered relation should pass")
    altered = copy.deepcopy(relation)
    expected = set()
    quoted = next(
        (i, j) for i, e in enumerate(altered["events"]) for j, _ in enumerate(e.get("quotes", []))
    )
    quote = altered["events"][quoted[0]]["quotes"][quoted[1]]
    # One letter less: "we need to be more alert" becomes "we need to be more alet".
    quote["text"] = quote["text"][:-2] + quote["text"][-1]
    expected.add(f"/events/{quoted[0]}/quotes/{quoted[1]}/text")
    # A hyphen-minus for the first dash of a title, or a space added: a lookalike edit.
    title = altered["references"][0]["title"]
    altered["references"][0]["title"] = title.replace("–", "-", 1) if "–" in title else title + " "
    expected.add("/references/0/title")
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "altered.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(altered, f, ensure_ascii=False)
        with open(path, encoding="utf-8") as f:
            reread = json.load(f)
    found = {pointer for pointer, _ in missing(article, reread, names)}
    if found != expected:
        failures.append(f"the altered copy should fail at {sorted(expected)}, failed at {sorted(found)}")
    for failure in failures:
        print(f"self-test failed: {failure}")
    if not failures:
        print(f"ok: the check rejects an altered quote and title ({', '.join(sorted(expected))})")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article")
    parser.add_argument("relation")
    parser.add_argument("--entities", help="the dataset's data/entities folder")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    run = self_test if args.self_test else report
    sys.exit(run(args.article, args.relation, args.entities))


if __name__ == "__main__":
    main()
