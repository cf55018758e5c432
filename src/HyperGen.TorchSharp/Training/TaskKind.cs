namespace HyperGen.TorchSharp;

/// <summary>The kind of supervised learning task a <see cref="TorchHyperModel"/> trains for.</summary>
public enum TaskKind
{
    /// <summary>
    /// Class labels from 0 to <c>classes - 1</c> as <c>int64</c> targets; the module outputs one logit per class,
    /// trained with cross-entropy. Metrics: <c>loss</c>, <c>accuracy</c> and their <c>val_</c> counterparts.
    /// </summary>
    Classification,

    /// <summary>
    /// Real-valued <c>float32</c> targets, trained with mean squared error. Metrics: <c>loss</c>, <c>mse</c>,
    /// <c>mae</c> and their <c>val_</c> counterparts.
    /// </summary>
    Regression,
}
