using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Checks that an invalid attributed partial property gets only accessors that throw, with no definition and no
/// <c>Values</c> parameter, so the compiler reports no missing implementation part (CS9248). This includes a static
/// property and one with a <c>set</c> or <c>init</c> accessor. A property that cannot take a generated implementation
/// gets no code. Neither produces a generator diagnostic or exception, and the valid
/// properties of the same class are still generated.
/// </summary>
public sealed class InvalidInputTests
{
    private const string BadBoolean = "public partial bool Bad { get; }";

    private const string MissingImplementationPart = "CS9248";

    /// <summary>
    /// Each case declares an invalid partial, get-only instance property named <c>Bad</c> next to the valid
    /// properties. The last cases also have compiler errors in the attribute.
    /// </summary>
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
        { "MissingArgument", "[IntRange(1)] public partial int Bad { get; }" },
        { "ArgumentOfWrongType", "[IntRange(\"1\", 4)] public partial int Bad { get; }" },
        { "NamedArgumentOfWrongType", "[IntRange(1, 4, Step = \"2\")] public partial int Bad { get; }" },
        { "SyntaxErrorInArguments", "[IntRange(1, ] public partial int Bad { get; }" },
        { "SyntaxErrorInNamedArgument", "[FloatRange(0, 1, Step = )] public partial double Bad { get; }" },
        { "UnclosedAttribute", "[Boolean( public partial bool Bad { get; }" },
    };

    /// <summary>
    /// Each case declares a partial property named <c>Bad</c> that is static or has a setter, with the accessors that
    /// its generated implementation must repeat, separated by <c>|</c>.
    /// </summary>
    public static readonly TheoryData<string, string, string> InvalidShapeCases = new()
    {
        { "PropertyWithSetter", "[IntRange(1, 4)] public partial int Bad { get; set; }", "get|set" },
        { "PropertyWithInit", "[IntRange(1, 4)] public partial int Bad { get; init; }", "get|init" },
        { "PropertyWithPrivateSetter", "[IntRange(1, 4)] public partial int Bad { get; private set; }", "get|private set" },
        { "PropertyWithProtectedInit", "[Boolean] public partial bool Bad { get; protected init; }", "get|protected init" },
        { "SetOnlyProperty", "[IntRange(1, 4)] public partial int Bad { set; }", "set" },
        { "StaticProperty", "[IntRange(1, 4)] public static partial int Bad { get; }", "get" },
        { "StaticPropertyWithSetter", "[IntRange(1, 4)] public static partial int Bad { get; set; }", "get|set" },
        { "SetterAndInvalidRange", "[IntRange(10, 1)] public partial int Bad { get; set; }", "get|set" },
    };

    /// <summary>
    /// Each case declares an invalid property named <c>Bad</c> that a generated implementation cannot implement,
    /// because it is not a partial definition without an implementation.
    /// </summary>
    public static readonly TheoryData<string, string> UnimplementableCases = new()
    {
        { "NonPartialProperty", "[IntRange(1, 4)] public int Bad { get; }" },
        { "ImplementedByUser", "[IntRange(1, 4)] public partial int Bad { get; } public partial int Bad => 1;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_InvalidProperty_GetsOnlyThrowingAccessor(string caseName, string badProperty)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("public partial int Valid =>", text);
        Assert.Contains("public partial bool Later =>", text);
        string accessor = FindAccessor(text, "Bad", caseName);
        Assert.Contains("throw new global::System.InvalidOperationException(", accessor);
        Assert.Contains("'Samples.Model.Bad'", accessor);
        Assert.Equal(1, CountOccurrences(text, " Bad =>"));
        Assert.DoesNotContain("\"bad\"", text);
        Assert.DoesNotContain("GetCurrent(\"Bad\")", text);
        Assert.DoesNotContain("Bad", ValuesRecord(text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compilation_InvalidProperty_HasNoMissingImplementation(string caseName, string badProperty)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        var missing = output.Compilation.GetDiagnostics().Where(d => d.Id == MissingImplementationPart);
        Assert.True(!missing.Any(), $"{caseName} reported:\n{string.Join("\n", missing)}");
    }

    [Theory]
    [InlineData("MinGreaterThanMax", "[IntRange(10, 1)] public partial int Bad { get; }")]
    [InlineData("ChoiceDefaultNotListed", "[Choice(1, 2, Default = 3)] public partial int Bad { get; }")]
    [InlineData("DuplicateName", "[IntRange(1, 4, Name = \"valid\")] public partial int Bad { get; }")]
    [InlineData("NullableString", "[Choice(\"a\")] public partial string? Bad { get; }")]
    public void Compilation_InvalidPropertyWithoutCompilerErrors_HasNoWarnings(string caseName, string badProperty)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        Assert.True(output.DescribeProblems().Length == 0, $"{caseName} reported:\n{output.DescribeProblems()}");
    }

    [Fact]
    public void ThrowingAccessor_RangeViolation_IncludesRulesMessage()
    {
        var output = GeneratorHarness.Run(Model("[IntRange(10, 1)] public partial int Bad { get; }"));

        string accessor = FindAccessor(output.SingleFile, "Bad", "MinGreaterThanMax");
        Assert.Contains("min 10 is greater than max 1", accessor);
    }

    [Fact]
    public void ThrowingAccessor_ReadAtRunTime_ThrowsInvalidOperation()
    {
        var output = GeneratorHarness.Run(Model("[IntRange(10, 1)] public partial int Bad { get; }"));
        using var image = new MemoryStream();
        var result = output.Compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("InvalidModels", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(image).GetType("Samples.Model", throwOnError: true)!;
            object model = Activator.CreateInstance(type)!;

            var thrown = Assert.Throws<TargetInvocationException>(() => type.GetProperty("Bad")!.GetValue(model));

            var inner = Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.Contains("'Samples.Model.Bad'", inner.Message);
            Assert.Contains("min 10 is greater than max 1", inner.Message);
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [MemberData(nameof(InvalidShapeCases))]
    public void Generator_InvalidShape_GetsOnlyThrowingAccessors(string caseName, string badProperty, string accessors)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("public partial int Valid =>", text);
        Assert.Contains("public partial bool Later =>", text);
        string[] implementation = FindImplementation(text, "Bad", caseName);
        string[] expected = accessors.Split('|');
        Assert.Equal(expected, implementation.Select(line => line.Split(" => ")[0]));
        Assert.All(implementation, line => Assert.Contains("=> throw new global::System.InvalidOperationException(", line));
        Assert.All(implementation, line => Assert.Contains("'Samples.Model.Bad' has a search attribute but", line));
        Assert.DoesNotContain("\"bad\"", text);
        Assert.DoesNotContain("GetCurrent(\"Bad\")", text);
        Assert.DoesNotContain("Bad", ValuesRecord(text));
    }

    [Theory]
    [MemberData(nameof(InvalidShapeCases))]
    public void Compilation_InvalidShape_HasNoMissingImplementation(string caseName, string badProperty, string accessors)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        var missing = output.Compilation.GetDiagnostics().Where(d => d.Id == MissingImplementationPart);
        Assert.True(!missing.Any(), $"{caseName} ({accessors}) reported:\n{string.Join("\n", missing)}");
        Assert.True(output.DescribeProblems().Length == 0, $"{caseName} reported:\n{output.DescribeProblems()}");
    }

    [Theory]
    [InlineData("static", "get", "is static")]
    [InlineData("", "get|set", "has a 'set' accessor")]
    [InlineData("", "get|init", "has an 'init' accessor")]
    [InlineData("static", "get|set", "is static and has a 'set' accessor")]
    public void ThrowingAccessor_InvalidShape_NamesTheViolation(string modifier, string accessors, string violation)
    {
        string declaration = $"[IntRange(1, 4)] public {modifier} partial int Bad {{ {accessors.Replace("|", "; ")}; }}";
        var output = GeneratorHarness.Run(Model(declaration));

        string[] implementation = FindImplementation(output.SingleFile, "Bad", violation);
        Assert.All(implementation, line => Assert.Contains($"has a search attribute but {violation}, so", line));
    }

    [Fact]
    public void ThrowingAccessors_SetAtRunTime_Throw()
    {
        var output = GeneratorHarness.Run(Model("[IntRange(1, 4)] public partial int Bad { get; set; }"));
        using var image = new MemoryStream();
        var result = output.Compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("InvalidShapeModels", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(image).GetType("Samples.Model", throwOnError: true)!;
            object model = Activator.CreateInstance(type)!;
            var property = type.GetProperty("Bad")!;

            var getThrown = Assert.Throws<TargetInvocationException>(() => property.GetValue(model));
            var setThrown = Assert.Throws<TargetInvocationException>(() => property.SetValue(model, 2));

            var getInner = Assert.IsType<InvalidOperationException>(getThrown.InnerException);
            var setInner = Assert.IsType<InvalidOperationException>(setThrown.InnerException);
            Assert.Contains("has a 'set' accessor", getInner.Message);
            Assert.Equal(getInner.Message, setInner.Message);
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [MemberData(nameof(UnimplementableCases))]
    public void Generator_UnimplementableProperty_GetsNoCode(string caseName, string badProperty)
    {
        var output = GeneratorHarness.Run(Model(badProperty));

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("public partial int Valid =>", text);
        Assert.Contains("public partial bool Later =>", text);
        Assert.False(
            text.Contains("Bad", StringComparison.Ordinal), $"{caseName} generated code for Bad:\n{text}");
        Assert.DoesNotContain("\"bad\"", text);
        Assert.DoesNotContain(output.Compilation.GetDiagnostics(), d => d.Id == MissingImplementationPart);
    }

    [Theory]
    [InlineData("InvalidRangeAccessor", """
        using HyperGen;

        namespace Samples;

        public partial class RangeModel : HyperModel<object>
        {
            [IntRange(1, 8)]
            public partial int Layers { get; }

            [IntRange(8, 1)]
            internal partial int Units { get; }

            [FloatRange(0, 1, Sampling = Sampling.Log)]
            protected partial double Rate { get; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """)]
    [InlineData("InvalidTypeAccessor", """
        using HyperGen;

        namespace Samples.Invalid;

        public partial class TypeModel<T> : HyperModel<object>
        {
            [Choice("a", "b")]
            public partial string? Label { get; }

            [Choice(1.5f)]
            public partial float Scale { get; }

            [Fixed(1)]
            public partial System.TimeSpan Timeout { get; }

            [Fixed(1)]
            public partial T Item { get; }

            [IntRange(1, 4)][Boolean]
            public partial int @class { get; }

            [Boolean]
            public partial bool Enabled { get; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """)]
    [InlineData("InvalidShapeAccessor", """
        using HyperGen;

        namespace Samples;

        public partial class ShapeModel : HyperModel<object>
        {
            [IntRange(1, 8)]
            public partial int Layers { get; }

            [IntRange(1, 8)]
            public partial int Units { get; set; }

            [FloatRange(0.1, 0.5)]
            public partial double Dropout { get; private init; }

            [Boolean]
            public static partial bool Shuffle { get; }

            [Choice("adam", "sgd")]
            internal static partial string Optimizer { get; set; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """)]
    public void Generator_ThrowingAccessor_MatchesSnapshot(string caseName, string source)
    {
        var output = GeneratorHarness.Run(source);

        Assert.True(output.DescribeProblems().Length == 0, $"Compilation reported:\n{output.DescribeProblems()}");
        SnapshotAssert.Matches(output.CombinedText, caseName);
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
    public void Generator_NonHyperModelClass_GetsOnlyThrowingAccessors()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;

            namespace Samples;

            public partial class Outer
            {
                public partial class Settings
                {
                    [IntRange(1, 4)] public partial int Valid { get; }

                    [IntRange(4, 1)] public partial int Bad { get; set; }

                    [ActiveWhen(nameof(Valid), 2)] public partial bool Conditional { get; }
                }
            }
            """);

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("partial class Outer", text);
        Assert.Contains("partial class Settings", text);
        string[] valid = FindImplementation(text, "Valid", "NonHyperModelValid");
        string[] bad = FindImplementation(text, "Bad", "NonHyperModelBad");
        string[] conditional = FindImplementation(text, "Conditional", "NonHyperModelConditional");
        Assert.All(valid.Concat(bad).Concat(conditional), line => Assert.Contains(
            "=> throw new global::System.InvalidOperationException(", line));
        Assert.Contains("'Samples.Outer.Settings' does not derive from HyperModel<TModel>", valid[0]);
        Assert.Equal(["get", "set"], bad.Select(line => line.Split(" => ")[0]));
        Assert.DoesNotContain("DeclareHyperParameters", text);
        Assert.DoesNotContain("HyperParameter[]", text);
        Assert.DoesNotContain("record Values", text);
        Assert.DoesNotContain("GetCurrent", text);
    }

    [Fact]
    public void Compilation_NonHyperModelClass_HasNoMissingImplementation()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;
            public partial class Settings
            {
                [IntRange(1, 4)] public partial int Valid { get; }
            }

            public partial struct Point
            {
                [Choice("a", "b")] public partial string Label { get; }
            }
            """);

        Assert.Equal(2, output.Files.Count);
        var missing = output.Compilation.GetDiagnostics().Where(d => d.Id == MissingImplementationPart);
        Assert.True(!missing.Any(), $"Compilation reported:\n{string.Join("\n", missing)}");
        Assert.True(output.DescribeProblems().Length == 0, $"Compilation reported:\n{output.DescribeProblems()}");
    }

    [Fact]
    public void Generator_ActiveWhenWithoutSearchAttribute_GetsOnlyThrowingAccessor()
    {
        var output = GeneratorHarness.Run(Model("[ActiveWhen(nameof(Valid), 2)] public partial double Bad { get; }"));

        Assert.Null(output.Result.Exception);
        Assert.Empty(output.Result.Diagnostics);
        string text = output.SingleFile;
        Assert.Contains("public partial int Valid =>", text);
        string accessor = FindAccessor(text, "Bad", "ActiveWhenWithoutSearchAttribute");
        Assert.Contains("throw new global::System.InvalidOperationException(", accessor);
        Assert.Contains("'Samples.Model.Bad' has [ActiveWhen] but no search attribute", accessor);
        Assert.DoesNotContain("\"bad\"", text);
        Assert.DoesNotContain("Bad", ValuesRecord(text));
        Assert.DoesNotContain(output.Compilation.GetDiagnostics(), d => d.Id == MissingImplementationPart);
        Assert.True(output.DescribeProblems().Length == 0, $"Compilation reported:\n{output.DescribeProblems()}");
    }

    [Fact]
    public void Generator_HyperModelWithOnlyActiveWhen_GetsThrowingAccessor()
    {
        var output = GeneratorHarness.Run("""
            using HyperGen;
            public partial class Model : HyperModel<object>
            {
                [ActiveWhen("Missing", 1)] public partial int Bad { get; }
                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        Assert.Null(output.Result.Exception);
        string accessor = FindAccessor(output.SingleFile, "Bad", "OnlyActiveWhen");
        Assert.Contains("has [ActiveWhen] but no search attribute", accessor);
        Assert.True(output.DescribeProblems().Length == 0, $"Compilation reported:\n{output.DescribeProblems()}");
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

    /// <summary>Returns the generated accessor of <paramref name="propertyName"/>: its line and the next one.</summary>
    private static string FindAccessor(string text, string propertyName, string caseName)
    {
        string[] lines = text.Split('\n');
        int index = Array.FindIndex(lines, line => line.EndsWith($" {propertyName} =>", StringComparison.Ordinal));
        bool found = index >= 0 && index + 1 < lines.Length;
        Assert.True(found, $"{caseName} generated no accessor for {propertyName}:\n{text}");
        return lines[index] + "\n" + lines[index + 1];
    }

    /// <summary>
    /// Returns the accessor lines of the generated implementation of <paramref name="propertyName"/>: the one line
    /// after an expression-bodied declaration, or the lines inside its accessor block.
    /// </summary>
    private static string[] FindImplementation(string text, string propertyName, string caseName)
    {
        string[] lines = text.Split('\n').Select(line => line.Trim()).ToArray();
        int index = Array.FindIndex(
            lines, line => line.EndsWith($" {propertyName} =>", StringComparison.Ordinal)
                || line.EndsWith($" {propertyName}", StringComparison.Ordinal));
        Assert.True(index >= 0, $"{caseName} generated no accessor for {propertyName}:\n{text}");
        Assert.True(index + 1 < lines.Length, $"{caseName} generated a declaration without a body:\n{text}");
        Assert.Equal(1, lines.Count(line => line.Contains($" {propertyName}", StringComparison.Ordinal)));
        if (lines[index].EndsWith("=>", StringComparison.Ordinal))
        {
            return ["get => " + lines[index + 1]];
        }

        Assert.Equal("{", lines[index + 1]);
        int end = Array.IndexOf(lines, "}", index + 1);
        return lines[(index + 2)..end];
    }

    private static string ValuesRecord(string text)
    {
        int start = text.IndexOf("record Values", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No Values record was generated:\n{text}");
        return text[start..];
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int index = text.IndexOf(value, StringComparison.Ordinal);
            index >= 0;
            index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
