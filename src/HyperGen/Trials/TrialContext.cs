using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace HyperGen;

/// <summary>The information <c>Fit</c> receives about the run it is part of.</summary>
public sealed class TrialContext
{
    internal TrialContext(
        Trial trial,
        int executionIndex,
        int executionsPerTrial,
        Oracle oracle,
        int seed,
        ILogger logger,
        CancellationToken cancellationToken,
        ITrialRecorder? recorder = null)
    {
        _recorder = recorder ?? new OracleRecorder(oracle);
        Objective = oracle.Objective;
        Trial = trial;
        ExecutionIndex = executionIndex;
        ExecutionsPerTrial = executionsPerTrial;
        Seed = seed;
        Logger = logger;
        CancellationToken = cancellationToken;
    }

    private readonly ITrialRecorder _recorder;

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

    /// <summary>
    /// The epoch count the oracle allots to this trial (Hyperband does), or null to train for the epochs in the
    /// hypermodel's own settings. Training that honours it runs epochs <see cref="InitialEpoch"/> to
    /// <c>Epochs - 1</c>.
    /// </summary>
    public int? Epochs => Trial.Schedule?.Epochs;

    /// <summary>
    /// The first epoch to train, from 0: above 0 when the trial continues a trial whose weights the tuner loaded
    /// into the model before <c>Fit</c>.
    /// </summary>
    public int InitialEpoch => Trial.Schedule?.InitialEpoch ?? 0;

    /// <summary>Raised by <see cref="ReportEpoch"/>, for progress display.</summary>
    public event Action<int, IReadOnlyDictionary<string, double>>? EpochEnded;

    /// <summary>
    /// Reports the metrics of a finished epoch (from 0); they are logged at debug level. When they contain the
    /// objective, its value goes to the oracle, whose pruner may stop the trial.
    /// </summary>
    /// <exception cref="TrialPrunedException">The pruner stopped the trial; let it propagate out of <c>Fit</c>.</exception>
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
        if (metrics.TryGetValue(Objective.Name, out double value))
        {
            ReportIntermediate(epoch, value);
        }
    }

    /// <summary>
    /// Reports the objective's value at one step (an epoch, or any unit of training that grows) to the oracle, for
    /// a <c>Fit</c> that does not report whole epochs through <see cref="ReportEpoch"/>.
    /// </summary>
    /// <exception cref="TrialPrunedException">The pruner stopped the trial; let it propagate out of <c>Fit</c>.</exception>
    public void ReportIntermediate(int step, double value)
    {
        if (_recorder.ReportIntermediate(Trial, step, value))
        {
            throw new TrialPrunedException(Trial.Id, step, value);
        }
    }

    /// <summary>
    /// Attaches a named text to the trial, kept with it in the study (for example the path of an exported report or
    /// the number of parameters of the model). Setting a key again replaces its value.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public void SetUserAttribute(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _recorder.SetUserAttribute(Trial, key, value);
    }

    private static IEnumerable<string> FormatMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var pair in metrics)
        {
            yield return $"{pair.Key}={pair.Value:G5}";
        }
    }
}

/// <summary>Where a running trial's reports go: the oracle alone, or the oracle and the study's storage.</summary>
internal interface ITrialRecorder
{
    /// <summary>Records a step's value and returns whether the pruner stops the trial.</summary>
    bool ReportIntermediate(Trial trial, int step, double value);

    /// <summary>Records a user attribute.</summary>
    void SetUserAttribute(Trial trial, string key, string value);
}

/// <summary>Sends reports to the oracle only, for a context without storage.</summary>
internal sealed class OracleRecorder(Oracle oracle) : ITrialRecorder
{
    public bool ReportIntermediate(Trial trial, int step, double value) => oracle.ReportIntermediate(trial, step, value);

    public void SetUserAttribute(Trial trial, string key, string value) => trial.SetUserAttribute(key, value);
}
