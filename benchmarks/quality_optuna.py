"""Optuna's RandomSampler and TPESampler on the quality benchmark's test functions, as a peer for HyperGen.Quality.

Runs the same functions, domains, seeds (0 to N-1) and trial budgets as benchmarks/HyperGen.Quality, each sampler
seeded and otherwise at its default settings (one study per seed, read at each budget). Writes
optuna-quality.json, optuna-quality-runs.csv and optuna-quality-summary.csv in the format HyperGen.Quality writes. The log-scaled float uses log=True, the int
suggest_int, and both choices suggest_categorical (Optuna has no ordered categorical).

Usage (Debian packages python3-optuna python3-numpy):
    /usr/bin/python3 benchmarks/quality_optuna.py [--samplers optuna-random,optuna-tpe]
        [--functions branin,rosenbrock,mixed] [--seeds 20] [--budgets 25,50,100] [--output quality-results]
        [--parallel N]
"""

import argparse
import csv
import json
import math
import multiprocessing
import os
import pathlib
import sys
import time

try:
    import numpy as np
    import optuna
except ImportError as error:
    sys.exit(f"{error}. Install Optuna and numpy from Debian: sudo apt-get install python3-optuna")

BRANIN_MINIMUM = 0.39788735772973816
ROSENBROCK_DIMENSIONS = 4
ROSENBROCK_BOUND = 2.048
ACTIVATION_PENALTIES = {"relu": 0.5, "tanh": 1.0, "gelu": 0.0, "sigmoid": 2.0}
BATCH_SIZES = [16, 32, 64, 128, 256]

SAMPLERS = {
    "optuna-random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna-tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
}


def branin(trial):
    x1 = trial.suggest_float("x1", -5.0, 10.0)
    x2 = trial.suggest_float("x2", 0.0, 15.0)
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    inner = x2 - b * x1 * x1 + c * x1 - 6
    return inner * inner + 10 * (1 - t) * math.cos(x1) + 10


def rosenbrock(trial):
    x = [trial.suggest_float(f"x{i}", -ROSENBROCK_BOUND, ROSENBROCK_BOUND) for i in range(ROSENBROCK_DIMENSIONS)]
    return sum(100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2 for i in range(ROSENBROCK_DIMENSIONS - 1))


def mixed(trial):
    """Zero only at layers=3, learning_rate=1e-3, dropout=0.2, activation=gelu, batch_size=64."""
    layers = trial.suggest_int("layers", 1, 8)
    learning_rate = trial.suggest_float("learning_rate", 1e-5, 1e-1, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5)
    activation = trial.suggest_categorical("activation", list(ACTIVATION_PENALTIES))
    batch_size = trial.suggest_categorical("batch_size", BATCH_SIZES)
    return (0.1 * (layers - 3) ** 2 + (math.log10(learning_rate) + 3) ** 2 + 10 * (dropout - 0.2) ** 2
            + ACTIVATION_PENALTIES[activation] + 0.25 * (math.log2(batch_size) - 6) ** 2)


FUNCTIONS = {"branin": (branin, BRANIN_MINIMUM), "rosenbrock": (rosenbrock, 0.0), "mixed": (mixed, 0.0)}


def run(job):
    """Run one study up to the largest budget and report each budget from its first trials.

    Optuna's samplers never read the trial budget, so the first 25 trials of a seeded 100-trial study are exactly
    those of a 25-trial study with the same seed.
    """
    sampler_name, function_name, budgets, seed = job
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    objective, minimum = FUNCTIONS[function_name]
    study = optuna.create_study(direction="minimize", sampler=SAMPLERS[sampler_name](seed))
    start = time.perf_counter()
    results = []
    for budget in sorted(budgets):
        study.optimize(objective, n_trials=budget - len(study.trials))
        best = min(trial.value for trial in study.trials)
        results.append({"function": function_name, "oracle": sampler_name, "budget": budget, "seed": seed,
                        "trials": len(study.trials), "best_value": best, "regret": best - minimum,
                        "seconds": time.perf_counter() - start})
    return results


