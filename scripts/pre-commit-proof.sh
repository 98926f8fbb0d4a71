#!/usr/bin/env bash
# Proves with the real pre-commit framework (https://pre-commit.com) that the `relcheck` hook of
# .pre-commit-hooks.yaml works the way a dataset repository uses it:
#
#   (a) a commit of clean data passes;
#   (b) a commit with a defect (an impossible date) fails and shows relcheck's compiler-style diagnostic;
#   (c) a commit that stages only data/entities/people.json, removing a person a relation still names,
#       fails: the staged entity file brings the relation files with it;
#   (d) `pre-commit try-repo` runs the hook from a repository with uncommitted changes;
#   (e) and from this working tree itself, unless it has untracked files (try-repo's temporary commit
#       holds only tracked files, so it would not test what is here).
#   (f) the `relcheck-fmt` hook rewrites a staged file that is not in the dataset's layout, which fails
#       the commit; the rewritten file is the shipped file byte for byte.
#
# What it builds, all under target/ so a second run reuses it: a Python venv with PyPI's `pre-commit`
# (target/pre-commit-venv), pre-commit's cache (PRE_COMMIT_HOME=target/pre-commit-home), a cargo
# target directory for the hook's `cargo install` (target/pre-commit-cargo), and scratch git
# repositories (target/pre-commit-proof): a snapshot of this working tree, committed so that it has a
# rev to pin, and a dataset repository with a copy of data/ and schema/ that installs the hook from it.
#
# Needs python3 (with venv), git, cargo, and network access to PyPI and crates.io on the first run.
# Exits non-zero on any unexpected result.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$ROOT/target"
VENV="$TARGET/pre-commit-venv"
WORK="$TARGET/pre-commit-proof"
export PRE_COMMIT_HOME="$TARGET/pre-commit-home"
export CARGO_TARGET_DIR="$TARGET/pre-commit-cargo"
export NO_COLOR=1
# Scratch repositories must not pick up the user's git configuration or hooks.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=relcheck-proof GIT_AUTHOR_EMAIL=proof@example.invalid
export GIT_COMMITTER_NAME=relcheck-proof GIT_COMMITTER_EMAIL=proof@example.invalid

step() { printf '\n==> %s\n' "$*"; }
fail() {
    printf '\nUNEXPECTED: %s\n' "$1" >&2
    [ -n "${2:-}" ] && printf -- '--- output ---\n%s\n--------------\n' "$2" >&2
    exit 1
}
# contains OUTPUT TEXT...: every TEXT occurs in OUTPUT (fixed strings).
contains() {
    local output="$1"
    shift
    for text in "$@"; do
        grep -qF -- "$text" <<<"$output" || fail "the output lacks: $text" "$output"
    done
}
proved=()

