"""Combine StorageOverhead's and storage_optuna.py's JSON into one table of storage overhead per trial, with the targets.

Overhead per trial at N trials = (median wall time of the N-trial studies with SQLite storage - the median with
in-memory storage) / N, in milliseconds, computed for each tool from its own runs. The same difference of medians is
also given for processor time and for the wall time per trial over the last 100 trials of each study.
Targets, checked on the wall-time overhead over the whole study:
- HyperGen's overhead is at least 10 times lower than that of Optuna's RDBStorage("sqlite:///...") at every N;
- HyperGen's overhead stays flat, which makes its total storage time at most linear in N: at every N, both the
  whole-study and the last-100 overhead are at most 1.5 times the whole-study overhead at the smallest N.
The "sqlite-wal" rows (Optuna with HyperGen's journal mode and sync level) are shown for comparison only.

Usage: /usr/bin/python3 benchmarks/storage_compare.py HYPERGEN_JSON OPTUNA_JSON
"""

import json
import statistics
import sys

MIN_RATIO = 10.0
MAX_GROWTH = 1.5


def medians(runs):
    """Median wall seconds, processor seconds and last-100 milliseconds per trial by (storage, trials)."""
    cells = {}
    for run in runs:
        cells.setdefault((run["storage"], run["trials"]), []).append(run)
    return {key: (statistics.median(run["seconds"] for run in group),
                  statistics.median(run["processor_seconds"] for run in group),
                  statistics.median(run["tail_milliseconds_per_trial"] for run in group),
                  len(group))
            for key, group in cells.items()}


def overhead(cells, storage, trials):
    """(wall ms, processor ms, last-100 wall ms) of storage overhead per trial, or None when a cell is missing."""
    if (storage, trials) not in cells or ("memory", trials) not in cells:
        return None
    wall, processor, tail, _ = cells[(storage, trials)]
    memory_wall, memory_processor, memory_tail, _ = cells[("memory", trials)]
    return (1000 * (wall - memory_wall) / trials, 1000 * (processor - memory_processor) / trials, tail - memory_tail)


def cell(value):
    return f"{value:>9.3f}" if value is not None else f"{'-':>9}"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[-1])
    with open(sys.argv[1]) as handle:
        hypergen = medians(json.load(handle)["runs"])
    with open(sys.argv[2]) as handle:
        optuna = medians(json.load(handle)["runs"])
    sizes = sorted({trials for _, trials in hypergen})

    print("Storage overhead per trial in ms: SQLite minus in-memory, medians; wall (cpu) [last 100 trials]")
    print(f"{'trials':>6}  {'HyperGen':>30}  {'Optuna sqlite':>30}  {'ratio':>6}  {'Optuna sqlite-wal':>30}  {'ratio':>6}")
    ratios_met = True
    for trials in sizes:
        ours = overhead(hypergen, "sqlite", trials)
        cells = [f"{trials:>6}", describe(ours)]
        for storage in ("sqlite", "sqlite-wal"):
            theirs = overhead(optuna, storage, trials)
            ratio = theirs[0] / ours[0] if ours and theirs and ours[0] > 0 else None
            if storage == "sqlite":
                ratios_met = ratios_met and ratio is not None and ratio >= MIN_RATIO
            cells += [describe(theirs), f"{ratio:>5.0f}x" if ratio is not None else f"{'-':>6}"]
        print("  ".join(cells))

    runs = {tool: sorted({count for (_, _, _, count) in cells.values()}) for tool, cells in
            (("HyperGen", hypergen), ("Optuna", optuna))}
    print(f"runs per cell: HyperGen {runs['HyperGen']}, Optuna {runs['Optuna']}")
    print(f"target: HyperGen's overhead at least {MIN_RATIO:g}x lower than Optuna sqlite's at every N: "
          f"{'PASS' if ratios_met else 'FAIL'}")
    print_growth(hypergen, sizes)


def describe(values):
    if values is None:
        return f"{'-':>30}"
    wall, processor, tail = values
    return f"{wall:>8.3f} ({processor:>7.3f}) [{tail:>8.3f}]"


def print_growth(hypergen, sizes):
    base = overhead(hypergen, "sqlite", sizes[0])
    if base is None or base[0] <= 0:
        print("target: flat overhead per trial: no baseline at the smallest N")
        return
    worst = 0.0
    for trials in sizes:
        wall, _, tail = overhead(hypergen, "sqlite", trials)
        worst = max(worst, wall / base[0], tail / base[0])
    print(f"target: HyperGen's overhead per trial (whole study and last 100) at most {MAX_GROWTH:g}x that at "
          f"{sizes[0]} trials: largest ratio {worst:.2f}: {'PASS' if worst <= MAX_GROWTH else 'FAIL'}")


if __name__ == "__main__":
    main()
