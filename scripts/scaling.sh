#!/usr/bin/env bash
# Scaling benchmark for the hostile inputs of issue 15: for each case,
# the time and peak memory (RSS) of the release binary on an input and on
# four times that input, and their ratios. Linear work gives ratios near 4
# (memory less, as the binary's own few MB do not grow); the target is
# every ratio at most 5. Then the peak memory per byte of the largest
# article, against the target of at most 10 bytes per byte.
#
#   scripts/scaling.sh          # all cases (a few minutes on two cores)
#   SCALE=0.25 scripts/scaling.sh   # smaller inputs, for a quick look
#   INSTRUCTIONS=1 scripts/scaling.sh   # also the ratio of instructions
#                                       # (valgrind; slow, but load-proof)
#
# Figures, not assertions: timings on a shared machine vary by 20% or more.
# Needs GNU time (/usr/bin/time) for the memory figures.
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${SCALE:-1}"
cargo build --release --quiet
bin="$PWD/target/release/framescope"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gnu_time=/usr/bin/time
[ -x "$gnu_time" ] || gnu_time=""

n_of() { awk -v n="$1" -v s="$scale" 'BEGIN { printf "%d", n * s }'; }

# measure CMD...: prints "SECONDS KILOBYTES", the best (least) of 3 runs.
# A command that exits with a status outside $ok_exit (default 0) stops the
# script: a fast failure must never pass for a fast run.
measure() {
    local best_t="" best_m="" t m i status=0
    "$@" >/dev/null 2>"$work/stderr" || status=$?
    if [[ " ${ok_exit:-0} " != *" $status "* ]]; then
        echo "error: exit $status from: $*" >&2
        head -n 5 "$work/stderr" >&2
        exit 1
    fi
    for i in 1 2 3; do
        if [ -n "$gnu_time" ]; then
            "$gnu_time" -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
            read -r t m < <(tail -n 1 "$work/time")
        else
            local start end
            start=$(date +%s.%N)
            "$@" >/dev/null 2>&1 || true
            end=$(date +%s.%N)
            t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
            m=0
        fi
        if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; fi
        if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
    done
    echo "$best_t $best_m"
}

# instructions CMD...: the instructions CMD runs (valgrind's callgrind),
# which, unlike time, other work on the machine does not move.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$work/callgrind" || true
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/callgrind" | tail -n 1
}
count=""
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
    command -v valgrind >/dev/null 2>&1 || { echo "error: INSTRUCTIONS=1 needs valgrind" >&2; exit 1; }
    count=1
fi

