using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class FitResultTests
{
    private static TrainingHistory History()
    {
        var history = new TrainingHistory();
        history.Add(new Dictionary<string, double> { ["loss"] = 1.0, ["val_loss"] = 0.9, ["val_acc"] = 0.5 });
        history.Add(new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.8, ["val_acc"] = 0.9 });
        history.Add(new Dictionary<string, double> { ["loss"] = 0.7, ["val_loss"] = 0.4, ["val_acc"] = 0.6 });
        return history;
    }

    [Fact]
    public void History_TakesEveryMetricAtBestEpochOfMinimizedObjective()
    {
        var (metrics, bestStep) = FitResult.FromHistory(History()).Reduce(Objective.Minimize("val_loss"));

        Assert.Equal(2, bestStep);
        Assert.Equal(0.7, metrics["loss"]);
        Assert.Equal(0.4, metrics["val_loss"]);
        Assert.Equal(0.6, metrics["val_acc"]);
    }

    [Fact]
    public void History_TakesEveryMetricAtBestEpochOfMaximizedObjective()
    {
        var (metrics, bestStep) = FitResult.FromHistory(History()).Reduce(Objective.Maximize("val_acc"));

        Assert.Equal(1, bestStep);
        Assert.Equal(0.5, metrics["loss"]);
        Assert.Equal(0.8, metrics["val_loss"]);
    }

    [Fact]
    public void History_TiesKeepFirstEpochAndSkipNaN()
    {
        var history = new TrainingHistory();
        foreach (double value in new[] { 0.5, double.NaN, 0.4, 0.4 })
        {
            history.Add(new Dictionary<string, double> { ["val_loss"] = value });
        }

        var (_, bestStep) = FitResult.FromHistory(history).Reduce(Objective.Minimize("val_loss"));

        Assert.Equal(2, bestStep);
    }

    [Fact]
    public void Number_BecomesObjective()
    {
        FitResult result = 0.25;

        var (metrics, bestStep) = result.Reduce(Objective.Minimize("val_loss"));

        Assert.Equal(0.25, metrics["val_loss"]);
        Assert.Equal(0, bestStep);
    }

    [Fact]
    public void DictionaryWithoutObjective_ListsReportedMetrics()
    {
        FitResult result = new Dictionary<string, double> { ["loss"] = 1.0, ["accuracy"] = 0.5 };

        var error = Assert.Throws<ObjectiveNotReportedException>(() => result.Reduce(Objective.Maximize("val_accuracy")));

        Assert.Contains("\"val_accuracy\"", error.Message);
        Assert.Contains("\"loss\", \"accuracy\"", error.Message);
    }

    [Fact]
    public void HistoryWithoutObjective_ListsReportedMetrics()
    {
        var error = Assert.Throws<ObjectiveNotReportedException>(() => FitResult.FromHistory(History()).Reduce(Objective.Maximize("val_accuracy")));

        Assert.Equal(["loss", "val_loss", "val_acc"], error.ReportedMetrics);
    }
}
