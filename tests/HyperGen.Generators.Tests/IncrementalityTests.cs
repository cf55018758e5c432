extern alias generators;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using TrackingNames = generators::HyperGen.Generators.TrackingNames;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Runs the generator twice with step tracking and checks each named step's run reasons, and that no step output
/// contains a symbol, syntax node or compilation.
/// </summary>
public sealed class IncrementalityTests
{
    private const string FirstModel = """
        using HyperGen;

        namespace Samples;

        public partial class FirstModel : HyperModel<object>
        {
            [IntRange(1, 4)]
            public partial int Layers { get; }

            [Choice("adam", "sgd")]
            public partial string Optimizer { get; }

            [Boolean]
            public partial bool UseBias { get; }

            [ActiveWhen(nameof(UseBias), true)]
            [FloatRange(0, 1)]
            public partial double BiasScale { get; }

            public override object Build(HyperParameters hyperParameters) => Compute(1);

            private static object Compute(int value) => value + 1;
        }
        """;

    private const string SecondModel = """
        using HyperGen;

        namespace Samples;

        public partial class SecondModel : HyperModel<object>
        {
            [FloatRange(0, 1)]
            public partial double Dropout { get; }

            [Fixed(10)]
            public partial int Classes { get; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """;

    /// <summary>A model whose base class is in another file, so its model comes from symbols.</summary>
    private const string DerivedModel = """
        using HyperGen;

        namespace Samples;

        public partial class DerivedModel : FirstModel
        {
            [IntRange(1, 2)]
            public partial int Extra { get; }
        }
        """;

