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

    [Fact]
    public void Sample_Resume_KeepsStudyAndExports()
    {
        using var folder = new TemporaryDirectory();
        string[] search = ["--max-trials", "2", "--epochs", "2", "--directory", folder.Path];
        string csvPath = Path.Combine(folder.Path, "exports", "trials.csv");
        string jsonPath = Path.Combine(folder.Path, "exports", "trials.json");

        var (firstExitCode, firstOutput) = DotnetCli.Run(folder.Path, [SampleAssembly.Value, .. search]);
        var (secondExitCode, secondOutput) = DotnetCli.Run(folder.Path, [SampleAssembly.Value, .. search]);
        var (resumeExitCode, resumeOutput) = DotnetCli.Run(
            folder.Path, [SampleAssembly.Value, .. search, "--resume", "--export-csv", csvPath, "--export-json", jsonPath]);

        Assert.True(firstExitCode == 0, $"The first run exited with {firstExitCode}:\n{firstOutput}");
        Assert.True(secondExitCode == 0, $"The second run exited with {secondExitCode}:\n{secondOutput}");
        Assert.Contains("Deleted the earlier results", secondOutput);
        Assert.True(resumeExitCode == 0, $"The resumed run exited with {resumeExitCode}:\n{resumeOutput}");
        Assert.Contains("Resumed study digits", resumeOutput);
        Assert.Contains("2 trials finished", resumeOutput);
        Assert.DoesNotContain("Deleted the earlier results", resumeOutput);
        Assert.Contains("Best model validation accuracy:", resumeOutput);
        string[] csvLines = File.ReadAllText(csvPath).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csvLines.Length);
        Assert.StartsWith("number,status,score,param_units,", csvLines[0]);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(jsonPath));
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void Sample_ResumeWithOtherSeed_ExplainsTheChange()
    {
        using var folder = new TemporaryDirectory();
        string[] search = ["--max-trials", "1", "--epochs", "1", "--directory", folder.Path];
        DotnetCli.Run(folder.Path, [SampleAssembly.Value, .. search]);

        var (exitCode, output) = DotnetCli.Run(folder.Path, [SampleAssembly.Value, .. search, "--resume", "--seed", "7"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("--resume found a study created by another search: seed was 42, now 7", output);
    }

    [Fact]
    public void Sample_DirectoryUnderFile_ExplainsWithoutStackTrace()
    {
        using var folder = new TemporaryDirectory();
        string file = Path.Combine(folder.Path, "notes.txt");
        File.WriteAllText(file, "not a folder");

        var (exitCode, output) = DotnetCli.Run(
            folder.Path, [SampleAssembly.Value, "--max-trials", "1", "--epochs", "1", "--directory", Path.Combine(file, "runs")]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"'{file}' is a file", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public void Sample_AcceptChanges_RaisesTheBudget()
    {
        using var folder = new TemporaryDirectory();
        string[] search = ["--epochs", "1", "--directory", folder.Path];
        DotnetCli.Run(folder.Path, [SampleAssembly.Value, .. search, "--max-trials", "1"]);

        var (exitCode, output) = DotnetCli.Run(
            folder.Path, [SampleAssembly.Value, .. search, "--max-trials", "2", "--resume", "--accept-changes"]);

        Assert.True(exitCode == 0, $"The resumed run exited with {exitCode}:\n{output}");
        Assert.Contains("max_trials was 1, now 2", output);
        Assert.Contains("Search finished after 2 trials", output);
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
    [InlineData("--export-csv", " ", "--export-csv needs a file path, such as trials.csv.")]
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
