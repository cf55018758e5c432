using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>Grids, sampling formulas and defaults, against the numbers KerasTuner 1.4.7 produces where it is right.</summary>
public class HyperParameterSemanticsTests
{
    [Fact]
    public void FloatGrid_IncludesMaxOnTheGrid()
    {
        var rate = new FloatHyperParameter("rate", 0, 1, step: 0.2);

        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], rate.GridValues().Cast<double>());
    }

    [Theory]
    [InlineData(0.0, 0.3, 0.1, 4)]
    [InlineData(0.0, 1.0, 0.1, 11)]
    [InlineData(0.1, 0.5, 0.1, 5)]
    [InlineData(0.0, 1.0, 0.25, 5)]
    [InlineData(0.0, 0.95, 0.1, 10)]
    public void FloatGrid_CountsPointsWithTolerance(double min, double max, double step, int expected)
    {
        var parameter = new FloatHyperParameter("x", min, max, step: step);

        Assert.Equal(expected, parameter.GridValues().Count);
    }

    [Fact]
    public void IntGrid_StopsAtLastReachableValue()
    {
        Assert.Equal([6, 9, 12], new IntHyperParameter("n", 6, 13, step: 3).GridValues().Cast<int>());
        Assert.Equal([1, 5, 9], new IntHyperParameter("n", 1, 10, step: 4).GridValues().Cast<int>());
    }

    [Fact]
    public void IntWithoutStep_HasStepOne()
    {
        var units = new IntHyperParameter("units", 6, 12);

        Assert.Equal(1, units.Step);
        Assert.Equal([6, 7, 8, 9, 10, 11, 12], units.GridValues().Cast<int>());
    }

    [Fact]
    public void IntLogGrid_IsMultiplicativeAndInteger()
    {
        var units = new IntHyperParameter("units", 2, 32, step: 2, sampling: Sampling.Log);

        var values = units.GridValues();

        Assert.All(values, value => Assert.IsType<int>(value));
        Assert.Equal([2, 4, 8, 16, 32], values.Cast<int>());
    }

    [Fact]
    public void FloatLogGrid_IsMultiplicative()
    {
        var rate = new FloatHyperParameter("lr", 1e-4, 1e-2, step: 10, sampling: Sampling.Log);

        var values = rate.GridValues().Cast<double>().ToArray();

        Assert.Equal(3, values.Length);
        Assert.Equal(1e-4, values[0], 12);
        Assert.Equal(1e-3, values[1], 12);
        Assert.Equal(1e-2, values[2]);
    }

    [Fact]
    public void ReverseLogGrid_MirrorsLogGrid()
    {
        var rate = new FloatHyperParameter("x", 1, 1000, step: 10, sampling: Sampling.ReverseLog);

        Assert.Equal([1.0, 901.0, 991.0, 1000.0], rate.GridValues().Cast<double>());
    }

    [Theory]
    [InlineData(0.0, 1e-4)]
    [InlineData(0.5, 3.1622776601683794e-3)]
    [InlineData(0.25, 5.6234132519034907e-4)]
    public void FloatLogSampling_FollowsFormula(double unit, double expected)
    {
        var rate = new FloatHyperParameter("lr", 1e-4, 1e-1, sampling: Sampling.Log);

        Assert.Equal(expected, (double)rate.FromUnit(unit), 12);
    }

    [Theory]
    [InlineData(0.5, 0.7)]
    [InlineData(0.1, 0.277533)]
    [InlineData(0.9, 0.875427)]
    public void FloatReverseLogSampling_FollowsFormula(double unit, double expected)
    {
        var rate = new FloatHyperParameter("x", 0.1, 0.9, sampling: Sampling.ReverseLog);

        Assert.Equal(expected, (double)rate.FromUnit(unit), 5);
    }

    [Fact]
    public void IntLogSampling_ReturnsIntsAcrossWholeRange()
    {
        var units = new IntHyperParameter("units", 1, 1000, sampling: Sampling.Log);

        Assert.IsType<int>(units.FromUnit(0.5));
        Assert.Equal(1, units.FromUnit(0.0));
        Assert.Equal(31, units.FromUnit(0.5));
        Assert.Equal(1000, units.FromUnit(0.999999));
    }

    [Fact]
    public void UnitRoundTrip_ReturnsSameGridValue()
    {
        var parameters = new HyperParameter[]
        {
            new IntHyperParameter("a", 0, 100, step: 10),
            new FloatHyperParameter("b", 0, 1, step: 0.2),
            new ChoiceHyperParameter("c", ["x", "y", "z"]),
            new BooleanHyperParameter("d"),
        };

        foreach (var parameter in parameters)
        {
            foreach (var value in parameter.GridValues())
            {
                Assert.Equal(value, parameter.FromUnit(parameter.ToUnit(value)));
            }
        }
    }

    [Fact]
    public void Defaults_AreMinFirstChoiceAndFalse()
    {
        var hp = new HyperParameters();

        Assert.Equal(32, hp.Int("units", 32, 512, step: 32));
        Assert.Equal(0.1, hp.Float("rate", 0.1, 0.5));
        Assert.Equal("tanh", hp.Choice("activation", ["tanh", "relu"]));
        Assert.Equal(3, hp.Choice("kernel", [3, 1, 2]));
        Assert.False(hp.Boolean("dropout"));
    }

    [Fact]
    public void BooleanChoice_StaysBoolean()
    {
        var choice = new ChoiceHyperParameter("flag", [true, false]);

        Assert.Equal(typeof(bool), choice.ValueType);
        Assert.IsType<bool>(choice.FromUnit(0.9));
        Assert.False(choice.Ordered);
    }

    [Fact]
    public void NumericChoice_IsOrderedByDefault()
    {
        Assert.True(new ChoiceHyperParameter("k", [3, 5, 7]).Ordered);
        Assert.True(new ChoiceHyperParameter("k", [0.1, 0.01]).Ordered);
        Assert.False(new ChoiceHyperParameter("k", [3, 5, 7], ordered: false).Ordered);
    }

    [Fact]
    public void Choice_KeepsDeclaredOrder()
    {
        var choice = new ChoiceHyperParameter("lr", [0.1, 0.01, 0.001]);

        Assert.Equal([0.1, 0.01, 0.001], choice.GridValues().Cast<double>());
    }
}
