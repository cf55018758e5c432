using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>Losses and metrics of each task, summed over batches and averaged per epoch.</summary>
internal static class TaskMetrics
{
    /// <summary>The number of rows evaluated per forward pass, which bounds the memory evaluation needs.</summary>
    public const int EvaluationBatchSize = 1024;

    /// <summary>Returns the metric names that one epoch reports for <paramref name="task"/>, training ones first.</summary>
    public static string[] EpochMetricNames(TaskKind task)
    {
        string[] names = Names(task);

        return names.Concat(names.Select(name => "val_" + name)).ToArray();
    }

    /// <summary>Returns the names of the task's metrics, without the <c>val_</c> prefix.</summary>
    public static string[] Names(TaskKind task) =>
        task == TaskKind.Classification ? ["loss", "accuracy"] : ["loss", "mse", "mae"];

    /// <summary>
    /// Returns the mean loss of <paramref name="output"/> against <paramref name="targets"/>, with regression
    /// outputs of shape <c>[rows, 1]</c> flattened to <c>[rows]</c>.
    /// </summary>
    public static Tensor Loss(TaskKind task, Tensor output, Tensor targets)
    {
        var aligned = Align(task, output, targets);

        return task == TaskKind.Classification
            ? nn.functional.cross_entropy(aligned, targets)
            : nn.functional.mse_loss(aligned, targets);
    }

    /// <summary>
    /// Returns the per-batch sums that make up the task's metrics, in the order of <see cref="Names"/>: the loss
    /// sum, then correct predictions, or squared and absolute error sums. <paramref name="loss"/> is the batch's
    /// mean loss.
    /// </summary>
    public static double[] BatchSums(TaskKind task, Tensor output, Tensor targets, Tensor loss)
    {
        long rows = targets.shape[0];
        double lossSum = loss.item<float>() * rows;
        using var noGrad = no_grad();
        var aligned = Align(task, output, targets);
        if (task == TaskKind.Classification)
        {
            long correct = aligned.argmax(1).eq(targets).sum().item<long>();

            return [lossSum, correct];
        }

        double absoluteSum = (aligned - targets).abs().sum().item<float>();

        return [lossSum, lossSum, absoluteSum];
    }

    /// <summary>
    /// Computes the task's metrics over all rows, in chunks of <see cref="EvaluationBatchSize"/> rows, in evaluation
    /// mode and without gradients.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(
        TaskKind task,
        nn.Module<Tensor, Tensor> model,
        Tensor features,
        Tensor targets)
    {
        using var noGrad = no_grad();
        model.eval();
        var device = DeviceOf(model);
        long rows = targets.shape[0];
        double[] sums = new double[Names(task).Length];
        for (long start = 0; start < rows; start += EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(EvaluationBatchSize, rows - start);
            var batchTargets = targets.narrow(0, start, length).to(device);
            var output = model.forward(features.narrow(0, start, length).to(device));
            var loss = Loss(task, output, batchTargets);
            double[] batchSums = BatchSums(task, output, batchTargets, loss);
            for (int index = 0; index < sums.Length; index++)
            {
                sums[index] += batchSums[index];
            }
        }

        return Average(task, sums, rows, prefix: string.Empty);
    }

    /// <summary>Turns metric sums over <paramref name="rows"/> rows into named means.</summary>
    public static Dictionary<string, double> Average(TaskKind task, double[] sums, long rows, string prefix)
    {
        string[] names = Names(task);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int index = 0; index < names.Length; index++)
        {
            metrics[prefix + names[index]] = sums[index] / rows;
        }

        return metrics;
    }

    /// <summary>Returns the device of the module's first parameter, or the CPU for a module without parameters.</summary>
    public static Device DeviceOf(nn.Module<Tensor, Tensor> model)
    {
        foreach (var parameter in model.parameters())
        {
            return parameter.device;
        }

        return CPU;
    }

    private static Tensor Align(TaskKind task, Tensor output, Tensor targets)
    {
        long rows = targets.shape[0];
        if (task == TaskKind.Classification)
        {
            if (output.dim() != 2 || output.shape[0] != rows)
            {
                throw new InvalidOperationException(
                    $"For classification the module must return logits of shape [{rows}, classes], " +
                    $"but it returned [{string.Join(", ", output.shape)}].");
            }

            return output;
        }

        bool column = output.dim() == 2 && output.shape[1] == 1;
        if ((output.dim() != 1 && !column) || output.shape[0] != rows)
        {
            throw new InvalidOperationException(
                $"For regression the module must return predictions of shape [{rows}] or [{rows}, 1], " +
                $"but it returned [{string.Join(", ", output.shape)}].");
        }

        return column ? output.view(-1) : output;
    }
}
