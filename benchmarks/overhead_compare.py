"""Combine OracleOverheadBenchmarks' BenchmarkDotNet report with overhead_optuna.py's JSON, with the overhead targets.

For each HyperGen oracle and finished-trial count, prints the mean and median time of one proposal, the mean time
of its Optuna peer's proposal (ask plus suggests) and full ask and tell, and how many times cheaper HyperGen is.
Targets: random and tpe propose at least 20 times faster than Optuna's RandomSampler and TPESampler; bayesian
proposes in under 50 ms at 200 finished trials. A planned oracle missing from the report prints "not built".

Usage: /usr/bin/python3 benchmarks/overhead_compare.py BENCHMARKDOTNET_REPORT_CSV OPTUNA_JSON
"""

import csv
import json
import pathlib
import sys

PLANNED = ["random", "bayesian", "tpe", "tpe-optuna", "tpe-optuna-multivariate"]
PEERS = {"random": "optuna-random", "bayesian": "optuna-tpe", "tpe": "optuna-tpe", "tpe-optuna": "optuna-tpe",
         "tpe-optuna-multivariate": "optuna-tpe"}
MIN_SPEEDUP = {"random": 20.0, "tpe": 20.0}
MAX_MS = {"bayesian": (200, 50.0)}
UNITS_MS = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1000.0}


def to_ms(text):
    number, unit = text.replace(",", "").split()
    return float(number) * UNITS_MS[unit]


def read_report(path):
    # BenchmarkDotNet writes no report when no oracle was selected, for example when none is compiled in.
    if not pathlib.Path(path).exists():
        return {}
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = {}
    for row in rows:
        median = row.get("Median")
        results[(row["Oracle"], int(row["FinishedTrials"].replace(",", "")))] = (
            to_ms(row["Mean"]), to_ms(median) if median else None)
    return results


def verdict(oracle, finished, mean_ms, speedup):
    if oracle in MIN_SPEEDUP:
        if mean_ms is None:
            return "not built"
        return f"{'PASS' if speedup >= MIN_SPEEDUP[oracle] else 'FAIL'} (>= {MIN_SPEEDUP[oracle]:g}x)"
    if oracle in MAX_MS and MAX_MS[oracle][0] == finished:
        if mean_ms is None:
            return "not built"
        return f"{'PASS' if mean_ms < MAX_MS[oracle][1] else 'FAIL'} (< {MAX_MS[oracle][1]:g} ms)"
    return ""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[-1])
    hypergen = read_report(sys.argv[1])
    with open(sys.argv[2]) as handle:
        optuna = {(row["sampler"], row["finished_trials"]): row for row in json.load(handle)["results"]}
    counts = sorted({finished for _, finished in optuna} | {finished for _, finished in hypergen})
    oracles = PLANNED + sorted({oracle for oracle, _ in hypergen if oracle not in PLANNED})

    print(f"{'oracle':<23} {'finished':>8} {'mean ms':>9} {'median ms':>9} {'peer':<13} {'peer ms':>8} "
          f"{'ask+tell':>8} {'cheaper':>8}  target")
    for oracle in oracles:
        for finished in counts:
            mean_ms, median_ms = hypergen.get((oracle, finished), (None, None))
            peer = optuna.get((PEERS.get(oracle, "optuna-random"), finished))
            speedup = peer["propose_ms"] / mean_ms if peer and mean_ms else None
            target = verdict(oracle, finished, mean_ms, speedup)
            if mean_ms is None and not target:
                continue
            cells = [f"{oracle:<23}", f"{finished:>8}",
                     f"{mean_ms:>9.4f}" if mean_ms is not None else f"{'-':>9}",
                     f"{median_ms:>9.4f}" if median_ms is not None else f"{'-':>9}",
                     f"{peer['sampler'] if peer else '-':<13}",
                     f"{peer['propose_ms']:>8.3f}" if peer else f"{'-':>8}",
                     f"{peer['trial_ms']:>8.3f}" if peer else f"{'-':>8}",
                     f"{speedup:>7.0f}x" if speedup else f"{'-':>8}"]
            print(" ".join(cells) + f"  {target}")


if __name__ == "__main__":
    main()
