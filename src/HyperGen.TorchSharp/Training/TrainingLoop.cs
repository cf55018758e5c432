using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>One execution of <see cref="TorchHyperModel.Fit"/>: the epoch loop, early stopping and best weights.</summary>
internal sealed class TrainingLoop
{
    private readonly TrainingOptions _options;
    private readonly TensorDataset _data;
    private readonly Device _device;
    private readonly TrialContext _context;
    private readonly Objective _objective;

    public TrainingLoop(TrainingOptions options, TensorDataset data, Device device, TrialContext context)
    {
        _options = options;
        _data = data;
        _device = device;
        _context = context;
        _objective = context.Objective;
    }

    /// <summary>
    /// Trains <paramref name="model"/> and returns its per-epoch metrics, one entry per epoch trained by this call.
    /// </summary>
    /// <exception cref="ObjectiveNotReportedException">The objective is not one of the task's metrics.</exception>
    /// <exception cref="TrialPrunedException">The oracle's pruner stopped the trial after an epoch.</exception>
    public TrainingHistory Run(nn.Module<Tensor, Tensor> model)
    {
        string[] metricNames = TaskMetrics.EpochMetricNames(_options.Task);
        if (!metricNames.Contains(_objective.Name, StringComparer.Ordinal))
        {
            throw new ObjectiveNotReportedException(_objective.Name, metricNames);
        }

        model.to(_device);
        using var tensors = DeviceTensors.Create(_data, _device);
        using var optimizer = OptimizerFactory.Create(_options, model.parameters());
        using var bestWeights = new WeightSnapshot();
        var shuffle = new Random(_context.Seed);
        var history = new TrainingHistory();
        double bestScore = double.NaN;
        int epochsWithoutImprovement = 0;
        // An oracle that allots epochs per trial (Hyperband) overrides the options, and a continued trial starts
        // after the epochs its predecessor trained, from that trial's weights, which the tuner has loaded.
        int lastEpoch = _context.Epochs ?? _options.Epochs;
        for (int epoch = _context.InitialEpoch; epoch < lastEpoch; epoch++)
        {
            var metrics = TrainEpoch(model, optimizer, tensors, shuffle);
            foreach (var pair in TaskMetrics.Evaluate(_options.Task, model, tensors.ValidationFeatures, tensors.ValidationTargets))
            {
                metrics["val_" + pair.Key] = pair.Value;
            }

            history.Add(metrics);
            _context.ReportEpoch(epoch, metrics);

            // Strict improvement keeps the first of equal epochs, as TrainingHistory.BestEpoch does.
            double score = metrics[_objective.Name];
            if (_objective.IsBetter(score, bestScore))
            {
                bestScore = score;
                epochsWithoutImprovement = 0;
                if (_options.RestoreBestWeights)
                {
                    bestWeights.Capture(model);
                }
            }
            else
            {
                epochsWithoutImprovement++;
            }

            if (ShouldStop(epoch, epochsWithoutImprovement, metrics["loss"]))
            {
                break;
            }
        }

        if (_options.RestoreBestWeights)
        {
            bestWeights.Restore(model);
        }

        model.eval();

        return history;
    }

    private Dictionary<string, double> TrainEpoch(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        DeviceTensors tensors,
        Random shuffle)
    {
        model.train();
        int rows = (int)tensors.TrainFeatures.shape[0];
        int[] order = Enumerable.Range(0, rows).ToArray();
        shuffle.Shuffle(order);
        using var epochScope = NewDisposeScope();
        var permutation = tensor(order.Select(row => (long)row).ToArray(), device: _device);
        double[] sums = new double[TaskMetrics.Names(_options.Task).Length];
        for (int start = 0; start < rows; start += _options.BatchSize)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var batchRows = permutation.narrow(0, start, Math.Min(_options.BatchSize, rows - start));
            var features = tensors.TrainFeatures.index_select(0, batchRows);
            var targets = tensors.TrainTargets.index_select(0, batchRows);

            optimizer.zero_grad();
            var output = model.forward(features);
            var loss = TaskMetrics.Loss(_options.Task, output, targets);
            loss.backward();
            optimizer.step();

            double[] batchSums = TaskMetrics.BatchSums(_options.Task, output, targets, loss);
            for (int index = 0; index < sums.Length; index++)
            {
                sums[index] += batchSums[index];
            }
        }

        return TaskMetrics.Average(_options.Task, sums, rows, prefix: string.Empty);
    }

    private bool ShouldStop(int epoch, int epochsWithoutImprovement, double trainingLoss)
    {
        if (!double.IsFinite(trainingLoss))
        {
            _context.Logger.LogWarning(
                "Trial {TrialId} stopped training at epoch {Epoch} because the training loss is {Loss}. " +
                "Lower the learning rate if this repeats.",
                _context.Trial.Id,
                epoch,
                trainingLoss);

            return true;
        }

        if (_options.Patience is int patience && epochsWithoutImprovement >= patience)
        {
            _context.Logger.LogDebug(
                "Trial {TrialId} stopped early at epoch {Epoch}: {Objective} did not improve for {Patience} epochs.",
                _context.Trial.Id,
                epoch,
                _objective.Name,
                patience);

            return true;
        }

        return false;
    }
}
