#!/usr/bin/env bash
# The generation benchmark: mopo's Generator (`mopo bench generate`) and transformers' generate
# (mopo-bench/scripts/generate_speed.py) on the same random-init Llama folder, batch, prompt length,
# token budget and thread count, alternating round by round so that both see the same machine load;
# each round prints the load average first and the comparison (both sides' figures, their ratio) last.
#
# Usage (from the repository root): mopo-bench/src/test/bench/run_generate_speed.sh [WORK_DIR] [ROUNDS]
#   WORK_DIR  model and JSON results (default /tmp/mopo-generate-speed; nothing is committed)
#   ROUNDS    rounds of transformers then mopo (default 2)
# Environment: PY (default ~/.ref/bin/python, with torch and transformers),
#   THREADS (default: the cores, nproc), TIMED (timed generate rounds per side per round, after one
#   warm-up; default 3), BATCH (8), PROMPT (64 prompt tokens), NEW (128 new tokens),
#   ATTENTION (transformers' attention: sdpa, its default, or eager; default sdpa),
#   GLIBC_TUNABLES (malloc settings for both sides; default: the ./mopo launcher's MALLOC_DEFAULTS;
#   set it empty for glibc's defaults).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
WORK="$(mkdir -p "${1:-/tmp/mopo-generate-speed}" && cd "${1:-/tmp/mopo-generate-speed}" && pwd)"
ROUNDS="${2:-2}"
PY="${PY:-$HOME/.ref/bin/python}"
THREADS="${THREADS:-$(nproc)}"
TIMED="${TIMED:-3}"
BATCH="${BATCH:-8}"
PROMPT="${PROMPT:-64}"
NEW="${NEW:-128}"
ATTENTION="${ATTENTION:-sdpa}"
SCRIPT="$ROOT/mopo-bench/scripts/generate_speed.py"
SIZES=(--batch "$BATCH" --prompt-tokens "$PROMPT" --new-tokens "$NEW" --threads "$THREADS" --rounds "$TIMED")
export GLIBC_TUNABLES="${GLIBC_TUNABLES-$(sed -n 's/^MALLOC_DEFAULTS="\(.*\)"$/\1/p' "$ROOT/mopo")}"
echo "== GLIBC_TUNABLES=$GLIBC_TUNABLES"

cd "$ROOT"
if [ ! -f "$WORK/model/config.json" ]; then
    echo "== writing the model"
    ./mopo bench generate --model "$WORK/model" --batch 1 --prompt-tokens 1 --new-tokens 1 --rounds 1 \
        --threads "$THREADS" | grep -E '^(writing|using)'
fi
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round: transformers ($ATTENTION attention, $THREADS threads); $(uptime)"
    "$PY" "$SCRIPT" --model "$WORK/model" "${SIZES[@]}" --attention "$ATTENTION" \
        --json "$WORK/torch-$round.json" 2>/dev/null
    echo "== round $round: mopo ($THREADS threads); $(uptime)"
    ./mopo bench generate --model "$WORK/model" "${SIZES[@]}" --json "$WORK/mopo-$round.json" \
        --compare "$WORK/torch-$round.json"
done
echo "== done; $(uptime)"
