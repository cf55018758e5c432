namespace HyperGen.Generators.Models
{
    /// <summary>A partial property with a valid search attribute, which the generator implements.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="PropertyName">
    /// The property name as an identifier, escaped with <c>@</c> when it is a keyword.
    /// </param>
    /// <param name="Modifiers">The declaration's modifiers in source order, such as <c>public partial</c>.</param>
    /// <param name="Type">The property type.</param>
    /// <param name="Definition">The hyperparameter that backs the property.</param>
    internal sealed record HyperPropertyInfo(
        string PropertyName,
        string Modifiers,
        ValueKind Type,
        HyperParameterInfo Definition)
    {
        /// <summary>Whether the hyperparameter is active only under conditions, so it may have no value.</summary>
        public bool IsConditional => Definition.Conditions.Count > 0;
    }
}
