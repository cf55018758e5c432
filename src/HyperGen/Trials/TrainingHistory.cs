using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Per-epoch metrics of one training run, like Keras's <c>History</c>: epoch <c>i</c> (from 0) maps metric names
/// such as <c>loss</c> and <c>val_accuracy</c> to values.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<IReadOnlyDictionary<string, double>> _epochs = [];

    /// <summary>The metrics of each epoch, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Epochs => _epochs;

    /// <summary>The number of recorded epochs.</summary>
    public int Count => _epochs.Count;

    /// <summary>Every metric name that appears in any epoch, in first-seen order.</summary>
    public IReadOnlyList<string> MetricNames => _epochs.SelectMany(epoch => epoch.Keys).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Appends the metrics of the next epoch.</summary>
    public void Add(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _epochs.Add(new Dictionary<string, double>(metrics, StringComparer.Ordinal));
    }

    /// <summary>The values of one metric per epoch; NaN for epochs that did not report it.</summary>
    public IReadOnlyList<double> this[string metric] =>
        _epochs.Select(epoch => epoch.TryGetValue(metric, out double value) ? value : double.NaN).ToArray();

    /// <summary>
    /// The index of the epoch with the best value of <paramref name="objective"/> (the first one on ties; NaN
    /// epochs are skipped), or -1 when no epoch reported a number for it.
    /// </summary>
    public int BestEpoch(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        int best = -1;
        for (int epoch = 0; epoch < _epochs.Count; epoch++)
        {
            if (!_epochs[epoch].TryGetValue(objective.Name, out double value) || double.IsNaN(value))
            {
                continue;
            }

            if (best < 0 || objective.IsBetter(value, _epochs[best][objective.Name]))
            {
                best = epoch;
            }
        }

        return best;
    }
}
