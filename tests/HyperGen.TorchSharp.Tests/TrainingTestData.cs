using System;
using System.IO;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp.Tests;

/// <summary>
/// Training tests share libtorch's process-wide random generator and thread count, so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection
{
    public const string Name = "TorchSharp training";
}

/// <summary>Data for the training tests: the digits table that the Digits sample ships, and synthetic tables.</summary>
internal static class TrainingTestData
{
    /// <summary>The repository root: the nearest folder above the test assembly that contains HyperGen.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The sample's copy of digits.csv (UCI Optical Recognition of Handwritten Digits, CC BY 4.0).</summary>
    public static string DigitsCsvPath { get; } = Path.Combine(RepositoryRoot, "samples", "Digits", "data", "digits.csv");

    /// <summary>Loads the first <paramref name="rows"/> digits rows, split 80/20 by class and standardised.</summary>
    public static TensorDataset LoadDigits(int rows)
    {
        string[] lines = File.ReadAllLines(DigitsCsvPath);
        var slice = CsvDataset.Parse(new StringReader(string.Join('\n', lines[..(rows + 1)])), DigitsCsvPath);

        return TensorDataset.FromTable(slice, TaskKind.Classification, validationFraction: 0.2, seed: 7);
    }

    /// <summary>
    /// Creates a regression dataset with <c>y = x · w + 0.5</c> plus a little noise, from a fixed seed.
    /// </summary>
    public static TensorDataset CreateLinearRegression(int rows, int features)
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var weights = randn([features], generator: generator);
        var inputs = randn([rows, features], generator: generator);
        var targets = inputs.matmul(weights) + 0.5f + (0.05f * randn([rows], generator: generator));
        int trainRows = rows * 4 / 5;

        return new TensorDataset(
            TaskKind.Regression,
            inputs[..trainRows].clone().DetachFromDisposeScope(),
            targets[..trainRows].clone().DetachFromDisposeScope(),
            inputs[trainRows..].clone().DetachFromDisposeScope(),
            targets[trainRows..].clone().DetachFromDisposeScope());
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HyperGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains HyperGen.sln.");
    }
}

/// <summary>A multilayer perceptron whose hidden width is tuned inside Build.</summary>
internal sealed class TrainingMlp : TorchHyperModel
{
    public TrainingMlp(TensorDataset data, TrainingOptions options)
        : base(data, options)
    {
    }

    public override nn.Module<Tensor, Tensor> Build(HyperParameters hyperParameters)
    {
        int units = hyperParameters.Int("units", 16, 64, step: 16, @default: 32);
        bool dropout = hyperParameters.Boolean("dropout");
        long outputs = Data.Task == TaskKind.Classification ? Data.ClassCount : 1;

        return nn.Sequential(
            ("hidden", nn.Linear(Data.FeatureCount, units)),
            ("relu", nn.ReLU()),
            ("dropout", nn.Dropout(dropout ? 0.3 : 0.0)),
            ("output", nn.Linear(units, outputs)));
    }
}
