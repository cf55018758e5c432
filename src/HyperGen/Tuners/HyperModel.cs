using System;

namespace HyperGen;

/// <summary>
/// Builds and trains one model for a trial's hyperparameters. Derive from it, declare the search space with
/// attributes on <c>partial</c> properties or with <c>hp.Int(...)</c> calls inside <see cref="Build"/>, and
/// optionally override <see cref="Fit"/>.
/// </summary>
/// <typeparam name="TModel">The type of model that <see cref="Build"/> returns.</typeparam>
public abstract class HyperModel<TModel>
{
    private readonly string? _name;

    /// <summary>Creates a hypermodel.</summary>
    /// <param name="name">A display name; the class name when null.</param>
    /// <param name="tunable">
    /// As in KerasTuner: when false, parameters that <see cref="Build"/> defines are not added to the search space
    /// and take their defaults (Build receives a copy of the trial's parameters). Attribute parameters are declared
    /// up front and are tuned either way.
    /// </param>
    protected HyperModel(string? name = null, bool tunable = true)
    {
        _name = name;
        Tunable = tunable;
    }

    /// <summary>The display name.</summary>
    public string Name => _name ?? GetType().Name;

    /// <summary>Whether parameters defined by <see cref="Build"/> join the search space.</summary>
    public bool Tunable { get; }

    /// <summary>
    /// Declares the parameters known before any build. The source generator overrides this in every class with
    /// attribute parameters (calling the base first, so inherited declarations come first), so such a class must
    /// not override it itself; declare extra parameters with <c>hp.Int(...)</c> and the like inside
    /// <see cref="Build"/> instead. Override it by hand only in a hypermodel without attribute parameters.
    /// </summary>
    public virtual void DeclareHyperParameters(HyperParameters hyperParameters)
    {
    }

    /// <summary>
    /// Called before each execution's <see cref="Build"/>, with the context that <see cref="Fit"/> will receive; use
    /// it to seed random number generators so that weight initialisation repeats. The default does nothing.
    /// </summary>
    public virtual void OnExecutionStarting(TrialContext context)
    {
    }

    /// <summary>Builds a fresh, untrained model for the trial's values.</summary>
    public abstract TModel Build(HyperParameters hyperParameters);

    /// <summary>
    /// Trains <paramref name="model"/> and returns its metrics: the objective as a number, a dictionary of
    /// metrics, or a <see cref="TrainingHistory"/>. The default calls <see cref="ITrainableModel.Fit"/> when the
    /// model implements it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model cannot train itself and Fit is not overridden.</exception>
    public virtual FitResult Fit(HyperParameters hyperParameters, TModel model, TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (model is ITrainableModel trainable)
        {
            return trainable.Fit(context);
        }

        throw new InvalidOperationException(
            $"{Name} does not override Fit, and its model type {typeof(TModel).Name} does not implement ITrainableModel. " +
            "Override Fit to train the model and return its metrics.");
    }

    /// <summary>
    /// Saves a trained model's weights to <paramref name="path"/> and returns true, or returns false when this
    /// hypermodel does not save models (the default); <c>GetBestModels</c> needs saved weights.
    /// </summary>
    public virtual bool SaveModel(TModel model, string path) => false;

    /// <summary>Loads weights saved by <see cref="SaveModel"/> into a freshly built model.</summary>
    /// <exception cref="InvalidOperationException">This hypermodel does not save models.</exception>
    public virtual void LoadModel(TModel model, string path) =>
        throw new InvalidOperationException(
            $"{Name} does not load saved models. Override SaveModel and LoadModel, or derive from a hypermodel that does (such as TorchHyperModel).");
}
