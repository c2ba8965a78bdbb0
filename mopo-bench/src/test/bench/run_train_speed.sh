#!/usr/bin/env bash
# The training benchmark: mopo's trainer (`mopo bench train-speed`) and TRL's DPOTrainer
# (mopo-bench/src/test/fixtures/trl_train_speed.py) on the same model, corpus and thread count,
# alternating round by round so that both see the same machine load; each round prints the load
# average first and the comparison last.
#
# Usage (from the repository root): mopo-bench/src/test/bench/run_train_speed.sh [WORK_DIR] [ROUNDS]
#   WORK_DIR  model, corpus, runs and JSON results (default /tmp/mopo-train-speed; nothing is committed)
#   ROUNDS    rounds of TRL then mopo (default 2)
# Environment: PY (default ~/.ref/bin/python, with torch, transformers, trl, datasets),
#   THREADS (default: the cores, nproc), WARMUP (default 5), STEPS (default 30),
#   ATTENTION (TRL's attention: sdpa, its default, or eager; default sdpa),
#   GLIBC_TUNABLES (malloc settings for both sides; default: the ./mopo launcher's MALLOC_DEFAULTS,
#   which spare PyTorch from faulting its memory in every step; set it empty for glibc's defaults).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
WORK="${1:-/tmp/mopo-train-speed}"
ROUNDS="${2:-2}"
PY="${PY:-$HOME/.ref/bin/python}"
THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-5}"
STEPS="${STEPS:-30}"
ATTENTION="${ATTENTION:-sdpa}"
SCRIPT="$ROOT/mopo-bench/src/test/fixtures/trl_train_speed.py"
export GLIBC_TUNABLES="${GLIBC_TUNABLES-$(sed -n 's/^MALLOC_DEFAULTS="\(.*\)"$/\1/p' "$ROOT/mopo")}"
echo "== GLIBC_TUNABLES=$GLIBC_TUNABLES"

cd "$ROOT"
if [ ! -f "$WORK/model/model.safetensors" ] || [ ! -f "$WORK/data/pairs.jsonl" ]; then
    echo "== writing the model and the corpus"
    ./mopo bench train-speed --output "$WORK" --threads "$THREADS" --warmup 0 --steps 1 | grep -v '^{'
fi
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round: TRL ($ATTENTION attention, $THREADS threads); $(uptime)"
    "$PY" "$SCRIPT" --dir "$WORK" --threads "$THREADS" --warmup "$WARMUP" --steps "$STEPS" \
        --attention "$ATTENTION" --json "$WORK/trl-$round.json" 2>/dev/null | grep -E '^trl:'
    echo "== round $round: mopo ($THREADS threads); $(uptime)"
    ./mopo bench train-speed --output "$WORK" --threads "$THREADS" --warmup "$WARMUP" --steps "$STEPS" \
        --compare "$WORK/trl-$round.json" | grep -v '^mopo bench train-speed: '
done
