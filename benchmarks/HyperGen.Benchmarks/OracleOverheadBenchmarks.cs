using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using HyperGen.Benchmarking;

namespace HyperGen.Benchmarks;

/// <summary>
/// Times one proposal (<see cref="Oracle.CreateTrial"/>) of each compiled-in oracle after 100, 200, 500 and 1,000
/// finished trials on a mixed six-parameter space. The history is built once per case through ask-and-tell. Each
/// measured iteration is a single proposal. The setup before it completes the previous iteration's trial, so the
/// history grows by one trial per iteration, about 25 over a case (5 warmup and 20 measured iterations).
/// </summary>
/// <remarks>
/// <para>
/// The job turns tiered compilation off. Otherwise the 25 or so timed calls would run partly in unoptimized tier-0
/// code, because the setup calls come in one burst and the runtime delays tier-up until calls stop arriving. It also
/// skips BenchmarkDotNet's full garbage collection before each iteration, so proposals follow each other as in
/// overhead_optuna.py's loop rather than starting from cold caches.
/// </para>
/// The environment variable <c>HYPERGEN_ORACLES</c> (comma-separated names) limits the oracles; by default every
/// oracle in <see cref="OracleCatalog"/> runs. benchmarks/overhead_optuna.py measures Optuna on the same space.
/// </remarks>
[Config(typeof(ProposalJobConfig))]
public class OracleOverheadBenchmarks
{
    /// <summary>The environment variable that selects oracles by name.</summary>
    public const string OraclesVariable = "HYPERGEN_ORACLES";

    private const int Seed = 0;

    private static readonly string[] s_activations = ["relu", "tanh", "gelu", "sigmoid"];

    private Oracle _oracle = null!;
    private Trial? _pending;

    /// <summary>The oracle's name in <see cref="OracleCatalog"/>.</summary>
    [ParamsSource(nameof(OracleNames))]
    public string Oracle { get; set; } = "";

    /// <summary>The number of completed trials before the first measured proposal.</summary>
    [Params(100, 200, 500, 1000)]
    public int FinishedTrials { get; set; }

    /// <summary>The compiled-in oracles, limited by <c>HYPERGEN_ORACLES</c> when it is set.</summary>
    /// <exception cref="ArgumentException">The variable names an oracle that is neither compiled in nor planned.</exception>
    public static IEnumerable<string> OracleNames()
    {
        string? selection = Environment.GetEnvironmentVariable(OraclesVariable);
        if (string.IsNullOrWhiteSpace(selection))
        {
            return OracleCatalog.BuiltNames;
        }

        var (built, notBuilt) = OracleCatalog.Select(selection);
        foreach (string name in notBuilt)
        {
            Console.Error.WriteLine($"Oracle '{name}' is not built into this checkout; skipping it.");
        }

        return built;
    }

    /// <summary>Creates the oracle and completes <see cref="FinishedTrials"/> trials through ask-and-tell.</summary>
    [GlobalSetup]
    public void RunFinishedTrials()
    {
        _oracle = OracleCatalog.Factories[Oracle](Objective.Minimize("value"), Seed, FinishedTrials + 100);
        _oracle.UpdateSpace(CreateSpace(), initial: true);
        _pending = null;
        for (int i = 0; i < FinishedTrials; i++)
        {
            Complete(Propose());
        }
    }

    /// <summary>Completes the trial proposed by the previous iteration, so only proposals are timed.</summary>
    [IterationSetup]
    public void CompletePendingTrial()
    {
        if (_pending is not null)
        {
            Complete(_pending);
            _pending = null;
        }
    }

    /// <summary>Proposes one trial.</summary>
    [Benchmark]
    public Trial CreateTrial() => _pending = Propose();

    /// <summary>
    /// The mixed space: two ints (one stepped), a log-scaled float, a linear float, an unordered choice and a boolean.
    /// overhead_optuna.py suggests the same six parameters.
    /// </summary>
    public static IReadOnlyList<HyperParameter> CreateSpace() =>
    [
        new IntHyperParameter("units", 32, 512, step: 32),
        new IntHyperParameter("layers", 1, 4),
        new FloatHyperParameter("learning_rate", 1e-5, 1e-1, sampling: Sampling.Log),
        new FloatHyperParameter("dropout", 0, 0.5),
        new ChoiceHyperParameter("activation", s_activations),
        new BooleanHyperParameter("batch_norm"),
    ];

    /// <summary>
    /// A cheap objective with one optimum, so that model-based oracles see a signal. overhead_optuna.py uses the same.
    /// </summary>
    public static double Evaluate(IReadOnlyDictionary<string, object> values)
    {
        double learningRateTerm = Math.Pow(Math.Log10((double)values["learning_rate"]) + 3, 2);
        double dropoutTerm = Math.Pow((double)values["dropout"] - 0.2, 2);
        double unitsTerm = Math.Abs((int)values["units"] - 256) / 256.0;
        double layersTerm = 0.1 * Math.Abs((int)values["layers"] - 2);
        double activationTerm = (string)values["activation"] == "relu" ? 0 : 0.5;
        double batchNormTerm = (bool)values["batch_norm"] ? 0 : 0.1;
        return learningRateTerm + dropoutTerm + unitsTerm + layersTerm + activationTerm + batchNormTerm;
    }

    private Trial Propose()
    {
        var (trial, proposal) = _oracle.CreateTrial();
        return trial ?? throw new InvalidOperationException(
            $"Oracle '{Oracle}' returned {proposal.Status} instead of a trial after {_oracle.Trials.Count} trials: "
            + proposal.Message);
    }

    private void Complete(Trial trial) => _oracle.CompleteTrial(trial, Evaluate(trial.Values));

    /// <summary>
    /// One process, 5 warmup and 20 measured iterations of one proposal each, fully optimized code, no forced
    /// collections. Oracle names are reported in full, because overhead_compare.py matches them.
    /// </summary>
    public sealed class ProposalJobConfig : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public ProposalJobConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(20)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithGcForce(false)
                .WithEnvironmentVariable("DOTNET_TieredCompilation", "0"));
            WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(64));
        }
    }
}
