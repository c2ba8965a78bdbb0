#!/usr/bin/env bash
# The training benchmark on realistic shapes (issue 14): a Llama-shaped random-init model with a
# 32 000-token byte-level BPE vocabulary and two corpora whose lengths follow HH-RLHF and
# PKU-SafeRLHF (mopo-bench/src/test/bench/LENGTHS.md), 8 pairs a step, max_length 512, IPO with
# precomputed reference log-probs. Per round and profile: TRL's DPOTrainer with its defaults
# (batches in file order), TRL with its best CPU settings (group_by_length), then mopo
# (`mopo bench train-speed --model --corpus`) with batches in file order (TRL default's batches,
# one for one) and grouped by length, one after the other so that all see the same machine load;
# each run prints the load average first and each mopo run ends with the table of it beside both
# TRL runs and the ratios.
#
# Usage (from the repository root): mopo-bench/src/test/bench/run_train_speed_real.sh [WORK_DIR] [ROUNDS]
#   WORK_DIR  inputs, runs and JSON results (default /tmp/mopo-train-speed-real; nothing is committed)
#   ROUNDS    rounds (default 3)
# Environment: PY (default ~/.ref/bin/python, with torch, transformers, trl, datasets, tokenizers),
#   THREADS (default: the cores, nproc), WARMUP (default 2), STEPS (default 10; with the 96-pair
#   corpora, warm-up + steps = 12 is one epoch), PROFILES (default "hh pku"),
#   GLIBC_TUNABLES (malloc settings for both sides; default: the ./mopo launcher's MALLOC_DEFAULTS).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
WORK="${1:-/tmp/mopo-train-speed-real}"
ROUNDS="${2:-3}"
PY="${PY:-$HOME/.ref/bin/python}"
THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-2}"
STEPS="${STEPS:-10}"
PROFILES="${PROFILES:-hh pku}"
FIXTURES="$ROOT/mopo-bench/src/test/fixtures"
export GLIBC_TUNABLES="${GLIBC_TUNABLES-$(sed -n 's/^MALLOC_DEFAULTS="\(.*\)"$/\1/p' "$ROOT/mopo")}"
echo "== GLIBC_TUNABLES=$GLIBC_TUNABLES"

cd "$ROOT"
"$PY" "$FIXTURES/make_speed_inputs.py" --out "$WORK/inputs"
./mopo --version >/dev/null  # builds the jar now rather than inside the first timed run
for round in $(seq 1 "$ROUNDS"); do
    for profile in $PROFILES; do
        corpus="$WORK/inputs/data/$profile.jsonl"
        for setting in default best; do
            echo "== round $round, $profile: TRL ($setting, $THREADS threads); $(uptime)"
            "$PY" "$FIXTURES/trl_train_speed.py" --model "$WORK/inputs/model" --corpus "$corpus" --template none \
                --setting "$setting" --threads "$THREADS" --warmup "$WARMUP" --steps "$STEPS" \
                --json "$WORK/trl-$profile-$setting-$round.json" 2>/dev/null | grep -E '^trl'
        done
        for sampling in sequential group_by_length; do
            echo "== round $round, $profile: mopo ($sampling, $THREADS threads); $(uptime)"
            ./mopo bench train-speed --model "$WORK/inputs/model" --corpus "$corpus" --output "$WORK/mopo-$profile" \
                --train-sampling-strategy "$sampling" --threads "$THREADS" --warmup "$WARMUP" --steps "$STEPS" \
                --compare "$WORK/trl-$profile-default-$round.json" --compare "$WORK/trl-$profile-best-$round.json" \
                | grep -v '^mopo bench train-speed: step '
        done
    done
done
