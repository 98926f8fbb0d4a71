#!/usr/bin/env bash
# Runs the conformance suites (tests/conformance.rs), prints the counts per file, and ends with the
# agreement figures:
#   - JSONTestSuite test_parsing (the parser);
#   - JSON-Schema-Test-Suite, drafts 4, 6, 7, 2019-09 and 2020-12 (`relcheck validate`): every
#     required case must agree; the optional ones (formats, bignums, regex dialect) are reported;
#   - SchemaStore's own tests (schemastore/): `relcheck validate --schema schemas/NAME.json
#     --resolve schemas/ FILES`, one run per schema, against SchemaStore's expectation.
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
mkdir -p target
log=target/conformance.log
status=0
RELCHECK_CONFORMANCE="$(cd "$suites" && pwd)" \
    cargo test --release --test conformance -- --ignored --nocapture --test-threads 1 2>&1 | tee "$log" ||
    status=$?

echo
echo "conformance figures (the whole run is in $log):"
grep -E '^  [yni]_ \(|^  total|^  JSON-Schema-Test-Suite/tests/|^  (dialect|draft[- ][0-9]+[^:]*): .*pairs|^  agreement' "$log" || true
exit "$status"
