extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using AnalyzerTypes = analyzers::HyperGen.Analyzers;

namespace HyperGen.Analyzers.Tests;

/// <summary>Runs every HyperGen analyzer over in-memory sources compiled against .NET 10 and the runtime.</summary>
internal static class AnalyzerHarness
{
    /// <summary>All analyzers of the HyperGen.Analyzers assembly.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> All =
    [
        new AnalyzerTypes.HyperModelDeclarationAnalyzer(),
        new AnalyzerTypes.SearchAttributeAnalyzer(),
        new AnalyzerTypes.HyperParameterNameAnalyzer(),
        new AnalyzerTypes.ConditionAnalyzer(),
        new AnalyzerTypes.DynamicHyperParameterAnalyzer(),
    ];

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(HyperModel<>).Assembly.Location),
    ];

    /// <summary>
    /// Returns the HyperGen diagnostics of <paramref name="sources"/>, ordered by position. An exception thrown by an
    /// analyzer fails the call, because the compilation reports it as diagnostic AD0001.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Analyze(params string[] sources)
    {
        var trees = sources.Select((source, index) =>
            CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), $"Input{index}.cs"));
        var compilation = CSharpCompilation.Create(
            "AnalyzerInput",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers(All, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var failures = diagnostics.Where(diagnostic => diagnostic.Id is "AD0001" or "AD0002").ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("An analyzer failed:\n" + string.Join("\n", failures));
        }

        return diagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("HG", StringComparison.Ordinal))
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToList();
    }

    /// <summary>
    /// Removes the one <c>[|...|]</c> marker from <paramref name="markup"/> and returns the source and the marked span.
    /// </summary>
    public static (string Source, TextSpan Span) ParseMarkup(string markup)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The markup has no [|...|] span.", nameof(markup));
        }

        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }

    /// <summary>Wraps members in a valid partial hypermodel class named <c>Model</c>.</summary>
    public static string Model(string members) => $$"""
        using HyperGen;

        namespace Samples;

        public partial class Model : HyperModel<object>
        {
            {{members}}

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """;

    /// <summary>Returns the repository root: the first folder above the test assembly that contains HyperGen.sln.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("HyperGen.sln was not found above " + AppContext.BaseDirectory);
    }
}
