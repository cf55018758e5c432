using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Digits;
using HyperGen;
using HyperGen.TorchSharp;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

// The data split keeps one seed so that --seed changes only the search, never the validation rows.
const int SplitSeed = 42;
const int ExitInvalidArguments = 2;

DigitsCommandLine commandLine;
try
{
    commandLine = DigitsCommandLine.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(DigitsCommandLine.Usage);

    return ExitInvalidArguments;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(DigitsCommandLine.Usage);

    return 0;
}

var clock = Stopwatch.StartNew();
using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
    }));
var logger = loggerFactory.CreateLogger("Digits");

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    string csvPath = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
    var table = CsvDataset.Load(csvPath);
    var trainingOptions = new TrainingOptions
    {
        Task = TaskKind.Classification,
        Epochs = commandLine.Epochs,
        BatchSize = 64,
        Patience = 2,
    };

    using var data = TensorDataset.FromTable(table, TaskKind.Classification, validationFraction: 0.2, seed: SplitSeed);
    var hyperModel = new DigitsModel(data, trainingOptions);
    logger.LogInformation(
        "Loaded {Rows} rows from {Path}: {TrainRows} for training and {ValidationRows} for validation, {Classes} classes",
        table.RowCount,
        csvPath,
        data.TrainCount,
        data.ValidationCount,
        data.ClassCount);

    var oracle = CreateOracle(commandLine);
    logger.LogInformation(
        "Searching with {Oracle} and pruner {Pruner}", oracle.GetType().Name, oracle.Pruner?.GetType().Name ?? "none");
    var tuner = new Tuner<nn.Module<Tensor, Tensor>>(hyperModel, oracle, new TunerOptions
    {
        Directory = commandLine.Directory,
        ProjectName = "digits",
        Overwrite = !commandLine.Resume,
        AcceptChangedStudy = commandLine.AcceptChanges,

        // A trial whose process was killed runs again once its lease expires, instead of failing.
        MaxRetriesPerTrial = 1,
        LoggerFactory = loggerFactory,
    });

    await tuner.SearchAsync(cancellation.Token);
    Console.WriteLine(tuner.ResultsSummary(3));
    PrintBest(tuner, hyperModel, data);
    if (!TryExport(tuner, commandLine, logger))
    {
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total time: {clock.Elapsed.TotalSeconds:F1} s"));

    return 0;
}
catch (StudyChangedException ex)
{
    logger.LogError(
        "--resume found a study created by another search: {Differences}. Pass the options of the run that created it, add --accept-changes to continue with the new ones, or leave out --resume to start over",
        string.Join("; ", ex.Differences));

    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("The search was cancelled.");

    return 130;
}
catch (StudyStorageException ex)
{
    logger.LogError("The digits study could not be stored: {Error}", ex.Message);

    return 1;
}
catch (IOException ex)
{
    logger.LogError(ex, "The digits search failed on the results folder {Directory}; pass a writable folder with --directory", commandLine.Directory);

    return 1;
}
catch (Exception ex) when (ex is TorchSharpLoadException or CsvFormatException or InvalidOperationException or ArgumentException)
{
    logger.LogError(ex, "The digits search failed");

    return 1;
}

static Oracle CreateOracle(DigitsCommandLine commandLine)
{
    var objective = Objective.Maximize("val_accuracy");
    Pruner? pruner = commandLine.Pruner switch
    {
        "median" => new MedianPruner(),
        "asha" => new SuccessiveHalvingPruner(),
        _ => null,
    };

    return commandLine.Tuner switch
    {
        "grid" => new GridSearch(objective, commandLine.MaxTrials, commandLine.Seed) { Pruner = pruner },
        "bayesian" => new BayesianOptimization(objective, commandLine.MaxTrials, seed: commandLine.Seed) { Pruner = pruner },
        "tpe" => new Tpe(objective, commandLine.MaxTrials, commandLine.Seed) { Pruner = pruner },
        "hyperband" => new Hyperband(objective, maxEpochs: commandLine.Epochs, seed: commandLine.Seed) { Pruner = pruner },
        _ => new RandomSearch(objective, commandLine.MaxTrials, commandLine.Seed) { Pruner = pruner },
    };
}

static bool TryExport(Tuner<nn.Module<Tensor, Tensor>> tuner, DigitsCommandLine commandLine, ILogger logger)
{
    if (commandLine.ExportCsv is null && commandLine.ExportJson is null)
    {
        return true;
    }

    var trials = tuner.ReadTrials();

    return TryWrite(commandLine.ExportCsv, path => StudyExport.WriteCsv(trials, path), trials.Count, logger)
        && TryWrite(commandLine.ExportJson, path => StudyExport.WriteJson(trials, path), trials.Count, logger);
}

static bool TryWrite(string? path, Action<string> write, int trialCount, ILogger logger)
{
    if (path is null)
    {
        return true;
    }

    try
    {
        write(path);
        logger.LogInformation("Wrote {TrialCount} trials to {Path}", trialCount, Path.GetFullPath(path));

        return true;
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        logger.LogError(ex, "Writing the export file {Path} failed; pass a writable path", path);

        return false;
    }
}

static void PrintBest(Tuner<nn.Module<Tensor, Tensor>> tuner, DigitsModel hyperModel, TensorDataset data)
{
    var best = tuner.GetBestHyperParameters<DigitsModel.Values>()[0];
    int layerCount = tuner.GetBestHyperParameters()[0].Get<int>("num_layers");
    string dropout = best.DropoutRate is double rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) : "off";
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"Best hyperparameters: {layerCount} x {best.Units} units, {best.Activation}, dropout {dropout}, learning rate {best.LearningRate:G3}"));

    using var model = tuner.GetBestModels(1)[0];
    var metrics = hyperModel.Evaluate(model, data.ValidationFeatures, data.ValidationTargets);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best model validation accuracy: {metrics["accuracy"]:F4}"));
}
