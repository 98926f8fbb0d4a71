#!/usr/bin/env bash
# End-to-end test of `relcheck lsp` in a real editor: headless Neovim (its built-in LSP client,
# Debian's `neovim` package, 0.7 or later) opens a copy of the shipped dataset whose NO-UA.json
# has one language tag written `NB`, shows relcheck's language-tag-case finding on that line, and
# fixes it with the code action; the file on disk must then read `nb`. Exits non-zero, with a
# message, on any failure.
#
#   tests/editor/run.sh [path/to/relcheck]      (default: target/release/relcheck)
set -euo pipefail
cd "$(dirname "$0")/../.."

relcheck=$(realpath "${1:-target/release/relcheck}")
if ! command -v nvim >/dev/null; then
    echo "tests/editor/run.sh: nvim is not installed (apt-get install -y neovim)" >&2
    exit 1
fi
[ -x "$relcheck" ] || { echo "tests/editor/run.sh: no relcheck binary at $relcheck" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r relcheck.toml schema data "$scratch/"
file="$scratch/data/relations/NO-UA.json"
# The first Norwegian reference's language, written in upper case.
sed -i '0,/"language": "no"/s//"language": "NB"/' "$file"
line=$(grep -n '"language": "NB"' "$file" | cut -d: -f1)
[ -n "$line" ] || { echo "tests/editor/run.sh: the mutation did not apply" >&2; exit 1; }

status=0
RELCHECK="$relcheck" DATASET="$scratch" EXPECTED_LINE="$line" \
    timeout 180 nvim --headless --clean -c "luafile tests/editor/check.lua" "$file" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "tests/editor/run.sh: Neovim did not finish within 180 s" >&2
    echo "tests/editor/run.sh: FAILED (exit $status)" >&2
    exit 1
fi
if ! grep -q '"language": "nb"' "$file" || grep -q '"language": "NB"' "$file"; then
    echo "tests/editor/run.sh: the file on disk was not fixed" >&2
    exit 1
fi
echo "editor test: Neovim $(nvim --version | head -1 | cut -d' ' -f2) showed R602 on line $line and its code action fixed the file"
