using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// Prunes a trial whose best value so far is worse than a percentile of the values that completed trials reported
/// at the same step, so that roughly the best <see cref="Percentile"/> percent of trials keep training.
/// </summary>
/// <remarks>
/// <para>
/// When a trial reports a step, the pruner takes the best of all values the trial has reported so far (the minimum
/// when minimizing, the maximum when maximizing). It compares that value with the given percentile of the values
/// that completed trials reported at exactly the same step. Percentile 25 keeps the best quarter: it is the 25th
/// percentile of a minimized objective and the 75th of a maximized one. Between two sorted values the percentile is
/// interpolated linearly, as NumPy's default percentile does. A trial whose best value equals the percentile is kept.
/// </para>
/// <para>
/// Only completed trials are compared, as in Optuna 3.1: running, pruned and failed trials are not. A completed
/// trial that skipped the step is left out of that step's comparison.
/// </para>
/// <para>
/// The pruner never prunes while fewer than <see cref="StartupTrials"/> trials have completed (and never before the
/// first one has), at steps before <see cref="WarmupSteps"/>, at steps between two pruning checks (see
/// <see cref="IntervalSteps"/>), or while fewer than <see cref="MinTrialsAtStep"/> completed trials reported the step.
/// </para>
/// <para>
/// Non-finite values: a trial whose every reported value is NaN is pruned at its first check, whatever the others
/// reported. Otherwise NaN ranks worse than any number and an infinity of either sign worse than any finite value,
/// both in the trial's best value and in the values it is compared with. So when the percentile falls on or next to
/// a non-finite value, only a trial that ranks worse than that value is pruned.
/// </para>
/// </remarks>
public class PercentilePruner : Pruner
{
    /// <summary>Creates a pruner that keeps the trials in the best <paramref name="percentile"/> percent.</summary>
    /// <param name="percentile">The percentile to keep, from 0 to 100: 25 keeps roughly the best quarter.</param>
    /// <param name="startupTrials">How many trials must complete before any trial is pruned.</param>
    /// <param name="warmupSteps">The first step, from 0, at which a trial can be pruned.</param>
    /// <param name="intervalSteps">
    /// The distance between pruning checks, counted from <paramref name="warmupSteps"/>: with warm-up 2 and interval
    /// 3, trials are checked at steps 2, 5, 8 and so on. When a trial skips a check step, it is checked at the next
    /// step it reports.
    /// </param>
    /// <param name="minTrialsAtStep">How many completed trials must have reported a step before it is compared.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range its description gives.</exception>
    public PercentilePruner(double percentile, int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrialsAtStep = 1)
    {
        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(
                nameof(percentile), percentile, "percentile must be between 0 and 100; pass 25 to keep the best quarter of trials.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(startupTrials);
        ValidateSteps(warmupSteps, intervalSteps, minTrialsAtStep);
        Percentile = percentile;
        StartupTrials = startupTrials;
        WarmupSteps = warmupSteps;
        IntervalSteps = intervalSteps;
        MinTrialsAtStep = minTrialsAtStep;
    }

    /// <summary>The percentile of trials kept at each check, from 0 to 100, counted from the best.</summary>
    public double Percentile { get; }

    /// <summary>The number of trials that must complete before any trial is pruned.</summary>
    public int StartupTrials { get; }

    /// <summary>The first step, from 0, at which a trial can be pruned.</summary>
    public int WarmupSteps { get; }

    /// <summary>The distance, in steps, between pruning checks, counted from <see cref="WarmupSteps"/>.</summary>
    public int IntervalSteps { get; }

    /// <summary>The number of completed trials that must have reported a step before it is compared.</summary>
    public int MinTrialsAtStep { get; }

    /// <inheritdoc />
    public override bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        var reported = trial.IntermediateValues;
        if (reported.Count == 0 || !IsCheckStep(reported) || !HasEnoughCompletedTrials(trials))
        {
            return false;
        }

        var direction = objective.Direction;
        double best = ValueRanking.Best(reported, direction);
        if (double.IsNaN(best))
        {
            return true;
        }

        var others = ValuesAtStep(trials, reported[^1].Step);
        if (others.Count < MinTrialsAtStep)
        {
            return false;
        }

        ValueRanking.SortBestFirst(others, direction);

        return ValueRanking.IsWorse(best, PercentileOfSorted(others, Percentile), direction);
    }

    /// <summary>
    /// Computes the <paramref name="percentile"/>-th percentile, counted from the best, of values sorted best first.
    /// Two finite neighbours are interpolated linearly. When the position falls between a value and a worse
    /// non-finite one, the worse one is returned: interpolating toward +∞ gives +∞, and toward NaN, or toward a -∞
    /// that ranks worst, has no meaning.
    /// </summary>
    internal static double PercentileOfSorted(IReadOnlyList<double> sortedBestFirst, double percentile)
    {
        double position = percentile / 100 * (sortedBestFirst.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = (int)Math.Ceiling(position);
        double fraction = position - lower;
        double better = sortedBestFirst[lower];
        double worse = sortedBestFirst[upper];
        if (fraction == 0 || better.Equals(worse))
        {
            return better;
        }

        return double.IsFinite(better) && double.IsFinite(worse) ? better + (fraction * (worse - better)) : worse;
    }

    private static void ValidateSteps(int warmupSteps, int intervalSteps, int minTrialsAtStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (intervalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(intervalSteps), intervalSteps, "intervalSteps must be at least 1; pass 1 to check every step.");
        }

        if (minTrialsAtStep < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minTrialsAtStep), minTrialsAtStep, "minTrialsAtStep must be at least 1; pass 1 to compare with a single completed trial.");
        }
    }

    /// <summary>
    /// Whether the latest step is a pruning check. It is when it comes at or after the warm-up and is the trial's
    /// first report at or after the latest check step, so a trial that skipped a check step is checked once.
    /// </summary>
    private bool IsCheckStep(IReadOnlyList<IntermediateValue> reported)
    {
        int step = reported[^1].Step;
        if (step < WarmupSteps)
        {
            return false;
        }

        int latestCheckStep = WarmupSteps + ((step - WarmupSteps) / IntervalSteps * IntervalSteps);
        int previousStep = reported.Count > 1 ? reported[^2].Step : -1;

        return previousStep < latestCheckStep;
    }

    private bool HasEnoughCompletedTrials(IReadOnlyList<Trial> trials)
    {
        int completed = 0;
        foreach (var other in trials)
        {
            if (other.Status == TrialStatus.Completed)
            {
                completed++;
            }
        }

        return completed > 0 && completed >= StartupTrials;
    }

    private static List<double> ValuesAtStep(IReadOnlyList<Trial> trials, int step)
    {
        var values = new List<double>();
        foreach (var other in trials)
        {
            if (other.Status != TrialStatus.Completed)
            {
                continue;
            }

            var reported = other.IntermediateValues;
            int index = ValueRanking.IndexOfFirstStepAtOrAfter(reported, step);
            if (index < reported.Count && reported[index].Step == step)
            {
                values.Add(reported[index].Value);
            }
        }

        return values;
    }
}
