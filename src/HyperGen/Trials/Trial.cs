using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>One configuration of hyperparameters and what training it produced.</summary>
public sealed class Trial
{
    private readonly List<TrainingHistory> _executions = [];
    private readonly List<IntermediateValue> _intermediateValues = [];

    internal Trial(
        int number, string id, HyperParameters hyperParameters, DateTimeOffset startedAt, TrialSchedule? schedule = null)
    {
        Number = number;
        Id = id;
        HyperParameters = hyperParameters;
        StartedAt = startedAt;
        Schedule = schedule;
    }

    /// <summary>The position of the trial in the search, from 0.</summary>
    public int Number { get; }

    /// <summary>The trial id: <see cref="Number"/> zero-padded to the width of the trial budget, such as <c>07</c>.</summary>
    public string Id { get; }

    /// <summary>The search space as the trial saw it, with the trial's values.</summary>
    public HyperParameters HyperParameters { get; }

    /// <summary>The values of the active hyperparameters.</summary>
    public IReadOnlyDictionary<string, object> Values => HyperParameters.Values;

    /// <summary>The state of the trial.</summary>
    public TrialStatus Status { get; internal set; } = TrialStatus.Running;

    /// <summary>
    /// How long the trial trains and where it starts, when the oracle set it (Hyperband does); null for the
    /// hypermodel's own settings.
    /// </summary>
    public TrialSchedule? Schedule { get; }

    /// <summary>
    /// The objective's value at each step reported so far by the current execution, in step order; pruners and
    /// oracles read it while the trial runs. Each execution of a trial starts with an empty list.
    /// </summary>
    public IReadOnlyList<IntermediateValue> IntermediateValues => _intermediateValues;

    /// <summary>The per-epoch metrics of each execution, when <c>Fit</c> returned a history.</summary>
    public IReadOnlyList<TrainingHistory> Executions => _executions;

    /// <summary>The metrics at the best step, averaged over executions; empty until the trial ends.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; internal set; } = new Dictionary<string, double>();

    /// <summary>The objective's value (averaged over executions), or null when the trial did not complete.</summary>
    public double? Score { get; internal set; }

    /// <summary>The epoch (from 0) at which the best execution reached its best objective value.</summary>
    public int? BestStep { get; internal set; }

    /// <summary>Why the trial failed or stopped, or null.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>When the trial's latest attempt started: its creation, or the claim that ran it again.</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>When the trial ended, or null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; internal set; }

    /// <summary>The wall-clock time from start to end, or null while it runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;

    /// <summary>The file holding the weights of the best execution, or null when the model was not saved.</summary>
    public string? ModelPath { get; internal set; }

    /// <summary>How many times a worker has started this trial: above 1 when it was retried after a failure or after
    /// its worker died.</summary>
    public int Attempts { get; internal set; }

    /// <summary>What happened to the trial, oldest first: created, claimed, retried, finished. Filled from the study's
    /// storage.</summary>
    public IReadOnlyList<TrialEvent> History { get; private set; } = [];

    /// <summary>Attributes that <c>Fit</c> attached with <see cref="TrialContext.SetUserAttribute"/>.</summary>
    public IReadOnlyDictionary<string, string> UserAttributes { get; private set; } = new Dictionary<string, string>();

    internal void AddExecution(TrainingHistory history) => _executions.Add(history);

    /// <summary>Replaces the parts of the trial that storage keeps as separate records.</summary>
    internal void ReplaceStoredRecord(
        IReadOnlyList<TrainingHistory> executions,
        IReadOnlyList<IntermediateValue> intermediateValues,
        IReadOnlyList<TrialEvent> history,
        IReadOnlyDictionary<string, string> attributes)
    {
        _executions.Clear();
        _executions.AddRange(executions);
        _intermediateValues.Clear();
        _intermediateValues.AddRange(intermediateValues);
        History = history;
        UserAttributes = attributes;
    }

    internal void SetUserAttribute(string key, string value) =>
        UserAttributes = new Dictionary<string, string>(UserAttributes, StringComparer.Ordinal) { [key] = value };

    /// <summary>Forgets what an interrupted attempt recorded, before the trial runs again.</summary>
    internal void ResetForRetry()
    {
        _executions.Clear();
        _intermediateValues.Clear();
        Metrics = new Dictionary<string, double>();
        Score = null;
        BestStep = null;
        ErrorMessage = null;
        EndedAt = null;
        Status = TrialStatus.Running;
    }

    /// <summary>Forgets the values of an earlier execution, so that a pruner judges each execution on its own.</summary>
    internal void ClearIntermediateValues() => _intermediateValues.Clear();

    /// <summary>Records a step's value; a step reported again replaces the earlier value.</summary>
    internal void AddIntermediateValue(int step, double value)
    {
        int index = _intermediateValues.FindIndex(item => item.Step >= step);
        var entry = new IntermediateValue(step, value);
        if (index < 0)
        {
            _intermediateValues.Add(entry);
        }
        else if (_intermediateValues[index].Step == step)
        {
            _intermediateValues[index] = entry;
        }
        else
        {
            _intermediateValues.Insert(index, entry);
        }
    }

    /// <summary>Formats the trial as <c>Trial 03 (Completed, score 0.97): values</c>.</summary>
    public override string ToString()
    {
        string score = Score.HasValue ? $", score {Score.Value:G6}" : string.Empty;
        return $"Trial {Id} ({Status}{score}): {HyperParameters}";
    }
}
