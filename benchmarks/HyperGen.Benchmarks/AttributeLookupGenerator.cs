using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Benchmarks;

/// <summary>
/// A baseline generator that finds the same attributed properties as the HyperGen generator, with one
/// <c>ForAttributeWithMetadataName</c> provider per search attribute, and does nothing else. Its time is the part of
/// the generator's time that Roslyn spends matching attributes, which no change to the parser or emitter can remove.
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
