using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>A trial as a storage contains it.</summary>
public sealed class StoredTrial
{
    /// <summary>The trial's number in its study, from 0; unique per study.</summary>
    public required int Number { get; init; }

    /// <summary>The trial's state. A running trial without a <see cref="LeaseOwner"/> waits for a worker.</summary>
    public required TrialStatus Status { get; set; }

    /// <summary>
    /// The values of the active parameters: as proposed while the trial runs, and with the values of parameters that
    /// Build declared once it has finished.
    /// </summary>
    public required IReadOnlyDictionary<string, object> Values { get; set; }

    /// <summary>How long the trial trains and where it starts, or null.</summary>
    public TrialSchedule? Schedule { get; init; }

    /// <summary>The objective's value, when completed.</summary>
    public double? Score { get; set; }

    /// <summary>The metrics at the best step, averaged over executions.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; set; } = new Dictionary<string, double>();

    /// <summary>The step at which the best execution reached its best objective value.</summary>
    public int? BestStep { get; set; }

    /// <summary>The per-epoch metrics of each execution.</summary>
    public IReadOnlyList<TrainingHistory> Executions { get; set; } = [];

    /// <summary>Why the trial failed or stopped.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>When the trial's latest attempt started; the <c>created</c> event keeps the creation time.</summary>
    public required DateTimeOffset StartedAt { get; set; }

    /// <summary>When the trial finished.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The path of the saved weights, relative to the project folder, or null.</summary>
    public string? Checkpoint { get; set; }

    /// <summary>How many times a worker has started the trial.</summary>
    public int Attempts { get; set; }

    /// <summary>The worker that runs the trial now, or null when none does.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the worker's lease ends unless its heartbeat renews it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>The study's change counter when the trial last changed; set by the storage.</summary>
    public long Version { get; set; }

    /// <summary>The values reported at each step of the latest execution, in step order; filled on read.</summary>
    public IReadOnlyList<IntermediateValue> IntermediateValues { get; set; } = [];

    /// <summary>What happened to the trial, oldest first; filled on read.</summary>
    public IReadOnlyList<TrialEvent> Events { get; set; } = [];

    /// <summary>The user attributes; filled on read.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether the trial has finished: completed, failed, pruned or invalid. A finished trial never changes.</summary>
    public bool IsFinished => Status is not (TrialStatus.Running or TrialStatus.Stopped);

    /// <summary>A copy that shares nothing mutable with this one.</summary>
    public StoredTrial Clone() => new()
    {
        Number = Number,
        Status = Status,
        Values = new Dictionary<string, object>(Values, StringComparer.Ordinal),
        Schedule = Schedule,
        Score = Score,
        Metrics = new Dictionary<string, double>(Metrics, StringComparer.Ordinal),
        BestStep = BestStep,
        Executions = [.. Executions],
        ErrorMessage = ErrorMessage,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        Checkpoint = Checkpoint,
        Attempts = Attempts,
        LeaseOwner = LeaseOwner,
        LeaseExpiresAt = LeaseExpiresAt,
        Version = Version,
        IntermediateValues = [.. IntermediateValues],
        Events = [.. Events],
        Attributes = new Dictionary<string, string>(Attributes, StringComparer.Ordinal),
    };
}

/// <summary>What happened to a trial at one moment: created, claimed, retried, failed, and so on.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">A short lower-case word: <c>created</c>, <c>claimed</c>, <c>lease_expired</c>,
/// <c>requeued</c>, <c>completed</c>, <c>failed</c>, <c>pruned</c>, <c>cancelled</c>.</param>
/// <param name="Worker">The worker that recorded it.</param>
/// <param name="Message">Details, or null.</param>
public sealed record TrialEvent(DateTimeOffset At, string Kind, string Worker, string? Message);
