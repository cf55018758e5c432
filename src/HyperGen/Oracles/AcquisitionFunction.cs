namespace HyperGen;

/// <summary>How <see cref="BayesianOptimization"/> scores a candidate from the model's prediction.</summary>
public enum AcquisitionFunction
{
    /// <summary>
    /// The confidence bound μ − β·σ of the loss (the objective negated when it is maximized). The lowest bound wins.
    /// KerasTuner's BayesianOptimization offers only this one.
    /// </summary>
    UpperConfidenceBound,

    /// <summary>The expected improvement over the best completed trial; the largest expected improvement wins.</summary>
    ExpectedImprovement,
}
