namespace HyperGen;

/// <summary>
/// Prunes a trial whose best value so far is worse than the median of the values that completed trials reported at
/// the same step: the median stopping rule, as Optuna's <c>MedianPruner</c> applies it.
/// </summary>
/// <remarks>
/// <para>
/// This is <see cref="PercentilePruner"/> at the 50th percentile. At the step the trial has just reported, its best
/// value over all steps so far is compared with the median of the completed trials' values at exactly that step. The
/// trial is pruned only when it is strictly worse than the median. Pruned, running and failed trials are not part
/// of the median.
/// </para>
/// <para>
/// With the defaults, the pruner never prunes before 5 trials have completed, checks every step from step 0, and
/// needs one completed trial that reported the step. It also never prunes at steps before the warm-up, at steps
/// off the interval, or at a step that fewer than <see cref="PercentilePruner.MinTrialsAtStep"/> completed trials
/// reported. A trial whose every value is NaN is pruned at its first check. Otherwise NaN ranks worse than any
/// number, and an infinity worse than any finite value.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var oracle = new RandomSearch(Objective.Minimize("val_loss"), maxTrials: 50) { Pruner = new MedianPruner(warmupSteps: 2) };
/// </code>
/// </example>
public sealed class MedianPruner : PercentilePruner
{
    /// <summary>Creates a median pruner.</summary>
    /// <param name="startupTrials">How many trials must complete before any trial is pruned.</param>
    /// <param name="warmupSteps">The first step, from 0, at which a trial can be pruned.</param>
    /// <param name="intervalSteps">
    /// The distance between pruning checks, counted from <paramref name="warmupSteps"/>. When a trial skips a check
    /// step, it is checked at the next step it reports.
    /// </param>
    /// <param name="minTrialsAtStep">How many completed trials must have reported a step before it is compared.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">
    /// <paramref name="startupTrials"/> or <paramref name="warmupSteps"/> is negative, or
    /// <paramref name="intervalSteps"/> or <paramref name="minTrialsAtStep"/> is less than 1.
    /// </exception>
    public MedianPruner(int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrialsAtStep = 1)
        : base(50, startupTrials, warmupSteps, intervalSteps, minTrialsAtStep)
    {
    }
}
