namespace HyperGen.Generators.Models
{
    /// <summary>How a type with attributed properties was read from its syntax alone.</summary>
    internal enum CandidateStatus
    {
        /// <summary>
        /// No attribute can be a HyperGen attribute unless one of <see cref="CandidateKey.OtherAttributeNames"/> is a
        /// global alias of one.
        /// </summary>
        NoHyperGenAttribute,

        /// <summary>Syntax gave the whole model, valid when the HyperGen namespace is imported where needed.</summary>
        Read,

        /// <summary>Syntax cannot decide, so the type is read from symbols.</summary>
        NeedsSymbols,
    }

    /// <summary>
    /// What decides where a candidate's model comes from, without the model itself, so that the compilation-wide
    /// index does not change when only a model's arguments do.
    /// </summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="MetadataName">
    /// The fully qualified metadata name, such as <c>Samples.Outer+Model`1</c>, by which symbols find the type.
    /// </param>
    /// <param name="Status">What syntax could tell.</param>
    /// <param name="NeedsNamespaceImport">
    /// Whether the model names HyperGen types without qualification and no using directive of its own file imports
    /// the namespace, so it is valid only when a global using does.
    /// </param>
    /// <param name="OtherAttributeNames">
    /// The simple names of the type's property attributes that are not HyperGen's names, which a global using alias
    /// could still map to a HyperGen attribute.
    /// </param>
    internal sealed record CandidateKey(
        string MetadataName,
        CandidateStatus Status,
        bool NeedsNamespaceImport,
        EquatableArray<string> OtherAttributeNames);

    /// <summary>A partial type with attributed properties, as its own file's syntax describes it.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="Key">What decides where the model comes from.</param>
    /// <param name="Model">The model when the key's status is <see cref="CandidateStatus.Read"/>.</param>
    internal sealed record ModelCandidate(CandidateKey Key, HyperModelInfo? Model);
}
