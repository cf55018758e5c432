using System;
using System.IO;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class DigitsSampleTests
{
    private static readonly Lazy<string> SampleAssembly = new(FindOrBuildSample);

    [Fact]
    public void Sample_ShortSearch_PrintsSummaryAndBestModel()
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, output) = DotnetCli.Run(folder.Path, SampleAssembly.Value, "--max-trials", "2", "--epochs", "2", "--directory", folder.Path);

        Assert.True(exitCode == 0, $"Digits exited with {exitCode}:\n{output}");
        Assert.Contains("Results summary", output);
        Assert.Contains("Showing the 2 best trials", output);
        Assert.Contains("Best hyperparameters:", output);
        Assert.Contains("Best model validation accuracy:", output);
        Assert.True(File.Exists(Path.Combine(folder.Path, "digits", "study.db")), "The search wrote no study.db under --directory.");
    }

    [Theory]
    [InlineData("grid", "none", "Searching with GridSearch and pruner none")]
    [InlineData("hyperband", "none", "Searching with Hyperband and pruner none")]
    [InlineData("bayesian", "none", "Searching with BayesianOptimization and pruner none")]
    [InlineData("tpe", "none", "Searching with Tpe and pruner none")]
    [InlineData("random", "median", "Searching with RandomSearch and pruner MedianPruner")]
    [InlineData("random", "asha", "Searching with RandomSearch and pruner SuccessiveHalvingPruner")]
    public void Sample_TunerAndPruner_RunsThatAlgorithm(string tuner, string pruner, string expected)
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, output) = DotnetCli.Run(
            folder.Path, SampleAssembly.Value, "--tuner", tuner, "--pruner", pruner, "--max-trials", "3", "--epochs", "2", "--directory", folder.Path);

        Assert.True(exitCode == 0, $"Digits exited with {exitCode}:\n{output}");
        Assert.Contains(expected, output);
        Assert.Contains("Best model validation accuracy:", output);
    }

    [Theory]
    [InlineData("--tuner", "annealing", "--tuner is \"annealing\"; use one of random, grid, bayesian, hyperband, tpe.")]
    [InlineData("--pruner", "hyperband", "--pruner is \"hyperband\"; use one of none, median, asha.")]
    [InlineData("--epochs", "0", "--epochs is 0; it must be at least 1.")]
    [InlineData("--max-trials", "many", "--max-trials must be a whole number, but it is \"many\".")]
    [InlineData("--learning-rate", "0.1", "Unknown option \"--learning-rate\".")]
    public void Sample_InvalidOption_ExitsWithCode2(string option, string value, string message)
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, output) = DotnetCli.Run(folder.Path, SampleAssembly.Value, option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
        Assert.Contains("Usage: Digits [options]", output);
    }

    [Fact]
    public void Sample_Help_PrintsUsage()
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, output) = DotnetCli.Run(folder.Path, SampleAssembly.Value, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--max-trials <count>", output);
    }

    /// <summary>
    /// Returns the sample's built Digits.dll for this test assembly's configuration, building the sample when the
    /// test build did not.
    /// </summary>
    private static string FindOrBuildSample()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string project = Path.Combine(TrainingTestData.RepositoryRoot, "samples", "Digits");
        string assembly = Path.Combine(project, "bin", configuration, "net10.0", "Digits.dll");
        if (!File.Exists(assembly))
        {
            var (exitCode, output) = DotnetCli.Run(project, "build", "--configuration", configuration);
            Assert.True(exitCode == 0, $"Building the Digits sample failed:\n{output}");
        }

        return assembly;
    }
}
