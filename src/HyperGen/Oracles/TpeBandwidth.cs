namespace HyperGen;

/// <summary>How <see cref="Tpe"/> sets the widths of its numeric kernels, in the unit scale of each parameter.</summary>
public enum TpeBandwidth
{
    /// <summary>
    /// Each kernel is as wide as the larger gap to its sorted neighbours in that dimension, the prior's centre
    /// included, as in Hyperopt and Optuna's independent sampling. Kernels in dense regions get narrow.
    /// </summary>
    Neighbours,

    /// <summary>
    /// Every kernel of a dimension has the width 0.2 * n^(-1 / (d + 4)) for n observations in d jointly modelled
    /// dimensions, as in Optuna's multivariate sampling. The width does not depend on where the observations lie.
    /// </summary>
    Shared,
}
