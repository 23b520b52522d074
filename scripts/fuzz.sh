#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each (default 60),
# one after another, and prints per target the executions run and the time
# taken. A finding (a panic or a broken invariant) stops with exit 1 and
# leaves the input in fuzz/artifacts/<target>/; replay it with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
#
#   scripts/fuzz.sh            # 60 s per target (what .ci/run does)
#   scripts/fuzz.sh 600        # the longer run: 10 minutes per target
#
# Needs a nightly toolchain (cargo-fuzz builds with sanitizers) and
# cargo-fuzz, which it installs from crates.io when missing. Under CI=true
# either missing is a failure; elsewhere a missing nightly is a skip.
# The seed corpus is generated from seeds/, rules/ and the tests' fixtures
# into fuzz/corpus/ (not committed); what the fuzzer finds is kept there.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
cargo_fuzz_version="0.13.2"
targets=(analyze pack_load input_read)

fail_or_skip() {
    if [ "${CI:-}" = "true" ]; then
        echo "error: $1" >&2
        exit 1
    fi
    echo "fuzz: skipped: $1" >&2
    exit 0
}

if ! cargo +nightly --version >/dev/null 2>&1; then
    fail_or_skip "no nightly toolchain (rustup toolchain install nightly)"
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$cargo_fuzz_version"; then
    echo "fuzz: installing cargo-fuzz $cargo_fuzz_version" >&2
    cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked --quiet ||
        { echo "error: could not install cargo-fuzz" >&2; exit 1; }
fi

# Seeds: one file per input, prefixed with the selector byte each target
# reads first (see the targets' docs).
corpus=fuzz/corpus
mkdir -p "$corpus"/{analyze,pack_load,input_read}
seed() { # seed TARGET NAME SELECTOR-BYTE-IN-OCTAL FILE
    { [ -n "$3" ] && printf "\\$3"; cat "$4"; } >"$corpus/$1/seed-$2"
}
for f in seeds/*.txt; do
    name=$(basename "$f" .txt)
    seed analyze "$name" "" "$f"
    head -c 2000 "$f" >"$corpus/analyze/seed-$name-head"
    seed input_read "$name-txt" 0 "$f"
    seed input_read "$name-sidecar" 2 "$f"
done
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s\n' "$line" >"$corpus/input_read/.line"
    seed input_read "gold-$i-jsonl" 3 "$corpus/input_read/.line"
    seed input_read "gold-$i-gz" 4 "$corpus/input_read/.line"
done < <(head -n 20 tests/gold/seeds.jsonl)
rm -f "$corpus/input_read/.line"
n=0
# The default pack's registry is split over rules/actors/*.toml; each seeds
# the fixture's actors.toml.
for f in rules/pack.toml rules/actors/*.toml rules/modifiers.toml rules/stance.toml rules/frames/*.toml; do
    case "$f" in
        rules/pack.toml) sel=0 ;;
        rules/actors/*) sel=1 ;;
        rules/modifiers.toml) sel=2 ;;
        rules/stance.toml) sel=3 ;;
        *) sel=4 ;;
    esac
    n=$((n + 1))
    seed pack_load "rules-$n" "$sel" "$f"
    seed pack_load "rules-$n-disk" "$(printf '%o' $((sel + 128)))" "$f"
done

status=0
for t in "${targets[@]}"; do
    log=$(mktemp)
    echo "fuzz: $t for ${seconds}s" >&2
    if cargo +nightly fuzz run "$t" "$corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=16384 \
        -timeout=30 -print_final_stats=1 >"$log" 2>&1; then
        result="no finding"
    else
        result="FINDING (see fuzz/artifacts/$t/)"
        status=1
        tail -n 40 "$log" >&2
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -n 1)
    echo "fuzz: $t: ${execs:-?} executions in ${secs:-?} s, $result"
    rm -f "$log"
done
exit "$status"
