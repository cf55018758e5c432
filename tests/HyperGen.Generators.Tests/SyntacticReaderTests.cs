extern alias generators;

using System;
using System.Collections.Generic;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using CandidateStatus = generators::HyperGen.Generators.Models.CandidateStatus;
using CompilationIndexInfo = generators::HyperGen.Generators.Models.CompilationIndexInfo;
using HyperModelInfo = generators::HyperGen.Generators.Models.HyperModelInfo;
using HyperModelParser = generators::HyperGen.Generators.HyperModelParser;
using SyntacticModelReader = generators::HyperGen.Generators.Syntax.SyntacticModelReader;
using TrackingNames = generators::HyperGen.Generators.TrackingNames;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Checks that a model read from syntax alone equals the model the symbol parser gives for the same type, and that
/// every type syntax cannot read exactly goes to the symbol parser instead.
/// </summary>
public sealed class SyntacticReaderTests
{
    /// <summary>Every literal form the syntax reader evaluates itself.</summary>
    private const string LiteralForms = $$"""
        using HyperGen;

        namespace Samples;

        public partial class LiteralModel : HyperModel<object>
        {
            [IntRange(-2147483648, 2147483647)]
            public partial int Extremes { get; }

            [IntRange(1u, 10u, Step = 3L, Default = +4)]
            public partial int Unsigned { get; }

            [IntRange((1), (64), Sampling = HyperGen.Sampling.Log)]
            public partial int Parenthesized { get; }

            [FloatRange(0x10, 1_000, Step = 0.5f, Default = 16)]
            public partial double Widened { get; }

            [FloatRange(1e-5, 1e-1, Sampling = global::HyperGen.Sampling.Log, Default = 1e-3)]
            public partial double LearningRate { get; }

            [FloatRange(-1.5, -0.0)]
            public partial double NegativeZero { get; }

            [Choice(1, 2, 3, Ordered = true, Default = 2)]
            public partial double Widths { get; }

            [Choice("relu", nameof(Widths), Default = "relu", Name = "act")]
            public partial string Activation { get; }

            [Boolean(Default = true, Name = null)]
            public partial bool Flag { get; }

            [Fixed(-7)]
            public partial int Seed { get; }

            [HyperGen.ActiveWhen(nameof(Flag), true)]
            [global::HyperGen.IntRangeAttribute(1, 3)]
            public partial int Qualified { get; }

            [ActiveWhen(nameof(Activation), "relu", "Widths")]
            [Fixed("x")]
            public partial string Conditional { get; }

            {{TestSources.Build}}
        }
        """;

