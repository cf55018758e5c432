using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class ObjectiveTests
{
    [Theory]
    [InlineData("val_loss", ObjectiveDirection.Minimize)]
    [InlineData("loss", ObjectiveDirection.Minimize)]
    [InlineData("val_mae", ObjectiveDirection.Minimize)]
    [InlineData("val_weighted_loss", ObjectiveDirection.Minimize)]
    [InlineData("sparse_categorical_crossentropy", ObjectiveDirection.Minimize)]
    [InlineData("val_accuracy", ObjectiveDirection.Maximize)]
    [InlineData("acc", ObjectiveDirection.Maximize)]
    [InlineData("val_auc", ObjectiveDirection.Maximize)]
    [InlineData("val_sparse_categorical_accuracy", ObjectiveDirection.Maximize)]
    public void FromName_InfersDirection(string name, ObjectiveDirection expected)
    {
        Assert.Equal(expected, Objective.FromName(name).Direction);
    }

    [Fact]
    public void FromName_UnknownMetric_AsksForDirection()
    {
        var error = Assert.Throws<ArgumentException>(() => Objective.FromName("val_banana"));

        Assert.Contains("Objective.Minimize(\"val_banana\")", error.Message);
        Assert.Contains("Objective.Maximize(\"val_banana\")", error.Message);
    }

    [Fact]
    public void StringConversion_UsesInference()
    {
        Objective objective = "val_accuracy";

        Assert.Equal(Objective.Maximize("val_accuracy"), objective);
    }

    [Fact]
    public void IsBetter_NeverPrefersNaN()
    {
        var objective = Objective.Minimize("loss");

        Assert.False(objective.IsBetter(double.NaN, 1.0));
        Assert.True(objective.IsBetter(1.0, double.NaN));
        Assert.True(objective.IsBetter(0.5, 1.0));
        Assert.False(objective.IsBetter(1.0, 1.0));
    }
}
