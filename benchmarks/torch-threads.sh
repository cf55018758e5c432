#!/usr/bin/env bash
# Seconds per epoch of a digits-sized MLP for 1 and 2 libtorch threads, with OMP_WAIT_POLICY=PASSIVE and with
# libgomp's default spin-waiting, on an idle machine, with one core busy and with both cores busy.
# Usage: benchmarks/torch-threads.sh [epochs]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-6}"
dotnet build benchmarks/TorchThreads -c Release -v quiet -nologo >/dev/null
dll=benchmarks/TorchThreads/bin/Release/net10.0/TorchThreads.dll

busy_pids=()
start_busy() { for _ in $(seq "$1"); do sh -c 'while :; do :; done' & busy_pids+=("$!"); done; }
stop_busy() { for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; busy_pids=(); }
trap stop_busy EXIT

for load in 0 1 2; do
  echo "== busy cores: $load"
  start_busy "$load"
  for config in "1 PASSIVE" "1 spin" "2 PASSIVE" "2 spin"; do
    # shellcheck disable=SC2086
    timeout 300 dotnet "$dll" $config "$epochs"
  done
  stop_busy
done
