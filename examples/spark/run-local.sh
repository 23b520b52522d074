#!/usr/bin/env bash
# Runs the Spark recipe (classify.py) in local mode on a corpus, then the
# same in one process, and says whether the two merged aggregates are
# byte-identical and whether both reported the same skipped lines.
#
#   examples/spark/run-local.sh [CORPUS.jsonl]
#
# CORPUS defaults to examples/spark/sample.jsonl: sixteen invented articles
# and one line broken on purpose, which both runs must report and skip.
# Java and PySpark are installed first when missing (setup.sh).
#
# Environment:
#   FRAMESCOPE   the binary to use (default: cargo build --release)
#   MASTER       Spark master (default: local[2])
#   PARTITIONS   at least this many partitions (default: 4)
#   BY           metadata key to group by (default: outlet)
#   SPARK_JAVA_OPTIONS  the driver JVM's options (default: see below)
#
# Prints the times of both runs. Exit 0 when the aggregates are
# byte-identical and the same lines were reported, 1 when not (or when a
# run failed), 2 for a bad argument.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$here/sample.jsonl}
[ "$#" -le 1 ] || { echo "usage: $0 [CORPUS.jsonl]" >&2; exit 2; }
[ -f "$corpus" ] || { echo "run-local: no file $corpus" >&2; exit 2; }
# One absolute path for both runs, so that their messages name it alike.
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
master=${MASTER:-local[2]}
partitions=${PARTITIONS:-4}
by=${BY:-outlet}
java_options=${SPARK_JAVA_OPTIONS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}

if [ -z "${FRAMESCOPE:-}" ]; then
    echo "run-local: cargo build --release" >&2
    (cd "$root" && cargo build --release --quiet)
    FRAMESCOPE=$root/target/release/framescope
fi
bin=$(cd "$(dirname "$FRAMESCOPE")" && pwd)/$(basename "$FRAMESCOPE")
[ -x "$bin" ] || { echo "run-local: $bin is not an executable" >&2; exit 2; }

venv=$(bash "$here/setup.sh")
# spark-submit finds PySpark and Java (setup.sh links it) in the venv.
export PATH="$venv/bin:$PATH"
unset JAVA_HOME
# Local mode: the driver and its executors talk over the loopback only.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

work=$(mktemp -d "${TMPDIR:-/tmp}/framescope-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "run-local: Spark $(python -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -n 1)"
echo "run-local: Spark, $master, at least $partitions partitions: $corpus"
start=$(now)
status=0
# In local mode the driver's JVM is the executor too. It only moves lines
# (the work is framescope's), and its start-up dominates a small run: the
# JIT's first tier and the serial collector halve that start-up's CPU time.
spark-submit --master "$master" --conf spark.ui.enabled=false --files "$bin" \
    --driver-java-options "$java_options" \
    "$here/classify.py" "$corpus" "$work/profiles" --by "$by" \
    -o "$work/spark.json" --partitions "$partitions" >"$work/spark.log" 2>&1 || status=$?
spark_time=$(seconds "$start" "$(now)")
grep '^framescope-spark: ' "$work/spark.log" || true
if [ "$status" -ne 0 ]; then
    echo "run-local: the Spark run failed (exit $status); its log ends:" >&2
    tail -n 40 "$work/spark.log" >&2
    exit 1
fi

echo "run-local: one process: classify + merge"
start=$(now)
"$bin" classify "$corpus" --format jsonl --quiet -o "$work/profiles.jsonl" 2>"$work/single.log"
"$bin" merge "$work/profiles.jsonl" --by "$by" -o "$work/single.json" 2>>"$work/single.log"
single_time=$(seconds "$start" "$(now)")
sed 's/^/single: /' "$work/single.log"

echo "run-local: Spark ${spark_time} s, one process ${single_time} s"
verdict=0
if cmp -s "$work/spark.json" "$work/single.json"; then
    echo "run-local: the merged aggregates are byte-identical"
else
    echo "run-local: the merged aggregates DIFFER:"
    diff "$work/single.json" "$work/spark.json" | head -n 20 || true
    verdict=1
fi
grep '^framescope-spark: warning: ' "$work/spark.log" | sed 's/^framescope-spark: //' >"$work/spark.warnings" || true
grep '^warning: ' "$work/single.log" >"$work/single.warnings" || true
if cmp -s "$work/spark.warnings" "$work/single.warnings"; then
    echo "run-local: both reported the same $(wc -l <"$work/single.warnings") skipped or repaired line(s)"
else
    echo "run-local: the reported lines DIFFER (one process, then Spark):"
    diff "$work/single.warnings" "$work/spark.warnings" | head -n 20 || true
    verdict=1
fi
exit "$verdict"
