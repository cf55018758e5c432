using System;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>
/// The dataset's tensors on the training device: the originals when they are already there, otherwise copies that
/// <see cref="Dispose"/> releases.
/// </summary>
internal sealed class DeviceTensors : IDisposable
{
    private readonly bool _ownsCopies;

    private DeviceTensors(
        Tensor trainFeatures,
        Tensor trainTargets,
        Tensor validationFeatures,
        Tensor validationTargets,
        bool ownsCopies)
    {
        TrainFeatures = trainFeatures;
        TrainTargets = trainTargets;
        ValidationFeatures = validationFeatures;
        ValidationTargets = validationTargets;
        _ownsCopies = ownsCopies;
    }

    public Tensor TrainFeatures { get; }

    public Tensor TrainTargets { get; }

    public Tensor ValidationFeatures { get; }

    public Tensor ValidationTargets { get; }

    public static DeviceTensors Create(TensorDataset data, Device device)
    {
        if (data.TrainFeatures.device == device)
        {
            return new DeviceTensors(
                data.TrainFeatures,
                data.TrainTargets,
                data.ValidationFeatures,
                data.ValidationTargets,
                ownsCopies: false);
        }

        return new DeviceTensors(
            data.TrainFeatures.to(device).DetachFromDisposeScope(),
            data.TrainTargets.to(device).DetachFromDisposeScope(),
            data.ValidationFeatures.to(device).DetachFromDisposeScope(),
            data.ValidationTargets.to(device).DetachFromDisposeScope(),
            ownsCopies: true);
    }

    public void Dispose()
    {
        if (!_ownsCopies)
        {
            return;
        }

        TrainFeatures.Dispose();
        TrainTargets.Dispose();
        ValidationFeatures.Dispose();
        ValidationTargets.Dispose();
    }
}
