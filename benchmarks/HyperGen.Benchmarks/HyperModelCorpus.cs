using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace HyperGen.Benchmarks;

/// <summary>
/// A compilation of many hypermodels, one per file, each with six hyperparameters: two integer ranges, a
/// log-sampled float range, a choice, a boolean and a float range that is active only when the boolean is true.
/// </summary>
internal static class HyperModelCorpus
{
    /// <summary>The number of hypermodels in the benchmark compilation.</summary>
    public const int ModelCount = 1000;

    /// <summary>The index of the model whose file the edit benchmarks change.</summary>
    public const int EditedModel = ModelCount / 2;

    /// <summary>The path of the edited model's file.</summary>
    public static readonly string EditedFilePath = FilePath(EditedModel);

    /// <summary>The parse options of every tree: the latest C# version.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The .NET 10 reference assemblies plus the HyperGen runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(HyperModel<>).Assembly.Location),
    ];

    /// <summary>Creates the compilation of <see cref="ModelCount"/> hypermodels.</summary>
    public static CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(
            "BenchmarkModels",
            Enumerable.Range(0, ModelCount).Select(index => Parse(CreateSource(index), index)),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// Returns <paramref name="compilation"/> with the edited model's file replaced by a version in which one line
    /// differs: either the integer range's maximum (an attribute argument) or a constant in the method body.
    /// </summary>
    public static CSharpCompilation ReplaceEditedTree(CSharpCompilation compilation, bool editAttribute, int version)
    {
        var oldTree = compilation.SyntaxTrees.Single(tree => tree.FilePath == EditedFilePath);
        string oldText = oldTree.GetText().ToString();
        string newText = editAttribute
            ? oldText.Replace("[IntRange(1, 8)]", $"[IntRange(1, {9 + version})]")
            : oldText.Replace("private const int Revision = 0;", $"private const int Revision = {version + 1};");
        var newTree = oldTree.WithChangedText(SourceText.From(newText));

        return compilation.ReplaceSyntaxTree(oldTree, newTree);
    }

    private static SyntaxTree Parse(string source, int index) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, FilePath(index));

    private static string FilePath(int index) => $"Model{index.ToString("D4", CultureInfo.InvariantCulture)}.cs";

    private static string CreateSource(int index) =>
        $$"""
        using HyperGen;

        namespace Benchmark.Models;

        public partial class Model{{index.ToString("D4", CultureInfo.InvariantCulture)}} : HyperModel<object>
        {
            private const int Revision = 0;

            [IntRange(1, 8)]
            public partial int Layers { get; }

            [IntRange(16, 512, Step = 16, Default = 64)]
            public partial int Units { get; }

            [FloatRange(1e-5, 1e-1, Sampling = Sampling.Log, Default = 1e-3)]
            public partial double LearningRate { get; }

            [Choice("relu", "tanh", "gelu")]
            public partial string Activation { get; }

            [Boolean]
            public partial bool UseDropout { get; }

            [ActiveWhen(nameof(UseDropout), true)]
            [FloatRange(0.1, 0.5, Step = 0.1)]
            public partial double DropoutRate { get; }

            public override object Build(HyperParameters hyperParameters) => Revision + Layers;
        }
        """;
}
