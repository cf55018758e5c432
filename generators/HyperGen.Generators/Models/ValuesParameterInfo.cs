namespace HyperGen.Generators.Models
{
    /// <summary>One positional parameter of the generated <c>Values</c> record.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="PropertyName">The property name as an identifier.</param>
    /// <param name="Type">The property type, made nullable in the record when <paramref name="IsConditional"/>.</param>
    /// <param name="HyperParameterName">The name the value is read by.</param>
    /// <param name="IsConditional">Whether the hyperparameter can be inactive, so the value can be null.</param>
    internal sealed record ValuesParameterInfo(
        string PropertyName,
        ValueKind Type,
        string HyperParameterName,
        bool IsConditional);
}
