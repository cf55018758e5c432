namespace HyperGen.Generators.Models
{
    /// <summary>
    /// What one file contributes to the compilation-wide index: the facts that decide whether another file's syntax can be
    /// trusted alone.
    /// </summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="Candidates">The keys of the file's candidates, in source order.</param>
    /// <param name="PartialTypeNames">
    /// The metadata names of the file's partial type declarations; a name declared twice in the compilation has parts
    /// that one file's syntax cannot see together.
    /// </param>
    /// <param name="ImportsNamespaceGlobally">Whether the file has <c>global using HyperGen;</c>.</param>
    /// <param name="GlobalAliasNames">The names of the file's <c>global using</c> aliases.</param>
    /// <param name="DeclaresHyperGenTypeName">
    /// Whether the file declares a type with the name of a HyperGen attribute, of <c>HyperModel</c>, of
    /// <c>Sampling</c> or of the <c>HyperGen</c> namespace, any of which could change what an unqualified name
    /// binds to.
    /// </param>
    internal sealed record FileIndexInfo(
        EquatableArray<CandidateKey> Candidates,
        EquatableArray<string> PartialTypeNames,
        bool ImportsNamespaceGlobally,
        EquatableArray<string> GlobalAliasNames,
        bool DeclaresHyperGenTypeName);

    /// <summary>Everything read from one file.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="Candidates">The partial types with attributed properties, in source order.</param>
    /// <param name="Index">The file's part of the compilation-wide facts.</param>
    internal sealed record FileModelsInfo(EquatableArray<ModelCandidate> Candidates, FileIndexInfo Index);
}
