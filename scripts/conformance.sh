#!/usr/bin/env bash
# Runs the conformance suites (tests/conformance.rs) and prints the counts per file and overall:
#   JSONTestSuite test_parsing (the parser) and JSON-Schema-Test-Suite draft 2020-12 (`relcheck validate`).
# Usage: scripts/conformance.sh [PATH_TO_SHARED_CONFORMANCE]
# Default path: $RELCHECK_CONFORMANCE, else ../shared/conformance beside the repository.
# Fails if the folder is missing: a run that finds no suite is not a pass.
set -euo pipefail
cd "$(dirname "$0")/.."

suites="${1:-${RELCHECK_CONFORMANCE:-../shared/conformance}}"
if [ ! -d "$suites" ]; then
    echo "conformance: $suites does not exist (pass the path to shared/conformance)" >&2
    exit 1
fi
RELCHECK_CONFORMANCE="$(cd "$suites" && pwd)" \
    cargo test --release --test conformance -- --ignored --nocapture --test-threads 1
