namespace HyperGen;

/// <summary>A model that trains itself; the default <see cref="HyperModel{TModel}.Fit"/> calls it.</summary>
public interface ITrainableModel
{
    /// <summary>Trains the model and returns its metrics.</summary>
    FitResult Fit(TrialContext context);
}
