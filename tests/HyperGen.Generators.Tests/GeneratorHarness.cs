extern alias generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using HyperModelGenerator = generators::HyperGen.Generators.HyperModelGenerator;

namespace HyperGen.Generators.Tests;

/// <summary>Runs the generator over in-memory sources compiled against .NET 10 and the HyperGen runtime.</summary>
internal static class GeneratorHarness
{
    /// <summary>The parse options of every input and generated tree: the latest C# version.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The .NET 10 reference assemblies plus the HyperGen runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(HyperModel<>).Assembly.Location),
    ];

    /// <summary>Creates a library compilation of <paramref name="sources"/> with nullable references enabled.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, $"Input{index}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// Creates a driver for the generator; with step tracking, run results contain each step's run reasons.
    /// </summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new HyperModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorOutput(driver.GetRunResult().Results.Single(), output);
    }
}

/// <summary>The result of one generator run and the compilation that includes the generated files.</summary>
internal sealed record GeneratorOutput(GeneratorRunResult Result, Compilation Compilation)
{
    /// <summary>The generated files by hint name, in ordinal order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Files =>
        Result.GeneratedSources
            .OrderBy(source => source.HintName, StringComparer.Ordinal)
            .Select(source => KeyValuePair.Create(source.HintName, source.SourceText.ToString()))
            .ToList();

    /// <summary>All generated files in one text, each preceded by a <c>// File: hint name</c> line.</summary>
    public string CombinedText => string.Join("\n", Files.Select(file => $"// File: {file.Key}\n{file.Value}"));

    /// <summary>The single generated file's text.</summary>
    public string SingleFile => Assert.Single(Files).Value;

    /// <summary>Warnings and errors of the compilation including generated code, one per line.</summary>
    public string DescribeProblems() =>
        string.Join(
            "\n",
            Compilation.GetDiagnostics()
                .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
                .Select(diagnostic => diagnostic.ToString()));
}
