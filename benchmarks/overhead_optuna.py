"""Optuna's cost per trial with in-memory storage, as a peer for OracleOverheadBenchmarks.

For RandomSampler and TPESampler (seed 0, default settings), runs trials with a cheap objective through ask and
tell until the study has 100, 200, 500 and 1,000 finished trials. At each of those counts it times the next 20
trials and prints the mean milliseconds per trial of the proposal (study.ask() plus the six suggest calls, which is
where Optuna samples) and of a full ask, suggest and tell. The space and the objective match
OracleOverheadBenchmarks.cs. Writes the numbers as JSON to --output when given.

Usage (Debian packages python3-optuna python3-numpy):
    /usr/bin/python3 benchmarks/overhead_optuna.py [--output overhead-optuna.json]
"""

import argparse
import json
import math
import sys
import time

try:
    import optuna
except ImportError as error:
    sys.exit(f"{error}. Install Optuna from Debian: sudo apt-get install python3-optuna")

CHECKPOINTS = [100, 200, 500, 1000]
MEASURED_TRIALS = 20
SAMPLERS = {
    "optuna-random": lambda: optuna.samplers.RandomSampler(seed=0),
    "optuna-tpe": lambda: optuna.samplers.TPESampler(seed=0),
}


def propose(study):
    trial = study.ask()
    values = {
        "units": trial.suggest_int("units", 32, 512, step=32),
        "layers": trial.suggest_int("layers", 1, 4),
        "learning_rate": trial.suggest_float("learning_rate", 1e-5, 1e-1, log=True),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5),
        "activation": trial.suggest_categorical("activation", ["relu", "tanh", "gelu", "sigmoid"]),
        "batch_norm": trial.suggest_categorical("batch_norm", [False, True]),
    }
    return trial, values


def evaluate(values):
    learning_rate_term = (math.log10(values["learning_rate"]) + 3) ** 2
    dropout_term = (values["dropout"] - 0.2) ** 2
    units_term = abs(values["units"] - 256) / 256
    layers_term = 0.1 * abs(values["layers"] - 2)
    activation_term = 0.0 if values["activation"] == "relu" else 0.5
    batch_norm_term = 0.0 if values["batch_norm"] else 0.1
    return learning_rate_term + dropout_term + units_term + layers_term + activation_term + batch_norm_term


def measure(sampler_name):
    study = optuna.create_study(direction="minimize", sampler=SAMPLERS[sampler_name]())
    results = []
    for checkpoint in CHECKPOINTS:
        while len(study.trials) < checkpoint:
            trial, values = propose(study)
            study.tell(trial, evaluate(values))
        propose_seconds = 0.0
        total_seconds = 0.0
        for _ in range(MEASURED_TRIALS):
            start = time.perf_counter()
            trial, values = propose(study)
            proposed = time.perf_counter()
            study.tell(trial, evaluate(values))
            propose_seconds += proposed - start
            total_seconds += time.perf_counter() - start
        results.append({"sampler": sampler_name, "finished_trials": checkpoint,
                        "propose_ms": 1000 * propose_seconds / MEASURED_TRIALS,
                        "trial_ms": 1000 * total_seconds / MEASURED_TRIALS})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", help="path of a JSON file to write the results to")
    args = parser.parse_args()

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    results = [row for name in SAMPLERS for row in measure(name)]
    print(f"Optuna {optuna.__version__}, in-memory storage, mean over {MEASURED_TRIALS} trials")
    print(f"{'sampler':<14} {'finished':>8} {'propose ms':>11} {'ask+tell ms':>12}")
    for row in results:
        print(f"{row['sampler']:<14} {row['finished_trials']:>8} {row['propose_ms']:>11.3f} {row['trial_ms']:>12.3f}")
    if args.output:
        with open(args.output, "w") as handle:
            json.dump({"tool": "optuna", "version": optuna.__version__, "measured_trials": MEASURED_TRIALS,
                       "results": results}, handle, indent=2)


if __name__ == "__main__":
    main()
