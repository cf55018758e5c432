using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// The valid models of the repository, read from their files, produce no HyperGen diagnostic: the Digits sample's
/// model and every source of the generator tests' <c>TestSources.cs</c>.
/// </summary>
public sealed class ValidCorpusTests
{
    [Fact]
    public void DigitsModel_ReportsNothing()
    {
        string path = Path.Combine(AnalyzerHarness.FindRepositoryRoot(), "samples", "Digits", "DigitsModel.cs");

        var diagnostics = AnalyzerHarness.Analyze(File.ReadAllText(path));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void GeneratorTestSources_ReportNothing()
    {
        var sources = ReadTestSources();

        Assert.True(sources.Count >= 5, $"Only {sources.Count} sources were read from TestSources.cs.");
        foreach (var source in sources)
        {
            var diagnostics = AnalyzerHarness.Analyze(source);
            Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics) + "\nin:\n" + source);
        }
    }

    /// <summary>
    /// Reads the raw string literals of the generator tests' <c>TestSources.cs</c>, putting the <c>Build</c>
    /// override in place of each <c>{{Build}}</c> hole.
    /// </summary>
    private static List<string> ReadTestSources()
    {
        string path = Path.Combine(
            AnalyzerHarness.FindRepositoryRoot(), "tests", "HyperGen.Generators.Tests", "TestSources.cs");
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
        const string build = "public override object Build(HyperParameters hyperParameters) => new object();";
        var sources = new List<string>();
        foreach (var literal in root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>())
        {
            var parts = literal.Contents.Select(content => content switch
            {
                InterpolatedStringTextSyntax text => text.TextToken.ValueText,
                _ => build,
            });
            string source = string.Concat(parts);
            if (source.Contains("HyperModel<", System.StringComparison.Ordinal))
            {
                sources.Add(source);
            }
        }

        return sources;
    }
}
