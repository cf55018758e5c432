namespace HyperGen.Generators.Models
{
    /// <summary>
    /// A valid hyperparameter definition read from one search attribute. Only the arguments present in the attribute
    /// usage are set.
    /// </summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="Kind">The definition type.</param>
    /// <param name="Name">The hyperparameter name.</param>
    /// <param name="Values">
    /// The positional values: min and max for ranges, the choices for a choice, the value for a fixed
    /// hyperparameter, and nothing for a boolean.
    /// </param>
    /// <param name="Step">The range step, or null when the attribute sets none.</param>
    /// <param name="Sampling">The range sampling, or null when the attribute sets none.</param>
    /// <param name="Default">The default value, or null when the attribute sets none.</param>
    /// <param name="Ordered">Whether a choice is ordered, or null when the attribute does not say.</param>
    /// <param name="Conditions">
    /// The conditions under which the hyperparameter is active, empty when it is always active.
    /// </param>
    internal sealed record HyperParameterInfo(
        HyperParameterKind Kind,
        string Name,
        EquatableArray<ConstantInfo> Values,
        ConstantInfo? Step,
        Sampling? Sampling,
        ConstantInfo? Default,
        bool? Ordered,
        EquatableArray<ConditionInfo> Conditions);
}
