extern alias analyzers;
extern alias generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DiagnosticIds = analyzers::HyperGen.Analyzers.DiagnosticIds;
using HyperModelGenerator = generators::HyperGen.Generators.HyperModelGenerator;

namespace HyperGen.Analyzers.CodeFixes.Tests;

/// <summary>Runs the generator and then every HyperGen analyzer over one source, collecting their failures.</summary>
internal static class AnalyzerRunner
{
    /// <summary>The parse options of every input: the latest C# version.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>One instance of every analyzer type in the analyzer assembly.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(DiagnosticIds).Assembly
        .GetTypes()
        .Where(type => !type.IsAbstract
            && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
            && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>
    /// Runs the generator and the analyzers over <paramref name="source"/> and returns a description of every
    /// generator exception, analyzer exception and AD0001 diagnostic; an empty list when there was none.
    /// </summary>
    public static async Task<List<string>> FindFailuresAsync(string source) => (await RunAsync(source)).Failures;

    /// <summary>Runs the generator and the analyzers over <paramref name="source"/> and returns the analyzer diagnostics.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source) => (await RunAsync(source)).Diagnostics;

    /// <summary>
    /// Runs the generator and the analyzers over <paramref name="source"/> and returns the compiler's and the
    /// analyzers' diagnostics.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAllDiagnosticsAsync(string source) =>
        (await RunAsync(source, includeCompilerDiagnostics: true)).Diagnostics;

    private static async Task<(List<string> Failures, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(
        string source, bool includeCompilerDiagnostics = false)
    {
        var failures = new List<string>();
        var compilation = CSharpCompilation.Create(
            "RobustnessInput",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, "Input.cs")],
            CodeFixHarness.References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new HyperModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        foreach (var result in driver.GetRunResult().Results.Where(result => result.Exception is not null))
        {
            failures.Add($"generator: {result.Exception}");
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = withGenerated.WithAnalyzers(Analyzers, options);
        var diagnostics = includeCompilerDiagnostics
            ? await withAnalyzers.GetAllDiagnosticsAsync()
            : await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        failures.AddRange(diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").Select(diagnostic => diagnostic.ToString()));

        return (failures, diagnostics);
    }
}
