using System;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>
/// Centres each feature column on its mean and divides it by its standard deviation, as scikit-learn's
/// <c>StandardScaler</c> does. Fit it on the training rows only, so that validation rows do not leak into training.
/// </summary>
/// <remarks>
/// The standard deviation is the population one (divided by <c>n</c>). A column with zero variance keeps a scale of
/// 1, so it becomes all zeros instead of NaN.
/// </remarks>
public sealed class StandardScaler : IDisposable
{
    private StandardScaler(Tensor mean, Tensor scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>The mean of each column, a <c>float32</c> tensor of shape <c>[features]</c>.</summary>
    public Tensor Mean { get; }

    /// <summary>The divisor of each column: its standard deviation, or 1 where that is 0.</summary>
    public Tensor Scale { get; }

    /// <summary>Computes the statistics of each column of <paramref name="features"/> (shape <c>[rows, features]</c>).</summary>
    /// <exception cref="ArgumentException">The tensor is not two-dimensional or has no rows.</exception>
    public static StandardScaler Fit(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] == 0)
        {
            throw new ArgumentException(
                "StandardScaler.Fit needs a [rows, features] tensor with at least one row, " +
                $"but it got shape [{string.Join(", ", features.shape)}].",
                nameof(features));
        }

        using var scope = NewDisposeScope();
        var values = features.to_type(ScalarType.Float32);
        var mean = values.mean([0L]);
        var deviation = values.std(0, unbiased: false);
        var scale = where(deviation.eq(0), ones_like(deviation), deviation);

        // The scaler owns its statistics, so they leave every dispose scope.
        return new StandardScaler(mean.DetachFromDisposeScope(), scale.DetachFromDisposeScope());
    }

    /// <summary>Returns a new tensor with <c>(features - Mean) / Scale</c>, column by column.</summary>
    /// <exception cref="ArgumentException">The number of columns differs from the fitted data.</exception>
    public Tensor Transform(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[1] != Mean.shape[0])
        {
            throw new ArgumentException(
                $"StandardScaler was fitted on {Mean.shape[0]} columns, but the tensor has shape [{string.Join(", ", features.shape)}].",
                nameof(features));
        }

        using var scope = NewDisposeScope();
        var scaled = (features.to_type(ScalarType.Float32) - Mean.to(features.device)) / Scale.to(features.device);

        return scaled.MoveToOuterDisposeScope();
    }

    /// <summary>Releases the statistics tensors.</summary>
    public void Dispose()
    {
        Mean.Dispose();
        Scale.Dispose();
    }
}
