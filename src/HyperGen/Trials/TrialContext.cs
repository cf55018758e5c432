using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace HyperGen;

/// <summary>The information <c>Fit</c> receives about the run it is part of.</summary>
public sealed class TrialContext
{
    internal TrialContext(Trial trial, int executionIndex, int executionsPerTrial, Objective objective, int seed, ILogger logger, CancellationToken cancellationToken)
    {
        Trial = trial;
        ExecutionIndex = executionIndex;
        ExecutionsPerTrial = executionsPerTrial;
        Objective = objective;
        Seed = seed;
        Logger = logger;
        CancellationToken = cancellationToken;
    }

    /// <summary>The trial being run.</summary>
    public Trial Trial { get; }

    /// <summary>Which execution of the trial this is, from 0.</summary>
    public int ExecutionIndex { get; }

    /// <summary>How many times each trial is built and fitted.</summary>
    public int ExecutionsPerTrial { get; }

    /// <summary>The objective of the search.</summary>
    public Objective Objective { get; }

    /// <summary>
    /// A seed for this execution, derived from the search seed, the trial number and the execution index: use it to
    /// initialise weights and shuffle data so that a search with one seed repeats exactly.
    /// </summary>
    public int Seed { get; }

    /// <summary>The tuner's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Signalled when the search is cancelled; long training loops should check it between batches.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Raised by <see cref="ReportEpoch"/>, for progress display.</summary>
    public event Action<int, IReadOnlyDictionary<string, double>>? EpochEnded;

    /// <summary>Reports the metrics of a finished epoch (from 0); they are logged at debug level.</summary>
    public void ReportEpoch(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.LogDebug(
                "Trial {TrialId} execution {Execution} epoch {Epoch}: {Metrics}",
                Trial.Id,
                ExecutionIndex,
                epoch,
                string.Join(", ", FormatMetrics(metrics)));
        }

        EpochEnded?.Invoke(epoch, metrics);
    }

    private static IEnumerable<string> FormatMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var pair in metrics)
        {
            yield return $"{pair.Key}={pair.Value:G5}";
        }
    }
}
