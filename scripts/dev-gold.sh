#!/usr/bin/env bash
# The dev-gold check (issue 9): how the default pack does on news it was not
# written from. Builds the release binary, then evaluates it on the dev gold
# (595 sentences of other news, labelled by the same codebook) aligned within
# their articles, and on the seeds as a regression guard. Prints eval's
# per-frame precision, recall and F1, actors and stance edges.
#
# The dev gold is not part of the project (its articles belong to their
# outlets): it is read from ../shared/gold/ beside the checkout (or the one
# above it, for a git worktree), or from the directory given as the first
# argument or in FRAMESCOPE_GOLD. When it is absent the script says so and
# exits 0. Pass --full to print every disagreement with its evidence.
#
#   scripts/dev-gold.sh                  # summary tables
#   scripts/dev-gold.sh --full           # and every disagreement
#   scripts/dev-gold.sh path/to/gold     # another copy of the gold
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
full=0
gold="${FRAMESCOPE_GOLD:-}"
for arg in "$@"; do
    case "$arg" in
        --full) full=1 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) gold="$arg" ;;
    esac
done
if [ -z "$gold" ]; then
    for candidate in "$root/../shared/gold" "$root/../../shared/gold"; do
        if [ -f "$candidate/dev.jsonl" ]; then
            gold="$candidate"
            break
        fi
    done
fi
if [ -z "$gold" ] || [ ! -f "$gold/dev.jsonl" ] || [ ! -f "$gold/dev-articles.jsonl" ]; then
    echo "dev-gold: no dev gold found (looked for dev.jsonl and dev-articles.jsonl in" \
        "${gold:-../shared/gold}); nothing to check. Pass its directory as the first argument."
    exit 0
fi
gold="$(cd "$gold" && pwd)"

cd "$root"
cargo build --release --quiet
bin="$root/target/release/framescope"

# eval's text report: the tables first, then the disagreements.
show() {
    if [ "$full" -eq 1 ]; then
        cat
    else
        sed '/^disagreements/,$d'
    fi
}

echo "== dev gold: $gold/dev.jsonl (aligned within dev-articles.jsonl)"
"$bin" eval "$gold/dev.jsonl" --articles "$gold/dev-articles.jsonl" | show
echo
echo "== seeds: tests/gold/seeds.jsonl (regression guard)"
"$bin" eval tests/gold/seeds.jsonl --articles seeds/ | show
