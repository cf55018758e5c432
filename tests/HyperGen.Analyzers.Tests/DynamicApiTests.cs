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

    [Theory]
    [InlineData("hp.Int(\"\", 1, 2)", "The hp.Int call")]
    [InlineData("hp.Boolean(\" \")", "The hp.Boolean call")]
    public void DynamicCall_EmptyName_MessageNamesCall(string call, string subject)
    {
        var diagnostic = Assert.Single(Analyze(Wrap(call)));

        Assert.Equal("HG0401", diagnostic.Id);
        Assert.StartsWith(subject + ": the hyperparameter name ", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
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

    public static readonly TheoryData<string> Redefinitions = new()
    {
        "hp.Int([|\"learning_rate\"|], 1, 2)",
        "hp.Boolean([|\"learning_rate\"|])",
        "hp.Float([|\"learning_rate\"|], 0.2, 1)",
        "hp.Int([|\"units\"|], 1, 4, step: 3)",
        "hp.Float([|\"learning_rate\"|], 0.1, 1, sampling: Sampling.Log)",
        "hp.Int([|\"units\"|], 1, 8)",
        "hp.Choice([|\"activation\"|], [\"relu\", \"gelu\"])",
        "hp.Choice([|\"activation\"|], [\"relu\"])",
        "hp.Choice([|\"activation\"|], [\"relu\", \"tanh\"], @default: \"tanh\")",
        "hp.Boolean([|\"shuffle\"|], true)",
        "hp.Fixed([|\"epochs\"|], 20)",
        "hp.Fixed([|\"epochs\"|], \"10\")",
        "hp.Int([|\"base_width\"|], 1, 8)",
    };

    [Theory]
    [MemberData(nameof(Redefinitions))]
    public void DynamicCall_RedefinesAttributeName_ReportsHG0402(string call)
    {
        var (source, span) = ParseMarkup(WrapInModel(call));

        var diagnostic = Assert.Single(Analyze(source));

        Assert.Equal("HG0402", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void DynamicCall_RedefinesAttributeName_MessageNamesCallAndProperty()
    {
        var diagnostic = Assert.Single(Analyze(WrapInModel("hp.Int(\"learning_rate\", 1, 2)")));

        Assert.Equal(
            "The hp.Int call: hyperparameter name \"learning_rate\" is already used by 'LearningRate'; the definitions "
                + "differ, so the runtime rejects the call; pass a unique name, or read 'LearningRate' instead",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("hp.Int(\"num_layers\", 1, 3)")]
    [InlineData("hp.Float(\"learning_rate\", 0.1, 1)")]
    [InlineData("hp.Float(\"learning_rate\", 0.1, 1.0, @default: 0.5)")]
    [InlineData("hp.Int(\"units\", 1, 4)")]
    [InlineData("hp.Choice(\"activation\", [\"relu\", \"tanh\"])")]
    [InlineData("hp.Boolean(\"shuffle\")")]
    [InlineData("hp.Fixed(\"epochs\", 10)")]
    [InlineData("hp.Fixed(\"epochs\", 10.0)")]
    [InlineData("hp.Float(\"learning_rate\", 0.1, System.Environment.ProcessorCount)")]
    [InlineData("hp.Int(\"units\", 1, 4, step: 1)")]
    [InlineData("hp.Choice(\"activation\", [\"relu\", \"tanh\"], @default: \"relu\")")]
    public void DynamicCall_SameDefinitionOrOtherName_ReportsNothing(string call)
    {
        var diagnostics = Analyze(WrapInModel(call));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void DynamicCall_OutsideHyperModel_ReportsNothing()
    {
        var diagnostics = Analyze(Wrap("hp.Int(\"learning_rate\", 1, 2)"));

        Assert.Empty(diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public void DynamicCall_NameOfUndeclaredProperty_ReportsNoRedefinition()
    {
        string invalid = "[FloatRange(1, 0.5)] public partial double Skipped { get; }";

        var diagnostics = Analyze(WrapInModel("hp.Int(\"skipped\", 1, 2)", invalid));

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "HG0402");
        Assert.Contains(diagnostics, diagnostic => diagnostic.Id == "HG0101");
    }

    private static string WrapInModel(string call, string extraMember = "") => $$"""
        using HyperGen;

        public partial class BaseModel : HyperModel<object>
        {
            [IntRange(1, 4)] public partial int BaseWidth { get; }

            public override object Build(HyperParameters hp) => new object();
        }

        public partial class Model : BaseModel
        {
            [FloatRange(0.1, 1)] public partial double LearningRate { get; }
            [IntRange(1, 4, Step = 1)] public partial int Units { get; }
            [Choice("relu", "tanh", Default = "relu")] public partial string Activation { get; }
            [Boolean] public partial bool Shuffle { get; }
            [Fixed(10)] public partial int Epochs { get; }
            {{extraMember}}

            public override object Build(HyperParameters hp)
            {
                {{call}};
                return new object();
            }
        }
        """;

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
