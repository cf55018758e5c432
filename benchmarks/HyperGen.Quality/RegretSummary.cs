using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Quality;

/// <summary>The simple regret of one oracle on one function at one budget, over all seeds.</summary>
/// <param name="Function">The test function's name.</param>
/// <param name="Oracle">The oracle's name.</param>
/// <param name="Budget">The trial budget.</param>
/// <param name="Runs">The number of seeds.</param>
/// <param name="MedianRegret">The median regret.</param>
/// <param name="Q1Regret">The first quartile of the regret.</param>
/// <param name="Q3Regret">The third quartile of the regret.</param>
/// <param name="IqrRegret">The interquartile range, <paramref name="Q3Regret"/> minus <paramref name="Q1Regret"/>.</param>
/// <param name="Seconds">The wall time of all runs, added up.</param>
public sealed record RegretSummary(
    string Function,
    string Oracle,
    int Budget,
    int Runs,
    double MedianRegret,
    double Q1Regret,
    double Q3Regret,
    double IqrRegret,
    double Seconds)
{
    /// <summary>Summarizes the runs per function, oracle and budget, keeping the order of first appearance.</summary>
    public static IReadOnlyList<RegretSummary> FromRuns(IEnumerable<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs
            .GroupBy(run => (run.Function, run.Oracle, run.Budget))
            .Select(group => Summarize(group.Key.Function, group.Key.Oracle, group.Key.Budget, group.ToArray()))
            .ToArray();
    }

    /// <summary>
    /// The <paramref name="probability"/> quantile of sorted values, interpolating linearly between order statistics
    /// (the default method of numpy.quantile, which quality_optuna.py uses).
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double probability)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }

        double position = (sorted.Count - 1) * probability;
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static RegretSummary Summarize(string function, string oracle, int budget, RunResult[] runs)
    {
        var regrets = runs.Select(run => run.Regret).Order().ToArray();
        double q1 = Quantile(regrets, 0.25);
        double q3 = Quantile(regrets, 0.75);
        return new RegretSummary(
            function, oracle, budget, runs.Length, Quantile(regrets, 0.5), q1, q3, q3 - q1, runs.Sum(run => run.Seconds));
    }
}
