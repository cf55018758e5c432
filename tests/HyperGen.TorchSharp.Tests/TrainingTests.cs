using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp.Tests;

[Collection(TrainingCollection.Name)]
public sealed class TrainingTests
{
    private static readonly Objective ValidationAccuracy = Objective.Maximize("val_accuracy");

    [Fact]
    public async Task Fit_DigitsSlice_ReachesSanityAccuracy()
    {
        using var data = TrainingTestData.LoadDigits(rows: 600);
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(new TrainingMlp(data, new TrainingOptions { Epochs = 8, Patience = null }), folder.Path, trials: 1, seed: 1);

        await tuner.SearchAsync();

        var trial = Assert.Single(tuner.Oracle.Trials);
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal(8, trial.Executions[0].Count);
        Assert.True(trial.Score >= 0.85, $"val_accuracy after 8 epochs is {trial.Score}; expected at least 0.85.");
    }

    [Fact]
    public async Task Fit_ReportsClassificationMetricsEachEpoch()
    {
        using var data = TrainingTestData.LoadDigits(rows: 300);
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(new TrainingMlp(data, new TrainingOptions { Epochs = 3, Patience = null }), folder.Path, trials: 1, seed: 2);

        await tuner.SearchAsync();

        var history = tuner.Oracle.Trials[0].Executions[0];
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.MetricNames);
        Assert.All(history["accuracy"], value => Assert.InRange(value, 0.0, 1.0));
        Assert.True(history["loss"][2] < history["loss"][0], $"Training loss did not fall: {string.Join(", ", history["loss"])}.");
    }

    [Fact]
    public async Task Search_SameSeed_GivesIdenticalHistories()
    {
        using var data = TrainingTestData.LoadDigits(rows: 400);
        var options = new TrainingOptions { Epochs = 4, Patience = null };

        var first = await RunHistoriesAsync(data, options, seed: 5);
        var second = await RunHistoriesAsync(data, options, seed: 5);

        Assert.Equal(2, first.Count);
        Assert.Equal(first.Count, second.Count);
        for (int trial = 0; trial < first.Count; trial++)
        {
            Assert.Equal(first[trial].Epochs.Select(epoch => epoch.ToArray()), second[trial].Epochs.Select(epoch => epoch.ToArray()));
        }
    }

    [Fact]
    public async Task Fit_StalledObjective_StopsEarly()
    {
        using var data = TrainingTestData.LoadDigits(rows: 300);
        using var folder = new TemporaryDirectory();

        // A learning rate this small leaves every prediction unchanged, so val_accuracy never improves.
        var options = new TrainingOptions { Epochs = 20, Patience = 2, Optimizer = "sgd", LearningRate = 1e-9 };
        var tuner = CreateTuner(new TrainingMlp(data, options), folder.Path, trials: 1, seed: 3);

        await tuner.SearchAsync();

        var history = tuner.Oracle.Trials[0].Executions[0];
        Assert.Equal(3, history.Count);
        Assert.Equal(0, tuner.Oracle.Trials[0].BestStep);
    }

    [Fact]
    public async Task GetBestModels_AccuracyMatchesBestEpoch()
    {
        using var data = TrainingTestData.LoadDigits(rows: 500);
        using var folder = new TemporaryDirectory();
        var hyperModel = new TrainingMlp(data, new TrainingOptions { Epochs = 6, Patience = 2, LearningRate = 0.02 });
        var tuner = CreateTuner(hyperModel, folder.Path, trials: 2, seed: 4);

        await tuner.SearchAsync();
        var best = tuner.Oracle.GetBestTrials(1)[0];
        var history = best.Executions[0];
        double bestEpochAccuracy = history["val_accuracy"][history.BestEpoch(ValidationAccuracy)];
        using var model = tuner.GetBestModels(1)[0];
        var metrics = hyperModel.Evaluate(model, data.ValidationFeatures, data.ValidationTargets);

        Assert.Equal(bestEpochAccuracy, metrics["accuracy"], 1e-6);
        Assert.Equal(history["val_loss"][history.BestEpoch(ValidationAccuracy)], metrics["loss"], 1e-5);
    }

    [Fact]
    public async Task GetBestModels_AfterReload_LoadsStoredWeights()
    {
        using var data = TrainingTestData.LoadDigits(rows: 500);
        using var folder = new TemporaryDirectory();
        var options = new TrainingOptions { Epochs = 4, Patience = 2, LearningRate = 0.02 };
        var searched = CreateTuner(new TrainingMlp(data, options), folder.Path, trials: 2, seed: 5);
        await searched.SearchAsync();
        var best = searched.Oracle.GetBestTrials(1)[0];
        var history = best.Executions[0];

        var hyperModel = new TrainingMlp(data, options);
        var reloaded = new Tuner<nn.Module<Tensor, Tensor>>(
            hyperModel, new RandomSearch(ValidationAccuracy, 2, 5), new TunerOptions { Directory = folder.Path });
        reloaded.Reload();
        using var model = reloaded.GetBestModels(1)[0];
        var metrics = hyperModel.Evaluate(model, data.ValidationFeatures, data.ValidationTargets);

        Assert.Equal(best.Number, reloaded.Oracle.GetBestTrials(1)[0].Number);
        Assert.Equal(history["val_accuracy"][history.BestEpoch(ValidationAccuracy)], metrics["accuracy"], 1e-6);
        Assert.Empty(System.IO.Directory.EnumerateFiles(folder.Path, "*.tmp", System.IO.SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Fit_Regression_ReportsErrorMetrics()
    {
        using var data = TrainingTestData.CreateLinearRegression(rows: 500, features: 5);
        using var folder = new TemporaryDirectory();
        var options = new TrainingOptions { Task = TaskKind.Regression, Epochs = 15, Patience = null, LearningRate = 0.01 };
        var tuner = CreateTuner(new TrainingMlp(data, options), folder.Path, trials: 1, seed: 6, Objective.Minimize("val_mse"));

        await tuner.SearchAsync();

        var history = tuner.Oracle.Trials[0].Executions[0];
        Assert.Equal(["loss", "mse", "mae", "val_loss", "val_mse", "val_mae"], history.MetricNames);
        Assert.Equal(history["loss"], history["mse"]);
        Assert.True(history["val_mse"][^1] < 0.2 * history["val_mse"][0], $"val_mse did not fall: {string.Join(", ", history["val_mse"])}.");
    }

    [Fact]
    public async Task Fit_ObjectiveNotAMetric_StopsSearch()
    {
        using var data = TrainingTestData.LoadDigits(rows: 200);
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(new TrainingMlp(data, new TrainingOptions { Epochs = 1 }), folder.Path, trials: 1, seed: 7, Objective.Maximize("val_auc"));

        var error = await Assert.ThrowsAsync<ObjectiveNotReportedException>(() => tuner.SearchAsync());

        Assert.Contains("val_accuracy", error.ReportedMetrics);
    }

    [Fact]
    public void Evaluate_ManyRows_MatchesWholeTensorMetrics()
    {
        using var data = TrainingTestData.CreateLinearRegression(rows: 3000, features: 4);
        var hyperModel = new TrainingMlp(data, new TrainingOptions { Task = TaskKind.Regression });
        var hyperParameters = new HyperParameters();
        using var model = hyperModel.Build(hyperParameters);
        using var scope = NewDisposeScope();

        var metrics = hyperModel.Evaluate(model, data.TrainFeatures, data.TrainTargets);

        model.eval();
        var errors = model.forward(data.TrainFeatures).view(-1) - data.TrainTargets;
        Assert.Equal(2400, data.TrainCount);
        Assert.Equal(errors.square().mean().item<float>(), metrics["mse"], 4);
        Assert.Equal(errors.abs().mean().item<float>(), metrics["mae"], 4);
    }

    [Fact]
    public void Options_UnknownOptimizer_NamesValidOptimizers()
    {
        var options = new TrainingOptions { Optimizer = "lion" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("\"lion\"", error.Message);
        Assert.Contains("adam, adamw, sgd, rmsprop", error.Message);
    }

    [Theory]
    [InlineData("adam", 0.01, 0.0)]
    [InlineData("AdamW", 0.01, 0.0)]
    [InlineData("sgd", 0.05, 0.9)]
    [InlineData("rmsprop", 0.001, 0.0)]
    public async Task Fit_EachOptimizer_LowersLoss(string optimizer, double learningRate, double momentum)
    {
        using var data = TrainingTestData.LoadDigits(rows: 300);
        using var folder = new TemporaryDirectory();
        var options = new TrainingOptions { Epochs = 3, Patience = null, Optimizer = optimizer, LearningRate = learningRate, Momentum = momentum };
        var tuner = CreateTuner(new TrainingMlp(data, options), folder.Path, trials: 1, seed: 8);

        await tuner.SearchAsync();

        var losses = tuner.Oracle.Trials[0].Executions[0]["loss"];
        Assert.True(losses[^1] < losses[0], $"{optimizer}: training loss did not fall: {string.Join(", ", losses)}.");
    }

    private static async Task<IReadOnlyList<TrainingHistory>> RunHistoriesAsync(TensorDataset data, TrainingOptions options, int seed)
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(new TrainingMlp(data, options), folder.Path, trials: 2, seed);
        await tuner.SearchAsync();

        return tuner.Oracle.Trials.Select(trial => trial.Executions[0]).ToArray();
    }

    private static Tuner<nn.Module<Tensor, Tensor>> CreateTuner(
        TorchHyperModel hyperModel,
        string directory,
        int trials,
        int seed,
        Objective? objective = null)
    {
        var oracle = new RandomSearch(objective ?? ValidationAccuracy, trials, seed);

        return new Tuner<nn.Module<Tensor, Tensor>>(hyperModel, oracle, new TunerOptions { Directory = directory, Overwrite = true });
    }
}