worst=0
printf '%-38s %10s %10s %9s %9s %9s %9s' case "input 1x" "input 4x" "time 1x" "time 4x" "time x" "mem x"
[ -n "$count" ] && printf ' %9s' "instr x"
printf '\n'
# report NAME SIZE1 SIZE4: measures the commands in cmd1 and cmd4.
report() {
    local name=$1 size1=$2 size4=$3 r1 r4
    r1=$(measure "${cmd1[@]}")
    r4=$(measure "${cmd4[@]}")
    read -r t1 m1 <<<"$r1"
    read -r t4 m4 <<<"$r4"
    local tr mr
    tr=$(awk -v a="$t1" -v b="$t4" 'BEGIN { printf "%.2f", (a > 0.01 ? b / a : 0) }')
    mr=$(awk -v a="$m1" -v b="$m4" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
    printf '%-38s %10s %10s %8ss %8ss %9s %9s' "$name" "$size1" "$size4" "$t1" "$t4" "$tr" "$mr"
    if [ -n "$count" ]; then
        # The work for the input: less that of the same command on an
        # empty one ($cmd0, when the case sets it), the pack's start-up.
        local i0=0 i1 i4 ir
        [ ${#cmd0[@]} -gt 0 ] && i0=$(instructions "${cmd0[@]}")
        i1=$(instructions "${cmd1[@]}")
        i4=$(instructions "${cmd4[@]}")
        ir=$(awk -v z="$i0" -v a="$i1" -v b="$i4" 'BEGIN { printf "%.2f", (a > z ? (b - z) / (a - z) : 0) }')
        printf ' %9s' "$ir"
    fi
    printf '\n'
    worst=$(awk -v w="$worst" -v a="$tr" -v b="$mr" 'BEGIN { m = w; if (a > m) m = a; if (b > m) m = b; print m }')
}

# Cases 2 and 3: one long unpunctuated sentence of a repeated unit,
# classified from stdin on one thread.
sentence() { # sentence UNIT COUNT FILE
    # Not `yes | head`: under pipefail yes's SIGPIPE would stop the script.
    awk -v unit="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s ", unit }' >"$3"
}
for unit in "Seoul is an ally but" "Russia praised China" "China was praised by Russia" 'Kim said "ally"' \
    "Seoul warned of the Democrats" "Russia lifted sanctions on China and praised Japan against Iran"; do
    n=$(n_of 25000)
    sentence "$unit" "$n" "$work/s1.txt"
    sentence "$unit" $((4 * n)) "$work/s4.txt"
    : >"$work/s0.txt"
    cmd0=("$bin" classify -q --format jsonl -j 1 --input-format text "$work/s0.txt")
    cmd1=("$bin" classify -q --format jsonl -j 1 --input-format text "$work/s1.txt")
    cmd4=("$bin" classify -q --format jsonl -j 1 --input-format text "$work/s4.txt")
    report "sentence: \"$unit\" x N" "$(wc -c <"$work/s1.txt")B" "$(wc -c <"$work/s4.txt")B"
done

# Case 4: pack loading, many actors and a long member-of chain.
# The generated actors join the default registry (whose actors the stance
# tests name) in a file of their own.
pack() { # pack DIR ACTORS CHAIN(0|1)
    mkdir -p "$1/frames"
    cp rules/pack.toml rules/modifiers.toml rules/stance.toml "$1/"
    cp -r rules/actors "$1/"
    printf 'label = "F"\nterms = [{ pattern = "word" }]\n' >"$1/frames/f.toml"
    awk -v n="$2" -v chain="$3" 'BEGIN {
        for (i = 0; i < n; i++) {
            printf "[[actor]]\nid = \"a%d\"\nname = \"Actor %d\"\nkind = \"%s\"\naliases = [\"Name%d\"]\n", i, i, (chain && i > 0) ? "person" : "state", i
            if (chain && i > 0) printf "member-of = \"a%d\"\n", i - 1
            print ""
        }
    }' >"$1/actors/generated.toml"
}
cmd0=()
for chain in 0 1; do
    n=$(n_of 10000)
    rm -rf "$work/p1" "$work/p4"
    pack "$work/p1" "$n" "$chain"
    pack "$work/p4" $((4 * n)) "$chain"
    cmd1=("$bin" --rules "$work/p1" classify -q --input-format text /dev/null)
    cmd4=("$bin" --rules "$work/p4" classify -q --input-format text /dev/null)
    label=$([ "$chain" = 1 ] && echo "pack: member-of chain" || echo "pack: actors")
    report "$label" "$n" "$((4 * n))"
done

# Case 5: rules lint, many wildcards and many copies of one term.
lint_pack() { # lint_pack DIR TERMS KIND(wild|copies)
    mkdir -p "$1/frames"
    cp rules/pack.toml rules/modifiers.toml rules/stance.toml "$1/"
    cp -r rules/actors "$1/"
    awk -v n="$2" -v kind="$3" 'BEGIN {
        print "label = \"F\"\nterms = ["
        for (i = 0; i < n; i++) {
            if (kind == "wild") printf "  { pattern = \"w%dx*\" },\n", i
            else print "  { pattern = \"ally\" },"
        }
        print "]"
    }' >"$1/frames/f.toml"
}
for kind in wild copies; do
    n=$(n_of "$([ "$kind" = wild ] && echo 25000 || echo 1500)")
    rm -rf "$work/l1" "$work/l4"
    lint_pack "$work/l1" "$n" "$kind"
    lint_pack "$work/l4" $((4 * n)) "$kind"
    cmd1=("$bin" --rules "$work/l1" rules lint)
    cmd4=("$bin" --rules "$work/l4" rules lint)
    label=$([ "$kind" = wild ] && echo "lint: wildcard terms" || echo "lint: copies of one term")
    # Copies of one term are findings: lint exits 1 and that is the case.
    ok_exit=$([ "$kind" = wild ] && echo 0 || echo 1) report "$label" "$n" "$((4 * n))"
done

echo
echo "largest ratio: $worst (target: at most 5)"

# Memory per byte of the largest article (issue 15, defect 10): one JSON
# line made of the seed articles repeated, classified on one thread.
if [ -n "$gnu_time" ]; then
    target_bytes=$(n_of 32000000)
    cat seeds/*.txt >"$work/seeds.txt"
    : >"$work/article.txt"
    while [ "$(wc -c <"$work/article.txt")" -lt "$target_bytes" ]; do
        cat "$work/seeds.txt" >>"$work/article.txt"
    done
    {
        printf '{"id":"big","text":"'
        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' "$work/article.txt" | awk '{ printf "%s\\n", $0 }'
        printf '"}\n'
    } >"$work/big.jsonl"
    bytes=$(wc -c <"$work/article.txt")
    "$gnu_time" -f '%e %M' -o "$work/time" "$bin" classify -q --format jsonl -j 1 "$work/big.jsonl" >"$work/big.out"
    read -r t kb < <(tail -n 1 "$work/time")
    out=$(wc -c <"$work/big.out")
    awk -v b="$bytes" -v kb="$kb" -v t="$t" -v o="$out" 'BEGIN {
        printf "largest article: %.1f MB of text, %.1f s, peak RSS %.0f MB, output %.0f MB: %.1f bytes of memory per byte (target: at most 10)\n",
            b / 1e6, t, kb * 1024 / 1e6, o / 1e6, kb * 1024 / b
    }'
fi
