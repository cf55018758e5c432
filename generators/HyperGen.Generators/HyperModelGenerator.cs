using System.Collections.Immutable;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators
{
    /// <summary>
    /// Implements the search-attribute properties of partial <c>HyperModel&lt;TModel&gt;</c> classes and declares
    /// their hyperparameters, so that the tuner reads the search space without reflection.
    /// </summary>
    /// <remarks>
    /// The pipeline finds attributed properties with <c>ForAttributeWithMetadataName</c>, one provider per search
    /// attribute and one for <c>[ActiveWhen]</c>, and parses each class once, through its first attributed property,
    /// into a symbol-free <see cref="HyperModelInfo"/>. The models are merged, then split again into one value per
    /// class, so the source output runs only for classes whose model changed. An invalid partial property gets an
    /// accessor that throws and no hyperparameter, so the build fails on the analyzer's error rather than on a missing
    /// implementation part. A partial class or struct that has attributed properties but does not derive from
    /// <c>HyperModel&lt;TModel&gt;</c> gets only such throwing accessors. The generator reports no diagnostics,
    /// because the analyzers report them.
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed class HyperModelGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var intRange = FindModels(context, KnownSymbols.IntRangeAttribute, TrackingNames.IntRangeModels);
            var floatRange = FindModels(context, KnownSymbols.FloatRangeAttribute, TrackingNames.FloatRangeModels);
            var choice = FindModels(context, KnownSymbols.ChoiceAttribute, TrackingNames.ChoiceModels);
            var boolean = FindModels(context, KnownSymbols.BooleanAttribute, TrackingNames.BooleanModels);
            var @fixed = FindModels(context, KnownSymbols.FixedAttribute, TrackingNames.FixedModels);
            var activeWhen = FindModels(context, KnownSymbols.ActiveWhenAttribute, TrackingNames.ActiveWhenModels);

            var models = intRange.Combine(floatRange).Combine(choice).Combine(boolean).Combine(@fixed)
                .Combine(activeWhen)
                .Select(static (found, _) => HyperModelParser.Merge(
                [
                    found.Left.Left.Left.Left.Left,
                    found.Left.Left.Left.Left.Right,
                    found.Left.Left.Left.Right,
                    found.Left.Left.Right,
                    found.Left.Right,
                    found.Right,
                ]))
                .WithTrackingName(TrackingNames.AllModels)
                .SelectMany(static (all, _) => all)
                .WithTrackingName(TrackingNames.Models);

            context.RegisterSourceOutput(models, static (output, model) =>
                output.AddSource(model.HintName, HyperModelEmitter.Emit(model)));
        }

        private static IncrementalValueProvider<ImmutableArray<HyperModelInfo?>> FindModels(
            IncrementalGeneratorInitializationContext context, string attributeMetadataName, string trackingName) =>
            context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attributeMetadataName,
                    static (node, _) => node is PropertyDeclarationSyntax,
                    HyperModelParser.Parse)
                .WithTrackingName(trackingName)
                .Collect();
    }
}
