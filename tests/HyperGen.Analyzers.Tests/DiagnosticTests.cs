using System.Globalization;
using System.Linq;
using Xunit;
using static HyperGen.Analyzers.Tests.AnalyzerHarness;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// At least one case per diagnostic: the source marks the expected span with <c>[|...|]</c>, and the message must be
/// the descriptor's format filled with the expected arguments. Spans: the class name for class rules, the property name
/// for property-shape rules, the attribute for type and attribute-count rules, the argument at fault for a bad value,
/// and the whole argument list when both bounds are at fault.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Int = "public partial int P { get; }";
    private const string Double = "public partial double P { get; }";
    private const string String = "public partial string P { get; }";

    public static readonly TheoryData<string, string, string[]> Cases = new()
    {
        { "HG0001", "using HyperGen; public class [|M|] : HyperModel<object> { [Boolean] public partial bool B { get; } " + "public override object Build(HyperParameters h) => new object(); }", ["M", "M"] },
        { "HG0002", "using HyperGen; public partial class [|M|] { [Boolean] public partial bool B { get; } }", ["M"] },
        { "HG0003", Model("[IntRange(1, 4)] public int [|P|] { get; }"), ["P", "int"] },
        { "HG0004", Model("[IntRange(1, 4)] public static partial int [|P|] { get; }"), ["P"] },
        { "HG0005", Model("[IntRange(1, 4)] public partial int [|P|] { get; init; }"), ["P", "init"] },
        { "HG0006", Model("[[|IntRange(1, 4)|]] " + Double), ["P", "double", "[IntRange]", "change the property type to int, or use [FloatRange] for double"] },
        { "HG0006", Model("[[|IntRange(1, 4)|]] public partial long P { get; }"), ["P", "long", "[IntRange]", "change the property type to int"] },
        { "HG0006", Model("[[|IntRange(1, 4)|]] public partial float P { get; }"), ["P", "float", "[IntRange]", "change the property type to int, or change it to double and use [FloatRange]"] },
        { "HG0006", Model("[[|FloatRange(1, 4)|]] " + Int), ["P", "int", "[FloatRange]", "change the property type to double, or use [IntRange] for int"] },
        { "HG0006", Model("[[|FloatRange(1, 4)|]] public partial long P { get; }"), ["P", "long", "[FloatRange]", "change the property type to double"] },
        { "HG0006", Model("[[|FloatRange(1, 4)|]] public partial float P { get; }"), ["P", "float", "[FloatRange]", "change the property type to double"] },
        { "HG0007", Model("[IntRange(1, 4)][[|Choice(1, 2)|]] " + Int), ["P", "IntRange", "Choice"] },
        { "HG0008", "using HyperGen; public partial class [|M|] : HyperModel<object> { [Boolean] public partial bool B { get; } " + "public override void DeclareHyperParameters(HyperParameters h) { } public override object Build(HyperParameters h) => new object(); }", ["M"] },
        { "HG0009", "using HyperGen; public partial class [|M|] : HyperModel<object> { [Boolean] public partial bool B { get; } " + "public int Values => 0; public override object Build(HyperParameters h) => new object(); }", ["M"] },
        { "HG0101", Model("[IntRange[|(512, 32)|]] " + Int), ["Property 'P'", "512", "32"] },
        { "HG0102", Model("[FloatRange[|(0.5, 0.5)|]] " + Double), ["Property 'P'", "0.5"] },
        { "HG0103", Model("[IntRange(0, 10, [|Step = 0|])] " + Int), ["Property 'P'", "0"] },
        { "HG0104", Model("[IntRange(0, 10, [|Step = 20|])] " + Int), ["Property 'P'", "20", "0", "10", "10"] },
        { "HG0105", Model("[IntRange(0, 10, [|Step = 3|])] " + Int), ["Property 'P'", "3", "0", "10", "10", "9", "9"] },
        { "HG0105", Model("[IntRange(1, 100, [|Step = 3|], Sampling = Sampling.ReverseLog)] " + Int), ["Property 'P'", "3", "1", "100", "1", "20", "81"] },
        { "HG0105", Model("[FloatRange(1, 100, [|Step = 3|], Sampling = Sampling.ReverseLog)] " + Double), ["Property 'P'", "3", "1", "100", "1", "20", "81"] },
        { "HG0106", Model("[FloatRange([|0|], 1, Sampling = Sampling.Log)] " + Double), ["Property 'P'", "Log", "0"] },
        { "HG0107", Model("[FloatRange(0.001, 1, [|Step = 0.5|], Sampling = Sampling.Log)] " + Double), ["Property 'P'", "Log", "0.5"] },
        { "HG0108", Model("[IntRange(16, 512, [|Step = 100|], Sampling = Sampling.Log)] " + Int), ["Property 'P'", "Log", "100", "16", "512", "[16]"] },
        { "HG0109", Model("[IntRange(0, [|3000000000|])] " + Int), ["Property 'P'", "max", "3000000000"] },
        { "HG0110", Model("[FloatRange(0, 1, [|Default = double.NaN|])] " + Double), ["Property 'P'", "default", "NaN"] },
        { "HG0111", Model("[IntRange(1, 10, [|Sampling = (Sampling)7|])] " + Int), ["Property 'P'", "(Sampling)7"] },
        { "HG0201", Model("[IntRange(0, 10, [|Default = 11|])] " + Int), ["Property 'P'", "11", "0", "10", "10"] },
        { "HG0202", Model("[IntRange(32, 512, Step = 32, [|Default = 100|])] " + Int), ["Property 'P'", "100", "32", "32", "96"] },
        { "HG0203", Model("[Choice(1, 2, [|Default = 3|])] " + Int), ["Property 'P'", "3", "[1, 2]"] },
        { "HG0301", Model("[[|Choice|]] " + String), ["Property 'P'"] },
        { "HG0302", Model("[Choice(\"a\", \"b\", [|\"a\"|])] " + String), ["Property 'P'", "\"a\""] },
        { "HG0303", Model("[Choice(\"a\", [|1|])] " + String), ["Property 'P'", "string", "int", "[\"a\", 1]"] },
        { "HG0304", Model("[Choice([|\"a\"|], \"b\")] " + Int), ["Property 'P'", "\"a\"", "int"] },
        { "HG0305", Model("[Choice(\"a\", \"b\", [|Ordered = true|])] " + String), ["Property 'P'", "string"] },
        { "HG0401", Model("[IntRange(1, 4, [|Name = \" \"|])] " + Int), ["Property 'P'", " "] },
        { "HG0402", Model("[IntRange(1, 4)] public partial int Units { get; } [IntRange(1, 4, [|Name = \"units\"|])] " + Int), ["Property 'P'", "units", "Units", "set Name to a unique value"] },
        { "HG0501", Model("[ActiveWhen([|\"Missing\"|], true)][Boolean] public partial bool P { get; }"), ["P", "Missing"] },
        { "HG0502", Model("[Boolean] public partial bool On { get; } [ActiveWhen(nameof(On), [|\"x\"|])][IntRange(1, 4)] " + Int), ["P", "On", "\"x\"", "[true, false]"] },
        { "HG0503", Model("[ActiveWhen([|nameof(B)|], true)][Boolean] public partial bool A { get; } [ActiveWhen(nameof(A), true)][Boolean] public partial bool B { get; }"), ["A", "A -> B -> A"] },
        { "HG0504", Model("[FloatRange(0, 1)] public partial double Rate { get; } [[|ActiveWhen(nameof(Rate), 0.5)|]][IntRange(1, 4)] " + Int), ["P", "Rate", "[0.5]"] },
        { "HG0505", Model("[ActiveWhen([|nameof(Later)|], true)][IntRange(1, 4)] " + Int + " [Boolean] public partial bool Later { get; }"), ["P", "Later"] },
        { "HG0506", Model("[[|ActiveWhen(nameof(Q), true)|]] public int P => 1; [Boolean] public partial bool Q { get; }"), ["P"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyzer_ReportsDiagnostic_AtSpanWithArguments(string id, string markup, string[] arguments)
    {
        var (source, span) = ParseMarkup(markup);

        var diagnostics = Analyze(source);

        var diagnostic = Assert.Single(diagnostics, found => found.Id == id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        string format = diagnostic.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            string.Format(CultureInfo.InvariantCulture, format, arguments.Cast<object>().ToArray()),
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyzer_ReportsOnlyExpectedId(string id, string markup, string[] arguments)
    {
        var (source, _) = ParseMarkup(markup);

        var ids = Analyze(source).Select(diagnostic => diagnostic.Id).Distinct().ToList();

        Assert.NotEmpty(arguments);
        Assert.Equal([id], ids);
    }

    [Fact]
    public void Analyzer_ValidModel_ReportsNothing()
    {
        var diagnostics = Analyze(Model("""
            [IntRange(32, 512, Step = 32, Default = 128)] public partial int Units { get; }
            [FloatRange(1e-4, 1e-2, Sampling = Sampling.Log, Default = 1e-3)] public partial double Rate { get; }
            [Choice("relu", "tanh", Default = "tanh")] public partial string Activation { get; }
            [Boolean] public partial bool UseDropout { get; }
            [FloatRange(0.1, 0.5, Step = 0.1)] [ActiveWhen(nameof(UseDropout), true)] public partial double Dropout { get; }
            [Fixed(10)] public partial double Epochs { get; }
            """));

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData(1, 100, 3)]
    [InlineData(2, 1000, 4)]
    [InlineData(5, 77, 2)]
    public void ReverseLogGap_NamesRuntimeSmallestGridValue(int min, int max, int step)
    {
        var runtimeGrid = new IntHyperParameter("p", min, max, step, Sampling.ReverseLog).GridValues();
        string property = $"[IntRange({min}, {max}, Step = {step}, "
            + "Sampling = Sampling.ReverseLog)] " + Int;

        var diagnostic = Assert.Single(Analyze(Model(property)));

        Assert.Equal("HG0105", diagnostic.Id);
        Assert.NotEqual(min, (int)runtimeGrid[0]);
        string expected = $"the reverse-log grid is mirrored from max, so the gap falls near min, where {min} is not on "
            + $"the grid and the nearest grid value is {runtimeGrid[0]};";
        Assert.Contains(expected, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[IntRange(1, 81, Step = 3, Sampling = Sampling.ReverseLog)] " + Int)]
    [InlineData("[FloatRange(1e-4, 1, Step = 10, Sampling = Sampling.ReverseLog)] " + Double)]
    [InlineData("[FloatRange(0.001, 0.1, Step = 10, Sampling = Sampling.ReverseLog)] " + Double)]
    public void ReverseLogGrid_StepDividesRange_ReportsNothing(string property)
    {
        var diagnostics = Analyze(Model(property));

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[IntRange(-5, 5, Step = 5)]", "int", "5L")]
    [InlineData("[IntRange(-5, 5, Step = 5)]", "int", "0L")]
    [InlineData("[IntRange(0, 10)]", "int", "3.0")]
    [InlineData("[IntRange(0, 10)]", "int", "(short)4")]
    [InlineData("[Choice(1, 2)]", "int", "2L")]
    [InlineData("[Fixed(3)]", "int", "3.0")]
    [InlineData("[FloatRange(0, 1, Step = 0.25)]", "double", "1L")]
    [InlineData("[Choice(0.5, 2.0)]", "double", "2L")]
    public void ConditionValue_NumberEqualByValue_ReportsNothing(string attribute, string type, string value)
    {
        var diagnostics = Analyze(Model(
            $"{attribute} public partial {type} D {{ get; }} [ActiveWhen(nameof(D), {value})][Boolean] public partial bool P {{ get; }}"));

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[IntRange(0, 10)]", "int", "2.5", "2.5")]
    [InlineData("[IntRange(0, 10)]", "int", "3000000000L", "3000000000")]
    [InlineData("[IntRange(-5, 5, Step = 5)]", "int", "3L", "3")]
    [InlineData("[Choice(1, 2)]", "int", "'a'", "a")]
    public void ConditionValue_NumberNotTaken_ReportsHG0502(string attribute, string type, string value, string shown)
    {
        var diagnostics = Analyze(Model(
            $"{attribute} public partial {type} D {{ get; }} [ActiveWhen(nameof(D), {value})][Boolean] public partial bool P {{ get; }}"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HG0502", diagnostic.Id);
        Assert.Contains($"never takes {shown},", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[IntRange(-5, 5, Step = 5)] public partial int D { get; }", "7", "[-5, 0, 5]")]
    [InlineData("[IntRange(0, 3)] public partial int D { get; }", "7", "[0, 1, 2, 3]")]
    [InlineData("[IntRange(0, 10)] public partial int D { get; }", "11", "[0, 1, 2, ..., 10]")]
    [InlineData("[IntRange(1, 64, Step = 2, Sampling = Sampling.Log)] public partial int D { get; }", "3", "[1, 2, 4, ..., 64]")]
    [InlineData("[FloatRange(0, 1, Step = 0.25)] public partial double D { get; }", "0.3", "[0, 0.25, 0.5, ..., 1]")]
    [InlineData("[FloatRange(0.5, 2)] public partial double D { get; }", "3.0", "[0.5, 2]")]
    public void ConditionValue_NotTaken_MessageListsGridValues(string parent, string value, string examples)
    {
        var diagnostics = Analyze(Model(parent + $" [ActiveWhen(nameof(D), {value})][Boolean] public partial bool P {{ get; }}"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HG0502", diagnostic.Id);
        Assert.EndsWith("such as " + examples, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
