#!/usr/bin/env bash
# The data-pipeline benchmark: mopo-datasets (Java) beside Hugging Face datasets .map, on the
# same generated PKU-SafeRLHF-shaped Parquet file with the same tokenizer, then mopo-datasets
# alone on ten times the pairs, as one Parquet file, as ten Parquet shards and as one Arrow IPC
# stream, to show how its memory behaves as the data grows.
#
# Usage (from the repository root): mopo-bench/src/test/bench/run_data_bench.sh [WORK_DIR] [PAIRS]
#   WORK_DIR  where data, tokenizer and results go (default /tmp/mopo-bench; nothing is committed)
#   PAIRS     pairs in the base file (default 100000; the large file has ten times as many)
# Environment: PY (default ~/.ref/bin/python, with datasets, pyarrow, transformers, tokenizers),
#   MOPO_HEAP (default 512m), HF_LARGE=1 to also run the Hugging Face side on the large file.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
WORK="${1:-/tmp/mopo-bench}"
PAIRS="${2:-100000}"
LARGE=$((PAIRS * 10))
PY="${PY:-$HOME/.ref/bin/python}"
export MOPO_HEAP="${MOPO_HEAP:-512m}"
SCRIPT="$ROOT/mopo-bench/src/test/fixtures/bench_data.py"
mkdir -p "$WORK"

[ -f "$WORK/tok/tokenizer.json" ] || "$PY" "$SCRIPT" tokenizer --out "$WORK/tok"
[ -f "$WORK/pairs-$PAIRS.parquet" ] || "$PY" "$SCRIPT" generate --pairs "$PAIRS" --out "$WORK/pairs-$PAIRS.parquet"
[ -f "$WORK/pairs-$LARGE.parquet" ] || "$PY" "$SCRIPT" generate --pairs "$LARGE" --out "$WORK/pairs-$LARGE.parquet"
[ -d "$WORK/pairs-$LARGE-shards" ] || "$PY" "$SCRIPT" generate --pairs "$LARGE" --shards 10 \
    --out "$WORK/pairs-$LARGE-shards"
[ -f "$WORK/pairs-$LARGE.arrow" ] || "$PY" "$SCRIPT" arrow --path "$WORK/pairs-$LARGE.parquet" \
    --out "$WORK/pairs-$LARGE.arrow"

cd "$ROOT"
java_bench() {
    ./mopo bench data --dataset-path "$@" --tokenizer "$WORK/tok" 2>/dev/null | grep '^{'
}
hf_bench() {
    "$PY" "$SCRIPT" hf --path "$1" --tokenizer "$WORK/tok"
}

# The machine may be shared: alternate the two sides so that both see the same load.
for round in 1 2; do
    echo "== round $round, $PAIRS pairs: mopo-datasets (heap $MOPO_HEAP)"
    java_bench "$WORK/pairs-$PAIRS.parquet"
    echo "== round $round, $PAIRS pairs: Hugging Face datasets .map"
    hf_bench "$WORK/pairs-$PAIRS.parquet"
done
echo "== $LARGE pairs in one Parquet file: mopo-datasets"
java_bench "$WORK/pairs-$LARGE.parquet"
echo "== $LARGE pairs in 10 Parquet shards: mopo-datasets"
java_bench "$WORK/pairs-$LARGE-shards"
echo "== $LARGE pairs in one Arrow IPC stream: mopo-datasets"
java_bench "$WORK/pairs-$LARGE.arrow"
if [ "${HF_LARGE:-0}" = 1 ]; then
    echo "== $LARGE pairs in one Parquet file: Hugging Face datasets .map"
    hf_bench "$WORK/pairs-$LARGE.parquet"
fi
