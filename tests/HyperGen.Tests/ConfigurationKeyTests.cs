using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class ConfigurationKeyTests
{
    private static ConfigurationKey Key(params (string Name, object Value)[] pairs) =>
        new(pairs.Select(pair => pair.Name).ToArray(), pairs.Select(pair => pair.Value).ToArray(), pairs.Length);

    [Fact]
    public void SameValues_AreEqual()
    {
        var left = Key(("units", 64), ("lr", 0.001), ("act", "relu"), ("bn", true));
        var right = Key(("units", 64), ("lr", 0.001), ("act", "relu"), ("bn", true));

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void IntAndEqualDouble_Differ()
    {
        Assert.NotEqual(Key(("x", 1)), Key(("x", 1.0)));
    }

    [Fact]
    public void NegativeZero_DiffersFromZero()
    {
        Assert.NotEqual(Key(("x", 0.0)), Key(("x", -0.0)));
    }

    [Fact]
    public void NaN_EqualsNaN()
    {
        Assert.Equal(Key(("x", double.NaN)), Key(("x", -double.NaN)));
    }

    [Fact]
    public void MissingParameter_Differs()
    {
        Assert.NotEqual(Key(("a", 1), ("b", 2)), Key(("a", 1)));
    }

    [Fact]
    public void DifferentName_Differs()
    {
        Assert.NotEqual(Key(("a", 1)), Key(("b", 1)));
    }

    [Fact]
    public void StringAndBoolean_Differ()
    {
        Assert.NotEqual(Key(("x", "True")), Key(("x", true)));
    }

    [Fact]
    public void UnusedArrayEntries_AreIgnored()
    {
        var trimmed = new ConfigurationKey(["a", "b"], [1, 2], 1);

        Assert.Equal(Key(("a", 1)), trimmed);
    }
}
