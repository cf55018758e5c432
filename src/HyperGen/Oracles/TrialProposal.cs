using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>The kind of proposal an oracle returns for the next trial.</summary>
public enum TrialProposalStatus
{
    /// <summary>Run a trial with <see cref="TrialProposal.Values"/>.</summary>
    Ready,

    /// <summary>Nothing to run until a running trial ends; ask again then.</summary>
    Idle,

    /// <summary>The search is over, for the reason in <see cref="TrialProposal.Message"/>.</summary>
    Stopped,
}

/// <summary>An oracle's proposal for the next trial: run these values, wait, or stop.</summary>
public sealed record TrialProposal
{
    private TrialProposal(
        TrialProposalStatus status, IReadOnlyDictionary<string, object>? values, string? message, TrialSchedule? schedule)
    {
        Status = status;
        Values = values;
        Message = message;
        Schedule = schedule;
    }

    /// <summary>Whether to run, wait or stop.</summary>
    public TrialProposalStatus Status { get; }

    /// <summary>The values of the tunable, active parameters, when ready.</summary>
    public IReadOnlyDictionary<string, object>? Values { get; }

    /// <summary>Why the search stopped, when stopped.</summary>
    public string? Message { get; }

    /// <summary>How long the proposed trial trains and where it starts, or null for the hypermodel's own settings.</summary>
    public TrialSchedule? Schedule { get; }

    /// <summary>Proposes a trial with these values and, optionally, its own training schedule.</summary>
    public static TrialProposal Ready(IReadOnlyDictionary<string, object> values, TrialSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TrialProposal(TrialProposalStatus.Ready, values, null, schedule);
    }

    /// <summary>Asks the tuner to wait for a running trial to end.</summary>
    public static TrialProposal Idle() => new(TrialProposalStatus.Idle, null, null, null);

    /// <summary>Ends the search, with the reason.</summary>
    public static TrialProposal Stop(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new TrialProposal(TrialProposalStatus.Stopped, null, message, null);
    }
}
