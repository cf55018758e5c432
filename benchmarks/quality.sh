#!/usr/bin/env bash
# Simple regret of HyperGen's oracles and of Optuna's RandomSampler and TPESampler on Branin, 4-D Rosenbrock and a
# mixed space, over 20 seeds and budgets of 25, 50 and 100 trials, then one combined table with the target check.
# Usage: benchmarks/quality.sh [oracles, default: every compiled-in one] [results folder]   (from the repository root)
# Example: benchmarks/quality.sh random,bayesian,tpe /tmp/hypergen-quality
set -euo pipefail
cd "$(dirname "$0")/.."
oracles="${1:-}"
results="${2:-$(mktemp -d -t hypergen-quality-XXXXXX)}"

if ! /usr/bin/python3 -c 'import optuna, numpy' 2>/dev/null; then
  echo "Optuna or numpy does not import in /usr/bin/python3. Install them: sudo apt-get install python3-optuna" >&2
  exit 1
fi

dotnet build benchmarks/HyperGen.Quality -c Release -v quiet -nologo >/dev/null
dll=benchmarks/HyperGen.Quality/bin/Release/net10.0/HyperGen.Quality.dll
start=$(date +%s.%N)

echo "== HyperGen"
dotnet "$dll" --list
dotnet "$dll" --output "$results" ${oracles:+--oracles "$oracles"}
hypergen_end=$(date +%s.%N)

echo "== Optuna $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)')"
/usr/bin/python3 benchmarks/quality_optuna.py --output "$results"
end=$(date +%s.%N)

echo "== Combined (median simple regret over seeds; 'vs tpe' = median / Optuna TPE's median)"
/usr/bin/python3 benchmarks/quality_compare.py "$results"
awk -v s="$start" -v h="$hypergen_end" -v e="$end" \
  'BEGIN { printf "wall time: HyperGen %.1f s, Optuna %.1f s, total %.1f s\n", h - s, e - h, e - s }'
echo "results: $results"
