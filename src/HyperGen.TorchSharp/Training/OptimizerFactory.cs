using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>Creates the optimizer that <see cref="TrainingOptions.Optimizer"/> names.</summary>
internal static class OptimizerFactory
{
    /// <summary>Returns a new optimizer over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The optimizer name is not one of <see cref="TrainingOptions.OptimizerNames"/>.</exception>
    public static optim.Optimizer Create(TrainingOptions options, IEnumerable<Parameter> parameters)
    {
        double rate = options.LearningRate;
        double decay = options.EffectiveWeightDecay;

        return options.Optimizer.ToLowerInvariant() switch
        {
            "adam" => optim.Adam(parameters, rate, weight_decay: decay),
            "adamw" => optim.AdamW(parameters, rate, weight_decay: decay),
            "sgd" => optim.SGD(parameters, rate, momentum: options.Momentum, weight_decay: decay),
            "rmsprop" => optim.RMSProp(parameters, rate, momentum: options.Momentum, weight_decay: decay),
            _ => throw new ArgumentException(
                $"Unknown optimizer \"{options.Optimizer}\". Valid names: {string.Join(", ", TrainingOptions.OptimizerNames)}.",
                nameof(options)),
        };
    }
}
