#!/usr/bin/env bash
# Storage overhead per trial of HyperGen's SqliteStudyStorage (benchmarks/StorageOverhead, through the Tuner API) and
# of Optuna's RDBStorage on SQLite (storage_optuna.py): the same RandomSearch studies of f(x) = x^2 with SQLite and
# with in-memory storage, at 100, 500 and 1,000 trials, then one table with the ratios and the targets.
# Usage: benchmarks/storage.sh [HyperGen runs per cell, default 15] [Optuna runs per cell, default 3] [results folder]
#        (from the repository root)
# Example: nice -n 5 benchmarks/storage.sh 15 3 /tmp/hypergen-storage
set -euo pipefail
cd "$(dirname "$0")/.."
hypergen_repeats="${1:-15}"
optuna_repeats="${2:-3}"
results="${3:-$(mktemp -d -t hypergen-storage-XXXXXX)}"
trials=100,500,1000
mkdir -p "$results"

if ! /usr/bin/python3 -c 'import optuna' 2>/dev/null; then
  echo "Optuna does not import in /usr/bin/python3. Install it: sudo apt-get install python3-optuna" >&2
  exit 1
fi

dotnet build benchmarks/StorageOverhead -c Release -v quiet -nologo >/dev/null
echo "load before: $(uptime)"
start=$(date +%s.%N)

echo "== HyperGen"
dotnet benchmarks/StorageOverhead/bin/Release/net10.0/StorageOverhead.dll \
  --trials "$trials" --repeats "$hypergen_repeats" --output "$results/storage-hypergen.json"
hypergen_end=$(date +%s.%N)
echo "load: $(uptime)"

echo "== Optuna"
/usr/bin/python3 benchmarks/storage_optuna.py \
  --trials "$trials" --repeats "$optuna_repeats" --output "$results/storage-optuna.json"
end=$(date +%s.%N)
echo "load after: $(uptime)"

echo "== Combined"
/usr/bin/python3 benchmarks/storage_compare.py "$results/storage-hypergen.json" "$results/storage-optuna.json"
awk -v s="$start" -v h="$hypergen_end" -v e="$end" \
  'BEGIN { printf "wall time: HyperGen %.1f s, Optuna %.1f s, total %.1f s\n", h - s, e - h, e - s }'
echo "results: $results"
