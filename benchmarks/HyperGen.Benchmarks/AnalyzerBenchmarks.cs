extern alias analyzers;
extern alias generators;

using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DiagnosticIds = analyzers::HyperGen.Analyzers.DiagnosticIds;
using HyperModelGenerator = generators::HyperGen.Generators.HyperModelGenerator;

namespace HyperGen.Benchmarks;

/// <summary>
/// Times every HyperGen analyzer over <see cref="HyperModelCorpus.ModelCount"/> hypermodels and their generated code:
/// a new <see cref="CompilationWithAnalyzers"/> over the whole compilation (cold, as a build runs them), and the
/// analysis of the one edited file after a one-line edit (as an editor reanalyzes the open document).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(DiagnosticIds).Assembly
        .GetTypes()
        .Where(type => !type.IsAbstract
            && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
            && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    private Compilation _withGenerated = null!;
    private Compilation _compilation = null!;
    private int _version;

    /// <summary>Builds the corpus and adds the generated code once.</summary>
    [GlobalSetup]
    public void CreateCorpus()
    {
        CSharpGeneratorDriver.Create([new HyperModelGenerator().AsSourceGenerator()], parseOptions: HyperModelCorpus.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(HyperModelCorpus.CreateCompilation(), out _withGenerated, out _);
    }

    /// <summary>Gives each run a copy of the compilation without cached symbols or bound trees.</summary>
    [IterationSetup(Target = nameof(Cold))]
    public void PrepareCold() => _compilation = _withGenerated.Clone();

    /// <summary>Replaces the edited model's file by one with a changed attribute argument.</summary>
    [IterationSetup(Target = nameof(EditedFile))]
    public void PrepareEdit() =>
        _compilation = HyperModelCorpus.ReplaceEditedTree((CSharpCompilation)_withGenerated, editAttribute: true, _version++);

    /// <summary>Runs every analyzer over the whole compilation.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> Cold() => _compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();

    /// <summary>Runs every analyzer over the edited file only.</summary>
    [Benchmark]
    public async Task<ImmutableArray<Diagnostic>> EditedFile()
    {
        var tree = _compilation.SyntaxTrees.Single(tree => tree.FilePath.EndsWith(HyperModelCorpus.EditedFilePath, StringComparison.Ordinal));
        var analysis = _compilation.WithAnalyzers(Analyzers);
        return await analysis.GetAnalyzerSemanticDiagnosticsAsync(_compilation.GetSemanticModel(tree), filterSpan: null, System.Threading.CancellationToken.None);
    }
}
