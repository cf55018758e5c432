using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static HyperGen.Analyzers.Tests.AnalyzerHarness;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// The dynamic <c>Choice</c> check reads its values from every list form whose elements are known at compile time,
/// and leaves a list unchecked when an element or the list itself can change. The source marks the expected span with
/// <c>[|...|]</c>.
/// </summary>
public sealed class ChoiceListTests
{
    private const string List = "System.Collections.Generic.List<string>";

    public static readonly TheoryData<string, string> CheckedCalls = new()
    {
        { "hp.Choice(\"act\", new[] { \"relu\", [|\"relu\"|] })", "HG0302" },
        { "hp.Choice(\"act\", new string[] { \"relu\", [|\"relu\"|] })", "HG0302" },
        { "hp.Choice(\"act\", new string[2] { \"relu\", [|\"relu\"|] })", "HG0302" },
        { "hp.Choice(\"act\", [\"relu\", [|\"relu\"|]])", "HG0302" },
        { "hp.Choice(\"act\", values: new[] { \"relu\", [|\"relu\"|] })", "HG0302" },
        { "hp.Choice(\"act\", (System.Collections.Generic.IReadOnlyList<string>)new[] { \"relu\", [|\"relu\"|] })", "HG0302" },
        { "hp.Choice(\"units\", new double[] { 1, [|1.0|] })", "HG0302" },
        { $"hp.Choice(\"act\", new {List} {{ \"relu\", [|\"relu\"|] }})", "HG0302" },
        { $"hp.Choice(\"act\", new {List}(4) {{ \"relu\", [|\"relu\"|] }})", "HG0302" },
        { $"hp.Choice(\"act\", new {List} {{ \"relu\" }}, [|@default: \"gelu\"|])", "HG0203" },
        { "hp.Choice(\"act\", [|new string[0]|])", "HG0301" },
        { "hp.Choice(\"act\", [|new string[] { }|])", "HG0301" },
        { $"hp.Choice(\"act\", [|new {List}()|])", "HG0301" },
    };

