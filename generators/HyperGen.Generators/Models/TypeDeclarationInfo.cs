namespace HyperGen.Generators.Models
{
    /// <summary>A type declaration that the generated partial declaration repeats.</summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>,
    /// <c>record struct</c> or <c>interface</c>.</param>
    /// <param name="Name">The name with its type parameters, such as <c>Model&lt;T&gt;</c>.</param>
    internal sealed record TypeDeclarationInfo(string Keyword, string Name);
}
