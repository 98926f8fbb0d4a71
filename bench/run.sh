#!/usr/bin/env bash
# relcheck at every scale: one markdown table, every figure measured in this run.
#
#   bench/run.sh                        sizes 1000 5000 19110, with peers
#   BENCH_SIZES="1000 5000" bench/run.sh
#   BENCH_PEERS=0 bench/run.sh          relcheck and the parse floor only
#
# Environment (all optional):
#   BENCH_SIZES         relation counts to generate and check        (default "1000 5000 19110")
#   BENCH_PEERS         0 skips the peer validators                  (default 1)
#   BENCH_DIR           scratch folder: datasets, peers, binaries     (default target/bench)
#   BENCH_SEED          generator seed                                (default 1)
#   BENCH_RUNS          hyperfine runs per relcheck measurement       (default 5; 3 above 10,000 relations)
#   BENCH_PEER_TIMEOUT  seconds before a peer run is killed           (default 300)
#   BENCH_TODAY         --today passed to relcheck                    (default 2026-11-26)
#   BENCH_PAIRS         alternating relcheck/floor runs on the largest size (default 7)
#
# Needs: cargo, bash, coreutils; installs hyperfine and GNU time with apt-get when missing (falls
# back to a `date +%s%N` loop, best of 10, and no RSS); peers need npm and python3 (skipped with a
# message otherwise). Progress goes to stderr, the table to stdout (and to $BENCH_DIR/results.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRATCH=${BENCH_DIR:-$ROOT/target/bench}
SIZES=${BENCH_SIZES:-"1000 5000 19110"}
PEERS=${BENCH_PEERS:-1}
SEED=${BENCH_SEED:-1}
PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-300}
TODAY=${BENCH_TODAY:-2026-11-26}
mkdir -p "$SCRATCH"
SCRATCH=$(cd "$SCRATCH" && pwd)
BIN=$SCRATCH/bin
PEERDIR=$SCRATCH/peers
WORK=$SCRATCH/work
mkdir -p "$BIN" "$PEERDIR" "$WORK"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
fmt() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { if (x == "" || x == "-") print "–"; else printf "%.*f\n", d, x }'; }
div() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.*f\n", d, a / b }'; }
thousands() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }

