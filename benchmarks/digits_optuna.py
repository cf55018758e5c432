"""The Digits sample's search in PyTorch with Optuna, as a peer for benchmarks/digits-sample.sh.

Same data split (stratified 80/20, seed 42), standardisation, search space, 20 random-search trials, up to 10
epochs with Adam at batch size 64, early stopping after 2 epochs without improvement, and 1 torch thread.
Prints the wall time of the search and the best validation accuracy.

With --replay PROJECT it trains, instead of a random search, exactly the configurations recorded by a Digits
sample run, in trial order, so that both sides train the same architectures. It reads them from the run's study
database, PROJECT/study.db (for example /tmp/hypergen-digits/digits/study.db).

Usage (Debian packages python3-optuna python3-torch python3-sklearn libopenblas0-openmp):
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 benchmarks/digits_optuna.py [seed]
    LD_LIBRARY_PATH=... /usr/bin/python3 benchmarks/digits_optuna.py --replay /tmp/hypergen-digits/digits
"""

import csv
import json
import pathlib
import sqlite3
import sys
import time

import numpy as np
import optuna
import torch
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DATA = pathlib.Path(__file__).resolve().parent.parent / "samples" / "Digits" / "data" / "digits.csv"
EPOCHS = 10
BATCH_SIZE = 64
PATIENCE = 2
TRIALS = 20


def load():
    with DATA.open() as handle:
        rows = list(csv.reader(handle))[1:]
    table = np.array(rows, dtype=np.float32)
    features, labels = table[:, :-1], table[:, -1].astype(np.int64)
    x_train, x_val, y_train, y_val = train_test_split(
        features, labels, test_size=0.2, stratify=labels, random_state=42)
    scaler = StandardScaler().fit(x_train)
    return (torch.tensor(scaler.transform(x_train), dtype=torch.float32), torch.tensor(y_train),
            torch.tensor(scaler.transform(x_val), dtype=torch.float32), torch.tensor(y_val))


def build(trial, inputs, classes):
    units = trial.suggest_int("units", 32, 512, step=32)
    activation = trial.suggest_categorical("activation", ["relu", "tanh", "gelu"])
    use_dropout = trial.suggest_categorical("use_dropout", [False, True])
    rate = trial.suggest_float("dropout_rate", 0.1, 0.5, step=0.1) if use_dropout else 0.0
    trial.suggest_float("learning_rate", 1e-4, 1e-2, log=True)
    layers = []
    for _ in range(trial.suggest_int("num_layers", 1, 3)):
        layers += [torch.nn.Linear(inputs, units),
                   {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "gelu": torch.nn.GELU}[activation]()]
        if use_dropout:
            layers.append(torch.nn.Dropout(rate))
        inputs = units
    layers.append(torch.nn.Linear(inputs, classes))
    return torch.nn.Sequential(*layers)


def objective(trial, data):
    x_train, y_train, x_val, y_val = data
    torch.manual_seed(trial.number)
    model = build(trial, x_train.shape[1], int(y_train.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=trial.params["learning_rate"])
    loss_function = torch.nn.CrossEntropyLoss()
    best, stale = 0.0, 0
    for _ in range(EPOCHS):
        model.train()
        order = torch.randperm(len(x_train))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            optimizer.zero_grad()
            loss_function(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_val).argmax(1) == y_val).float().mean().item()
        if accuracy > best:
            best, stale = accuracy, 0
        else:
            stale += 1
            if stale >= PATIENCE:
                break
    return best


def recorded_configurations(project):
    """Reads the values of every trial of a HyperGen project's study, in trial number order.

    The database has one study per project unless TunerOptions.StudyName added others, and then the study named like the
    project folder is read. Each value is stored with its type as a one-key object: {"i": 3}, {"d": 0.5},
    {"b": true} or {"s": "relu"}, and a non-finite double as a string such as {"d": "NaN"}.
    """
    database = pathlib.Path(project) / "study.db"
    if not database.is_file():
        sys.exit(f"No study database {database}; run the Digits sample with --directory first.")
    # Read-only, so that replaying never changes the study, even while the sample runs.
    with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
        studies = [row[0] for row in connection.execute("SELECT name FROM studies ORDER BY id")]
        name = studies[0] if len(studies) == 1 else pathlib.Path(project).resolve().name
        rows = connection.execute(
            "SELECT t.values_json FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = ? ORDER BY t.number",
            (name,)).fetchall()
    if not rows:
        sys.exit(f"The study {name!r} in {database} has no trials; run the Digits sample with --directory first.")
    return [{key: untag(tagged) for key, tagged in json.loads(row[0]).items()} for row in rows]


def untag(tagged):
    """Returns the value of a stored {"i" | "d" | "b" | "s": value} object with its Python type."""
    kind, value = next(iter(tagged.items()))
    return float(value) if kind == "d" else value


def replay(project, data):
    """Trains each recorded configuration once, numbering the trials as HyperGen did."""
    best = 0.0
    for number, values in enumerate(recorded_configurations(project)):
        best = max(best, objective(optuna.trial.FixedTrial(values, number=number), data))
    return best


def main():
    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    data = load()
    start = time.perf_counter()
    if len(sys.argv) > 2 and sys.argv[1] == "--replay":
        best = replay(sys.argv[2], data)
    else:
        seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
        study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=seed))
        study.optimize(lambda trial: objective(trial, data), n_trials=TRIALS)
        best = study.best_value
    print(f"search {time.perf_counter() - start:.1f} s, best val_accuracy {best:.4f}")


if __name__ == "__main__":
    main()
