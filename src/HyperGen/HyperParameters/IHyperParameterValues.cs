namespace HyperGen;

/// <summary>
/// A typed snapshot of a model's hyperparameter values, generated for each HyperModel as its nested <c>Values</c>
/// record. <c>tuner.GetBestHyperParameters&lt;TValues&gt;()</c> creates one without reflection.
/// </summary>
/// <typeparam name="TSelf">The implementing record.</typeparam>
public interface IHyperParameterValues<TSelf>
    where TSelf : IHyperParameterValues<TSelf>
{
    /// <summary>Reads the values from a trial's parameters; inactive conditional values are null.</summary>
    static abstract TSelf FromHyperParameters(HyperParameters hyperParameters);
}
