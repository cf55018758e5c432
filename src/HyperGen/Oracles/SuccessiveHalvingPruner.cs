using System;
using System.Collections.Generic;
using System.Threading;

namespace HyperGen;

/// <summary>
/// Prunes trials with asynchronous successive halving (ASHA), as Optuna's <c>SuccessiveHalvingPruner</c> applies it:
/// at each rung, a trial goes on only if its value is among the best 1/<see cref="ReductionFactor"/> of the values
/// recorded at that rung. ASHA is described by Li et al., "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys 2020 (arXiv:1810.05934).
/// </summary>
/// <remarks>
/// <para>
/// Rung <c>k</c> (from 0) sits at step <c>minResource × reductionFactor^(minEarlyStoppingRate + k)</c>. With the
/// defaults the rungs are at steps 1, 4, 16, 64 and so on. A trial's value at a rung is the value it reported at the
/// rung's step, or at the first step it reported after it when it skipped that step. The pruner keeps no state of
/// its own: it reads every trial's value at a rung from <see cref="Trial.IntermediateValues"/>, and a trial has
/// reached a rung once it has reported a step at or after it.
/// </para>
/// <para>
/// When a trial reaches a rung, it competes with every trial that reached the rung before, whatever their status
/// (running, completed, pruned or failed), and with itself. Of <c>n</c> competing values, the trial goes on when its
/// value is at least as good as the <c>max(1, ⌊n / reductionFactor⌋)</c>-th best. So while fewer than
/// <see cref="ReductionFactor"/> trials have reached a rung, only a trial that is best there so far goes on: trials
/// cannot be paused and resumed later, as ASHA would pause them. Ties at the cut go on. When one report crosses
/// several rungs, the trial competes at each of them in turn with the same value.
/// </para>
/// <para>
/// NOTE: a trial pruned at a lower rung by a report that also crossed higher rungs still counts at those higher
/// rungs, because it reported a step past them. Optuna records only the rungs a trial was judged at. The two agree
/// whenever trials report every step.
/// </para>
/// <para>
/// The pruner never prunes before the first rung, nor at steps between rungs. It has no maximum resource: the
/// hypermodel's epoch count limits how long a trial trains. A NaN value at a rung prunes the trial. Otherwise NaN
/// ranks worse than any number and an infinity of either sign worse than any finite value.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var oracle = new RandomSearch(Objective.Maximize("val_accuracy"), maxTrials: 100)
/// {
///     Pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3),
/// };
/// </code>
/// </example>
public sealed class SuccessiveHalvingPruner : Pruner
{
    // The minimum resource passed to the constructor, or 0 when the pruner estimates it.
    private readonly int _givenMinResource;

    // The estimated minimum resource, or 0 until a trial has completed.
    private int _estimatedMinResource;

