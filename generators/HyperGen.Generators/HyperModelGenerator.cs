using System;
using System.Linq;
using HyperGen.Generators.Models;
using HyperGen.Generators.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators
{
    /// <summary>
    /// Implements the search-attribute properties of partial <c>HyperModel&lt;TModel&gt;</c> classes and declares
    /// their hyperparameters, so that the tuner reads the search space without reflection.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The pipeline reads each file from its syntax alone, and again only when its text changes, so an edit costs
    /// the generator one file's work however many hypermodels the project has. A class deriving from
    /// <c>HyperModel&lt;T&gt;</c> with literal attribute arguments is read completely from syntax. Facts that span
    /// files (partial types declared in several files, global usings, source types named like HyperGen's) are
    /// gathered from every file into one index that changes only when those facts do.
    /// </para>
    /// <para>
    /// Any type that syntax cannot read exactly (a base class from another file or assembly, a constant argument, an
    /// invalid property, several partial parts) is parsed from its symbols instead. Only those types are parsed
    /// again after every edit. An invalid partial property gets an accessor that throws and no hyperparameter, so
    /// the build fails on the analyzer's error rather than on a missing implementation part. The generator reports no
    /// diagnostics, because the analyzers report them.
    /// </para>
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed class HyperModelGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var files = context.SyntaxProvider
                .CreateSyntaxProvider(
                    static (node, _) => node is CompilationUnitSyntax,
                    static (syntax, _) => new SourceFileInfo(
                        syntax.Node.SyntaxTree.FilePath,
                        syntax.Node.SyntaxTree.GetText(),
                        syntax.Node.SyntaxTree.Options))
                .WithTrackingName(TrackingNames.Files);

            var fileModels = files
                .Select(static (file, cancellationToken) => SyntacticModelReader.Read(file, cancellationToken))
                .WithTrackingName(TrackingNames.FileModels);

            var hasRuntime = context.CompilationProvider
                .Select(static (compilation, _) => compilation.ReferencedAssemblyNames
                    .Any(static name => string.Equals(name.Name, "HyperGen", StringComparison.Ordinal)))
                .WithTrackingName(TrackingNames.Runtime);

            var index = fileModels
                .Collect()
                .Combine(hasRuntime)
                .Select(static (input, _) => CompilationIndexInfo.Merge(
                    input.Left.Select(static file => file.Index), input.Right))
                .WithTrackingName(TrackingNames.Index);

            var models = fileModels
                .Combine(index)
                .SelectMany(static (input, _) => input.Left.Candidates
                    .Select(candidate => input.Right.SelectSyntacticModel(candidate)))
                .WithTrackingName(TrackingNames.Models);

            var symbolModels = index
                .Select(static (index, _) => index.SymbolNames)
                .WithTrackingName(TrackingNames.SymbolCandidates)
                .Combine(context.CompilationProvider)
                .SelectMany(static (input, cancellationToken) => input.Left
                    .Select(name => HyperModelParser.Parse(input.Right, name, cancellationToken))
                    .Where(static model => model is not null)
                    .Select(static model => model!))
                .WithTrackingName(TrackingNames.SymbolModels);

            context.RegisterSourceOutput(models, static (output, model) =>
            {
                if (model is not null)
                {
                    output.AddSource(model.HintName, HyperModelEmitter.Emit(model));
                }
            });
            context.RegisterSourceOutput(symbolModels, static (output, model) =>
                output.AddSource(model.HintName, HyperModelEmitter.Emit(model)));
        }
    }
}
