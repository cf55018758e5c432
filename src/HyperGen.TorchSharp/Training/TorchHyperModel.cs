using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>
/// A hypermodel whose models are TorchSharp modules, trained by a built-in loop: shuffled mini-batches, a named
/// optimizer, per-epoch metrics, early stopping on the search objective and the best epoch's weights restored at the
/// end. Derive from it and implement <see cref="HyperModel{TModel}.Build"/> to return a module that maps a
/// <c>[batch, features]</c> tensor to class logits (<c>[batch, classes]</c>) or to predictions (<c>[batch]</c> or
/// <c>[batch, 1]</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> reports, per epoch, <c>loss</c>, <c>accuracy</c>, <c>val_loss</c> and <c>val_accuracy</c> for
/// classification (cross-entropy), and <c>loss</c>, <c>mse</c>, <c>mae</c>, <c>val_loss</c>, <c>val_mse</c> and
/// <c>val_mae</c> for regression (mean squared error). Training metrics are averages over the epoch's batches,
/// measured in training mode; validation metrics are measured in evaluation mode after the epoch.
/// </para>
/// <para>
/// Before each execution, <see cref="OnExecutionStarting"/> seeds libtorch's global generator with the trial's seed,
/// so weight initialisation, dropout and the batch order repeat for one search seed. Because that generator is
/// process-wide, runs repeat only while one trial trains at a time (<c>ParallelTrials = 1</c>).
/// </para>
/// </remarks>
public abstract class TorchHyperModel : HyperModel<nn.Module<Tensor, Tensor>>
{
    /// <summary>Creates a hypermodel that trains on <paramref name="data"/>.</summary>
    /// <param name="data">The training and validation tensors; the caller keeps ownership and disposes them.</param>
    /// <param name="options">The training settings; the defaults of <see cref="TrainingOptions"/> when null.</param>
    /// <param name="name">A display name; the class name when null.</param>
    /// <param name="tunable">Whether parameters defined inside Build join the search space.</param>
    /// <exception cref="ArgumentException">An option is invalid, or the options' task differs from the data's.</exception>
    /// <exception cref="TorchSharpLoadException">TorchSharp's native libraries failed to load.</exception>
    protected TorchHyperModel(TensorDataset data, TrainingOptions? options = null, string? name = null, bool tunable = true)
        : base(name, tunable)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TrainingOptions { Task = data.Task };
        options.Validate();
        if (options.Task != data.Task)
        {
            throw new ArgumentException(
                $"TrainingOptions.Task is {options.Task}, but the data holds {data.Task} targets. Use the same task for both.",
                nameof(options));
        }

        TorchRuntime.Initialize(new TorchRuntimeOptions { IntraOpThreads = options.Threads });
        Data = data;
        Options = options;
    }

    /// <summary>The training and validation data.</summary>
    public TensorDataset Data { get; }

    /// <summary>The training settings shared by every trial, before <see cref="ConfigureTraining"/> adjusts them.</summary>
    public TrainingOptions Options { get; }

    /// <summary>
    /// Seeds libtorch's random number generators with <see cref="TrialContext.Seed"/> and sets the thread count, so
    /// that the following Build initialises the same weights for the same seed.
    /// </summary>
    public override void OnExecutionStarting(TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Options.Threads is int threads)
        {
            set_num_threads(threads);
        }

        manual_seed(context.Seed);
    }

    /// <summary>
    /// Trains <paramref name="model"/> with the options that <see cref="ConfigureTraining"/> returns for this trial,
    /// reports each epoch's metrics through <see cref="TrialContext.ReportEpoch"/>, and returns the history.
    /// </summary>
    /// <exception cref="ObjectiveNotReportedException">The search objective is not one of the task's metrics.</exception>
    /// <exception cref="ArgumentException">The trial's options are invalid.</exception>
    /// <exception cref="InvalidOperationException">
    /// The module's output shape does not fit the task, or CUDA was requested but is not available.
    /// </exception>
    /// <exception cref="OperationCanceledException">The search was cancelled; checked between batches.</exception>
    public override FitResult Fit(HyperParameters hyperParameters, nn.Module<Tensor, Tensor> model, TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        var options = ConfigureTraining(hyperParameters, Options);
        options.Validate();
        if (options.Task != Data.Task)
        {
            throw new ArgumentException(
                $"ConfigureTraining changed the task to {options.Task}, but the data holds {Data.Task} targets.",
                nameof(hyperParameters));
        }

        if (options.Threads is int threads)
        {
            set_num_threads(threads);
        }

        var loop = new TrainingLoop(options, Data, ResolveDevice(options.Device), context);

        return loop.Run(model);
    }

    /// <summary>
    /// Computes the task's metrics (<c>loss</c> and <c>accuracy</c>, or <c>loss</c>, <c>mse</c> and <c>mae</c>) of
    /// <paramref name="model"/> on the given rows, in evaluation mode and without gradients.
    /// </summary>
    /// <param name="model">A trained module, for example one from <c>tuner.GetBestModels()</c>.</param>
    /// <param name="features">The features, <c>[rows, features]</c>.</param>
    /// <param name="targets">The targets, <c>[rows]</c>, typed as in <see cref="TensorDataset"/>.</param>
    /// <exception cref="InvalidOperationException">The module's output shape does not fit the task.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(nn.Module<Tensor, Tensor> model, Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);

        return TaskMetrics.Evaluate(Options.Task, model, features, targets);
    }

    /// <summary>Saves the module's parameters and buffers with TorchSharp's <c>Module.save</c>, and returns true.</summary>
    public override bool SaveModel(nn.Module<Tensor, Tensor> model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        model.save(path);

        return true;
    }

    /// <summary>Loads parameters and buffers saved by <see cref="SaveModel"/> into a freshly built module.</summary>
    public override void LoadModel(nn.Module<Tensor, Tensor> model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        model.load(path);
    }

    /// <summary>
    /// Returns the training settings for one trial. Override it to take settings from hyperparameters, for example
    /// <c>options with { LearningRate = LearningRate }</c>; the default returns <paramref name="options"/>. It runs
    /// inside the trial, so hyperparameter properties can be read.
    /// </summary>
    /// <param name="hyperParameters">The trial's hyperparameters.</param>
    /// <param name="options">The hypermodel's <see cref="Options"/>.</param>
    protected virtual TrainingOptions ConfigureTraining(HyperParameters hyperParameters, TrainingOptions options) => options;

    private static Device ResolveDevice(TrainingDevice device)
    {
        // NOTE: Only the CPU path has run; the tests use the CPU-only TorchSharp package.
        return device switch
        {
            TrainingDevice.Cpu => CPU,
            TrainingDevice.Auto => cuda.is_available() ? CUDA : CPU,
            _ when cuda.is_available() => CUDA,
            _ => throw new InvalidOperationException(
                "TrainingOptions.Device is Cuda, but CUDA is not available: libtorch found no usable GPU, " +
                "or the CPU-only TorchSharp package is installed. " +
                "Use TrainingDevice.Auto or TrainingDevice.Cpu, or install a CUDA build of TorchSharp."),
        };
    }
}