    /// <summary>Creates a successive halving pruner with a fixed minimum resource.</summary>
    /// <param name="minResource">The step of the first rung when <paramref name="minEarlyStoppingRate"/> is 0
    /// (<c>r</c> in the ASHA paper); at least 1.</param>
    /// <param name="reductionFactor">The inverse of the fraction of trials that go on at each rung (<c>η</c> in the
    /// ASHA paper); at least 2. 4 keeps a quarter.</param>
    /// <param name="minEarlyStoppingRate">Raises the first rung to
    /// <c>minResource × reductionFactor^minEarlyStoppingRate</c> (<c>s</c> in the ASHA paper); at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below its minimum.</exception>
    public SuccessiveHalvingPruner(int minResource = 1, int reductionFactor = 4, int minEarlyStoppingRate = 0)
        : this(reductionFactor, minEarlyStoppingRate)
    {
        if (minResource < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minResource),
                minResource,
                "minResource must be at least 1; pass 1 to place the first rung at step 1, or use WithAutoMinResource to estimate it.");
        }

        _givenMinResource = minResource;
    }

    private SuccessiveHalvingPruner(int reductionFactor, int minEarlyStoppingRate)
    {
        if (reductionFactor < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(reductionFactor), reductionFactor, "reductionFactor must be at least 2; pass 4 to keep a quarter of the trials at each rung.");
        }

        if (minEarlyStoppingRate < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minEarlyStoppingRate), minEarlyStoppingRate, "minEarlyStoppingRate must be at least 0; pass 0 to start the rungs at minResource.");
        }

        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
    }

    /// <summary>
    /// Creates a pruner that estimates the minimum resource, as Optuna's <c>min_resource="auto"</c> does. The pruner
    /// never prunes until a trial has completed. Then it fixes the minimum resource once, at the largest last step
    /// reported by a completed trial divided by 100 (rounded down, at least 1), and keeps it for the rest of the
    /// search.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below its minimum.</exception>
    public static SuccessiveHalvingPruner WithAutoMinResource(int reductionFactor = 4, int minEarlyStoppingRate = 0) =>
        new(reductionFactor, minEarlyStoppingRate);

    /// <summary>
    /// The step of the first rung when <see cref="MinEarlyStoppingRate"/> is 0: the value given, or the estimate once
    /// made. Null while an estimating pruner has not seen a completed trial.
    /// </summary>
    public int? MinResource
    {
        get
        {
            int minResource = _givenMinResource > 0 ? _givenMinResource : Volatile.Read(ref _estimatedMinResource);

            return minResource > 0 ? minResource : null;
        }
    }

    /// <summary>The inverse of the fraction of trials that go on at each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>The exponent that raises the first rung above <see cref="MinResource"/>.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>Whether the pruner estimates <see cref="MinResource"/> from the first completed trial.</summary>
    public bool EstimatesMinResource => _givenMinResource == 0;

    /// <summary>
    /// Computes the step of rung <paramref name="rung"/> (from 0), or returns null when no step can reach it
    /// because it exceeds <see cref="int.MaxValue"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rung"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The minimum resource is still to be estimated.</exception>
    public int? GetRungStep(int rung)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rung);
        int minResource = MinResource
            ?? throw new InvalidOperationException(
                "The rung steps are unknown until the minimum resource is estimated from a completed trial. Pass minResource to fix them up front.");

        return RungStep(minResource, rung);
    }

    /// <inheritdoc />
    public override bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        var reported = trial.IntermediateValues;
        int minResource = MinResource ?? EstimateMinResource(trials);
        if (reported.Count == 0 || minResource == 0)
        {
            return false;
        }

        var latest = reported[^1];
        int previousStep = reported.Count > 1 ? reported[^2].Step : -1;
        for (int rung = 0; RungStep(minResource, rung) is { } rungStep && rungStep <= latest.Step; rung++)
        {
            // Rungs up to the previous report were judged at that report.
            if (rungStep <= previousStep)
            {
                continue;
            }

            if (double.IsNaN(latest.Value) || !IsPromotable(trial, trials, rungStep, latest.Value, objective.Direction))
            {
                return true;
            }
        }

        return false;
    }

    private int? RungStep(int minResource, int rung)
    {
        long step = minResource;
        for (int power = 0; power < MinEarlyStoppingRate + rung; power++)
        {
            step *= ReductionFactor;
            if (step > int.MaxValue)
            {
                return null;
            }
        }

        return (int)step;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is among the best <c>max(1, ⌊n / η⌋)</c> of the <c>n</c> values at the rung:
    /// the values of the other trials that reached it, and this one.
    /// </summary>
    private bool IsPromotable(Trial trial, IReadOnlyList<Trial> trials, int rungStep, double value, ObjectiveDirection direction)
    {
        var competing = new List<double> { value };
        foreach (var other in trials)
        {
            var reported = other.IntermediateValues;
            int index = ValueRanking.IndexOfFirstStepAtOrAfter(reported, rungStep);
            if (!ReferenceEquals(other, trial) && index < reported.Count)
            {
                competing.Add(reported[index].Value);
            }
        }

        ValueRanking.SortBestFirst(competing, direction);
        int promoted = Math.Max(1, competing.Count / ReductionFactor);

        return !ValueRanking.IsWorse(value, competing[promoted - 1], direction);
    }

    /// <summary>Fixes the estimated minimum resource from the completed trials, or returns 0 when none completed.</summary>
    private int EstimateMinResource(IReadOnlyList<Trial> trials)
    {
        int lastStep = -1;
        foreach (var other in trials)
        {
            if (other.Status == TrialStatus.Completed && other.IntermediateValues.Count > 0)
            {
                lastStep = Math.Max(lastStep, other.IntermediateValues[^1].Step);
            }
        }

        if (lastStep < 0)
        {
            return 0;
        }

        // The first estimate wins, so the rungs never move once a trial has been judged at them.
        Interlocked.CompareExchange(ref _estimatedMinResource, Math.Max(lastStep / 100, 1), 0);

        return Volatile.Read(ref _estimatedMinResource);
    }
}
