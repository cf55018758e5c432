using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// The invalid properties that the generator skips (the same cases as the generator's invalid-input tests): each
/// gets the expected HyperGen diagnostic, or, for a property the compiler already rejects, a compiler error and no
/// HyperGen diagnostic on it.
/// </summary>
public sealed class InvalidInputTests
{
    private const string BadBoolean = "public partial bool Bad { get; }";

    public static readonly TheoryData<string, string, string> Cases = new()
    {
        { "MinGreaterThanMax", "[IntRange(10, 1)] public partial int Bad { get; }", "HG0101" },
        { "FloatMinGreaterThanMax", "[FloatRange(1.0, 0.5)] public partial double Bad { get; }", "HG0101" },
        { "IntBoundOutsideInt", "[IntRange(0, 3000000000)] public partial int Bad { get; }", "HG0109" },
        { "IntStepZero", "[IntRange(0, 10, Step = 0)] public partial int Bad { get; }", "HG0103" },
        { "DefaultOutsideRange", "[IntRange(0, 10, Default = 11)] public partial int Bad { get; }", "HG0201" },
        { "LogSamplingWithZeroMin", "[FloatRange(0, 1, Sampling = Sampling.Log)] public partial double Bad { get; }", "HG0106" },
        { "UndefinedSampling", "[IntRange(1, 10, Sampling = (Sampling)7)] public partial int Bad { get; }", "HG0111" },
        { "IntRangeOnDouble", "[IntRange(1, 4)] public partial double Bad { get; }", "HG0006" },
        { "FloatRangeOnInt", "[FloatRange(1, 4)] public partial int Bad { get; }", "HG0006" },
        { "BooleanOnInt", "[Boolean] public partial int Bad { get; }", "HG0006" },
        { "ChoiceValueOfOtherType", "[Choice(\"a\", 1)] public partial string Bad { get; }", "HG0303" },
        { "ChoiceDoubleOnInt", "[Choice(1, 2.5)] public partial int Bad { get; }", "HG0303" },
        { "ChoiceWithoutValues", "[Choice] public partial string Bad { get; }", "HG0301" },
        { "ChoiceNullValue", "[Choice(\"a\", null)] public partial string Bad { get; }", "HG0304" },
        { "ChoiceOrderedStrings", "[Choice(\"a\", \"b\", Ordered = true)] public partial string Bad { get; }", "HG0305" },
        { "ChoiceDefaultNotListed", "[Choice(1, 2, Default = 3)] public partial int Bad { get; }", "HG0203" },
        { "ChoiceOnFloat", "[Choice(1.5f)] public partial float Bad { get; }", "HG0006" },
        { "FixedOfOtherType", "[Fixed(\"x\")] public partial int Bad { get; }", "HG0006" },
        { "FixedNull", "[Fixed(null)] public partial string Bad { get; }", "HG0006" },
        { "NullableString", "[Choice(\"a\")] public partial string? Bad { get; }", "HG0006" },
        { "EmptyName", "[IntRange(1, 4, Name = \"\")] public partial int Bad { get; }", "HG0401" },
        { "DuplicateName", "[IntRange(1, 4, Name = \"valid\")] public partial int Bad { get; }", "HG0402" },
        { "TwoSearchAttributes", "[IntRange(1, 4)][Choice(1, 2)] public partial int Bad { get; }", "HG0007" },
        { "UnknownActiveWhenParent", "[ActiveWhen(\"Missing\", true)][Boolean] public partial bool Bad { get; }", "HG0501" },
        { "ActiveWhenParentNotHyperParameter", "[ActiveWhen(nameof(Plain), 1)][Boolean] " + BadBoolean, "HG0501" },
        { "ActiveWhenValueOfWrongType", "[ActiveWhen(nameof(Valid), \"x\")][Boolean] " + BadBoolean, "HG0502" },
        { "ActiveWhenWithoutValues", "[ActiveWhen(nameof(Valid))][Boolean] public partial bool Bad { get; }", "HG0502" },
        { "ActiveWhenOnItself", "[ActiveWhen(nameof(Bad), true)][Boolean] public partial bool Bad { get; }", "HG0503" },
        { "ActiveWhenParentDeclaredLater", "[ActiveWhen(nameof(Later), true)][Boolean] " + BadBoolean, "HG0505" },
        { "NonPartialProperty", "[IntRange(1, 4)] public int Bad { get; }", "HG0003" },
        { "PropertyWithSetter", "[IntRange(1, 4)] public partial int Bad { get; set; }", "HG0005" },
        { "PropertyWithInit", "[IntRange(1, 4)] public partial int Bad { get; init; }", "HG0005" },
        { "StaticProperty", "[IntRange(1, 4)] public static partial int Bad { get; }", "HG0004" },
        { "ImplementedByUser", "[IntRange(1, 4)] public partial int Bad { get; } public partial int Bad => 1;", "HG0003" },
        { "MissingArgument", "[IntRange(1)] public partial int Bad { get; }", "CS7036" },
        { "ArgumentOfWrongType", "[IntRange(\"1\", 4)] public partial int Bad { get; }", "CS1503" },
        { "NamedArgumentOfWrongType", "[IntRange(1, 4, Step = \"2\")] public partial int Bad { get; }", "CS0029" },
        { "SyntaxErrorInArguments", "[IntRange(1, ] public partial int Bad { get; }", "CS1525" },
        { "SyntaxErrorInNamedArgument", "[FloatRange(0, 1, Step = )] public partial double Bad { get; }", "CS1525" },
        { "UnclosedAttribute", "[Boolean( public partial bool Bad { get; }", "CS1026" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidProperty_GetsDiagnostic(string caseName, string badProperty, string expectedId)
    {
        string source = Model(badProperty);

        var ids = AnalyzerHarness.Analyze(source).Select(diagnostic => diagnostic.Id).ToList();

        if (expectedId.StartsWith("HG", System.StringComparison.Ordinal))
        {
            Assert.True(ids.Contains(expectedId), $"{caseName}: expected {expectedId}, got [{string.Join(", ", ids)}]");
            Assert.True(ids.All(id => id == expectedId), $"{caseName}: unexpected [{string.Join(", ", ids)}]");
        }
        else
        {
            Assert.Empty(ids);
            Assert.Contains(expectedId, CompilerErrors(source));
        }
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

    /// <summary>
    /// Each case reuses the name of a valid property (<c>valid</c> declared before it, <c>later</c> after it) on a
    /// property that the generator does not declare, so the name stays unique and only the property's own diagnostic
    /// is expected.
    /// </summary>
    public static readonly TheoryData<string, string, string> InvalidDuplicateCases = new()
    {
        { "InvalidRange", "[IntRange(10, 1, Name = \"valid\")] public partial int Bad { get; }", "HG0101" },
        { "InvalidRangeBeforeValid", "[IntRange(10, 1, Name = \"later\")] public partial int Bad { get; }", "HG0101" },
        { "TypeMismatch", "[FloatRange(1, 4, Name = \"later\")] public partial int Bad { get; }", "HG0006" },
        { "DefaultNotListed", "[Choice(1, 2, Default = 3, Name = \"later\")] public partial int Bad { get; }", "HG0203" },
        { "StaticProperty", "[IntRange(1, 4, Name = \"later\")] public static partial int Bad { get; }", "HG0004" },
        { "PropertyWithSetter", "[IntRange(1, 4, Name = \"later\")] public partial int Bad { get; set; }", "HG0005" },
        { "NonPartialProperty", "[IntRange(1, 4, Name = \"later\")] public int Bad { get; }", "HG0003" },
    };

    [Theory]
    [MemberData(nameof(InvalidDuplicateCases))]
    public void InvalidDuplicate_GetsNoDuplicateName(string caseName, string badProperty, string expectedId)
    {
        var ids = AnalyzerHarness.Analyze(Model(badProperty)).Select(diagnostic => diagnostic.Id).ToList();

        Assert.True(ids.Contains(expectedId), $"{caseName}: expected {expectedId}, got [{string.Join(", ", ids)}]");
        Assert.False(ids.Contains("HG0402"), $"{caseName}: reported HG0402 for a name the generator declares once");
    }

    [Fact]
    public void WarningOnlyDuplicate_GetsDuplicateName()
    {
        // A duplicate choice value is only a warning, so the generator would declare the property and its name clashes.
        var ids = AnalyzerHarness.Analyze(Model("[Choice(1, 1, Name = \"later\")] public partial int Bad { get; }"))
            .Select(diagnostic => diagnostic.Id)
            .ToList();

        Assert.Contains("HG0302", ids);
        Assert.Contains("HG0402", ids);
    }

    [Fact]
    public void InheritedInvalidProperty_TakesNoName()
    {
        var diagnostics = AnalyzerHarness.Analyze("""
            using HyperGen;

            namespace Samples;

            public abstract partial class BaseModel : HyperModel<object>
            {
                [IntRange(10, 1)]
                public partial int Units { get; }
            }

            public partial class Model : BaseModel
            {
                [IntRange(1, 4, Name = "units")]
                public partial int Width { get; }

                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        var ids = diagnostics.Select(diagnostic => diagnostic.Id).ToList();
        Assert.Equal(["HG0101"], ids);
    }

    private static string Model(string member) => $$"""
        using HyperGen;

        namespace Samples;

        public partial class Model : HyperModel<object>
        {
            [IntRange(1, 4)]
            public partial int Valid { get; }

            public int Plain => 1;

            {{member}}

            [Boolean]
            public partial bool Later { get; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """;
}
