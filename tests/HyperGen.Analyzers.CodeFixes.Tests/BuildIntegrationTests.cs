using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace HyperGen.Analyzers.CodeFixes.Tests;

/// <summary>
/// Builds a scratch class library that uses the runtime, the generator and the analyzers the way a user project does,
/// with <c>dotnet build</c>, and reads the diagnostics from MSBuild's output.
/// </summary>
/// <remarks>
/// One model has a duplicate choice (HG0302, a warning), so its property is still generated. The other has a range
/// with min greater than max (HG0101, an error), so its property gets an accessor that throws. In both, the severity
/// that <c>.editorconfig</c> sets alone decides whether the build passes, and the compiler reports no missing
/// implementation part (CS9248), which would stop the build before the analyzers run. A third model's property has a
/// setter (HG0005), so the generator implements both accessors with throwing ones and the build fails on HG0005 alone.
/// </remarks>
[Trait("Category", "Build")]
public sealed class BuildIntegrationTests : IDisposable
{
    private const string DuplicateChoiceSource = """
        using HyperGen;

        namespace Scratch;

        public partial class ScratchModel : HyperModel<object>
        {
            [Choice("relu", "tanh", "relu")]
            public partial string Activation { get; }

            public override object Build(HyperParameters hyperParameters) => Activation;
        }
        """;

    private const string InvalidRangeSource = """
        using HyperGen;

        namespace Scratch;

        public partial class ScratchModel : HyperModel<object>
        {
            [IntRange(8, 1)]
            public partial int Units { get; }

            public override object Build(HyperParameters hyperParameters) => Units;
        }
        """;

    private const string SetterSource = """
        using HyperGen;

        namespace Scratch;

        public partial class ScratchModel : HyperModel<object>
        {
            [IntRange(1, 8)]
            public partial int Units { get; set; }

            public override object Build(HyperParameters hyperParameters) => Units;
        }
        """;

    private static readonly Regex DiagnosticLine = new(
        @"^[ \t]*(?<path>[^\s(][^(\r\n]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>HG\d{4}):",
        RegexOptions.Multiline);

    private readonly string _directory = Directory.CreateTempSubdirectory("hypergen-build-").FullName;

    /// <summary>Deletes the scratch project.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EditorConfigSeverity_DecidesBuildResult()
    {
        WriteProject(DuplicateChoiceSource);

        // Raised to an error, the duplicate fails the build at the second "relu": line 7, column 29.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.HG0302.severity = error\n");
        var (failedExitCode, failedOutput) = RunBuild();
        var errors = ParseDiagnostics(failedOutput).Where(diagnostic => diagnostic.Id == "HG0302").ToList();
        Assert.NotEqual(0, failedExitCode);
        var error = Assert.Single(errors.DistinctBy(diagnostic => (diagnostic.Path, diagnostic.Line, diagnostic.Column)));
        Assert.Equal("error", error.Severity);
        Assert.Equal(Path.Combine(_directory, "ScratchModel.cs"), error.Path);
        Assert.Equal(7, error.Line);
        Assert.Equal(29, error.Column);
        Assert.DoesNotContain("CS9248", failedOutput, StringComparison.Ordinal);

        // Lowered to none, the same project builds and the diagnostic is gone.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.HG0302.severity = none\n");
        var (passedExitCode, passedOutput) = RunBuild();
        Assert.True(passedExitCode == 0, passedOutput);
        Assert.DoesNotContain("HG0302", passedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidRange_FailsWithAnalyzerErrorUntilLowered()
    {
        WriteProject(InvalidRangeSource);

        // By default HG0101 is an error at the attribute's argument list: line 7, column 14.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n");
        var (failedExitCode, failedOutput) = RunBuild();
        var errors = ParseDiagnostics(failedOutput).Where(diagnostic => diagnostic.Id == "HG0101").ToList();
        Assert.NotEqual(0, failedExitCode);
        var error = Assert.Single(errors.DistinctBy(diagnostic => (diagnostic.Path, diagnostic.Line, diagnostic.Column)));
        Assert.Equal("error", error.Severity);
        Assert.Equal(Path.Combine(_directory, "ScratchModel.cs"), error.Path);
        Assert.Equal(7, error.Line);
        Assert.Equal(14, error.Column);
        Assert.DoesNotContain("CS9248", failedOutput, StringComparison.Ordinal);

        // Lowered to a warning, the same project builds and still shows the diagnostic.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.HG0101.severity = warning\n");
        var (warnedExitCode, warnedOutput) = RunBuild();
        Assert.True(warnedExitCode == 0, warnedOutput);
        Assert.Contains("warning HG0101", warnedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("CS9248", warnedOutput, StringComparison.Ordinal);

        // Lowered to none, the project builds without the diagnostic.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.HG0101.severity = none\n");
        var (passedExitCode, passedOutput) = RunBuild();
        Assert.True(passedExitCode == 0, passedOutput);
        Assert.DoesNotContain("HG0101", passedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyWithSetter_FailsWithAnalyzerError()
    {
        WriteProject(SetterSource);

        // HG0005 is reported at the property name, line 8, column 24, and no CS9248 stops the build before it.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n");
        var (exitCode, output) = RunBuild();
        var errors = ParseDiagnostics(output).Where(diagnostic => diagnostic.Id == "HG0005").ToList();
        Assert.NotEqual(0, exitCode);
        var error = Assert.Single(errors.DistinctBy(diagnostic => (diagnostic.Path, diagnostic.Line, diagnostic.Column)));
        Assert.Equal("error", error.Severity);
        Assert.Equal(Path.Combine(_directory, "ScratchModel.cs"), error.Path);
        Assert.Equal(8, error.Line);
        Assert.Equal(24, error.Column);
        Assert.DoesNotContain("CS9248", output, StringComparison.Ordinal);
    }

    private void WriteProject(string modelSource)
    {
        string root = FindRepositoryRoot();
        string project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(root, "src", "HyperGen", "HyperGen.csproj")}" />
                <ProjectReference Include="{Path.Combine(root, "generators", "HyperGen.Generators", "HyperGen.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{Path.Combine(root, "analyzers", "HyperGen.Analyzers", "HyperGen.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """;
        File.WriteAllText(Path.Combine(_directory, "Scratch.csproj"), project);
        File.WriteAllText(Path.Combine(_directory, "ScratchModel.cs"), modelSource.ReplaceLineEndings("\n"));
    }

    private (int ExitCode, string Output) RunBuild()
    {
        var start = new ProcessStartInfo("dotnet", ["build", "-nologo", "-clp:NoSummary", "-p:UseSharedCompilation=false"])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build timed out after 5 minutes");

        return (process.ExitCode, output + error.Result);
    }

    private static List<(string Path, int Line, int Column, string Severity, string Id)> ParseDiagnostics(string output) =>
        DiagnosticLine.Matches(output)
            .Select(match => (
                match.Groups["path"].Value.Trim(),
                int.Parse(match.Groups["line"].Value),
                int.Parse(match.Groups["column"].Value),
                match.Groups["severity"].Value,
                match.Groups["id"].Value))
            .ToList();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"HyperGen.sln was not found above {AppContext.BaseDirectory}.");
    }
}
