namespace HyperGen.Generators.Models
{
    /// <summary>
    /// Everything the emitter needs to write one hypermodel's generated file, with no reference to symbols, syntax or
    /// the compilation. A partial type with attributed properties that does not derive from
    /// <c>HyperModel&lt;TModel&gt;</c> gets a model with invalid properties only.
    /// </summary>
    /// <remarks>
    /// Models must stay immutable and structurally equatable: the incremental pipeline compares a new model with the
    /// previous one and regenerates the file only when they differ.
    /// </remarks>
    /// <param name="HintName">The generated file name, derived from the fully qualified metadata name.</param>
    /// <param name="Namespace">The containing namespace, or an empty string for the global namespace.</param>
    /// <param name="Types">The containing types, outermost first, ending with the attributed type itself.</param>
    /// <param name="Properties">The valid attributed properties of the class, in declaration order.</param>
    /// <param name="InvalidProperties">
    /// The partial properties of the class that cannot be hyperparameters, in declaration order: an invalid search
    /// attribute, <c>[ActiveWhen]</c> without a search attribute, or a type that is not a hypermodel.
    /// </param>
    /// <param name="OverridesDeclareHyperParameters">
    /// Whether to generate the <c>DeclareHyperParameters</c> override. It is false when the class declares a member
    /// of that name itself, which must then declare the attribute hyperparameters, or when the type is not a
    /// hypermodel.
    /// </param>
    /// <param name="Values">
    /// The <c>Values</c> record, or null when the class declares a member named <c>Values</c> or is not a hypermodel.
    /// </param>
    internal sealed record HyperModelInfo(
        string HintName,
        string Namespace,
        EquatableArray<TypeDeclarationInfo> Types,
        EquatableArray<HyperPropertyInfo> Properties,
        EquatableArray<InvalidPropertyInfo> InvalidProperties,
        bool OverridesDeclareHyperParameters,
        ValuesRecordInfo? Values);
}
