using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>Every invalid definition throws an ArgumentException naming the parameter, the value and the fix.</summary>
public class HyperParameterRulesTests
{
    public static TheoryData<string, Action<HyperParameters>, string[]> InvalidDefinitions => new()
    {
        { "int min > max", hp => hp.Int("units", 512, 32), ["'units'", "512", "32", "Swap"] },
        { "float min > max", hp => hp.Float("lr", 1.0, 0.1), ["'lr'", "1", "0.1", "Swap"] },
        { "int log min 0", hp => hp.Int("units", 0, 10, sampling: Sampling.Log), ["'units'", "min is 0", "positive min"] },
        { "float log min negative", hp => hp.Float("lr", -1, 1, sampling: Sampling.Log), ["'lr'", "min is -1", "positive min"] },
        { "float reverse-log min 0", hp => hp.Float("lr", 0, 1, sampling: Sampling.ReverseLog), ["'lr'", "ReverseLog", "min is 0"] },
        { "int step 0", hp => hp.Int("units", 1, 10, step: 0), ["'units'", "step 0", "positive"] },
        { "float step negative", hp => hp.Float("rate", 0, 1, step: -0.1), ["'rate'", "step -0.1", "positive"] },
        { "int log step 1", hp => hp.Int("units", 1, 64, step: 1, sampling: Sampling.Log), ["'units'", "multiplier", "greater than 1"] },
        { "float log step 0.5", hp => hp.Float("lr", 0.001, 1, step: 0.5, sampling: Sampling.Log), ["'lr'", "multiplier", "0.5"] },
        { "int default above max", hp => hp.Int("units", 1, 10, @default: 50), ["'units'", "default 50", "[1, 10]"] },
        { "float default below min", hp => hp.Float("rate", 0.1, 0.5, @default: 0.05), ["'rate'", "default 0.05", "[0.1, 0.5]"] },
        { "int default off grid", hp => hp.Int("units", 32, 512, step: 32, @default: 40), ["'units'", "default 40", "grid", "such as 32"] },
        { "float default off grid", hp => hp.Float("rate", 0, 1, step: 0.25, @default: 0.3), ["'rate'", "default 0.3", "such as 0.25"] },
        { "float NaN bound", hp => hp.Float("rate", double.NaN, 1), ["'rate'", "NaN", "finite"] },
        { "float infinite max", hp => hp.Float("rate", 0, double.PositiveInfinity), ["'rate'", "Infinity", "finite"] },
        { "empty choices", hp => hp.Choice("activation", Array.Empty<string>()), ["'activation'", "at least one value"] },
        { "default not a choice", hp => hp.Choice("activation", ["relu", "tanh"], @default: "gelu"), ["'activation'", "\"gelu\"", "[\"relu\", \"tanh\"]"] },
        { "empty name", hp => hp.Boolean(" "), ["name", "empty"] },
        { "redefined differently", hp => { hp.Int("units", 1, 10); hp.Int("units", 1, 20); }, ["'units'", "already defined", "Int(1, 10", "Int(1, 20"] },
        { "int redefined as float", hp => { hp.Int("units", 1, 10); hp.Float("units", 1, 10); }, ["'units'", "already defined"] },
        { "scope on unknown parent", hp => hp.ConditionalScope("optimizer", "sgd"), ["'optimizer'", "not defined"] },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void InvalidDefinition_ThrowsWithNameValueAndFix(string @case, Action<HyperParameters> define, string[] expectedFragments)
    {
        var hp = new HyperParameters();

        var error = Assert.ThrowsAny<ArgumentException>(() => define(hp));

        foreach (string fragment in expectedFragments)
        {
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{@case}: message lacks '{fragment}': {error.Message}");
        }
    }

    [Fact]
    public void MixedChoiceTypes_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHyperParameter("size", [1, 2.5]));

        Assert.Contains("mix int and double", error.Message);
    }

    [Fact]
    public void OrderedStringChoice_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHyperParameter("activation", ["relu", "tanh"], ordered: true));

        Assert.Contains("only numeric choices can be ordered", error.Message);
    }

    [Fact]
    public void FixedNonFiniteValue_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new FixedHyperParameter("rate", double.NaN));

        Assert.Contains("not a finite number", error.Message);
    }

    [Fact]
    public void SameDefinitionTwice_ReturnsSameValue()
    {
        var hp = new HyperParameters();

        int first = hp.Int("units", 8, 64, step: 8, @default: 16);
        int second = hp.Int("units", 8, 64, step: 8, @default: 16);

        Assert.Equal(16, first);
        Assert.Equal(first, second);
        Assert.Single(hp.Space);
    }

    [Fact]
    public void MinEqualsMax_IsAllowed()
    {
        var hp = new HyperParameters();

        Assert.Equal(5, hp.Int("units", 5, 5, step: 10));
    }
}
