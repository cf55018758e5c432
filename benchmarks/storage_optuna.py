"""Optuna's storage cost per trial: the same studies with RDBStorage on SQLite and with in-memory storage.

Peer of benchmarks/StorageOverhead. For each study size and repeat, runs study.optimize with RandomSampler(seed)
on f(x) = x^2 with x = suggest_float("x", -10, 10) three times, reversing the order on every other repeat:
- "sqlite": optuna.storages.RDBStorage("sqlite:///..."), as Optuna configures it (SQLite's rollback journal and
  synchronous = FULL, so each commit waits for the disk);
- "sqlite-wal": the same, with journal_mode = WAL and synchronous = NORMAL set on every connection, the settings of
  HyperGen's SqliteStudyStorage;
- "memory": Optuna's default in-memory storage. The SQLite file and its schema are created before
the clock starts; the timed part is create_study plus optimize. For each run it records the wall time, the processor
time (time.process_time) and the wall time per trial over the last 100 trials, from a timestamp taken in each
objective call. It prints the medians and writes every run as JSON to --output when given.

Usage (Debian package python3-optuna):
    /usr/bin/python3 benchmarks/storage_optuna.py [--trials 100,500,1000] [--repeats 5] [--output storage-optuna.json]
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

try:
    import optuna
    import sqlalchemy
except ImportError as error:
    sys.exit(f"{error}. Install Optuna from Debian: sudo apt-get install python3-optuna")

TAIL_TRIALS = 100


STORAGES = ["sqlite", "sqlite-wal", "memory"]


def use_wal(connection, _record):
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def open_storage(folder, storage_name, trials, seed):
    if storage_name == "memory":
        return None
    path = os.path.join(folder, f"{storage_name}-{trials}-{seed}-{time.perf_counter_ns()}.db")
    storage = optuna.storages.RDBStorage(f"sqlite:///{path}")
    if storage_name == "sqlite-wal":
        # Every connection opened from now on gets the journal mode and synchronous setting that HyperGen's storage
        # uses. Dropping the pool makes sure no connection opened before the listener is reused.
        sqlalchemy.event.listen(storage.engine, "connect", use_wal)
        storage.engine.dispose()
    return storage


def run_study(folder, storage_name, trials, seed):
    storage = open_storage(folder, storage_name, trials, seed)
    stamps = []

    def objective(trial):
        x = trial.suggest_float("x", -10, 10)
        stamps.append(time.perf_counter())
        return x * x

    processor_start = time.process_time()
    start = time.perf_counter()
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=seed),
                                direction="minimize")
    study.optimize(objective, n_trials=trials)
    seconds = time.perf_counter() - start
    processor_seconds = time.process_time() - processor_start
    if len(stamps) != trials:
        raise RuntimeError(f"The study of {trials} trials ran {len(stamps)} objective calls; expected {trials}.")
    if storage is not None:
        storage.engine.dispose()

    tail = min(TAIL_TRIALS, trials - 1)
    return {"storage": storage_name, "trials": trials, "seed": seed, "seconds": seconds,
            "processor_seconds": processor_seconds,
            "tail_milliseconds_per_trial": 1000 * (stamps[-1] - stamps[-1 - tail]) / tail}


def measure(folder, sizes, repeats):
    runs = []
    for trials in sizes:
        for repeat in range(repeats):
            # Alternating the order spreads slow moments of a shared machine over both storages.
            order = STORAGES if repeat % 2 == 0 else STORAGES[::-1]
            for storage_name in order:
                runs.append(run_study(folder, storage_name, trials, repeat))
    return runs


def print_medians(runs):
    print(f"Optuna {optuna.__version__}, RandomSampler, median of each cell")
    print(f"{'storage':<10} {'trials':>6} {'runs':>4} {'total s':>9} {'ms/trial':>9} {'cpu ms/trial':>12} {'last-100 ms/trial':>18}")
    cells = sorted({(run["storage"], run["trials"]) for run in runs}, key=lambda cell: (cell[1], STORAGES.index(cell[0])))
    for storage_name, trials in cells:
        group = [run for run in runs if run["storage"] == storage_name and run["trials"] == trials]
        total = statistics.median(run["seconds"] for run in group)
        processor = statistics.median(run["processor_seconds"] for run in group)
        tail = statistics.median(run["tail_milliseconds_per_trial"] for run in group)
        print(f"{storage_name:<10} {trials:>6} {len(group):>4} {total:>9.3f} {1000 * total / trials:>9.3f} {1000 * processor / trials:>12.3f} {tail:>18.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", default="100,500,1000", help="comma-separated study sizes in trials (default 100,500,1000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per study size and storage (default 5)")
    parser.add_argument("--output", help="path of a JSON file to write every run to")
    args = parser.parse_args()
    sizes = [int(text) for text in args.trials.split(",")]
    if args.repeats < 1 or any(size < 2 for size in sizes):
        parser.error("--repeats must be at least 1 and every study size at least 2")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    folder = tempfile.mkdtemp(prefix="optuna-storage-")
    try:
        # The first study pays for SQLAlchemy's and Optuna's lazy imports and caches, so it is not measured.
        for storage_name in STORAGES:
            run_study(folder, storage_name, 100, 1000)
        runs = measure(folder, sizes, args.repeats)
    finally:
        shutil.rmtree(folder)
    print_medians(runs)
    if args.output:
        with open(args.output, "w") as handle:
            json.dump({"tool": "optuna", "version": optuna.__version__, "tail_trials": TAIL_TRIALS, "runs": runs},
                      handle, indent=2)


if __name__ == "__main__":
    main()
