#!/usr/bin/env bash
# The language server's latency and memory: the time from a `didChange` on a relation to its
# `publishDiagnostics`, on the shipped data and on the 5,000-relation generated set, and the
# server's resident memory (examples/lsp-latency.rs says what is measured and how).
#
#   bench/lsp.sh                    100 changes per case and round, 5 rounds
#   LSP_CHANGES=200 LSP_ROUNDS=10 bench/lsp.sh
#
# Environment (all optional): BENCH_DIR (scratch folder, default target/bench), BENCH_SEED
# (generator seed, default 1), LSP_CHANGES, LSP_ROUNDS. The table goes to stdout, progress to stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRATCH=${BENCH_DIR:-$ROOT/target/bench}
SEED=${BENCH_SEED:-1}
DATA=$SCRATCH/data-5000-seed$SEED

cd "$ROOT"
cargo build --release --bin relcheck --example gen-dataset --example lsp-latency >&2
count=$( (find "$DATA/data/relations" -name '*.json' 2>/dev/null || true) | wc -l)
if [ "$count" -ne 5000 ]; then
    echo "generating the 5,000-relation set in $DATA" >&2
    target/release/examples/gen-dataset --relations 5000 --seed "$SEED" --out "$DATA" >&2
fi

echo "relcheck $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
target/release/examples/lsp-latency --relcheck target/release/relcheck --generated "$DATA" \
    --changes "${LSP_CHANGES:-100}" --rounds "${LSP_ROUNDS:-5}"
