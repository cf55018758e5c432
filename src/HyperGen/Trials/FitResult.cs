using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// What <c>Fit</c> returns: the objective as a single number, a dictionary of metrics, or a
/// <see cref="TrainingHistory"/>. Each converts implicitly, so <c>Fit</c> can <c>return 0.93;</c>,
/// <c>return metrics;</c> or <c>return history;</c>.
/// </summary>
/// <remarks>
/// The tuner reduces a result to one set of metrics as KerasTuner does. A number becomes the objective's value, and a
/// dictionary is taken as it is. A history gives every metric at the epoch where the objective is best, and that
/// epoch becomes the trial's best step.
/// </remarks>
public sealed class FitResult
{
    private readonly double? _value;
    private readonly IReadOnlyDictionary<string, double>? _metrics;

    private FitResult(double? value, IReadOnlyDictionary<string, double>? metrics, TrainingHistory? history)
    {
        _value = value;
        _metrics = metrics;
        History = history;
    }

    /// <summary>The history, when the result is one.</summary>
    public TrainingHistory? History { get; }

    /// <summary>A result holding the objective's value.</summary>
    public static FitResult FromValue(double value) => new(value, null, null);

    /// <summary>A result holding named metrics, one of which must be the objective.</summary>
    public static FitResult FromMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new FitResult(null, new Dictionary<string, double>(metrics, StringComparer.Ordinal), null);
    }

    /// <summary>A result holding per-epoch metrics.</summary>
    public static FitResult FromHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new FitResult(null, null, history);
    }

    /// <summary>Converts with <see cref="FromValue"/>.</summary>
    public static implicit operator FitResult(double value) => FromValue(value);

    /// <summary>Converts with <see cref="FromMetrics"/>.</summary>
    public static implicit operator FitResult(Dictionary<string, double> metrics) => FromMetrics(metrics);

    /// <summary>Converts with <see cref="FromHistory"/>.</summary>
    public static implicit operator FitResult(TrainingHistory history) => FromHistory(history);

    /// <summary>
    /// Reduces the result to the metrics at its best step.
    /// </summary>
    /// <exception cref="ObjectiveNotReportedException">The result does not contain the objective.</exception>
    public (IReadOnlyDictionary<string, double> Metrics, int BestStep) Reduce(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (_value.HasValue)
        {
            return (new Dictionary<string, double>(StringComparer.Ordinal) { [objective.Name] = _value.Value }, 0);
        }

        if (_metrics is not null)
        {
            if (!_metrics.ContainsKey(objective.Name))
            {
                throw new ObjectiveNotReportedException(objective.Name, _metrics.Keys.ToArray());
            }

            return (_metrics, 0);
        }

        var history = History!;
        var names = history.MetricNames;
        if (!names.Contains(objective.Name, StringComparer.Ordinal))
        {
            throw new ObjectiveNotReportedException(objective.Name, names);
        }

        int best = history.BestEpoch(objective);
        if (best < 0)
        {
            // Every epoch reported NaN for the objective: keep the last epoch so the trial fails on a NaN score.
            best = history.Count - 1;
        }

        return (history.Epochs[best], best);
    }
}
