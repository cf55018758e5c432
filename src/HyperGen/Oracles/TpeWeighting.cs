namespace HyperGen;

/// <summary>How <see cref="Tpe"/> weighs the observations of its good and bad estimators.</summary>
public enum TpeWeighting
{
    /// <summary>
    /// Optuna's default: every observation weighs 1, except that past 25 observations the older ones ramp down
    /// linearly to 1/n. The prior kernel weighs the oracle's prior weight.
    /// </summary>
    Recency,

    /// <summary>
    /// A good observation weighs the improvement of its loss over the best loss in the bad group, and the prior
    /// kernel weighs their mean, so the best observations draw most candidates. Bad observations weigh 1 each. When a
    /// good observation was pruned, or the bad group has no completed trial with a finite loss, every good observation
    /// weighs 1 and the prior kernel the oracle's prior weight.
    /// </summary>
    ExpectedImprovement,
}
