namespace HyperGen;

/// <summary>The state of a trial.</summary>
public enum TrialStatus
{
    /// <summary>Created and being built or fitted.</summary>
    Running,

    /// <summary>Finished with a score.</summary>
    Completed,

    /// <summary>Build or Fit threw, or the objective was NaN. <see cref="Trial.ErrorMessage"/> contains the reason.</summary>
    Failed,

    /// <summary>Rejected before it ran, for example because its values are not valid for the search space.</summary>
    Invalid,

    /// <summary>Stopped before it finished, for example because the search was cancelled.</summary>
    Stopped,

    /// <summary>Stopped early by the oracle's pruner, because its intermediate values were not promising.</summary>
    Pruned,
}
