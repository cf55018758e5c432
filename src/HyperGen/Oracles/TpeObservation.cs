using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// A trial as the TPE oracle models it: its values and a rank key in which smaller is better, whatever the
/// objective's direction.
/// </summary>
/// <remarks>
/// Completed trials rank first, by loss (the score, negated when maximizing; any infinite score is an infinite loss).
/// Pruned trials follow, as Optuna 3.1's TPE ranks them: those that reached a later step first, then by the loss of
/// their last intermediate value (NaN counts as an infinite loss). Pruned trials that reported nothing rank last.
/// Under the constant liar, running trials rank as completed trials with an infinite loss. Failed trials are never
/// observations.
/// </remarks>
internal sealed class TpeObservation
{
    private TpeObservation(Trial trial, IReadOnlyDictionary<string, object> values, double stage, double loss, bool isPending)
    {
        Trial = trial;
        Values = values;
        Stage = stage;
        Loss = loss;
        IsPending = isPending;
    }

    /// <summary>The trial observed.</summary>
    public Trial Trial { get; }

    /// <summary>The trial's values: as proposed while it runs, as recorded once it has ended.</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    /// <summary>
    /// How far the trial got, smaller being further: negative infinity for completed and running trials, minus the
    /// last step for pruned ones, positive infinity for a pruned trial without intermediate values.
    /// </summary>
    public double Stage { get; }

    /// <summary>The loss within the stage; positive infinity for non-finite values and running trials.</summary>
    public double Loss { get; }

    /// <summary>Whether the trial is still running and observed only as a constant liar.</summary>
    public bool IsPending { get; }

    /// <summary>Whether the trial completed, as opposed to being pruned or still running.</summary>
    public bool IsCompleted => !IsPending && double.IsNegativeInfinity(Stage);

    /// <summary>Whether the observation may join the good group: it has finished with a finite loss.</summary>
    public bool CanBeGood => !IsPending && double.IsFinite(Loss);

    /// <summary>
    /// Returns the completed and pruned trials, plus the running ones when <paramref name="proposedValues"/> is given,
    /// sorted from best to worst; ties keep creation order.
    /// </summary>
    /// <param name="trials">The trials in creation order.</param>
    /// <param name="objective">The objective, whose direction turns scores into losses.</param>
    /// <param name="proposedValues">Returns the values proposed for a running trial, or null to leave running trials
    /// out. A running trial's own values are not read, because Build may still be adding parameters to them on
    /// another thread.</param>
    public static List<TpeObservation> Rank(
        IReadOnlyList<Trial> trials, Objective objective, Func<Trial, IReadOnlyDictionary<string, object>>? proposedValues)
    {
        double sign = objective.Direction == ObjectiveDirection.Maximize ? -1 : 1;
        var observations = new List<TpeObservation>(trials.Count);
        foreach (var trial in trials)
        {
            var observation = trial.Status switch
            {
                TrialStatus.Completed when trial.Score.HasValue =>
                    new TpeObservation(trial, trial.Values, double.NegativeInfinity, ToLoss(sign, trial.Score.Value), false),
                TrialStatus.Pruned => FromPruned(trial, sign),
                TrialStatus.Running when proposedValues is not null =>
                    new TpeObservation(trial, proposedValues(trial), double.NegativeInfinity, double.PositiveInfinity, true),
                _ => null,
            };
            if (observation is not null)
            {
                observations.Add(observation);
            }
        }

        // List.Sort is unstable, so the trial number breaks ties explicitly.
        observations.Sort(static (left, right) =>
        {
            int byStage = left.Stage.CompareTo(right.Stage);
            if (byStage != 0)
            {
                return byStage;
            }

            int byLoss = left.Loss.CompareTo(right.Loss);
            return byLoss != 0 ? byLoss : left.Trial.Number.CompareTo(right.Trial.Number);
        });
        return observations;
    }

    private static TpeObservation FromPruned(Trial trial, double sign)
    {
        var values = trial.IntermediateValues;
        if (values.Count == 0)
        {
            return new TpeObservation(trial, trial.Values, double.PositiveInfinity, double.PositiveInfinity, false);
        }

        var last = values[^1];
        return new TpeObservation(trial, trial.Values, -last.Step, ToLoss(sign, last.Value), false);
    }

    private static double ToLoss(double sign, double value) =>
        double.IsFinite(value) ? sign * value : double.PositiveInfinity;
}
