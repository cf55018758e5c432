namespace HyperGen;

/// <summary>Whether a smaller or a larger objective value is better.</summary>
public enum ObjectiveDirection
{
    /// <summary>Smaller is better (losses, errors).</summary>
    Minimize,

    /// <summary>Larger is better (accuracy, AUC).</summary>
    Maximize,
}
