using System.Linq;
using Xunit;
using static HyperGen.Analyzers.Tests.AnalyzerHarness;

namespace HyperGen.Analyzers.Tests;

/// <summary>Calls of the dynamic API with constant arguments get the same diagnostics as attributes.</summary>
public sealed class DynamicApiTests
{
    public static readonly TheoryData<string, string> Cases = new()
    {
        { "hp.Int[|(\"units\", 512, 32)|]", "HG0101" },
        { "hp.Int(\"units\", 0, 10, [|step: 0|])", "HG0103" },
        { "hp.Float(\"lr\", [|0|], 1, sampling: Sampling.Log)", "HG0106" },
        { "hp.Float(\"lr\", 0.001, 1, [|step: 0.5|], sampling: Sampling.Log)", "HG0107" },
        { "hp.Int(\"units\", 0, 10, [|@default: 11|])", "HG0201" },
        { "hp.Int(\"units\", 32, 512, 32, [|@default: 100|])", "HG0202" },
        { "hp.Int(\"units\", 0, 10, [|step: 3|])", "HG0105" },
        { "hp.Int[|(\"units\", 5, 5)|]", "HG0102" },
        { "hp.Choice(\"act\", [\"relu\", \"tanh\"], [|@default: \"gelu\"|])", "HG0203" },
        { "hp.Choice(\"act\", [|new string[] { }|])", "HG0301" },
        { "hp.Choice(\"act\", [\"relu\", [|\"relu\"|]])", "HG0302" },
        { "hp.Choice(\"units\", new[] { 1, 2, [|2|] })", "HG0302" },
        { "hp.Fixed(\"scale\", [|1.5f|])", "HG0304" },
        { "hp.Fixed(\"scale\", [|double.NaN|])", "HG0110" },
        { "hp.Boolean([|\" \"|])", "HG0401" },
        { "hp.Int(\"units\", 1, 10, [|sampling: (Sampling)7|])", "HG0111" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DynamicCall_ReportsDiagnostic(string call, string id)
    {
        var (source, span) = ParseMarkup(Wrap(call));

        var diagnostic = Assert.Single(Analyze(source));

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void DynamicCall_MessageNamesHyperParameter()
    {
        var diagnostic = Assert.Single(Analyze(Wrap("hp.Int(\"units\", 512, 32)")));

        Assert.Equal(
            "Hyperparameter 'units': min 512 is greater than max 32; swap the bounds",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DynamicCall_ValidOrNonConstant_ReportsNothing()
    {
        var diagnostics = Analyze(Wrap("""
            hp.Int("units", 32, 512, step: 32, @default: 128);
            hp.Float("lr", 1e-4, 1e-2, sampling: Sampling.Log);
            hp.Choice("act", ["relu", "tanh"], @default: "tanh");
            hp.Choice("units", new[] { 1, 2, 4 });
            hp.Boolean("shuffle");
            hp.Fixed("epochs", 10);
            int max = System.Environment.ProcessorCount;
            hp.Int("workers", 100, max)
            """));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    private static string Wrap(string call) => $$"""
        using HyperGen;

        public static class Calls
        {
            public static void Declare(HyperParameters hp)
            {
                {{call}};
            }
        }
        """;
}
