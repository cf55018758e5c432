using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>
/// Training and validation data as tensors: <c>float32</c> features of shape <c>[rows, features]</c>, and targets
/// of shape <c>[rows]</c>, <c>int64</c> class labels for classification or <c>float32</c> values for regression.
/// The dataset owns its tensors and disposes them.
/// </summary>
public sealed class TensorDataset : IDisposable
{
    /// <summary>Creates a dataset from tensors it takes ownership of.</summary>
    /// <exception cref="ArgumentException">The shapes or types do not match the task.</exception>
    public TensorDataset(
        TaskKind task,
        Tensor trainFeatures,
        Tensor trainTargets,
        Tensor validationFeatures,
        Tensor validationTargets,
        StandardScaler? scaler = null)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainTargets);
        ArgumentNullException.ThrowIfNull(validationFeatures);
        ArgumentNullException.ThrowIfNull(validationTargets);
        CheckPart("training", task, trainFeatures, trainTargets);
        CheckPart("validation", task, validationFeatures, validationTargets);
        if (trainFeatures.shape[1] != validationFeatures.shape[1])
        {
            throw new ArgumentException(
                $"The training features have {trainFeatures.shape[1]} columns and the validation features " +
                $"{validationFeatures.shape[1]}, but they must match.",
                nameof(validationFeatures));
        }

        Task = task;
        TrainFeatures = trainFeatures;
        TrainTargets = trainTargets;
        ValidationFeatures = validationFeatures;
        ValidationTargets = validationTargets;
        Scaler = scaler;
        ClassCount = task == TaskKind.Classification ? CountClasses(trainTargets, validationTargets) : 0;
    }

    /// <summary>Whether the targets are class labels or real values.</summary>
    public TaskKind Task { get; }

    /// <summary>The training features, <c>float32</c> of shape <c>[rows, features]</c>.</summary>
    public Tensor TrainFeatures { get; }

    /// <summary>The training targets, of shape <c>[rows]</c>.</summary>
    public Tensor TrainTargets { get; }

    /// <summary>The validation features, <c>float32</c> of shape <c>[rows, features]</c>.</summary>
    public Tensor ValidationFeatures { get; }

    /// <summary>The validation targets, of shape <c>[rows]</c>.</summary>
    public Tensor ValidationTargets { get; }

    /// <summary>The scaler fitted on the training features, or null when the features were not standardised.</summary>
    public StandardScaler? Scaler { get; }

    /// <summary>The number of feature columns.</summary>
    public int FeatureCount => (int)TrainFeatures.shape[1];

    /// <summary>The number of classes (the largest label plus one) for classification; 0 for regression.</summary>
    public int ClassCount { get; }

    /// <summary>The number of training rows.</summary>
    public int TrainCount => (int)TrainFeatures.shape[0];

    /// <summary>The number of validation rows.</summary>
    public int ValidationCount => (int)ValidationFeatures.shape[0];

    /// <summary>
    /// Splits a CSV table into training and validation tensors: stratified by class for classification, at random
    /// for regression, with a fixed seed; then, when <paramref name="standardize"/> is true, standardises both parts
    /// with a <see cref="StandardScaler"/> fitted on the training part only.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="task">Whether the targets are class labels or real values.</param>
    /// <param name="validationFraction">The share of rows to validate on; 0.2 by default.</param>
    /// <param name="seed">The seed of the split; one seed gives the same split on every run.</param>
    /// <param name="standardize">Whether to standardise the features; true by default.</param>
    /// <exception cref="CsvFormatException">A classification target is not a non-negative integer.</exception>
    /// <exception cref="ArgumentException">The fraction is out of range, or the table has fewer than two rows.</exception>
    /// <exception cref="TorchSharpLoadException">TorchSharp's native libraries failed to load.</exception>
    public static TensorDataset FromTable(
        CsvDataset table,
        TaskKind task,
        double validationFraction = 0.2,
        int seed = 42,
        bool standardize = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        long[]? labels = task == TaskKind.Classification ? table.GetClassLabels() : null;
        var split = labels is null
            ? DatasetSplit.Random(table.RowCount, validationFraction, seed)
            : DatasetSplit.Stratified(labels, validationFraction, seed);

        // This may be the process's first TorchSharp call, and libtorch must load with TorchRuntime's settings.
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var features = tensor(table.Features.ToArray(), [table.RowCount, table.FeatureCount]);
        var targets = labels is null ? tensor(table.Targets.ToArray().Select(value => (float)value).ToArray()) : tensor(labels);
        var trainRows = tensor(split.Train.Select(row => (long)row).ToArray());
        var validationRows = tensor(split.Validation.Select(row => (long)row).ToArray());

        var trainFeatures = features.index_select(0, trainRows);
        var validationFeatures = features.index_select(0, validationRows);
        StandardScaler? scaler = null;
        if (standardize)
        {
            scaler = StandardScaler.Fit(trainFeatures);
            trainFeatures = scaler.Transform(trainFeatures);
            validationFeatures = scaler.Transform(validationFeatures);
        }

        // The dataset owns its tensors, so they leave every dispose scope.
        return new TensorDataset(
            task,
            trainFeatures.DetachFromDisposeScope(),
            targets.index_select(0, trainRows).DetachFromDisposeScope(),
            validationFeatures.DetachFromDisposeScope(),
            targets.index_select(0, validationRows).DetachFromDisposeScope(),
            scaler);
    }

    /// <summary>Releases the tensors and the scaler.</summary>
    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainTargets.Dispose();
        ValidationFeatures.Dispose();
        ValidationTargets.Dispose();
        Scaler?.Dispose();
    }

    private static int CountClasses(Tensor trainTargets, Tensor validationTargets)
    {
        using var scope = NewDisposeScope();
        long largest = Math.Max(trainTargets.max().item<long>(), validationTargets.max().item<long>());

        return (int)largest + 1;
    }

    private static void CheckPart(string part, TaskKind task, Tensor features, Tensor targets)
    {
        if (features.dim() != 2 || features.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"The {part} features must be a float32 tensor of shape [rows, features], " +
                $"but they are {features.dtype} of shape [{string.Join(", ", features.shape)}].");
        }

        var expectedType = task == TaskKind.Classification ? ScalarType.Int64 : ScalarType.Float32;
        if (targets.dim() != 1 || targets.dtype != expectedType || targets.shape[0] != features.shape[0])
        {
            throw new ArgumentException(
                $"The {part} targets for {task} must be a {expectedType} tensor of shape [{features.shape[0]}], " +
                $"but they are {targets.dtype} of shape [{string.Join(", ", targets.shape)}].");
        }

        if (features.shape[0] == 0)
        {
            throw new ArgumentException(
                $"The {part} part has no rows. Use more data, or a validationFraction that leaves rows for both " +
                "training and validation (for example 0.2).");
        }
    }
}
