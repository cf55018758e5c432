using System;
using System.Collections.Generic;
using HyperGen;
using HyperGen.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Digits;

/// <summary>
/// A multilayer perceptron for the 8×8 digits: <c>num_layers</c> hidden layers of <see cref="Units"/> units, each
/// followed by an activation and, when <see cref="UseDropout"/> is true, dropout; then one logit per class.
/// </summary>
public sealed partial class DigitsModel : TorchHyperModel
{
    /// <summary>Creates the hypermodel for the given data and training settings.</summary>
    public DigitsModel(TensorDataset data, TrainingOptions options)
        : base(data, options)
    {
    }

    /// <summary>The width of every hidden layer.</summary>
    [IntRange(32, 512, Step = 32, Default = 128)]
    public partial int Units { get; }

    /// <summary>The activation after each hidden layer.</summary>
    [Choice("relu", "tanh", "gelu")]
    public partial string Activation { get; }

    /// <summary>Whether each hidden layer is followed by dropout.</summary>
    [Boolean]
    public partial bool UseDropout { get; }

    /// <summary>The dropout probability, tuned only when <see cref="UseDropout"/> is true.</summary>
    [FloatRange(0.1, 0.5, Step = 0.1)]
    [ActiveWhen(nameof(UseDropout), true)]
    public partial double DropoutRate { get; }

    /// <summary>
    /// The optimizer's learning rate on a log scale, one of 1e-4, 1e-3 and 1e-2: the step of a log range multiplies,
    /// and a grid search needs a step on every float range.
    /// </summary>
    [FloatRange(1e-4, 1e-2, Step = 10, Sampling = Sampling.Log, Default = 1e-3)]
    public partial double LearningRate { get; }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(HyperParameters hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        int layerCount = hyperParameters.Int("num_layers", 1, 3);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inputs = Data.FeatureCount;
        for (int layer = 0; layer < layerCount; layer++)
        {
            layers.Add(($"dense{layer}", nn.Linear(inputs, Units)));
            layers.Add(($"{Activation}{layer}", CreateActivation(Activation)));
            if (UseDropout)
            {
                layers.Add(($"dropout{layer}", nn.Dropout(DropoutRate)));
            }

            inputs = Units;
        }

        layers.Add(("logits", nn.Linear(inputs, Data.ClassCount)));

        return nn.Sequential(layers);
    }

    /// <inheritdoc />
    protected override TrainingOptions ConfigureTraining(HyperParameters hyperParameters, TrainingOptions options) =>
        options with { LearningRate = LearningRate };

    private static nn.Module<Tensor, Tensor> CreateActivation(string name) => name switch
    {
        "relu" => nn.ReLU(),
        "tanh" => nn.Tanh(),
        "gelu" => nn.GELU(),
        _ => throw new ArgumentException($"Unknown activation \"{name}\"; valid names: relu, tanh, gelu.", nameof(name)),
    };
}
