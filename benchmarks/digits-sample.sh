#!/usr/bin/env bash
# Wall time and best validation accuracy of the Digits sample's default run (RandomSearch, 20 trials, up to 10
# epochs), measured over several runs after one build.
# Usage: benchmarks/digits-sample.sh [runs, default 3] [Debug|Release, default Debug]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
configuration="${2:-Debug}"
dotnet build samples/Digits -c "$configuration" -v quiet -nologo >/dev/null
dll="samples/Digits/bin/$configuration/net10.0/Digits.dll"
results="$(mktemp -d -t hypergen-digits-bench-XXXXXX)"
trap 'rm -rf "$results"' EXIT

for run in $(seq "$runs"); do
  start=$(date +%s.%N)
  dotnet "$dll" --directory "$results" > "$results/output.txt" 2>&1
  end=$(date +%s.%N)
  accuracy=$(sed -n 's/^Best model validation accuracy: //p' "$results/output.txt")
  search=$(sed -n 's/.*Search finished after [0-9]* trials in \([0-9.]*\) s.*/\1/p' "$results/output.txt")
  printf 'run %s: wall %.1f s, search %s s, best val_accuracy %s\n' "$run" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$search" "$accuracy"
done