# ---------------------------------------------------------------------------------------------
# Tools.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
apt_install() {
    command -v apt-get >/dev/null || return 1
    log "installing $1 with apt-get"
    as_root apt-get install -y "$1" >/dev/null 2>&1 || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$1" >/dev/null 2>&1; }
}
command -v hyperfine >/dev/null || apt_install hyperfine || true
[ -x /usr/bin/time ] || apt_install time || true
HAVE_HYPERFINE=0; command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
HAVE_GNU_TIME=0; [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && HAVE_GNU_TIME=1
[ $HAVE_HYPERFINE = 1 ] || log "hyperfine unavailable: wall times are the best of 10 runs timed with date +%s%N"
[ $HAVE_GNU_TIME = 1 ] || log "GNU time unavailable: no peak RSS or CPU time"
command -v jq >/dev/null || apt_install jq || true
command -v jq >/dev/null || { echo "bench/run.sh needs jq" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# Build (retrying: other work may leave src/ briefly uncompilable), then snapshot the binaries so
# that every figure of this run comes from the same build.

build() {
    local tries=0
    until (cd "$ROOT" && cargo build --release --bins --examples >&2); do
        tries=$((tries + 1))
        [ $tries -lt 5 ] || { echo "cargo build --release failed $tries times" >&2; exit 1; }
        log "build failed; retrying in 60 s ($tries/5)"
        sleep 60
    done
}
log "building release binary and examples"
build
for b in relcheck examples/gen-dataset examples/parse-floor examples/parse-floor-mimalloc; do cp "$ROOT/target/release/$b" "$BIN/"; done
RELCHECK=$BIN/relcheck
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
(cd "$ROOT" && git diff --quiet HEAD -- src Cargo.toml 2>/dev/null) || COMMIT="$COMMIT+dirty"
GEN_HASH=$(sha256sum "$ROOT/examples/gen-dataset.rs" | cut -c1-16)

# ---------------------------------------------------------------------------------------------
# Datasets: reused when generated with the same size, seed and generator source.

dataset() { # N -> path
    local n=$1 dir=$SCRATCH/data-$1-seed$SEED
    local stamp="relations=$n seed=$SEED defects=0 generator=$GEN_HASH"
    if [ -f "$dir/.params" ] && [ "$(cat "$dir/.params")" = "$stamp" ]; then
        log "reusing $dir"
    else
        log "generating $n relations into $dir"
        rm -f "$dir/.params"
        "$BIN/gen-dataset" --relations "$n" --seed "$SEED" --out "$dir" >&2
        echo "$stamp" >"$dir/.params"
    fi
    echo "$dir"
}

# files and bytes relcheck reads: every *.json under data/
count_files() { find "$1/data" -name '*.json' -type f | wc -l; }
count_bytes() { find "$1/data" -name '*.json' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# ---------------------------------------------------------------------------------------------
# Measurement helpers. Every command runs with its working directory set by the caller (cd in a
# subshell) and its output discarded.

# wall_best RUNS CMD... -> "best_wall user sys": the best wall seconds (hyperfine min, or a date
# loop) and the mean user and system seconds of the timed runs ("-" without hyperfine)
wall_best() {
    local runs=$1; shift
    if [ $HAVE_HYPERFINE = 1 ]; then
        local json; json=$(mktemp)
        hyperfine --style none --shell none --warmup "${WARMUP:-1}" --runs "$runs" --ignore-failure \
            --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        jq -r '.results[0] | "\(.min) \(.user) \(.system)"' "$json"
        rm -f "$json"
    else
        local best="" i start end t
        [ "${WARMUP:-1}" = 0 ] || "$@" >/dev/null 2>&1 || true
        for i in $(seq 1 "$runs"); do
            start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
            t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
            best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
        done
        echo "$best - -"
    fi
}

# wall_once CMD... -> wall seconds of one run (date +%s%N)
wall_once() {
    local start end; start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}

# cpu USER SYS -> user + sys, or "-"
cpu() { awk -v u="$1" -v s="$2" 'BEGIN { if (u !~ /^[0-9.]+$/ || s !~ /^[0-9.]+$/) print "-"; else print u + s }'; }

# measure_once CMD... -> "wall user sys maxrss_kb exit" (one run; GNU time when available). The
# command's output goes to $MEASURE_OUT (default /dev/null).
measure_once() {
    local out; out=$(mktemp)
    local code=0 sink=${MEASURE_OUT:-/dev/null}
    if [ $HAVE_GNU_TIME = 1 ]; then
        /usr/bin/time -o "$out" -f '%e %U %S %M' "$@" >"$sink" 2>&1 || code=$?
        echo "$(tail -n 1 "$out") $code"
    else
        local start end; start=$(date +%s%N)
        "$@" >"$sink" 2>&1 || code=$?
        end=$(date +%s%N)
        echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') - - - $code"
    fi
    rm -f "$out"
}

ROWS=()
# row CASE TOOL FILES BYTES WALL CPU RSS_KB REF_WALL
row() {
    local case=$1 tool=$2 files=$3 bytes=$4 wall=$5 cpu=$6 rss=$7 ref=$8
    local mb; mb=$(awk -v b="$bytes" 'BEGIN { printf (b < 1e6 ? "%.3f" : "%.1f"), b / 1e6 }')
    local fps mbps per1k rssmb rel
    if [[ $wall =~ ^[0-9.]+$ ]]; then
        fps=$(div "$files" "$wall" 0); mbps=$(div "$mb" "$wall" 1)
        per1k=$(awk -v w="$wall" -v f="$files" 'BEGIN { if (f < 2) print "–"; else printf "%.0f\n", w * 1000 * 1000 / f }')
        rel=$(div "$wall" "$ref" 2); [ "$rel" = "–" ] || rel="${rel}×"
        wall=$(fmt "$wall" 3)
    else
        fps="–"; mbps="–"; per1k="–"; rel="–"
    fi
    if [[ $rss =~ ^[0-9]+$ ]]; then rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }'); else rssmb="–"; fi
    [[ $cpu =~ ^[0-9.]+$ ]] && cpu=$(fmt "$cpu" 2) || cpu="–"
    ROWS+=("| $case | $tool | $(thousands "$files") | $mb | $wall | $fps | $mbps | $per1k | $cpu | $rssmb | $rel |")
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# (1) Pre-commit: one relation file.

read -r -a SIZE_LIST <<<"$SIZES"
LARGEST=${SIZE_LIST[0]}; for n in "${SIZE_LIST[@]}"; do [ "$n" -gt "$LARGEST" ] && LARGEST=$n; done
declare -A DIRS
for n in "${SIZE_LIST[@]}"; do DIRS[$n]=$(dataset "$n"); done

single_file() { # DIR FILE CASE
    local dir=$1 file=$2 case=$3
    local bytes; bytes=$(stat -c %s "$dir/$file")
    local check; check=$(cd "$dir" && measure_once "$RELCHECK" check --today "$TODAY" "$file")
    local wall user sys rss code
    read -r wall user sys <<<"$(cd "$dir" && wall_best 30 "$RELCHECK" check --today "$TODAY" "$file")"
    read -r _ _ _ rss code <<<"$check"
    [ "$code" = 0 ] || log "warning: relcheck exited $code on $file"
    row "$case" "relcheck" 1 "$bytes" "$wall" "$(cpu "$user" "$sys")" "$rss" ""
}
log "pre-commit case: one file"
single_file "$ROOT" data/relations/NO-UA.json "pre-commit: data/relations/NO-UA.json (project)"
GEN_FILE=$(cd "${DIRS[$LARGEST]}" && find data/relations -name '*.json' | sort | sed -n 1p)
single_file "${DIRS[$LARGEST]}" "$GEN_FILE" "pre-commit: $GEN_FILE in the $(thousands "$LARGEST")-relation set"

# ---------------------------------------------------------------------------------------------
# Peers: installed into $PEERDIR; each one skipped with a message when it cannot be installed.

declare -A PEER_CMD PEER_NAME PEER_SKIP PEER_LAST_WALL PEER_LAST_FILES
PEER_ORDER=()
if [ "$PEERS" != 0 ]; then
    if command -v npm >/dev/null; then
        if [ ! -x "$PEERDIR/npm/node_modules/.bin/ajv" ] || [ ! -x "$PEERDIR/npm/node_modules/.bin/jsonschema" ]; then
            log "installing ajv-cli and @sourcemeta/jsonschema with npm into $PEERDIR/npm"
            npm install --prefix "$PEERDIR/npm" --no-audit --no-fund --loglevel=error ajv-cli @sourcemeta/jsonschema >&2 || log "npm install failed"
        fi
    else
        log "npm not found: skipping ajv-cli and @sourcemeta/jsonschema"
    fi
    if command -v python3 >/dev/null; then
        if [ ! -x "$PEERDIR/venv/bin/check-jsonschema" ]; then
            log "installing check-jsonschema with pip into $PEERDIR/venv"
            { python3 -m venv "$PEERDIR/venv" && "$PEERDIR/venv/bin/pip" install -q check-jsonschema; } >&2 || log "pip install failed"
        fi
    else
        log "python3 not found: skipping check-jsonschema"
    fi

    # @sourcemeta/jsonschema: call its native binary directly (the npm wrapper only adds node's start-up).
    SM=$(find "$PEERDIR/npm/node_modules/@sourcemeta/jsonschema/build" -name 'jsonschema-linux-x86_64' -type f 2>/dev/null | head -n 1 || true)
    [ -n "$SM" ] || SM=$PEERDIR/npm/node_modules/.bin/jsonschema
    if [ -x "$SM" ] && "$SM" version >/dev/null 2>&1; then
        v=$("$SM" version 2>/dev/null | sed -n 1p)
        PEER_ORDER+=(sourcemeta sourcemeta-fast)
        PEER_NAME[sourcemeta]="@sourcemeta/jsonschema $v"
        PEER_NAME[sourcemeta-fast]="@sourcemeta/jsonschema $v --fast"
        # exhaustive mode (default) and --fast; --continue so that one invalid file does not stop the run
        PEER_CMD[sourcemeta]="'$SM' validate --continue schema/relation.schema.json data/relations && '$SM' validate --continue schema/entities.schema.json data/entities"
        PEER_CMD[sourcemeta-fast]="'$SM' validate --fast --continue schema/relation.schema.json data/relations && '$SM' validate --fast --continue schema/entities.schema.json data/entities"
    else
        log "@sourcemeta/jsonschema is not installed or does not run: skipped"
    fi
    AJV=$PEERDIR/npm/node_modules/.bin/ajv
    if [ -x "$AJV" ]; then
        v=$(jq -r .version "$PEERDIR/npm/node_modules/ajv-cli/package.json" 2>/dev/null || echo "?")
        va=$(jq -r .version "$PEERDIR/npm/node_modules/ajv/package.json" 2>/dev/null || echo "?")
        PEER_ORDER+=(ajv)
        PEER_NAME[ajv]="ajv-cli $v (ajv $va)"
        # draft 2020-12, all errors, no formats plugin (the schemas use no `format`), strict mode on
        PEER_CMD[ajv]="'$AJV' validate --spec=draft2020 --all-errors -s schema/relation.schema.json -d 'data/relations/*.json' && '$AJV' validate --spec=draft2020 --all-errors -s schema/entities.schema.json -d 'data/entities/*.json'"
    else
        log "ajv-cli is not installed: skipped"
    fi
    CJ=$PEERDIR/venv/bin/check-jsonschema
    if [ -x "$CJ" ]; then
        v=$("$CJ" --version 2>/dev/null | awk '{ print $NF }')
        PEER_ORDER+=(check-jsonschema)
        PEER_NAME[check-jsonschema]="check-jsonschema $v"
        PEER_CMD[check-jsonschema]="'$CJ' --schemafile schema/relation.schema.json data/relations/*.json && '$CJ' --schemafile schema/entities.schema.json data/entities/*.json"
    else
        log "check-jsonschema is not installed: skipped"
    fi
fi

# ---------------------------------------------------------------------------------------------
# (2)-(4) Each size: relcheck (default threads and one thread), the parse floor, the peers.

declare -A SCALE_WALL SCALE_CPU SCALE_RSS SCALE_FILES SCALE_FLOOR
SUMMARIES=()
for n in "${SIZE_LIST[@]}"; do
    dir=${DIRS[$n]}
    files=$(count_files "$dir"); bytes=$(count_bytes "$dir")
    label="$(thousands "$n") relations"
    runs=${BENCH_RUNS:-$([ "$n" -gt 10000 ] && echo 3 || echo 5)}
    # The measured run before the timed ones warms the page cache; large sets skip hyperfine's warm-up.
    export WARMUP=$([ "$n" -gt 10000 ] && echo 0 || echo 1)

    log "$label: relcheck"
    once=$(cd "$dir" && MEASURE_OUT="$WORK/relcheck-$n.out" measure_once "$RELCHECK" check --today "$TODAY")
    read -r _ _ _ rss code <<<"$once"
    summary=$(tail -n 1 "$WORK/relcheck-$n.out")
    SUMMARIES+=("$label: exit $code, \`$summary\`")
    [ "$code" = 0 ] || log "warning: relcheck exited $code on the clean $label set: $summary"
    read -r wall user sys <<<"$(cd "$dir" && wall_best "$runs" "$RELCHECK" check --today "$TODAY")"
    ref=$wall
    cpu=$(cpu "$user" "$sys")
    row "$label" "**relcheck** ($(nproc) threads)" "$files" "$bytes" "$wall" "$cpu" "$rss" "$ref"
    SCALE_WALL[$n]=$wall; SCALE_CPU[$n]=$cpu; SCALE_RSS[$n]=$rss; SCALE_FILES[$n]=$files

    log "$label: relcheck, 1 thread"
    once=$(cd "$dir" && RAYON_NUM_THREADS=1 measure_once "$RELCHECK" check --today "$TODAY")
    read -r _ _ _ rss code <<<"$once"
    read -r wall1 user sys <<<"$(cd "$dir" && RAYON_NUM_THREADS=1 wall_best "$runs" "$RELCHECK" check --today "$TODAY")"
    row "$label" "relcheck (RAYON_NUM_THREADS=1)" "$files" "$bytes" "$wall1" "$(cpu "$user" "$sys")" "$rss" "$ref"

    # The floor is timed as relcheck is: the whole process, best of the same number of runs.
    log "$label: parse floor"
    once=$(measure_once "$BIN/parse-floor" "$dir/data")
    read -r _ _ _ rss code <<<"$once"
    read -r floor user sys <<<"$(wall_best "$runs" "$BIN/parse-floor" "$dir/data")"
    row "$label" "parse floor (read + serde_json::Value, $(nproc) threads)" "$files" "$bytes" "$floor" \
        "$(cpu "$user" "$sys")" "$rss" "$ref"
    SCALE_FLOOR[$n]=$floor

    log "$label: parse floor with mimalloc"
    once=$(measure_once "$BIN/parse-floor-mimalloc" "$dir/data")
    read -r _ _ _ rss code <<<"$once"
    read -r floor_mi user sys <<<"$(wall_best "$runs" "$BIN/parse-floor-mimalloc" "$dir/data")"
    row "$label" "parse floor with relcheck's allocator (mimalloc)" "$files" "$bytes" "$floor_mi" \
        "$(cpu "$user" "$sys")" "$rss" "$ref"

    # Best-of-N figures taken a minute apart can catch the machine at different speeds: the headline
    # ratio is also measured in runs of the two that alternate.
    pairs=${BENCH_PAIRS:-7}
    if [ "$n" = "$LARGEST" ] && [ "$pairs" -gt 0 ]; then
        log "$label: relcheck and the parse floor, $pairs alternating pairs"
        ratios=()
        for _ in $(seq 1 "$pairs"); do
            a=$(cd "$dir" && wall_once "$RELCHECK" check --today "$TODAY")
            b=$(wall_once "$BIN/parse-floor" "$dir/data")
            ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')")
        done
        RATIO_LINE=$(printf '%s\n' "${ratios[@]}" | sort -n | awk -v label="$label" -v pairs="$pairs" '
            { r[NR] = $1 }
            END { printf "Ratio of relcheck to the parse floor on %s, %d runs of each alternating (one run each, date +%%s%%N): lowest %.2f×, median %.2f×, highest %.2f×.", label, pairs, r[1], r[int((NR + 1) / 2)], r[NR] }')
    fi

    for p in "${PEER_ORDER[@]}"; do
        name=${PEER_NAME[$p]}
        if [ -n "${PEER_SKIP[$p]:-}" ]; then
            row "$label" "$name: ${PEER_SKIP[$p]}" "$files" "$bytes" "-" "-" "-" "$ref"
            continue
        fi
        # Skip a size the last measurement predicts to exceed the timeout (time grows with the files).
        if [ -n "${PEER_LAST_WALL[$p]:-}" ]; then
            predicted=$(awk -v w="${PEER_LAST_WALL[$p]}" -v f="$files" -v g="${PEER_LAST_FILES[$p]}" 'BEGIN { printf "%.0f", w * f / g }')
            if [ "$predicted" -gt "$PEER_TIMEOUT" ]; then
                log "$label: $name skipped (predicted ${predicted} s > timeout ${PEER_TIMEOUT} s)"
                row "$label" "$name: skipped, predicted ${predicted} s > ${PEER_TIMEOUT} s timeout" "$files" "$bytes" "-" "-" "-" "$ref"
                PEER_SKIP[$p]="skipped after timeout"
                continue
            fi
        fi
        log "$label: $name"
        once=$(cd "$dir" && MEASURE_OUT="$WORK/$p-$n.out" measure_once timeout "$PEER_TIMEOUT" bash -c "${PEER_CMD[$p]}")
        read -r pwall user sys rss code <<<"$once"
        if [ "$code" = 124 ] || [ "$code" = 137 ]; then
            log "$label: $name timed out after $PEER_TIMEOUT s"
            row "$label" "$name: **timeout** (${PEER_TIMEOUT} s)" "$files" "$bytes" "-" "-" "-" "$ref"
            PEER_SKIP[$p]="skipped after timeout"
            continue
        elif [ "$code" != 0 ]; then
            log "$label: $name exited $code on clean data (output: $WORK/$p-$n.out)"
            row "$label" "$name: failed (exit $code)" "$files" "$bytes" "-" "-" "-" "$ref"
            continue
        fi
        # A second run (warm caches) when the first was short; keep the faster.
        if awk -v w="$pwall" 'BEGIN { exit !(w < 60) }'; then
            again=$(cd "$dir" && measure_once timeout "$PEER_TIMEOUT" bash -c "${PEER_CMD[$p]}")
            read -r w2 u2 s2 r2 c2 <<<"$again"
            if [ "$c2" = 0 ] && awk -v a="$w2" -v b="$pwall" 'BEGIN { exit !(a < b) }'; then
                pwall=$w2; user=$u2; sys=$s2; rss=$r2
            fi
        fi
        row "$label" "$name" "$files" "$bytes" "$pwall" \
            "$(awk -v u="$user" -v s="$sys" 'BEGIN { if (u == "-") print "-"; else print u + s }')" "$rss" "$ref"
        PEER_LAST_WALL[$p]=$pwall; PEER_LAST_FILES[$p]=$files
    done
done

# ---------------------------------------------------------------------------------------------
# Output: the table, then how relcheck's time and memory grow.

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
    echo "relcheck $COMMIT, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) × $CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); load average $LOAD_START at start, $LOAD_END at end; warm page cache."
    echo
    echo "| case | tool | files | MB | wall s | files/s | MB/s | ms per 1,000 files | CPU s | peak RSS MB | time ÷ relcheck |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "wall s: relcheck and the parse floors best of ${BENCH_RUNS:-5 (3 above 10,000 relations)} runs after a warm run, the whole process ($([ $HAVE_HYPERFINE = 1 ] && echo "hyperfine min" || echo "date +%s%N loop"); single files best of 30); peers best of 2 runs (1 when a run takes over 60 s). CPU s (user + sys): for relcheck and the floors the mean of the timed runs (hyperfine), for peers one run under GNU time. Peak RSS from one run under GNU time. time ÷ relcheck: this row's wall time over relcheck's (default threads) on the same files. Peers validate the same files against the same two schemas (schema only, no semantic rules)."
    echo
    for s in "${SUMMARIES[@]}"; do echo "- $s"; done
    if [ -n "${RATIO_LINE:-}" ]; then
        echo
        echo "$RATIO_LINE"
    fi
    if [ "${#SIZE_LIST[@]}" -gt 1 ]; then
        first=${SIZE_LIST[0]}
        echo
        echo "Growth of relcheck's cost with the dataset (linear: the per-file factor stays within 0.8–1.25):"
        for n in "${SIZE_LIST[@]}"; do
            [ "$n" = "$first" ] && continue
            awk -v n="$n" -v f0="${SCALE_FILES[$first]}" -v f1="${SCALE_FILES[$n]}" -v w0="${SCALE_WALL[$first]}" -v w1="${SCALE_WALL[$n]}" \
                -v c0="${SCALE_CPU[$first]}" -v c1="${SCALE_CPU[$n]}" -v r0="${SCALE_RSS[$first]}" -v r1="${SCALE_RSS[$n]}" -v first="$first" '
                function verdict(x) { return x < 0.8 ? "sublinear" : (x <= 1.25 ? "linear" : "superlinear") }
                BEGIN {
                    fx = f1 / f0; tx = w1 / w0
                    line = sprintf("- %s → %s relations: files ×%.2f; relcheck wall ×%.2f (%s, %.2f× per file)", first, n, fx, tx, verdict(tx / fx), tx / fx)
                    if (c0 ~ /^[0-9.]+$/ && c1 ~ /^[0-9.]+$/ && c0 > 0) {
                        cx = c1 / c0
                        line = line sprintf("; CPU ×%.2f (%s, %.2f× per file)", cx, verdict(cx / fx), cx / fx)
                    }
                    if (r0 ~ /^[0-9]+$/ && r1 ~ /^[0-9]+$/) {
                        rx = r1 / r0
                        line = line sprintf("; peak RSS ×%.2f (%s; %.0f → %.0f MB, +%.0f MB per 1,000 files)", rx, verdict(rx / fx), r0 / 1024, r1 / 1024, (r1 - r0) / 1024 / ((f1 - f0) / 1000))
                    }
                    print line
                }'
        done
    fi
} | tee "$SCRATCH/results.md"
