using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Benchmarks;

/// <summary>
/// A baseline generator that finds the attributed properties the way an earlier HyperGen generator did, with one
/// <c>ForAttributeWithMetadataName</c> provider per search attribute, and does nothing else. Its time is what any
/// generator built on these lookups spends matching attributes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AttributeLookupGenerator : IIncrementalGenerator
{
    private static readonly string[] SearchAttributes =
    [
        "HyperGen.IntRangeAttribute",
        "HyperGen.FloatRangeAttribute",
        "HyperGen.ChoiceAttribute",
        "HyperGen.BooleanAttribute",
        "HyperGen.FixedAttribute",
    ];

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (string attribute in SearchAttributes)
        {
            var names = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    static (node, _) => node is PropertyDeclarationSyntax,
                    static (found, _) => found.TargetSymbol.Name)
                .Collect();

            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
