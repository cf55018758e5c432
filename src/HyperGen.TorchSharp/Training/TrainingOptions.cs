using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HyperGen.TorchSharp;

/// <summary>
/// Settings of the training loop in <see cref="TorchHyperModel.Fit"/>. A hypermodel can derive per-trial settings
/// from its hyperparameters with <c>options with { LearningRate = ... }</c> in
/// <see cref="TorchHyperModel.ConfigureTraining"/>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The optimizer names that <see cref="Optimizer"/> accepts.</summary>
    public static IReadOnlyList<string> OptimizerNames { get; } = ["adam", "adamw", "sgd", "rmsprop"];

    /// <summary>Whether the module is a classifier or a regressor; classification by default.</summary>
    public TaskKind Task { get; init; } = TaskKind.Classification;

    /// <summary>The maximum number of passes over the training data; 10 by default. At least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>The number of training rows per optimizer step; 32 by default. At least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// The optimizer: <c>adam</c> (the default), <c>adamw</c>, <c>sgd</c> or <c>rmsprop</c>, case-insensitive.
    /// </summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>The optimizer's learning rate; 0.001 by default. Greater than 0.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The L2 weight decay (decoupled for <c>adamw</c>); 0 by default, except 0.01 for <c>adamw</c>
    /// when not set.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>The momentum of <c>sgd</c> and <c>rmsprop</c>; 0 by default. From 0 to less than 1.</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// How many epochs without an improvement of the search objective training continues before it stops early;
    /// 3 by default, null to always run <see cref="Epochs"/> epochs. At least 1.
    /// </summary>
    public int? Patience { get; init; } = 3;

    /// <summary>
    /// Whether the module ends training with the weights of its best epoch by the search objective, so that the
    /// tuner saves the model it scored. True by default.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Where to train; CUDA when available by default.</summary>
    public TrainingDevice Device { get; init; } = TrainingDevice.Auto;

    /// <summary>
    /// The number of threads libtorch uses inside one operator (<c>torch.set_num_threads</c>), set before each
    /// execution; 1 by default, which trains small models fastest on few cores and leaves the other cores free.
    /// Null keeps the current setting. At least 1.
    /// </summary>
    public int? Threads { get; init; } = 1;

    /// <summary>Returns <see cref="WeightDecay"/>, or its default for <see cref="Optimizer"/> when not set.</summary>
    public double EffectiveWeightDecay =>
        WeightDecay ?? (string.Equals(Optimizer, "adamw", StringComparison.OrdinalIgnoreCase) ? 0.01 : 0.0);

    /// <summary>Checks every setting and throws for the first invalid one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or the optimizer name is unknown.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a finite number greater than 0");
        double decay = EffectiveWeightDecay;
        Require(decay >= 0 && double.IsFinite(decay), nameof(WeightDecay), decay, "a finite number of at least 0");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "at least 0 and less than 1");
        Require(Patience is null or >= 1, nameof(Patience), Patience, "at least 1, or null to disable early stopping");
        Require(Threads is null or >= 1, nameof(Threads), Threads, "at least 1, or null to keep the current thread count");
        if (!OptimizerNames.Contains(Optimizer, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Unknown optimizer \"{Optimizer}\". Valid names: {string.Join(", ", OptimizerNames)}.",
                nameof(Optimizer));
        }
    }

    private static void Require(bool valid, string name, object? value, string expected)
    {
        if (!valid)
        {
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
            throw new ArgumentException($"TrainingOptions.{name} is {text}; it must be {expected}.", name);
        }
    }
}
