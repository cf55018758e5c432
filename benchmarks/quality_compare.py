"""Combine HyperGen.Quality's and quality_optuna.py's summaries into one table, with the quality target.

For each function and budget, prints every oracle's median simple regret, its interquartile range and its ratio to
Optuna TPE's median regret. The target: the median regret of HyperGen's tpe and bayesian oracles is no worse than
Optuna TPE's at 50 and 100 trials on every function. Each such cell prints PASS or FAIL, "not built" when
HyperGen.Quality reported the oracle as not compiled in, or "not run" when it was left out with --oracles. The other
oracles (tpe-random-start, tpe-optuna, tpe-optuna-multivariate) are variants shown for comparison, without a target.

Usage: /usr/bin/python3 benchmarks/quality_compare.py RESULTS_DIR   (needs hypergen- and optuna-quality-summary.csv)
"""

import csv
import json
import pathlib
import sys

REFERENCE = "optuna-tpe"
TARGET_ORACLES = ["tpe", "bayesian"]
TARGET_BUDGETS = [50, 100]
HYPERGEN_ORACLES = ["random", "bayesian", "tpe", "tpe-random-start", "tpe-optuna", "tpe-optuna-multivariate"]


def read_summary(path):
    with path.open() as handle:
        return {(row["function"], row["oracle"], int(row["budget"])): row for row in csv.DictReader(handle)}


def ratio(value, reference):
    if reference == 0:
        return "inf" if value > 0 else "1.00"
    return f"{value / reference:.2f}"


def target_verdict(oracle, budget, row, reference, not_built):
    if oracle not in TARGET_ORACLES or budget not in TARGET_BUDGETS:
        return ""
    if row is None:
        return "not built" if oracle in not_built else "not run"
    if reference is None:
        return "no reference"
    return "PASS" if float(row["median_regret"]) <= float(reference["median_regret"]) else "FAIL"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[-1])
    folder = pathlib.Path(sys.argv[1])
    rows = {**read_summary(folder / "hypergen-quality-summary.csv"), **read_summary(folder / "optuna-quality-summary.csv")}
    not_built = json.loads((folder / "hypergen-quality.json").read_text())["not_built"]
    functions = list(dict.fromkeys(key[0] for key in rows))
    budgets = sorted({key[2] for key in rows})
    oracles = HYPERGEN_ORACLES + sorted({key[1] for key in rows if key[1] not in HYPERGEN_ORACLES})

    print(f"{'function':<11} {'budget':>6} {'oracle':<23} {'median':>10} {'iqr':>10} {'vs tpe':>7}  target")
    verdicts = []
    for function in functions:
        for budget in budgets:
            reference = rows.get((function, REFERENCE, budget))
            for oracle in oracles:
                row = rows.get((function, oracle, budget))
                verdict = target_verdict(oracle, budget, row, reference, not_built)
                if verdict:
                    verdicts.append(verdict)
                if row is None:
                    if verdict:
                        print(f"{function:<11} {budget:>6} {oracle:<23} {'-':>10} {'-':>10} {'-':>7}  {verdict}")
                    continue
                median = float(row["median_regret"])
                shown_ratio = ratio(median, float(reference["median_regret"])) if reference else "-"
                print(f"{function:<11} {budget:>6} {oracle:<23} {median:>10.4g} {float(row['iqr_regret']):>10.4g} "
                      f"{shown_ratio:>7}  {verdict}")
    print(f"target cells: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL, "
          f"{verdicts.count('not built')} not built, {verdicts.count('not run')} not run")


if __name__ == "__main__":
    main()
