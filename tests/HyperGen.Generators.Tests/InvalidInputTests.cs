using System.Collections.Generic;
using Xunit;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Checks that malformed or invalid attribute usages produce no code for that property, no generator diagnostic and
/// no exception, while the valid properties of the same class are still generated.
/// </summary>
public sealed class InvalidInputTests
{
    private const string BadBoolean = "public partial bool Bad { get; }";

    /// <summary>Each case declares an invalid property named <c>Bad</c> next to the valid properties.</summary>
    public static readonly TheoryData<string, string> Cases = new()
    {
        { "MinGreaterThanMax", "[IntRange(10, 1)] public partial int Bad { get; }" },
        { "FloatMinGreaterThanMax", "[FloatRange(1.0, 0.5)] public partial double Bad { get; }" },
        { "IntBoundOutsideInt", "[IntRange(0, 3000000000)] public partial int Bad { get; }" },
        { "IntStepZero", "[IntRange(0, 10, Step = 0)] public partial int Bad { get; }" },
        { "DefaultOutsideRange", "[IntRange(0, 10, Default = 11)] public partial int Bad { get; }" },
        { "LogSamplingWithZeroMin", "[FloatRange(0, 1, Sampling = Sampling.Log)] public partial double Bad { get; }" },
        { "UndefinedSampling", "[IntRange(1, 10, Sampling = (Sampling)7)] public partial int Bad { get; }" },
        { "IntRangeOnDouble", "[IntRange(1, 4)] public partial double Bad { get; }" },
        { "FloatRangeOnInt", "[FloatRange(1, 4)] public partial int Bad { get; }" },
        { "BooleanOnInt", "[Boolean] public partial int Bad { get; }" },
        { "ChoiceValueOfOtherType", "[Choice(\"a\", 1)] public partial string Bad { get; }" },
        { "ChoiceDoubleOnInt", "[Choice(1, 2.5)] public partial int Bad { get; }" },
        { "ChoiceWithoutValues", "[Choice] public partial string Bad { get; }" },
        { "ChoiceNullValue", "[Choice(\"a\", null)] public partial string Bad { get; }" },
        { "ChoiceOrderedStrings", "[Choice(\"a\", \"b\", Ordered = true)] public partial string Bad { get; }" },
        { "ChoiceDefaultNotListed", "[Choice(1, 2, Default = 3)] public partial int Bad { get; }" },
        { "ChoiceOnFloat", "[Choice(1.5f)] public partial float Bad { get; }" },
        { "FixedOfOtherType", "[Fixed(\"x\")] public partial int Bad { get; }" },
        { "FixedNull", "[Fixed(null)] public partial string Bad { get; }" },
        { "NullableString", "[Choice(\"a\")] public partial string? Bad { get; }" },
        { "EmptyName", "[IntRange(1, 4, Name = \"\")] public partial int Bad { get; }" },
        { "DuplicateName", "[IntRange(1, 4, Name = \"valid\")] public partial int Bad { get; }" },
        { "TwoSearchAttributes", "[IntRange(1, 4)][Choice(1, 2)] public partial int Bad { get; }" },
        { "UnknownActiveWhenParent", "[ActiveWhen(\"Missing\", true)][Boolean] public partial bool Bad { get; }" },
        { "ActiveWhenParentNotHyperParameter", "[ActiveWhen(nameof(Plain), 1)][Boolean] " + BadBoolean },
        { "ActiveWhenValueOfWrongType", "[ActiveWhen(nameof(Valid), \"x\")][Boolean] " + BadBoolean },
        { "ActiveWhenWithoutValues", "[ActiveWhen(nameof(Valid))][Boolean] public partial bool Bad { get; }" },
        { "ActiveWhenOnItself", "[ActiveWhen(nameof(Bad), true)][Boolean] public partial bool Bad { get; }" },
        { "ActiveWhenParentDeclaredLater", "[ActiveWhen(nameof(Later), true)][Boolean] " + BadBoolean },
        { "NonPartialProperty", "[IntRange(1, 4)] public int Bad { get; }" },
        { "PropertyWithSetter", "[IntRange(1, 4)] public partial int Bad { get; set; }" },
        { "PropertyWithInit", "[IntRange(1, 4)] public partial int Bad { get; init; }" },
        { "StaticProperty", "[IntRange(1, 4)] public static partial int Bad { get; }" },
        { "ImplementedByUser", "[IntRange(1, 4)] public partial int Bad { get; } public partial int Bad => 1;" },
        { "MissingArgument", "[IntRange(1)] public partial int Bad { get; }" },
        { "ArgumentOfWrongType", "[IntRange(\"1\", 4)] public partial int Bad { get; }" },
        { "NamedArgumentOfWrongType", "[IntRange(1, 4, Step = \"2\")] public partial int Bad { get; }" },
        { "SyntaxErrorInArguments", "[IntRange(1, ] public partial int Bad { get; }" },
        { "SyntaxErrorInNamedArgument", "[FloatRange(0, 1, Step = )] public partial double Bad { get; }" },
        { "UnclosedAttribute", "[Boolean( public partial bool Bad { get; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_SkipsOnlyInvalidProperty(string caseName, string badProperty)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("public partial int Valid =>", text);
        Assert.Contains("public partial bool Later =>", text);
        Assert.False(
            text.Contains("Bad", System.StringComparison.Ordinal), $"{caseName} generated code for Bad:\n{text}");
        Assert.DoesNotContain("\"bad\"", text);
    }

    [Fact]
    public void Generator_NonPartialClass_GeneratesNothing()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;
            public class Model : HyperModel<object>
            {
                [IntRange(1, 4)] public int Valid { get; }
                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Files);
    }

    [Fact]
    public void Generator_NonHyperModelClass_GeneratesNothing()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;
            public partial class Settings
            {
                [IntRange(1, 4)] public partial int Valid { get; }
            }
            """);

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Files);
    }

    [Fact]
    public void Generator_NonPartialContainingType_GeneratesNothing()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;
            public class Outer
            {
                public partial class Model : HyperModel<object>
                {
                    [IntRange(1, 4)] public partial int Valid { get; }
                    public override object Build(HyperParameters hyperParameters) => new object();
                }
            }
            """);

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Files);
    }

    [Fact]
    public void Generator_UserDeclaresValues_SkipsRecordOnly()
    {
        var output = GeneratorHarness.Run(Model("public int Values => 0;"));

        string text = output.SingleFile;
        Assert.DoesNotContain("record Values", text);
        Assert.Contains("public partial int Valid =>", text);
        Assert.Empty(output.DescribeProblems());
    }

    [Fact]
    public void Generator_UserDeclareOverride_SkipsOverride()
    {
        var output = GeneratorHarness.Run(Model(
            "public override void DeclareHyperParameters(HyperParameters hyperParameters) { }"));

        string text = output.SingleFile;
        Assert.DoesNotContain("DeclareHyperParameters", text);
        Assert.Contains("public partial int Valid =>", text);
        Assert.Empty(output.DescribeProblems());
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
