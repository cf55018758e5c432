using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Quality;

/// <summary>
/// The test functions of the quality benchmark. benchmarks/quality_optuna.py defines the same functions over the
/// same domains; change both together.
/// </summary>
public static class TestFunctions
{
    /// <summary>Branin's global minimum, reached at (-π, 12.275), (π, 2.275) and (9.42478, 2.475).</summary>
    public const double BraninMinimum = 0.39788735772973816;

    private const int RosenbrockDimensions = 4;
    private const double RosenbrockBound = 2.048;

    private static readonly Dictionary<string, double> s_activationPenalties = new(StringComparer.Ordinal)
    {
        ["relu"] = 0.5,
        ["tanh"] = 1.0,
        ["gelu"] = 0.0,
        ["sigmoid"] = 2.0,
    };

    /// <summary>Every test function, in report order.</summary>
    public static IReadOnlyList<TestFunction> All { get; } =
    [
        new("branin", BraninMinimum, BraninSpace, Branin),
        new("rosenbrock", 0.0, RosenbrockSpace, Rosenbrock),
        new("mixed", 0.0, MixedSpace, Mixed),
    ];

    /// <summary>Branin on its standard domain, x1 in [-5, 10] and x2 in [0, 15].</summary>
    public static double Branin(IReadOnlyDictionary<string, object> values)
    {
        double x1 = (double)values["x1"];
        double x2 = (double)values["x2"];
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double inner = x2 - b * x1 * x1 + c * x1 - 6;
        return inner * inner + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    /// <summary>The 4-D Rosenbrock function on [-2.048, 2.048] in each coordinate; its minimum 0 is at (1, 1, 1, 1).</summary>
    public static double Rosenbrock(IReadOnlyDictionary<string, object> values)
    {
        var x = Enumerable.Range(0, RosenbrockDimensions).Select(i => (double)values[$"x{i}"]).ToArray();
        double sum = 0;
        for (int i = 0; i < RosenbrockDimensions - 1; i++)
        {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1 - x[i];
            sum += 100 * valley * valley + offset * offset;
        }

        return sum;
    }

    /// <summary>
    /// A sum of one non-negative term per parameter of a mixed space, each zero only at its parameter's optimum, so
    /// the minimum is 0, at layers = 3, learning_rate = 1e-3, dropout = 0.2, activation = "gelu", batch_size = 64.
    /// </summary>
    /// <remarks>
    /// Terms: 0.1 (layers - 3)² for the int in [1, 8]; (log10(learning_rate) + 3)² for the log float in
    /// [1e-5, 1e-1]; 10 (dropout - 0.2)² for the linear float in [0, 0.5]; a fixed penalty per option of the
    /// unordered choice (relu 0.5, tanh 1, gelu 0, sigmoid 2); 0.25 (log2(batch_size) - 6)² for the ordered choice
    /// of 16 to 256.
    /// </remarks>
    public static double Mixed(IReadOnlyDictionary<string, object> values)
    {
        int layers = (int)values["layers"];
        double learningRate = (double)values["learning_rate"];
        double dropout = (double)values["dropout"];
        string activation = (string)values["activation"];
        int batchSize = (int)values["batch_size"];

        double layersTerm = 0.1 * (layers - 3) * (layers - 3);
        double learningRateTerm = Math.Pow(Math.Log10(learningRate) + 3, 2);
        double dropoutTerm = 10 * Math.Pow(dropout - 0.2, 2);
        double batchTerm = 0.25 * Math.Pow(Math.Log2(batchSize) - 6, 2);
        return layersTerm + learningRateTerm + dropoutTerm + s_activationPenalties[activation] + batchTerm;
    }

    private static IReadOnlyList<HyperParameter> BraninSpace() =>
    [
        new FloatHyperParameter("x1", -5, 10),
        new FloatHyperParameter("x2", 0, 15),
    ];

    private static IReadOnlyList<HyperParameter> RosenbrockSpace() =>
        Enumerable.Range(0, RosenbrockDimensions)
            .Select(i => (HyperParameter)new FloatHyperParameter($"x{i}", -RosenbrockBound, RosenbrockBound))
            .ToArray();

    private static IReadOnlyList<HyperParameter> MixedSpace() =>
    [
        new IntHyperParameter("layers", 1, 8),
        new FloatHyperParameter("learning_rate", 1e-5, 1e-1, sampling: Sampling.Log),
        new FloatHyperParameter("dropout", 0, 0.5),
        new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu", "sigmoid"]),
        new ChoiceHyperParameter("batch_size", [16, 32, 64, 128, 256], ordered: true),
    ];
}
