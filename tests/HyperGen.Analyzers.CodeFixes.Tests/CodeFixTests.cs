using System.Threading.Tasks;
using HyperGen.Analyzers.CodeFixes;
using Xunit;

namespace HyperGen.Analyzers.CodeFixes.Tests;

/// <summary>Before and after sources for every code fix.</summary>
public sealed class CodeFixTests
{
    private const string Build = "public override object Build(HyperParameters hyperParameters) => new object();";

    [Fact]
    public Task MakePartial_AddsModifierToClass() =>
        CodeFixHarness.VerifyFixAsync(
            new MakePartialCodeFixProvider(),
            $$"""
            using HyperGen;

            public class {|HG0001:Model|} : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                {{Build}}
            }
            """,
            "Make 'Model' partial");

    [Fact]
    public Task MakePartial_AddsModifierToContainingTypes() =>
        CodeFixHarness.VerifyFixAsync(
            new MakePartialCodeFixProvider(),
            $$"""
            using HyperGen;

            public static class Outer
            {
                class Middle
                {
                    public sealed class {|HG0001:Model|} : HyperModel<object>
                    {
                        [Boolean]
                        public partial bool Flag { get; }

                        {{Build}}
                    }
                }
            }
            """,
            $$"""
            using HyperGen;

            public static partial class Outer
            {
                partial class Middle
                {
                    public sealed partial class Model : HyperModel<object>
                    {
                        [Boolean]
                        public partial bool Flag { get; }

                        {{Build}}
                    }
                }
            }
            """);

    [Fact]
    public Task MakePartial_AddsModifierToAutoProperty() =>
        CodeFixHarness.VerifyFixAsync(
            new MakePartialCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public int {|HG0003:Layers|} { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                {{Build}}
            }
            """,
            "Make 'Layers' partial");

    [Fact]
    public Task MakePartial_RemovesBodiesAndInitializer() =>
        CodeFixHarness.VerifyFixAsync(
            new MakePartialCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public int {|HG0003:Layers|} => 3;

                [Boolean]
                int Flag { get { return 1; } }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                [Boolean]
                int Flag { get { return 1; } }

                {{Build}}
            }
            """);

    [Fact]
    public Task MakePartial_FixAllFixesEveryProperty() =>
        CodeFixHarness.VerifyFixAllAsync(
            new MakePartialCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public int {|HG0003:Layers|} { get; }

                [Boolean]
                bool {|HG0003:Flag|} { get; } = true;

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                [Boolean]
                partial bool Flag { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task AddHyperModelBase_AddsBaseList() =>
        CodeFixHarness.VerifyFixAsync(
            new AddHyperModelBaseCodeFixProvider(),
            """
            using HyperGen;

            public partial class {|HG0002:Model|}
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }
            }
            """,
            """
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }
            }
            """,
            AddHyperModelBaseCodeFixProvider.Title);

    [Fact]
    public Task AddHyperModelBase_PutsBaseBeforeInterfaces() =>
        CodeFixHarness.VerifyFixAsync(
            new AddHyperModelBaseCodeFixProvider(),
            """
            namespace Samples
            {
                public partial class {|HG0002:Model|}<T> : System.IDisposable where T : class
                {
                    [HyperGen.IntRange(1, 8)]
                    public partial int Layers { get; }

                    public void Dispose() { }
                }
            }
            """,
            """
            namespace Samples
            {
                public partial class Model<T> : HyperGen.HyperModel<object>, System.IDisposable where T : class
                {
                    [HyperGen.IntRange(1, 8)]
                    public partial int Layers { get; }

                    public void Dispose() { }
                }
            }
            """);

    [Fact]
    public Task AddHyperModelBase_SkipsClassWithBase() =>
        CodeFixHarness.VerifyNoFixAsync(
            new AddHyperModelBaseCodeFixProvider(),
            """
            using HyperGen;

            public class Other { }

            public partial class {|HG0002:Model|} : Other
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }
            }
            """);

    [Fact]
    public Task SwapMinMax_SwapsAttributeArguments() =>
        CodeFixHarness.VerifyFixAsync(
            new SwapMinMaxCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange{|HG0101:(512, 32, Step = 32)|}]
                public partial int Units { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(32, 512, Step = 32)]
                public partial int Units { get; }

                {{Build}}
            }
            """,
            SwapMinMaxCodeFixProvider.Title);

    [Fact]
    public Task SwapMinMax_KeepsArgumentNames() =>
        CodeFixHarness.VerifyFixAsync(
            new SwapMinMaxCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [{|HG0101:FloatRange(max: 1e-5, min: 1e-1)|}]
                public partial double Rate { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [FloatRange(max: 1e-1, min: 1e-5)]
                public partial double Rate { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task SwapMinMax_SwapsDynamicCallArguments() =>
        CodeFixHarness.VerifyFixAsync(
            new SwapMinMaxCodeFixProvider(),
            """
            using HyperGen;

            public static class Space
            {
                public static int Layers(HyperParameters hp) => hp.Int{|HG0101:("layers", 4, 1)|};
            }
            """,
            """
            using HyperGen;

            public static class Space
            {
                public static int Layers(HyperParameters hp) => hp.Int("layers", 1, 4);
            }
            """);

    [Fact]
    public Task SwapMinMax_FixAllFixesEveryRange() =>
        CodeFixHarness.VerifyFixAllAsync(
            new SwapMinMaxCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange{|HG0101:(8, 1)|}]
                public partial int Layers { get; }

                [FloatRange{|HG0101:(0.9, 0.1)|}]
                public partial double Momentum { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                [FloatRange(0.1, 0.9)]
                public partial double Momentum { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task ReplaceWithFixed_KeepsValueAndName() =>
        CodeFixHarness.VerifyFixAsync(
            new ReplaceWithFixedCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [{|HG0102:IntRange(4, 4, Name = "layers")|}]
                public partial int Layers { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Fixed(4, Name = "layers")]
                public partial int Layers { get; }

                {{Build}}
            }
            """,
            "Replace with [Fixed(4)]");

