using System;
using System.Linq;
using Xunit;
using static HyperGen.Analyzers.Tests.AnalyzerHarness;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// Feeds one table of definitions to the runtime constructors and to the analyzers: the runtime throws
/// <see cref="ArgumentException"/> exactly when the analyzers report an error, and a warning-only or clean case
/// constructs without throwing.
/// </summary>
public sealed class RuntimeAgreementTests
{
    public static readonly TheoryData<string, string, Action?> Cases = new()
    {
        { "[IntRange(10, 1)] public partial int P { get; }", "HG0101", () => new IntHyperParameter("p", 10, 1) },
        { "[FloatRange(1.0, 0.5)] public partial double P { get; }", "HG0101", () => new FloatHyperParameter("p", 1.0, 0.5) },
        { "[IntRange(0, 10, Step = 0)] public partial int P { get; }", "HG0103", () => new IntHyperParameter("p", 0, 10, 0) },
        { "[FloatRange(0, 1, Step = -0.1)] public partial double P { get; }", "HG0103", () => new FloatHyperParameter("p", 0, 1, -0.1) },
        { "[FloatRange(0, 1, Sampling = Sampling.Log)] public partial double P { get; }", "HG0106", () => new FloatHyperParameter("p", 0, 1, sampling: Sampling.Log) },
        { "[IntRange(1, 64, Step = 1, Sampling = Sampling.ReverseLog)] public partial int P { get; }", "HG0107", () => new IntHyperParameter("p", 1, 64, 1, Sampling.ReverseLog) },
        { "[FloatRange(0, double.PositiveInfinity)] public partial double P { get; }", "HG0110", () => new FloatHyperParameter("p", 0, double.PositiveInfinity) },
        { "[IntRange(0, 10, Default = 11)] public partial int P { get; }", "HG0201", () => new IntHyperParameter("p", 0, 10, defaultValue: 11) },
        { "[FloatRange(0, 1, Step = 0.25, Default = 0.3)] public partial double P { get; }", "HG0202", () => new FloatHyperParameter("p", 0, 1, 0.25, defaultValue: 0.3) },
        { "[Choice(1, 2, Default = 3)] public partial int P { get; }", "HG0203", () => new ChoiceHyperParameter("p", [1, 2], defaultValue: 3) },
        { "[Choice] public partial string P { get; }", "HG0301", () => new ChoiceHyperParameter("p", Array.Empty<object>()) },
        { "[Choice(\"a\", 1)] public partial string P { get; }", "HG0303", () => new ChoiceHyperParameter("p", ["a", 1]) },
        { "[Choice(\"a\", \"b\", Ordered = true)] public partial string P { get; }", "HG0305", () => new ChoiceHyperParameter("p", ["a", "b"], ordered: true) },
        { "[Fixed(double.NaN)] public partial double P { get; }", "HG0110", () => new FixedHyperParameter("p", double.NaN) },
        { "[IntRange(1, 4, Name = \"\")] public partial int P { get; }", "HG0401", () => new IntHyperParameter("", 1, 4) },
        { "[IntRange(5, 5)] public partial int P { get; }", "HG0102", () => new IntHyperParameter("p", 5, 5) },
        { "[IntRange(0, 10, Step = 20)] public partial int P { get; }", "HG0104", () => new IntHyperParameter("p", 0, 10, 20) },
        { "[FloatRange(0, 1, Step = 0.3)] public partial double P { get; }", "HG0105", () => new FloatHyperParameter("p", 0, 1, 0.3) },
        { "[FloatRange(0.001, 1, Step = 5000, Sampling = Sampling.Log)] public partial double P { get; }", "HG0108", () => new FloatHyperParameter("p", 0.001, 1, 5000, Sampling.Log) },
        { "[Choice(\"a\", \"a\")] public partial string P { get; }", "HG0302", () => new ChoiceHyperParameter("p", ["a", "a"]) },
        { "[IntRange(32, 512, Step = 32, Default = 128)] public partial int P { get; }", "", () => new IntHyperParameter("p", 32, 512, 32, defaultValue: 128) },
        { "[FloatRange(1e-4, 1e-2, Step = 10, Sampling = Sampling.Log)] public partial double P { get; }", "", () => new FloatHyperParameter("p", 1e-4, 1e-2, 10, Sampling.Log) },
        { "[Choice(1.0, 2, Default = 2)] public partial double P { get; }", "", () => new ChoiceHyperParameter("p", [1.0, 2.0], defaultValue: 2.0) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RuntimeAndAnalyzer_Agree(string property, string expectedId, Action? construct)
    {
        var diagnostics = Analyze(Model(property));
        bool analyzerRejects = diagnostics.Any(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        var thrown = Record.Exception(() => construct!());

        Assert.Equal(expectedId, string.Join(",", diagnostics.Select(diagnostic => diagnostic.Id)));
        Assert.Equal(analyzerRejects, thrown is ArgumentException);
        Assert.True(thrown is null or ArgumentException, $"Unexpected exception: {thrown}");
    }
}
