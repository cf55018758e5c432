using System;

namespace HyperGen;

/// <summary>
/// Thrown by <see cref="TrialContext.ReportEpoch"/> when the oracle's pruner stops the trial. Let it propagate out
/// of <c>Fit</c>: the tuner records the trial as <see cref="TrialStatus.Pruned"/> and goes on with the search.
/// </summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrialPrunedException()
        : this("The pruner stopped this trial.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a trial stopped after <paramref name="step"/>.</summary>
    public TrialPrunedException(string trialId, int step, double value)
        : base($"Trial {trialId} was pruned after step {step}, where the objective was {value:G6}.")
    {
        Step = step;
    }

    /// <summary>The last step the trial reported before it was pruned.</summary>
    public int Step { get; }
}