step "pre-commit in $VENV"
if [ ! -x "$VENV/bin/pre-commit" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit
fi
PRE_COMMIT="$VENV/bin/pre-commit"
"$PRE_COMMIT" --version

rm -rf "$WORK"
mkdir -p "$WORK"

step "a committed snapshot of this working tree, to pin as the hook repository's rev"
HOOK_REPO="$WORK/hook-repo"
mkdir -p "$HOOK_REPO"
(
    cd "$ROOT"
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' file; do
            [ -f "$file" ] && printf '%s\0' "$file"
        done |
        xargs -0 cp --parents -t "$HOOK_REPO"
)
git -C "$HOOK_REPO" init -q
git -C "$HOOK_REPO" add -A
git -C "$HOOK_REPO" commit -q -m "snapshot of $ROOT"
REV="$(git -C "$HOOK_REPO" rev-parse HEAD)"
[ -f "$HOOK_REPO/.pre-commit-hooks.yaml" ] || fail "the working tree has no .pre-commit-hooks.yaml"
echo "hook repository $HOOK_REPO at $REV"

step "a dataset repository with a copy of data/ and schema/ that uses the hook"
DATASET="$WORK/dataset"
mkdir -p "$DATASET"
cp -r "$ROOT/data" "$DATASET/data"
cp -r "$ROOT/schema" "$DATASET/schema"
: >"$DATASET/relcheck.toml"
cat >"$DATASET/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $HOOK_REPO
    rev: $REV
    hooks:
      - id: relcheck-fmt
      - id: relcheck
EOF
cd "$DATASET"
git init -q
"$PRE_COMMIT" install

step "(a) a clean commit passes (the first run builds relcheck with cargo install)"
start=$SECONDS
git add -A
if ! output="$(git commit -m "add the dataset" 2>&1)"; then
    fail "the clean commit was refused" "$output"
fi
echo "$output"
contains "$output" "relcheck fmt" "relcheck" "Passed"
proved+=("(a) a clean commit passes ($((SECONDS - start))s including the hook's first cargo install)")

step "(b) a commit with an impossible date fails with the compiler-style diagnostic"
python3 - <<'EOF'
from pathlib import Path
path = Path("data/relations/NO-UA.json")
text = path.read_text(encoding="utf-8")
assert text.count('"date": "1992-02-05"') == 1, "the established date moved; update the proof"
path.write_text(text.replace('"date": "1992-02-05"', '"date": "1992-02-30"'), encoding="utf-8")
EOF
git add data/relations/NO-UA.json
if output="$(git commit -m "a bad date" 2>&1)"; then
    fail "the commit with a bad date was accepted" "$output"
fi
echo "$output"
contains "$output" "relcheck" "Failed" "error[R201/invalid-date]: \`1992-02-30\` is not a real date" \
    "┌─ data/relations/NO-UA.json:11:13" "^^^^^^^^^^^^ no such date" "= help:"
git reset -q --hard HEAD
proved+=("(b) a commit with a bad date fails, showing error[R201/invalid-date] at data/relations/NO-UA.json:11:13")

step "(c) staging only people.json without a person a relation names fails"
python3 - <<'EOF'
import json
from pathlib import Path
path = Path("data/entities/people.json")
people = json.loads(path.read_text(encoding="utf-8"))
before = len(people["entities"])
people["entities"] = [e for e in people["entities"] if e["id"] != "knut-storberget"]
assert len(people["entities"]) == before - 1, "knut-storberget is gone from people.json; update the proof"
path.write_text(json.dumps(people, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
EOF
git add data/entities/people.json
staged="$(git diff --cached --name-only)"
[ "$staged" = "data/entities/people.json" ] || fail "expected only people.json staged" "$staged"
if output="$(git commit -m "remove a person" 2>&1)"; then
    fail "removing an id that NO-UA.json uses was accepted (are entity files' dependents checked?)" "$output"
fi
echo "$output"
contains "$output" "relcheck" "Failed" "error[R405/unresolved-entity]" "knut-storberget" \
    "┌─ data/relations/NO-UA.json:"
git reset -q --hard HEAD
proved+=("(c) staging only people.json without knut-storberget fails: error[R405/unresolved-entity] in data/relations/NO-UA.json")

step "(d) pre-commit try-repo on a hook repository with uncommitted changes"
# try-repo pins a temporary commit of the repository's staged and modified *tracked* files
# (`git add -u`): untracked files are left out.
printf '\nAn uncommitted line, to make try-repo build from a temporary commit.\n' >>"$HOOK_REPO/README.md"
if ! output="$("$PRE_COMMIT" try-repo "$HOOK_REPO" relcheck --files data/relations/NO-UA.json data/entities/people.json 2>&1)"; then
    fail "try-repo on the clean dataset failed" "$output"
fi
echo "$output"
contains "$output" "Creating temporary repo with uncommitted changes" "relcheck" "Passed"
proved+=("(d) pre-commit try-repo <hook repo with uncommitted changes> relcheck --files ... passes")

untracked="$(git -C "$ROOT" ls-files --others --exclude-standard)"
if [ -n "$untracked" ]; then
    step "(e) skipped: try-repo on $ROOT itself"
    echo "its untracked files would be left out of try-repo's temporary commit, so it would test another hook:"
    sed -e 's/^/  /' -e '20q' <<<"$untracked"
else
    step "(e) pre-commit try-repo on $ROOT itself"
    if ! output="$("$PRE_COMMIT" try-repo "$ROOT" relcheck --files data/relations/NO-UA.json 2>&1)"; then
        fail "try-repo $ROOT failed" "$output"
    fi
    echo "$output"
    contains "$output" "relcheck" "Passed"
    proved+=("(e) pre-commit try-repo $ROOT relcheck --files data/relations/NO-UA.json passes")
fi

step "(f) the relcheck-fmt hook rewrites a file that is not in the layout"
python3 - <<'EOF'
import json
from pathlib import Path
path = Path("data/relations/NO-UA.json")
path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False), encoding="utf-8")
EOF
git add data/relations/NO-UA.json
if output="$(git commit -m "one long line" 2>&1)"; then
    fail "the commit of a file not in the layout was accepted" "$output"
fi
echo "$output"
contains "$output" "relcheck fmt" "Failed" "files were modified by this hook" "formatted 1 file, 0 already formatted"
cmp -s data/relations/NO-UA.json "$ROOT/data/relations/NO-UA.json" ||
    fail "the formatted file differs from the shipped one" "$(diff "$ROOT/data/relations/NO-UA.json" data/relations/NO-UA.json | head -20)"
git add data/relations/NO-UA.json
# The file is the committed one again: nothing is left to commit.
[ -z "$(git status --porcelain)" ] || fail "formatting did not restore the committed file" "$(git status --porcelain)"
proved+=("(f) relcheck-fmt rewrites a one-line NO-UA.json and fails the commit; the result is the shipped file byte for byte")

step "proved with pre-commit $("$PRE_COMMIT" --version | cut -d' ' -f2)"
printf '  %s\n' "${proved[@]}"
