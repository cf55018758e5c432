using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using HyperGen.Benchmarking;

namespace HyperGen.Quality;

/// <summary>One oracle's search on one test function with one seed and budget.</summary>
/// <param name="Function">The test function's name.</param>
/// <param name="Oracle">The oracle's name.</param>
/// <param name="Budget">The trial budget.</param>
/// <param name="Seed">The oracle's seed.</param>
/// <param name="Trials">The trials evaluated, fewer than the budget when the oracle stopped early.</param>
/// <param name="BestValue">The smallest function value found.</param>
/// <param name="Regret">The simple regret: the best value minus the known minimum.</param>
/// <param name="Seconds">The wall time of the search, proposals and evaluations included.</param>
public sealed record RunResult(
    string Function, string Oracle, int Budget, int Seed, int Trials, double BestValue, double Regret, double Seconds);

/// <summary>Runs every combination of oracle, function, budget and seed through the ask-and-tell interface.</summary>
public static class QualityRunner
{
    /// <summary>The objective every run minimizes.</summary>
    public static Objective Objective { get; } = Objective.Minimize("value");

    /// <summary>Runs all combinations, <see cref="QualityOptions.Parallelism"/> at a time; results are sorted.</summary>
    public static IReadOnlyList<RunResult> RunAll(QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jobs =
            from oracle in options.Oracles
            from function in options.Functions
            from budget in options.Budgets
            from seed in options.Seeds
            select (oracle, function, budget, seed);

        var results = new List<RunResult>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism };
        Parallel.ForEach(jobs, parallel, job =>
        {
            var result = Run(job.oracle, job.function, job.budget, job.seed);
            lock (results)
            {
                results.Add(result);
            }
        });

        return results
            .OrderBy(r => options.Oracles.IndexOf(r.Oracle))
            .ThenBy(r => options.Functions.Select(f => f.Name).IndexOf(r.Function))
            .ThenBy(r => r.Budget)
            .ThenBy(r => r.Seed)
            .ToArray();
    }

    /// <summary>Searches one function with a fresh oracle until the oracle stops or the budget is spent.</summary>
    /// <exception cref="InvalidOperationException">The oracle completed no trial, or asked to wait while no trial was running.</exception>
    public static RunResult Run(string oracleName, TestFunction function, int budget, int seed)
    {
        var stopwatch = Stopwatch.StartNew();
        var oracle = OracleCatalog.Factories[oracleName](Objective, seed, budget);
        oracle.UpdateSpace(function.CreateSpace(), initial: true);

        double best = double.PositiveInfinity;
        int trials = 0;
        while (trials < budget)
        {
            var (trial, proposal) = oracle.CreateTrial();
            if (proposal.Status == TrialProposalStatus.Stopped)
            {
                break;
            }

            if (trial is null)
            {
                throw new InvalidOperationException(
                    $"Oracle '{oracleName}' returned {proposal.Status} with no trial running "
                    + $"({function.Name}, seed {seed}, trial {trials}).");
            }

            double value = function.Evaluate(trial.Values);
            oracle.CompleteTrial(trial, value);
            best = Math.Min(best, value);
            trials++;
        }

        if (trials == 0)
        {
            throw new InvalidOperationException(
                $"Oracle '{oracleName}' stopped before its first trial on {function.Name} (seed {seed}): {oracle.StopReason}");
        }

        double regret = best - function.Minimum;
        return new RunResult(function.Name, oracleName, budget, seed, trials, best, regret, stopwatch.Elapsed.TotalSeconds);
    }

    private static int IndexOf<T>(this IEnumerable<T> items, T item) => items.ToList().IndexOf(item);
}