    /// <summary>
    /// Classes whose members or context change the generated file in ways syntax must see: members named
    /// <c>Values</c> or <c>DeclareHyperParameters</c>, explicit interface members, nullable contexts and a namespace
    /// inside HyperGen's.
    /// </summary>
    private static readonly Dictionary<string, string> MemberForms = new()
    {
        ["ExplicitValues"] = $$"""
            using HyperGen;

            namespace Samples;

            public interface IHasValues { int Values { get; } }

            public partial class ExplicitModel : HyperModel<object>, IHasValues
            {
                [IntRange(1, 4)]
                public partial int Layers { get; }

                int IHasValues.Values => 0;

                {{TestSources.Build}}
            }
            """,
        ["NestedValuesType"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class NestedValuesModel : HyperModel<object>
            {
                [Boolean]
                public new partial bool Flag { get; }

                public sealed class Values { }

                private readonly int DeclareHyperParameters = 0;

                {{TestSources.Build}}
            }
            """,
        ["NullableDisabled"] = $$"""
            #nullable disable
            namespace HyperGen.Samples
            {
                public partial class ObliviousModel : HyperModel<object>
                {
                    [Choice("a", "b")]
                    public partial string Letter { get; }

                    {{TestSources.Build}}
                }
            }
            """,
    };

    public static IEnumerable<object[]> CorpusNames =>
        TestSources.Cases.Keys.Append(nameof(LiteralForms)).Concat(MemberForms.Keys)
            .Select(name => new object[] { name });

    public static IEnumerable<object[]> MemberFormNames => MemberForms.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void SyntacticModel_EqualsSymbolModel(string caseName)
    {
        var compilation = GeneratorHarness.CreateCompilation(GetSource(caseName));

        var read = ReadCandidates(compilation).Where(candidate => candidate.Model is not null).ToList();

        foreach (var candidate in read)
        {
            var fromSymbols = HyperModelParser.Parse(compilation, candidate.Key.MetadataName, default);
            Assert.Equal(fromSymbols, candidate.Model);
        }
    }

    [Theory]
    [MemberData(nameof(MemberFormNames))]
    public void MemberForms_ReadFromSyntax(string caseName)
    {
        var compilation = GeneratorHarness.CreateCompilation(GetSource(caseName));

        var candidate = Assert.Single(ReadCandidates(compilation));

        Assert.Equal(CandidateStatus.Read, candidate.Key.Status);
    }

    [Fact]
    public void LiteralForms_ReadFromSyntax()
    {
        var compilation = GeneratorHarness.CreateCompilation(LiteralForms);

        var candidate = Assert.Single(ReadCandidates(compilation));

        Assert.Equal(CandidateStatus.Read, candidate.Key.Status);
        Assert.Equal(12, candidate.Model!.Properties.Count);
    }

    [Theory]
    [InlineData("Default = 1e-3", "Default = -0.0 + 1e-3")]
    [InlineData("[Fixed(-7)]", "[Fixed((int)-7)]")]
    [InlineData("[Boolean(Default = true, Name = null)]", "[Boolean(Default = !false)]")]
    [InlineData("[IntRange((1), (64),", "[IntRange(min: 1, max: 64,")]
    [InlineData("[Choice(1, 2, 3,", "[Choice(new object[] { 1, 2, 3 },")]
    public void ArgumentSyntaxCannotEvaluate_NeedsSymbols(string literal, string replacement)
    {
        Assert.Contains(literal, LiteralForms, StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(
            LiteralForms.Replace(literal, replacement, StringComparison.Ordinal));

        var candidate = Assert.Single(ReadCandidates(compilation));

        Assert.Equal(CandidateStatus.NeedsSymbols, candidate.Key.Status);
        Assert.NotNull(HyperModelParser.Parse(compilation, candidate.Key.MetadataName, default));
    }

    /// <summary>Sources, the type to route, and where its model must come from.</summary>
    public static readonly TheoryData<string, string[], Route> RouteCases = new()
    {
        { "plain", [Model("Plain", "[IntRange(1, 4)]")], Route.Syntax },
        {
            "qualified names without a using",
            [Model("Plain", "[HyperGen.IntRange(1, 4)]", usings: "", baseType: "global::HyperGen.HyperModel<object>")],
            Route.Syntax
        },
        {
            "namespace imported by a global using elsewhere",
            [Model("Plain", "[IntRange(1, 4)]", usings: ""), "global using HyperGen;"],
            Route.Syntax
        },
        {
            "constant argument",
            [Model("Plain", "[IntRange(Min, 4)]", members: "private const int Min = 1;")],
            Route.Symbols
        },
        {
            "base class in another file",
            [Model("Plain", "[IntRange(1, 4)]", baseType: "BaseModel"),
                "using HyperGen; namespace Samples; public abstract class BaseModel : HyperModel<object> { }"],
            Route.Symbols
        },
        {
            "partial parts in two files",
            [Model("Plain", "[IntRange(1, 4)]"),
                "namespace Samples; public partial class Plain { public void Values() { } }"],
            Route.Symbols
        },
        {
            "global alias of an attribute",
            [Model("Plain", "[Layers(1, 4)]"), "global using Layers = HyperGen.IntRangeAttribute;"],
            Route.Symbols
        },
        {
            "file alias of an attribute",
            [Model("Plain", "[Layers(1, 4)]", usings: "using HyperGen; using Layers = HyperGen.IntRangeAttribute;")],
            Route.Symbols
        },
        {
            "source type named like an attribute",
            [Model("Plain", "[IntRange(1, 4)]"), "namespace Other; public class Choice { }"],
            Route.Symbols
        },
        {
            "invalid property",
            [Model("Plain", "[IntRange(4, 1)]")],
            Route.Symbols
        },
        {
            "unqualified names that nothing imports",
            [Model("Plain", "[IntRange(1, 4)]", usings: "")],
            Route.Symbols
        },
        {
            "other attributes only",
            [Model("Plain", "[System.Obsolete]")],
            Route.None
        },
    };

    [Theory]
    [MemberData(nameof(RouteCases))]
    public void Generator_RoutesType(string description, string[] sources, Route expected)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true)
            .RunGenerators(GeneratorHarness.CreateCompilation(sources));
        var result = driver.GetRunResult().Results.Single();

        var syntactic = StepValues(result, TrackingNames.Models).OfType<HyperModelInfo>().Select(model => model.HintName);
        var symbolic = StepValues(result, TrackingNames.Index).OfType<CompilationIndexInfo>().Single().SymbolNames;
        var actual = syntactic.Contains("Samples.Plain.g.cs") ? Route.Syntax
            : symbolic.Contains("Samples.Plain") ? Route.Symbols
            : Route.None;

        Assert.True(expected == actual, $"{description}: expected {expected}, was {actual}.");
        Assert.Null(result.Exception);
    }

    [Fact]
    public void GlobalAlias_DeclaresHyperParameter()
    {
        var output = GeneratorHarness.Run(
            Model("Plain", "[Layers(1, 4)]"), "global using Layers = HyperGen.IntRangeAttribute;");

        Assert.Contains("new global::HyperGen.IntHyperParameter(", output.SingleFile, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.DescribeProblems());
    }

    [Fact]
    public void Generator_UnqualifiedNamesThatNothingImports_GeneratesNothing()
    {
        var output = GeneratorHarness.Run(Model("Plain", "[IntRange(1, 4)]", usings: ""));

        Assert.Empty(output.Files);
    }

    [Fact]
    public void Generator_WithoutRuntimeReference_GeneratesNothing()
    {
        var compilation = CSharpCompilation.Create(
            "NoRuntime",
            [CSharpSyntaxTree.ParseText(Model("Plain", "[IntRange(1, 4)]"), GeneratorHarness.ParseOptions)],
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.GeneratedSources);
        Assert.Null(result.Exception);
    }

    /// <summary>Where a type's model comes from.</summary>
    public enum Route
    {
        /// <summary>Read from syntax.</summary>
        Syntax,

        /// <summary>Parsed from symbols.</summary>
        Symbols,

        /// <summary>Not a hypermodel candidate.</summary>
        None,
    }

    private static string GetSource(string caseName) =>
        caseName == nameof(LiteralForms) ? LiteralForms
        : MemberForms.TryGetValue(caseName, out string? source) ? source
        : TestSources.Cases[caseName];

    private static string Model(
        string name,
        string attribute,
        string usings = "using HyperGen;",
        string baseType = "HyperModel<object>",
        string members = "") =>
        $$"""
        {{usings}}

        namespace Samples;

        public partial class {{name}} : {{baseType}}
        {
            {{members}}

            {{attribute}}
            public partial int Layers { get; }

            public override object Build(global::HyperGen.HyperParameters hyperParameters) => new object();
        }
        """;

    private static List<generators::HyperGen.Generators.Models.ModelCandidate> ReadCandidates(Compilation compilation) =>
        compilation.SyntaxTrees
            .SelectMany(tree => SyntacticModelReader.Read(tree.GetCompilationUnitRoot(), default).Candidates)
            .ToList();

    private static IEnumerable<object?> StepValues(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Value);
}
