using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class HyperParametersTests
{
    [Fact]
    public void InactiveParameter_ReadThrowsClearError()
    {
        var hp = new HyperParameters();
        hp.Boolean("use_dropout");
        using (hp.ConditionalScope("use_dropout", true))
        {
            hp.Float("dropout_rate", 0.1, 0.5);
        }

        var error = Assert.Throws<InvalidOperationException>(() => hp.Get<double>("dropout_rate"));

        Assert.Contains("'dropout_rate' is inactive", error.Message);
        Assert.Contains("use_dropout in [true]", error.Message);
        Assert.False(hp.IsActive("dropout_rate"));
        Assert.False(hp.Values.ContainsKey("dropout_rate"));
    }

    [Fact]
    public void ConditionalScope_ActivatesWhenParentMatches()
    {
        var hp = new HyperParameters(
            [new BooleanHyperParameter("use_dropout"), new FloatHyperParameter("dropout_rate", 0.1, 0.5, conditions: [new Condition("use_dropout", [true])])],
            new Dictionary<string, object> { ["use_dropout"] = true, ["dropout_rate"] = 0.3 });

        Assert.True(hp.IsActive("dropout_rate"));
        Assert.Equal(0.3, hp.Get<double>("dropout_rate"));
    }

    [Fact]
    public void NestedScopes_RequireEveryCondition()
    {
        var hp = new HyperParameters();
        hp.Choice("model", ["mlp", "cnn"]);
        hp.Boolean("deep", @default: false);
        using (hp.ConditionalScope("model", "mlp"))
        using (hp.ConditionalScope("deep", true))
        {
            hp.Int("extra_layers", 1, 4);
        }

        var extra = hp.Find("extra_layers");

        Assert.NotNull(extra);
        Assert.Equal(2, extra.Conditions.Count);
        Assert.False(hp.IsActive("extra_layers"));
    }

    [Fact]
    public void UnknownName_ThrowsAndListsKnownNames()
    {
        var hp = new HyperParameters();
        hp.Int("units", 1, 4);

        var error = Assert.Throws<KeyNotFoundException>(() => hp.Get<int>("unit"));

        Assert.Contains("'unit' is not defined", error.Message);
        Assert.Contains("units", error.Message);
    }

    [Fact]
    public void Get_WidensIntToDouble()
    {
        var hp = new HyperParameters();
        hp.Int("units", 3, 4);

        Assert.Equal(3.0, hp.Get<double>("units"));
    }

    [Fact]
    public void Get_WrongType_ThrowsNamingTypes()
    {
        var hp = new HyperParameters();
        hp.Choice("activation", ["relu"]);

        var error = Assert.Throws<InvalidCastException>(() => hp.Get<int>("activation"));

        Assert.Contains("string value \"relu\"", error.Message);
    }

    [Fact]
    public void GetCurrent_OutsideTrial_NamesProperty()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HyperParameters.GetCurrent("LearningRate"));

        Assert.Contains("'LearningRate'", error.Message);
        Assert.Contains("outside a trial", error.Message);
    }

    [Fact]
    public async Task Use_FlowsPerAsyncContext()
    {
        var first = new HyperParameters();
        first.Fixed("name", "first");
        var second = new HyperParameters();
        second.Fixed("name", "second");
        using var bothInside = new Barrier(2);

        string Read(HyperParameters hp)
        {
            using (HyperParameters.Use(hp))
            {
                bothInside.SignalAndWait(TimeSpan.FromSeconds(10));
                return HyperParameters.GetCurrent("Name").Get<string>("name");
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Read(first)), Task.Run(() => Read(second)));

        Assert.Equal(["first", "second"], results);
        Assert.Null(HyperParameters.Current);
    }

    [Fact]
    public void ConditionOnImpossibleValue_Throws()
    {
        var hp = new HyperParameters();
        hp.Choice("optimizer", ["sgd", "adam"]);

        var error = Assert.Throws<ArgumentException>(() => hp.ConditionalScope("optimizer", "rmsprop"));

        Assert.Contains("\"rmsprop\"", error.Message);
        Assert.Contains("can never take", error.Message);
    }

    [Fact]
    public void ConditionOnLongValue_MatchesIntParent()
    {
        var hp = new HyperParameters(
            [new ChoiceHyperParameter("k", [1, 2, 4]), new FloatHyperParameter("rate", 0, 1, conditions: [new Condition("k", [2L])])],
            new Dictionary<string, object> { ["k"] = 2 });

        Assert.True(hp.IsActive("rate"));
    }

    [Fact]
    public void HugeIntRange_SpreadsSamples()
    {
        var wide = new IntHyperParameter("w", -2_000_000_000, 2_000_000_000);
        var full = new IntHyperParameter("f", int.MinValue, int.MaxValue);

        Assert.InRange((int)wide.FromUnit(0.5), -1, 1);
        Assert.True((int)full.FromUnit(0.75) > 1_000_000_000);
        Assert.Equal(int.MaxValue, full.FromUnit(0.9999999999));
    }

    [Fact]
    public void FineFloatGrid_ReachesUpperHalf()
    {
        var rate = new FloatHyperParameter("rate", 0, 1, step: 1e-10);

        Assert.Equal(0.9, (double)rate.FromUnit(0.9), 6);
    }

    [Theory]
    [InlineData(-1e308, 1e308, Sampling.Linear, "max - min")]
    [InlineData(1e-200, 1e200, Sampling.Log, "max / min")]
    public void OverflowingFloatRange_IsRejected(double min, double max, Sampling sampling, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatHyperParameter("x", min, max, sampling: sampling));

        Assert.Contains(expected + " is Infinity", error.Message);
        Assert.Contains("narrower range", error.Message);
    }

    [Fact]
    public void Copy_IsIndependent()
    {
        var hp = new HyperParameters();
        hp.Int("units", 1, 4);
        var copy = hp.Copy();

        copy.Int("layers", 1, 3);

        Assert.Single(hp.Space);
        Assert.Equal(2, copy.Space.Count);
    }
}
