using Microsoft.CodeAnalysis.CSharp;

namespace HyperGen.Generators
{
    /// <summary>Writes names as C# identifiers.</summary>
    internal static class Identifiers
    {
        /// <summary>
        /// Prefixes a reserved keyword with <c>@</c>, so that a property named <c>@class</c> stays valid.
        /// </summary>
        public static string Escape(string name) =>
            SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;
    }
}
