namespace HyperGen.Generators.Models
{
    /// <summary>The generated <c>Values</c> record of a hypermodel.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="HidesInheritedMember">
    /// Whether a base class has an accessible member named <c>Values</c> (or will get a generated record), so the
    /// record needs the <c>new</c> modifier.
    /// </param>
    /// <param name="Parameters">The hyperparameters of the base classes first, then those of the class itself.</param>
    internal sealed record ValuesRecordInfo(bool HidesInheritedMember, EquatableArray<ValuesParameterInfo> Parameters);
}
