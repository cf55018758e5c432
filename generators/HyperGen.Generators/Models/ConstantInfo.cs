namespace HyperGen.Generators.Models
{
    /// <summary>
    /// A hyperparameter value already converted to the property's type: a bound, a step, a default, a choice, a
    /// fixed value or a condition's parent value.
    /// </summary>
    /// <remarks>
    /// Models must stay immutable and structurally equatable, because the incremental pipeline compares them to decide
    /// what to regenerate. Numbers are therefore stored as invariant round-trip text (<c>"R"</c> for doubles), which
    /// also keeps <c>0.0</c> and <c>-0.0</c> apart.
    /// </remarks>
    /// <param name="Kind">The value's type.</param>
    /// <param name="Text">
    /// The value as invariant text: the string itself, digits for an int, round-trip digits for a double, or
    /// <c>true</c>/<c>false</c>.
    /// </param>
    internal sealed record ConstantInfo(ValueKind Kind, string Text);
}
