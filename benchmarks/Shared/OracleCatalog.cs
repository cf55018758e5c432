using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Benchmarking;

/// <summary>Creates a fresh oracle for one benchmark run.</summary>
/// <param name="objective">The objective to minimize.</param>
/// <param name="seed">The run's seed.</param>
/// <param name="maxTrials">The trial budget, or null for no limit.</param>
public delegate Oracle OracleFactory(Objective objective, int seed, int? maxTrials);

/// <summary>
/// The oracles that the quality and overhead benchmarks can run, by the name given on their command lines. Both
/// benchmark projects compile this file, so registering an oracle here adds it to both.
/// </summary>
/// <remarks>
/// <see cref="PlannedNames"/> lists the oracles the benchmarks are designed for. A planned name without an entry in
/// <see cref="Factories"/> is reported as "not built". Registering an oracle takes one entry, for example
/// <c>["tpe"] = (objective, seed, maxTrials) =&gt; new Tpe(objective, maxTrials, seed),</c>.
/// Hyperband is not planned: it allots epochs per trial, and these test functions have no epochs. Neither is
/// GridSearch: it needs a step on every float range, and the test functions are continuous.
/// </remarks>
public static class OracleCatalog
{
    /// <summary>The oracle names the benchmarks report on, built or not, in report order.</summary>
    public static IReadOnlyList<string> PlannedNames { get; } =
        ["random", "bayesian", "tpe", "tpe-random-start", "tpe-optuna", "tpe-optuna-multivariate"];

    /// <summary>The oracles compiled into this build, by name.</summary>
    public static IReadOnlyDictionary<string, OracleFactory> Factories { get; } =
        new Dictionary<string, OracleFactory>(StringComparer.Ordinal)
        {
            ["random"] = (objective, seed, maxTrials) => new RandomSearch(objective, maxTrials, seed),
            ["bayesian"] = (objective, seed, maxTrials) => new BayesianOptimization(objective, maxTrials, seed: seed),
            ["tpe"] = (objective, seed, maxTrials) => new Tpe(objective, maxTrials, seed),
            ["tpe-random-start"] = (objective, seed, maxTrials) => new Tpe(objective, maxTrials, seed, latinHypercubeStartup: false),
            ["tpe-optuna"] = (objective, seed, maxTrials) => Tpe.LikeOptuna(objective, maxTrials, seed),
            ["tpe-optuna-multivariate"] = (objective, seed, maxTrials) => Tpe.LikeOptuna(objective, maxTrials, seed, multivariate: true),
        };

    /// <summary>The names of the compiled-in oracles, planned ones first in <see cref="PlannedNames"/> order.</summary>
    public static IReadOnlyList<string> BuiltNames =>
        PlannedNames.Where(Factories.ContainsKey)
            .Concat(Factories.Keys.Where(name => !PlannedNames.Contains(name)).Order(StringComparer.Ordinal))
            .ToArray();

    /// <summary>
    /// Splits a comma-separated list of oracle names into those compiled in and those planned but not built.
    /// </summary>
    /// <exception cref="ArgumentException">A name is neither compiled in nor planned.</exception>
    public static (IReadOnlyList<string> Built, IReadOnlyList<string> NotBuilt) Select(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var requested = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct();
        var built = new List<string>();
        var notBuilt = new List<string>();
        foreach (string name in requested)
        {
            if (Factories.ContainsKey(name))
            {
                built.Add(name);
            }
            else if (PlannedNames.Contains(name))
            {
                notBuilt.Add(name);
            }
            else
            {
                throw new ArgumentException(
                    $"Unknown oracle '{name}'. Compiled in: {string.Join(", ", BuiltNames)}. "
                    + $"Planned: {string.Join(", ", PlannedNames)}.");
            }
        }

        return (built, notBuilt);
    }
}
