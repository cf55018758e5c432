namespace HyperGen.Generators.Models
{
    /// <summary>An <c>[ActiveWhen]</c> condition resolved to the parent's hyperparameter name and type.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="ParentName">The parent's hyperparameter name (its <c>Name</c> argument or snake_case name).</param>
    /// <param name="ParentValues">The activating values, converted to the parent's type.</param>
    internal sealed record ConditionInfo(string ParentName, EquatableArray<ConstantInfo> ParentValues);
}
