using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>The metric a search optimizes, and in which direction.</summary>
public sealed record Objective
{
    private static readonly HashSet<string> s_minimized = new(StringComparer.Ordinal)
    {
        "loss", "crossentropy", "ce", "mse", "mae", "mape", "msle", "rmse", "error", "mean_squared_error",
        "mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_logarithmic_error",
        "root_mean_squared_error", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
        "hinge", "squared_hinge", "kl_divergence", "huber", "log_cosh", "poisson",
    };

    private static readonly HashSet<string> s_maximized = new(StringComparer.Ordinal)
    {
        "acc", "accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "precision", "recall", "f1",
        "f1_score", "r2", "r2_score", "true_positives", "true_negatives",
    };

    /// <summary>Creates an objective with an explicit direction.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Objective(string name, ObjectiveDirection direction)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An objective needs a metric name such as \"val_loss\".", nameof(name));
        }

        Name = name;
        Direction = direction;
    }

    /// <summary>
    /// The objective used when none is given: <c>Fit</c> returns a single number, and smaller is better.
    /// </summary>
    public static Objective Default { get; } = new("default_objective", ObjectiveDirection.Minimize);

    /// <summary>The metric name, as <c>Fit</c> reports it.</summary>
    public string Name { get; }

    /// <summary>The direction of improvement.</summary>
    public ObjectiveDirection Direction { get; }

    /// <summary>An objective to minimize.</summary>
    public static Objective Minimize(string name) => new(name, ObjectiveDirection.Minimize);

    /// <summary>An objective to maximize.</summary>
    public static Objective Maximize(string name) => new(name, ObjectiveDirection.Maximize);

    /// <summary>
    /// An objective whose direction is inferred from its name as KerasTuner does: one leading <c>val_</c> and then
    /// one leading <c>weighted_</c> are stripped; losses, errors and cross-entropies are minimized; accuracies, AUC,
    /// precision, recall, F1 and R² are maximized.
    /// </summary>
    /// <exception cref="ArgumentException">The direction cannot be inferred from the name.</exception>
    public static Objective FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectiveDirection? direction = InferDirection(name);
        if (direction is null)
        {
            throw new ArgumentException(
                $"Cannot infer whether \"{name}\" should be minimized or maximized. Use Objective.Minimize(\"{name}\") or Objective.Maximize(\"{name}\").",
                nameof(name));
        }

        return new Objective(name, direction.Value);
    }

    /// <summary>Infers a metric's direction from its name, or returns null when the name is not a known metric.</summary>
    public static ObjectiveDirection? InferDirection(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string metric = name.StartsWith("val_", StringComparison.Ordinal) ? name[4..] : name;
        metric = metric.StartsWith("weighted_", StringComparison.Ordinal) ? metric[9..] : metric;
        if (s_minimized.Contains(metric) || metric.EndsWith("_loss", StringComparison.Ordinal))
        {
            return ObjectiveDirection.Minimize;
        }

        if (s_maximized.Contains(metric) || metric.EndsWith("_accuracy", StringComparison.Ordinal))
        {
            return ObjectiveDirection.Maximize;
        }

        return null;
    }

    /// <summary>Converts a metric name with <see cref="FromName"/>.</summary>
    public static implicit operator Objective(string name) => FromName(name);

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="current"/>. NaN is
    /// never better, and anything that is not NaN is better than NaN.</summary>
    public bool IsBetter(double candidate, double current)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }

        if (double.IsNaN(current))
        {
            return true;
        }

        return Direction == ObjectiveDirection.Maximize ? candidate > current : candidate < current;
    }

    /// <summary>Formats the objective as <c>name (max)</c> or <c>name (min)</c>.</summary>
    public override string ToString() => $"{Name} ({(Direction == ObjectiveDirection.Maximize ? "max" : "min")})";
}