    [Fact]
    public Task ReplaceWithFixed_TurnsLongConstantIntoInt() =>
        CodeFixHarness.VerifyFixAsync(
            new ReplaceWithFixedCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                private const long Width = 64;

                [{|HG0102:IntRange(Width, Width)|}]
                public partial int Units { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                private const long Width = 64;

                [Fixed(64)]
                public partial int Units { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task RemoveDuplicateChoice_RemovesMarkedValue() =>
        CodeFixHarness.VerifyFixAsync(
            new RemoveDuplicateChoiceCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Choice("relu", "tanh", {|HG0302:"relu"|}, "gelu")]
                public partial string Activation { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Choice("relu", "tanh", "gelu")]
                public partial string Activation { get; }

                {{Build}}
            }
            """,
            "Remove duplicate choice \"relu\"");

    [Fact]
    public Task RemoveDuplicateChoice_FindsDuplicateInWholeAttribute() =>
        CodeFixHarness.VerifyFixAsync(
            new RemoveDuplicateChoiceCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [{|HG0302:Choice(16, 32, 32, Default = 32)|}]
                public partial int Filters { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Choice(16, 32, Default = 32)]
                public partial int Filters { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task RemoveDuplicateChoice_RemovesArrayElement() =>
        CodeFixHarness.VerifyFixAsync(
            new RemoveDuplicateChoiceCodeFixProvider(),
            """
            using HyperGen;

            public static class Space
            {
                public static string Optimizer(HyperParameters hp) => hp.Choice("opt", new[] { "adam", "sgd", {|HG0302:"adam"|} });
            }
            """,
            """
            using HyperGen;

            public static class Space
            {
                public static string Optimizer(HyperParameters hp) => hp.Choice("opt", new[] { "adam", "sgd" });
            }
            """);

    [Fact]
    public Task RemoveDuplicateChoice_FixAllRemovesEveryDuplicate() =>
        CodeFixHarness.VerifyFixAllAsync(
            new RemoveDuplicateChoiceCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Choice("a", "b", {|HG0302:"a"|}, "c")]
                public partial string First { get; }

                [Choice(1, 2, {|HG0302:1|})]
                public partial int Second { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [Choice("a", "b", "c")]
                public partial string First { get; }

                [Choice(1, 2)]
                public partial int Second { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task MoveDefault_ClampsToMax() =>
        CodeFixHarness.VerifyFixAsync(
            new MoveDefaultCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [FloatRange(1e-5, 1e-1, Sampling = Sampling.Log, {|HG0201:Default = 0.5|})]
                public partial double Rate { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [FloatRange(1e-5, 1e-1, Sampling = Sampling.Log, Default = 1e-1)]
                public partial double Rate { get; }

                {{Build}}
            }
            """,
            "Move the default into the range (1e-1)");

    [Fact]
    public Task MoveDefault_ClampsToMin() =>
        CodeFixHarness.VerifyFixAsync(
            new MoveDefaultCodeFixProvider(),
            """
            using HyperGen;

            public static class Space
            {
                public static int Units(HyperParameters hp) => hp.Int("units", 8, 64, @default: {|HG0201:2|});
            }
            """,
            """
            using HyperGen;

            public static class Space
            {
                public static int Units(HyperParameters hp) => hp.Int("units", 8, 64, @default: 8);
            }
            """);

    [Fact]
    public Task MoveDefault_RoundsIntToGrid() =>
        CodeFixHarness.VerifyFixAsync(
            new MoveDefaultCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(32, 512, Step = 32, {|HG0202:Default = 100|})]
                public partial int Units { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(32, 512, Step = 32, Default = 96)]
                public partial int Units { get; }

                {{Build}}
            }
            """,
            "Move the default onto the grid (96)");

    [Fact]
    public Task MoveDefault_RoundsFloatToGrid() =>
        CodeFixHarness.VerifyFixAsync(
            new MoveDefaultCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [FloatRange(0.1, 0.9, Step = 0.2, {|HG0202:Default = 0.55|})]
                public partial double Momentum { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [FloatRange(0.1, 0.9, Step = 0.2, Default = 0.5)]
                public partial double Momentum { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task MoveDefault_RoundsToLogGrid() =>
        CodeFixHarness.VerifyFixAsync(
            new MoveDefaultCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(2, 256, Step = 2, Sampling = Sampling.Log, {|HG0202:Default = 20|})]
                public partial int BatchSize { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(2, 256, Step = 2, Sampling = Sampling.Log, Default = 16)]
                public partial int BatchSize { get; }

                {{Build}}
            }
            """);

    [Fact]
    public Task MoveDefault_FixAllMovesEveryDefault() =>
        CodeFixHarness.VerifyFixAllAsync(
            new MoveDefaultCodeFixProvider(),
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8, {|HG0201:Default = 10|})]
                public partial int Layers { get; }

                [IntRange(0, 100, Step = 10, {|HG0202:Default = 44|})]
                public partial int Width { get; }

                {{Build}}
            }
            """,
            $$"""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(1, 8, Default = 8)]
                public partial int Layers { get; }

                [IntRange(0, 100, Step = 10, Default = 40)]
                public partial int Width { get; }

                {{Build}}
            }
            """);
}
