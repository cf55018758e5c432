#!/usr/bin/env bash
# Time per proposal of HyperGen's oracles (BenchmarkDotNet, OracleOverheadBenchmarks) and of Optuna's RandomSampler
# and TPESampler with in-memory storage (overhead_optuna.py), after 100, 200, 500 and 1,000 finished trials on the
# same six-parameter space, then one table with the ratios and the targets.
# Usage: benchmarks/overhead.sh [oracles, default: every compiled-in one] [results folder]   (from the repository root)
# Example: benchmarks/overhead.sh random,bayesian,tpe /tmp/hypergen-overhead
set -euo pipefail
cd "$(dirname "$0")/.."
oracles="${1:-}"
results="${2:-$(mktemp -d -t hypergen-overhead-XXXXXX)}"
mkdir -p "$results"

if ! /usr/bin/python3 -c 'import optuna' 2>/dev/null; then
  echo "Optuna does not import in /usr/bin/python3. Install it: sudo apt-get install python3-optuna" >&2
  exit 1
fi

dotnet build benchmarks/HyperGen.Benchmarks -c Release -v quiet -nologo >/dev/null
start=$(date +%s.%N)

echo "== HyperGen (BenchmarkDotNet)"
HYPERGEN_ORACLES="$oracles" dotnet benchmarks/HyperGen.Benchmarks/bin/Release/net10.0/HyperGen.Benchmarks.dll \
  --filter '*OracleOverheadBenchmarks*' --artifacts "$results/bdn" > "$results/bdn.log"
sed -n '/^| Method/,/^$/p' "$results/bdn.log"
hypergen_end=$(date +%s.%N)

echo "== Optuna"
/usr/bin/python3 benchmarks/overhead_optuna.py --output "$results/optuna-overhead.json"
end=$(date +%s.%N)

echo "== Combined (ms per proposal; 'cheaper' = Optuna peer's proposal / HyperGen's mean)"
/usr/bin/python3 benchmarks/overhead_compare.py \
  "$results/bdn/results/HyperGen.Benchmarks.OracleOverheadBenchmarks-report.csv" "$results/optuna-overhead.json"
awk -v s="$start" -v h="$hypergen_end" -v e="$end" \
  'BEGIN { printf "wall time: HyperGen %.1f s, Optuna %.1f s, total %.1f s\n", h - s, e - h, e - s }'
echo "results: $results"