def summarize(runs):
    groups = {}
    for result in runs:
        groups.setdefault((result["function"], result["oracle"], result["budget"]), []).append(result)
    summary = []
    for (function_name, sampler_name, budget), group in groups.items():
        regrets = np.array([result["regret"] for result in group])
        q1, median, q3 = np.quantile(regrets, [0.25, 0.5, 0.75])
        summary.append({"function": function_name, "oracle": sampler_name, "budget": budget, "runs": len(group),
                        "median_regret": float(median), "q1_regret": float(q1), "q3_regret": float(q3),
                        "iqr_regret": float(q3 - q1), "seconds": sum(result["seconds"] for result in group)})
    return summary


def write_csv(path, rows, columns):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: repr(value) if isinstance(value, float) else value for key, value in row.items()}
                         for row in rows)


def names(text, known, kind):
    selected = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in selected if name not in known]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown {kind} {', '.join(unknown)}; known: {', '.join(known)}")
    return selected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samplers", default=",".join(SAMPLERS), type=lambda text: names(text, SAMPLERS, "sampler"),
                        help="comma-separated samplers")
    parser.add_argument("--functions", default=",".join(FUNCTIONS),
                        type=lambda text: names(text, FUNCTIONS, "function"), help="comma-separated test functions")
    parser.add_argument("--seeds", type=int, default=20, help="runs per budget, with seeds FIRST to FIRST+N-1")
    parser.add_argument("--first-seed", type=int, default=0,
                        help="the first seed, FIRST; other seeds check a choice made on the default ones")
    parser.add_argument("--budgets", default="25,50,100", type=lambda text: [int(item) for item in text.split(",")],
                        help="comma-separated trial budgets")
    parser.add_argument("--output", default="quality-results", type=pathlib.Path, help="folder for the results")
    parser.add_argument("--parallel", type=int, default=os.cpu_count(), help="studies run at once, one process each")
    args = parser.parse_args()

    if args.seeds < 1 or args.first_seed < 0:
        parser.error(f"--seeds must be positive and --first-seed 0 or more, not {args.seeds} and {args.first_seed}")
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    start = time.perf_counter()
    jobs = [(sampler_name, function_name, args.budgets, seed)
            for sampler_name in args.samplers for function_name in args.functions for seed in seeds]
    # NOTE: each study gets a fresh process, as an isolated run would. Earlier full runs with many studies per
    # process gave other mixed-space TPESampler (Optuna 3.1) results for some seeds than isolated studies. The cause
    # was not found, and shorter runs did not reproduce it.
    with multiprocessing.Pool(args.parallel, maxtasksperchild=1) as pool:
        per_job = pool.map(run, jobs, chunksize=1)
    runs = sorted((result for results in per_job for result in results),
                  key=lambda result: (args.samplers.index(result["oracle"]),
                                      args.functions.index(result["function"]), result["budget"], result["seed"]))
    summary = summarize(runs)

    args.output.mkdir(parents=True, exist_ok=True)
    document = {"tool": "optuna", "version": optuna.__version__, "seeds": list(seeds),
                "budgets": args.budgets, "not_built": [],
                "functions": [{"name": name, "minimum": FUNCTIONS[name][1]} for name in args.functions],
                "runs": runs, "summary": summary}
    (args.output / "optuna-quality.json").write_text(json.dumps(document, indent=2))
    write_csv(args.output / "optuna-quality-runs.csv", runs,
              ["function", "oracle", "budget", "seed", "trials", "best_value", "regret", "seconds"])
    write_csv(args.output / "optuna-quality-summary.csv", summary,
              ["function", "oracle", "budget", "runs", "median_regret", "q1_regret", "q3_regret", "iqr_regret",
               "seconds"])

    print(f"{'function':<11} {'budget':>6} {'oracle':<14} {'median':>11} {'q1':>11} {'q3':>11} {'iqr':>11} "
          f"{'seconds':>8}")
    for row in sorted(summary, key=lambda row: (row["function"], row["budget"])):
        print(f"{row['function']:<11} {row['budget']:>6} {row['oracle']:<14} {row['median_regret']:>11.4g} "
              f"{row['q1_regret']:>11.4g} {row['q3_regret']:>11.4g} {row['iqr_regret']:>11.4g} "
              f"{row['seconds']:>8.2f}")
    print(f"{len(runs)} runs in {time.perf_counter() - start:.1f} s; results in {args.output.resolve()}")


if __name__ == "__main__":
    main()