    private static readonly IncrementalStepRunReason[] s_unchanged =
        [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Generator_UnrelatedFileAdded_ReadsOnlyThatFile()
    {
        var (result, _) = RunTwice(
            compilation => compilation.AddSyntaxTrees(Parse("public class Unrelated { }")), extraSources: [DerivedModel]);

        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(ChangedOutputs(result, TrackingNames.Files)));
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(ChangedOutputs(result, TrackingNames.FileModels)));
        AssertAllStepsUnchanged(result, except: [TrackingNames.Files, TrackingNames.FileModels]);
    }

    [Fact]
    public void MethodBodyEdit_CachesStepsAfterFile()
    {
        var (result, _) = RunTwice(
            compilation => ReplaceFirstModel(compilation, "value + 1", "value + 2"), extraSources: [DerivedModel]);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(ChangedOutputs(result, TrackingNames.Files)));
        AssertAllStepsUnchanged(result, except: [TrackingNames.Files]);
    }

    [Fact]
    public void Generator_OtherFileEdited_DoesNotReadTheModelFiles()
    {
        var (result, _) = RunTwice(
            compilation => compilation.AddSyntaxTrees(Parse("public class Unrelated { }")),
            secondEdit: compilation =>
            {
                var tree = compilation.SyntaxTrees.Last();
                return compilation.ReplaceSyntaxTree(
                    tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("public class Other { }")));
            });

        var fileModels = result.TrackedSteps[TrackingNames.FileModels].SelectMany(run => run.Outputs).ToList();
        Assert.Equal(3, fileModels.Count);
        Assert.Equal(2, fileModels.Count(output => output.Reason == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void SymbolModel_ReparsedAfterEachEdit()
    {
        var (result, output) = RunTwice(
            compilation => ReplaceFirstModel(compilation, "value + 1", "value + 2"), extraSources: [DerivedModel]);

        var names = result.TrackedSteps[TrackingNames.SymbolCandidates].SelectMany(run => run.Outputs)
            .Select(step => step.Value).Cast<IEnumerable<string>>().Single();
        Assert.Equal(["Samples.DerivedModel"], names);
        Assert.Contains("Samples.DerivedModel.g.cs", output.Keys);
        var symbolModels = OutputReasons(result, TrackingNames.SymbolModels);
        Assert.All(symbolModels, reason => Assert.Contains(reason, s_unchanged));
        Assert.Single(symbolModels);
    }

    [Fact]
    public void Generator_AttributeArgumentChanged_ModifiesOnlyThatModel()
    {
        var (result, output) = RunTwice(ChangeAttributeArgument);

        var models = OutputReasons(result, TrackingNames.Models);
        Assert.Equal(2, models.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, models[0]);
        Assert.Contains(models[1], s_unchanged);
        Assert.Contains("8),", output["Samples.FirstModel.g.cs"]);
    }

    [Fact]
    public void Generator_AttributeArgumentChanged_RewritesOnlyThatFile()
    {
        var (result, _) = RunTwice(ChangeAttributeArgument);

        var sourceOutput = result.TrackedOutputSteps.SelectMany(step => step.Value)
            .SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();
        Assert.Equal(1, sourceOutput.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.All(
            sourceOutput.Where(reason => reason != IncrementalStepRunReason.Modified),
            reason => Assert.Contains(reason, s_unchanged));
    }

    [Fact]
    public void Generator_SecondModelAdded_AddsOnlyNewModel()
    {
        var (result, output) = RunTwice(
            compilation => compilation.AddSyntaxTrees(Parse(SecondModel)), includeSecondModel: false);

        var models = OutputReasons(result, TrackingNames.Models);
        Assert.Equal(2, models.Count);
        Assert.Contains(models[0], s_unchanged);
        Assert.Equal(IncrementalStepRunReason.New, models[1]);
        Assert.Equal(2, output.Count);
    }

    [Fact]
    public void TrackedSteps_HoldNoSymbolsOrSyntax()
    {
        var (result, _) = RunTwice(ChangeAttributeArgument, extraSources: [DerivedModel]);

        var named = result.TrackedSteps.Where(step => TrackingNames.All.Contains(step.Key)).ToList();
        Assert.Equal(TrackingNames.All.Length, named.Count);
        foreach (var step in named)
        {
            foreach (var output in step.Value.SelectMany(run => run.Outputs))
            {
                AssertSymbolFree(output.Value, step.Key, depth: 0);
            }
        }
    }

    [Fact]
    public void AssertSymbolFree_DetectsSymbolInsideCollection()
    {
        var compilation = GeneratorHarness.CreateCompilation(SecondModel);
        object withSymbol = new List<object> { compilation.GetTypeByMetadataName("Samples.SecondModel")! };

        Assert.ThrowsAny<Exception>(() => AssertSymbolFree(withSymbol, "test", depth: 0));
    }

    private static (GeneratorRunResult Result, Dictionary<string, string> Output) RunTwice(
        Func<Compilation, Compilation> edit,
        bool includeSecondModel = true,
        string[]? extraSources = null,
        Func<Compilation, Compilation>? secondEdit = null)
    {
        string[] sources = includeSecondModel ? [FirstModel, SecondModel] : [FirstModel];
        Compilation compilation = GeneratorHarness.CreateCompilation([.. sources, .. extraSources ?? []]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        compilation = edit(compilation);
        driver = driver.RunGenerators(compilation);
        if (secondEdit is not null)
        {
            driver = driver.RunGenerators(secondEdit(compilation));
        }

        var result = driver.GetRunResult().Results.Single();
        var output = result.GeneratedSources.ToDictionary(
            source => source.HintName, source => source.SourceText.ToString());
        return (result, output);
    }

    private static Compilation ChangeAttributeArgument(Compilation compilation) =>
        ReplaceFirstModel(compilation, "IntRange(1, 4)", "IntRange(1, 8)");

    private static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);

    private static Compilation ReplaceFirstModel(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.First();
        Assert.Contains(oldText, tree.ToString());
        int start = tree.ToString().IndexOf(oldText, StringComparison.Ordinal);
        var edited = tree.WithChangedText(tree.GetText().Replace(start, oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static List<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result, string stepName) =>
        result.TrackedSteps[stepName].SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();

    private static List<IncrementalStepRunReason> ChangedOutputs(GeneratorRunResult result, string stepName) =>
        OutputReasons(result, stepName).Where(reason => !s_unchanged.Contains(reason)).ToList();

    private static void AssertAllStepsUnchanged(GeneratorRunResult result, string[]? except = null)
    {
        foreach (string name in TrackingNames.All.Except(except ?? []))
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"Step {name} was not tracked.");
            foreach (var output in result.TrackedSteps[name].SelectMany(run => run.Outputs))
            {
                Assert.True(
                    s_unchanged.Contains(output.Reason), $"Step {name} output {output.Value} was {output.Reason}.");
            }
        }
    }

    /// <summary>
    /// Fails when <paramref name="value"/>, an element of it, or a property of a generator model is a symbol, a
    /// syntax node, a location, a compilation, a semantic model or attribute data (checked by assignability).
    /// </summary>
    private static void AssertSymbolFree(object? value, string step, int depth)
    {
        if (value is null || value is string || depth > 8)
        {
            return;
        }

        Assert.False(value is ISymbol, $"Step {step} outputs a symbol: {value}");
        Assert.False(value is SyntaxNode, $"Step {step} outputs a syntax node: {value}");
        Assert.False(value is SyntaxTree, $"Step {step} outputs a syntax tree: {value}");
        Assert.False(value is Location, $"Step {step} outputs a location: {value}");
        Assert.False(value is Compilation, $"Step {step} outputs a compilation.");
        Assert.False(value is SemanticModel, $"Step {step} outputs a semantic model.");
        Assert.False(value is AttributeData, $"Step {step} outputs attribute data: {value}");

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertSymbolFree(item, step, depth + 1);
            }

            return;
        }

        var type = value.GetType();
        if (type.Assembly != typeof(TrackingNames).Assembly)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertSymbolFree(property.GetValue(value), step, depth + 1);
            }
        }
    }
}
