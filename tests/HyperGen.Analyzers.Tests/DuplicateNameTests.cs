using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static HyperGen.Analyzers.Tests.AnalyzerHarness;

namespace HyperGen.Analyzers.Tests;

/// <summary>
/// Duplicate hyperparameter names (HG0402) follow the generator's rules on which properties declare a
/// hyperparameter: a property whose <c>[ActiveWhen]</c> the generator rejects takes no name, and neither does a
/// property conditioned on it. The source marks the one expected diagnostic's span with <c>[|...|]</c>.
/// </summary>
public sealed class DuplicateNameTests
{
    [Fact]
    public void RejectedConditionBeforeDuplicate_TakesNoName()
    {
        var (source, span) = ParseMarkup(Model("""
            [IntRange(1, 4, Name = "units")] [ActiveWhen([|"Missing"|], 1)] public partial int First { get; }
            [IntRange(1, 8, Name = "units")] public partial int Second { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0501", span, "First", "Missing");
    }

    [Fact]
    public void RejectedConditionOnDuplicate_ReportsOnlyCondition()
    {
        var (source, span) = ParseMarkup(Model("""
            [IntRange(1, 4, Name = "units")] public partial int First { get; }
            [IntRange(1, 8, Name = "units")] [ActiveWhen([|nameof(Later)|], true)] public partial int Second { get; }
            [Boolean] public partial bool Later { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0505", span, "Second", "Later");
    }

    [Fact]
    public void ConditionValueOfOtherType_TakesNoName()
    {
        var (source, span) = ParseMarkup(Model("""
            [Boolean] public partial bool On { get; }
            [IntRange(1, 4, Name = "units")] [ActiveWhen(nameof(On), [|"yes"|])] public partial int First { get; }
            [IntRange(1, 8, Name = "units")] public partial int Second { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0502", span, "First", "On", "\"yes\"", "[true, false]");
    }

    [Fact]
    public void ConditionOnRejectedParent_TakesNoName()
    {
        // First's parent is rejected, so the generator finds no parent for First and rejects it as well.
        var (source, span) = ParseMarkup(Model("""
            [Boolean] [ActiveWhen([|"Missing"|], true)] public partial bool On { get; }
            [IntRange(1, 4, Name = "units")] [ActiveWhen(nameof(On), true)] public partial int First { get; }
            [IntRange(1, 8, Name = "units")] public partial int Second { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0501", span, "On", "Missing");
    }

    [Fact]
    public void InheritedRejectedCondition_TakesNoName()
    {
        var (source, span) = ParseMarkup("""
            using HyperGen;

            namespace Samples;

            public abstract partial class BaseModel : HyperModel<object>
            {
                [IntRange(1, 4)] [ActiveWhen([|"Missing"|], 1)] public partial int Units { get; }
            }

            public partial class Model : BaseModel
            {
                [IntRange(1, 8, Name = "units")] public partial int Width { get; }

                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0501", span, "Units", "Missing");
    }

    [Fact]
    public void ValidCondition_DuplicateName_ReportsHG0402()
    {
        var (source, span) = ParseMarkup(Model("""
            [Boolean] public partial bool On { get; }
            [IntRange(1, 4, Name = "units")] public partial int First { get; }
            [IntRange(1, 8, [|Name = "units"|])] [ActiveWhen(nameof(On), true)] public partial int Second { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0402", span, "Property 'Second'", "units", "First", "set Name to a unique value");
    }

    [Fact]
    public void ConditionedDuplicate_ReportsHG0402()
    {
        var (source, span) = ParseMarkup(Model("""
            [Boolean] public partial bool On { get; }
            [IntRange(1, 4, Name = "units")] [ActiveWhen(nameof(On), true)] public partial int First { get; }
            [IntRange(1, 8, [|Name = "units"|])] public partial int Second { get; }
            """));

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0402", span, "Property 'Second'", "units", "First", "set Name to a unique value");
    }

    [Fact]
    public void ConditionValueNeverTaken_StillTakesName()
    {
        // The generator converts 11 to the parent's type and declares First, whose condition never holds.
        var (source, span) = ParseMarkup(Model("""
            [IntRange(0, 10)] public partial int Depth { get; }
            [IntRange(1, 4, Name = "units")] [ActiveWhen(nameof(Depth), 11)] public partial int First { get; }
            [IntRange(1, 8, [|Name = "units"|])] public partial int Second { get; }
            """));

        var diagnostics = Analyze(source);

        Assert.Equal(["HG0502", "HG0402"], diagnostics.Select(diagnostic => diagnostic.Id));
        AssertDiagnostic(diagnostics[1], "HG0402", span, "Property 'Second'", "units", "First", "set Name to a unique value");
    }

    [Fact]
    public void InheritedConditionedProperty_TakesName()
    {
        var (source, span) = ParseMarkup("""
            using HyperGen;

            namespace Samples;

            public abstract partial class BaseModel : HyperModel<object>
            {
                [Boolean] public partial bool On { get; }

                [IntRange(1, 4)] [ActiveWhen(nameof(On), true)] public partial int Units { get; }
            }

            public partial class Model : BaseModel
            {
                [IntRange(1, 8, [|Name = "units"|])] public partial int Width { get; }

                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(
            diagnostic, "HG0402", span, "Property 'Width'", "units", "BaseModel.Units", "set Name to a unique value");
    }

    [Fact]
    public void NonPartialBase_ContributesNoName()
    {
        // The generator writes no code for a base class that is not partial, so its properties declare nothing.
        var (source, span) = ParseMarkup("""
            using HyperGen;

            namespace Samples;

            public abstract class [|BaseModel|] : HyperModel<object>
            {
                [IntRange(1, 4)] public partial int Units { get; }
            }

            public partial class Model : BaseModel
            {
                [IntRange(1, 8, Name = "units")] public partial int Width { get; }

                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        var diagnostic = Assert.Single(Analyze(source));

        AssertDiagnostic(diagnostic, "HG0001", span, "BaseModel", "BaseModel");
    }

    private static void AssertDiagnostic(
        Diagnostic diagnostic, string id, TextSpan span, params string[] arguments)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        string format = diagnostic.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            string.Format(CultureInfo.InvariantCulture, format, arguments.Cast<object>().ToArray()),
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