    [Theory]
    [MemberData(nameof(CheckedCalls))]
    public void ChoiceList_ConstantForm_ReportsDiagnostic(string call, string id)
    {
        var (source, span) = ParseMarkup(Wrap(call));

        var diagnostic = Assert.Single(Analyze(source));

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Theory]
    [InlineData("hp.Choice(\"act\", new[] { \"relu\", System.Environment.MachineName, \"relu\" })")]
    [InlineData("hp.Choice(\"act\", new string[2])")]
    [InlineData("hp.Choice(\"act\", new string[System.Environment.ProcessorCount])")]
    [InlineData($"hp.Choice(\"act\", new {List}(new[] {{ \"relu\", \"relu\" }}))")]
    [InlineData($"hp.Choice(\"act\", new {List} {{ \"relu\", System.Environment.MachineName, \"relu\" }})")]
    [InlineData("string[] other = [\"relu\"]; hp.Choice(\"act\", [\"relu\", .. other])")]
    [InlineData("string[] acts = [\"relu\", \"relu\"]; hp.Choice(\"act\", acts)")]
    [InlineData("hp.Choice(\"act\", System.Array.Empty<string>())")]
    [InlineData("hp.Choice(\"act\", new[] { \"relu\", \"tanh\" }.ToList())")]
    public void ChoiceList_NotConstant_ReportsNothing(string call)
    {
        var diagnostics = Analyze(Wrap(call));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void ChoiceList_ObjectArray_OnlyCompilerError()
    {
        // Choice takes an IReadOnlyList of string, int, double or bool, so no overload accepts an object[].
        string source = Wrap("hp.Choice(\"act\", new object[] { \"relu\", \"relu\" })");

        var diagnostics = Analyze(source);

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
        Assert.Contains("CS1503", CompilerErrors(source));
    }

    public static readonly TheoryData<string, string, string> CheckedFields = new()
    {
        { "private static readonly string[] Activations = { \"relu\", \"relu\" };", "hp.Choice(\"act\", [|Activations|])", "HG0302" },
        { "private static readonly string[] Activations = [\"relu\", \"relu\"];", "hp.Choice(\"act\", [|Calls.Activations|])", "HG0302" },
        { "private static readonly string[] Activations = new string[] { };", "hp.Choice(\"act\", [|Activations|])", "HG0301" },
        { "private static readonly int[] Units = new[] { 32, 64, 64 };", "hp.Choice(\"units\", [|Units|])", "HG0302" },
        { "private static readonly System.Collections.Generic.IReadOnlyList<string> Activations = new[] { \"relu\", \"relu\" };", "hp.Choice(\"act\", [|Activations|])", "HG0302" },
        { $"private static readonly {List} Activations = new() {{ \"relu\", \"relu\" }};", "hp.Choice(\"act\", [|Activations|])", "HG0302" },
        { "private static readonly string[] Activations = [\"relu\", \"tanh\"];", "hp.Choice(\"act\", Activations, [|@default: \"gelu\"|])", "HG0203" },
    };

    [Theory]
    [MemberData(nameof(CheckedFields))]
    public void ChoiceList_StaticReadonlyField_ReportsAtArgument(string field, string call, string id)
    {
        var (source, span) = ParseMarkup(Wrap(call, field));

        var diagnostic = Assert.Single(Analyze(source));

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void ChoiceList_SharedField_ReportsEachCall()
    {
        string field = "private static readonly string[] Activations = { \"relu\", \"relu\" };";

        var diagnostics = Analyze(Wrap("hp.Choice(\"act\", Activations); hp.Choice(\"head\", Activations)", field));

        Assert.Equal(["HG0302", "HG0302"], diagnostics.Select(diagnostic => diagnostic.Id));
        Assert.NotEqual(diagnostics[0].Location.SourceSpan, diagnostics[1].Location.SourceSpan);
    }

    [Theory]
    [InlineData("public static readonly string[] Activations = { \"relu\", \"relu\" };")]
    [InlineData("internal static readonly string[] Activations = { \"relu\", \"relu\" };")]
    [InlineData("private static string[] Activations = { \"relu\", \"relu\" };")]
    [InlineData("private static readonly string[] Activations = { \"relu\", System.Environment.MachineName, \"relu\" };")]
    [InlineData("private static readonly string[] Activations;")]
    [InlineData("private static readonly string[] Activations = { \"relu\", \"relu\" }; static Calls() { Activations = [\"relu\", \"tanh\"]; }")]
    [InlineData("private static readonly string[] Activations = { \"relu\", \"relu\" }; public static void Change() => Activations[1] = \"tanh\";")]
    [InlineData("private static readonly string[] Activations = { \"relu\", \"relu\" }; public static void Change() => System.Array.Fill(Activations, \"tanh\");")]
    [InlineData("private static readonly string[] Activations = { \"relu\", \"relu\" }; private static class Nested { public static void Change() => Activations[1] = \"tanh\"; }")]
    public void ChoiceList_FieldThatCanChange_ReportsNothing(string field)
    {
        var diagnostics = Analyze(Wrap("hp.Choice(\"act\", Activations)", field));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void ChoiceList_FieldInOtherFile_ReportsNothing()
    {
        string otherPart = """
            public static partial class Calls
            {
                private static readonly string[] Activations = { "relu", "relu" };
            }
            """;

        var diagnostics = Analyze(Wrap("hp.Choice(\"act\", Activations)"), otherPart);

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void ChoiceList_FieldUsedInOtherFile_ReportsNothing()
    {
        string otherPart = """
            public static partial class Calls
            {
                public static void Change() => Activations[1] = "tanh";
            }
            """;
        string field = "private static readonly string[] Activations = { \"relu\", \"relu\" };";

        var diagnostics = Analyze(Wrap("hp.Choice(\"act\", Activations)", field), otherPart);

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    private static string[] CompilerErrors(string source) =>
        CSharpCompilation.Create(
                "Errors",
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
                [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(HyperModel<>).Assembly.Location)])
            .GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => diagnostic.Id)
            .ToArray();

    private static string Wrap(string call, string members = "") => $$"""
        using System.Linq;
        using HyperGen;

        public static partial class Calls
        {
            {{members}}

            public static void Declare(HyperParameters hp)
            {
                {{call}};
            }
        }
        """;
}
