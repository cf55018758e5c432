using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace HyperGen;

/// <summary>
/// A Gaussian process regressor with a Matérn 5/2 kernel, one length scale per input dimension (automatic relevance
/// determination), an amplitude and a noise variance. Targets are standardised to mean 0 and variance 1 before
/// fitting, and predictions are returned in the original units.
/// </summary>
/// <remarks>
/// The kernel hyperparameters maximise the log marginal likelihood, found by L-BFGS-B with analytic gradients in
/// log space from one fixed start and several random starts. A fixed jitter is added to the diagonal on top of the
/// fitted noise, so the covariance matrix stays positive definite.
/// </remarks>
internal sealed class GaussianProcess
{
    private const double MinLengthScale = 0.01;
    private const double MaxLengthScale = 20;
    private const double MinAmplitude = 0.01;
    private const double MaxAmplitude = 100;
    private const double MinNoise = 1e-6;
    private const double MaxNoise = 1;
    private const int MaxFitIterations = 30;
    private static readonly double s_sqrt5 = Math.Sqrt(5);

    private readonly double[][] _inputs;
    private readonly double[] _lengthScales;
    private readonly double _amplitude;
    private readonly double _targetMean;
    private readonly double _targetScale;
    private readonly double[][] _factor;
    private readonly double[] _weights;

    private GaussianProcess(
        double[][] inputs, double[] lengthScales, double amplitude, double diagonal, double targetMean, double targetScale,
        Vector<double> standardTargets)
    {
        _inputs = inputs;
        _lengthScales = lengthScales;
        _amplitude = amplitude;
        _targetMean = targetMean;
        _targetScale = targetScale;
        var cholesky = Covariance(inputs, lengthScales, amplitude, diagonal, null).Cholesky();
        _factor = cholesky.Factor.ToRowArrays();
        _weights = cholesky.Solve(standardTargets).ToArray();
    }

    /// <summary>The fitted length scales, one per input dimension.</summary>
    public IReadOnlyList<double> LengthScales => _lengthScales;

    /// <summary>
    /// Fits a process to <paramref name="inputs"/> and <paramref name="targets"/>. The kernel hyperparameters are fitted
    /// on the rows listed in <paramref name="fitRows"/> (all rows when null) and the posterior uses every row.
    /// </summary>
    /// <param name="inputs">One row per observation; every row has the same length.</param>
    /// <param name="targets">One finite target per row.</param>
    /// <param name="jitter">Variance added to the diagonal besides the fitted noise, in standardised units.</param>
    /// <param name="random">The source of the random starts.</param>
    /// <param name="randomStarts">How many random starts to try after the fixed one.</param>
    /// <param name="fitRows">The rows to fit the kernel hyperparameters on, or null for all of them.</param>
    public static GaussianProcess Fit(
        double[][] inputs,
        double[] targets,
        double jitter,
        DeterministicRandom random,
        int randomStarts,
        IReadOnlyList<int>? fitRows = null)
    {
        double mean = targets.Average();
        double variance = targets.Sum(t => (t - mean) * (t - mean)) / targets.Length;
        double scale = variance > 1e-24 ? Math.Sqrt(variance) : 1;
        var standard = Vector<double>.Build.Dense(targets.Length, i => (targets[i] - mean) / scale);

        var rows = fitRows ?? Enumerable.Range(0, inputs.Length).ToArray();
        var fitInputs = rows.Select(row => inputs[row]).ToArray();
        var fitTargets = Vector<double>.Build.Dense(rows.Count, i => standard[rows[i]]);
        var theta = FitHyperparameters(fitInputs, fitTargets, jitter, random, randomStarts);

        int dimension = inputs[0].Length;
        var lengthScales = Enumerable.Range(0, dimension).Select(d => Math.Exp(theta[d])).ToArray();
        double amplitude = Math.Exp(theta[dimension]);
        double diagonal = Math.Exp(theta[dimension + 1]) + jitter;
        return new GaussianProcess(inputs, lengthScales, amplitude, diagonal, mean, scale, standard);
    }

    /// <summary>Predicts the mean and standard deviation of the latent function at <paramref name="x"/>.</summary>
    /// <remarks>
    /// The variance is k(x, x) − |L⁻¹k|², with L the Cholesky factor of the training covariance. L⁻¹k comes from one
    /// forward substitution over the stored factor, because this is the hot path of the acquisition search.
    /// </remarks>
    public (double Mean, double StandardDeviation) Predict(double[] x)
    {
        var (mean, deviation, _, _) = Evaluate(x, withGradient: false);
        return (mean, deviation);
    }

    /// <summary>
    /// Predicts the mean and standard deviation at <paramref name="x"/> and their gradients with respect to
    /// <paramref name="x"/>.
    /// </summary>
    public (double Mean, double StandardDeviation, double[] MeanGradient, double[] DeviationGradient) PredictWithGradient(
        double[] x) => Evaluate(x, withGradient: true);

    private (double Mean, double StandardDeviation, double[] MeanGradient, double[] DeviationGradient) Evaluate(
        double[] x, bool withGradient)
    {
        int n = _inputs.Length;
        int dimension = x.Length;
        var k = new double[n];
        var slope = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            double r = Distance(x, _inputs[i], _lengthScales);
            double decay = Math.Exp(-s_sqrt5 * r);
            k[i] = _amplitude * (1 + (s_sqrt5 * r) + (5.0 / 3.0 * r * r)) * decay;
            slope[i] = _amplitude * 5.0 / 3.0 * (1 + (s_sqrt5 * r)) * decay;
            mean += k[i] * _weights[i];
        }

        // v = L⁻¹k by forward substitution.
        var v = new double[n];
        double explained = 0;
        for (int i = 0; i < n; i++)
        {
            var row = _factor[i];
            double sum = k[i];
            for (int j = 0; j < i; j++)
            {
                sum -= row[j] * v[j];
            }

            v[i] = sum / row[i];
            explained += v[i] * v[i];
        }

        double deviation = Math.Sqrt(Math.Max(_amplitude - explained, 0));
        double scaledMean = (mean * _targetScale) + _targetMean;
        if (!withGradient)
        {
            return (scaledMean, deviation * _targetScale, [], []);
        }

        // u = L⁻ᵀv = K⁻¹k by back substitution. Then ∂σ²/∂x = −2 uᵀ ∂k/∂x, with
        // ∂k_i/∂x_d = −slope_i (x_d − X_id) / ℓ_d².
        var u = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = v[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= _factor[j][i] * u[j];
            }

            u[i] = sum / _factor[i][i];
        }

        var meanGradient = new double[dimension];
        var deviationGradient = new double[dimension];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < dimension; d++)
            {
                double dk = -slope[i] * (x[d] - _inputs[i][d]) / (_lengthScales[d] * _lengthScales[d]);
                meanGradient[d] += _weights[i] * dk;
                deviationGradient[d] -= 2 * u[i] * dk;
            }
        }

        for (int d = 0; d < dimension; d++)
        {
            meanGradient[d] *= _targetScale;
            deviationGradient[d] = deviation > 1e-12 ? deviationGradient[d] / (2 * deviation) * _targetScale : 0;
        }

        return (scaledMean, deviation * _targetScale, meanGradient, deviationGradient);
    }

    private static Vector<double> FitHyperparameters(
        double[][] inputs, Vector<double> targets, double jitter, DeterministicRandom random, int randomStarts)
    {
        int dimension = inputs[0].Length;
        var lower = LogBounds(dimension, MinLengthScale, MinAmplitude, MinNoise);
        var upper = LogBounds(dimension, MaxLengthScale, MaxAmplitude, MaxNoise);
        var minimizer = new BoundedMinimizer(lower, upper, MaxFitIterations);

        // The first start is a smooth, moderately noisy model; the others are uniform in log space within the bounds.
        var starts = new List<Vector<double>>
        {
            LogBounds(dimension, 0.5, 1, 1e-2),
        };
        for (int count = 0; count < randomStarts; count++)
        {
            var start = Vector<double>.Build.Dense(dimension + 2, i => lower[i] + (random.NextDouble() * (upper[i] - lower[i])));
            starts.Add(start);
        }

        return minimizer.Minimize(theta => NegativeLogMarginalLikelihood(inputs, targets, jitter, theta), starts).Point;
    }

    /// <summary>
    /// Returns the negative log marginal likelihood of standardised targets and its gradient with respect to the log
    /// length scales, log amplitude and log noise.
    /// </summary>
    internal static (double Value, Vector<double> Gradient) NegativeLogMarginalLikelihood(
        double[][] inputs, Vector<double> targets, double jitter, Vector<double> theta)
    {
        int n = inputs.Length;
        int dimension = inputs[0].Length;
        var lengthScales = Enumerable.Range(0, dimension).Select(d => Math.Exp(theta[d])).ToArray();
        double amplitude = Math.Exp(theta[dimension]);
        double noise = Math.Exp(theta[dimension + 1]);

        // slope[i, j] is the derivative factor shared by every length scale: amplitude·5/3·(1 + √5 r)·exp(−√5 r).
        var slope = Matrix<double>.Build.Dense(n, n);
        var covariance = Covariance(inputs, lengthScales, amplitude, noise + jitter, slope);
        Cholesky<double> cholesky;
        try
        {
            cholesky = covariance.Cholesky();
        }
        catch (ArgumentException)
        {
            return (double.MaxValue, Vector<double>.Build.Dense(dimension + 2));
        }

        var weights = cholesky.Solve(targets);
        double value = (0.5 * targets.DotProduct(weights)) + (0.5 * cholesky.DeterminantLn)
            + (0.5 * n * Math.Log(2 * Math.PI));

        // d(log likelihood)/dθ = ½ tr(W ∂K/∂θ) with W = ααᵀ − K⁻¹.
        // K⁻¹ is built one column solve at a time because MathNet's matrix solve runs its columns in parallel, which
        // costs more than it saves at the small sizes fitted here.
        var w = weights.OuterProduct(weights);
        var unit = Vector<double>.Build.Dense(n);
        for (int column = 0; column < n; column++)
        {
            unit.Clear();
            unit[column] = 1;
            w.SetColumn(column, w.Column(column) - cholesky.Solve(unit));
        }

        var gradient = Vector<double>.Build.Dense(dimension + 2);
        double amplitudeTerm = 0;
        for (int i = 0; i < n; i++)
        {
            amplitudeTerm += 0.5 * w[i, i] * amplitude;
            for (int j = i + 1; j < n; j++)
            {
                double weight = w[i, j] * slope[i, j];
                amplitudeTerm += w[i, j] * covariance[i, j];
                for (int d = 0; d < dimension; d++)
                {
                    double delta = (inputs[i][d] - inputs[j][d]) / lengthScales[d];
                    gradient[d] -= weight * delta * delta;
                }
            }
        }

        gradient[dimension] = -amplitudeTerm;
        gradient[dimension + 1] = -0.5 * w.Diagonal().Sum() * noise;
        return (value, gradient);
    }

    /// <summary>Returns hyperparameters in log space: the length scale for every input, then amplitude and noise.</summary>
    private static Vector<double> LogBounds(int dimension, double lengthScale, double amplitude, double noise)
    {
        var values = Vector<double>.Build.Dense(dimension + 2, Math.Log(lengthScale));
        values[dimension] = Math.Log(amplitude);
        values[dimension + 1] = Math.Log(noise);
        return values;
    }

    private static Matrix<double> Covariance(
        double[][] inputs, double[] lengthScales, double amplitude, double diagonal, Matrix<double>? slope)
    {
        int n = inputs.Length;
        var covariance = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            covariance[i, i] = amplitude + diagonal;
            for (int j = i + 1; j < n; j++)
            {
                double r = Distance(inputs[i], inputs[j], lengthScales);
                double decay = Math.Exp(-s_sqrt5 * r);
                double k = amplitude * (1 + (s_sqrt5 * r) + (5.0 / 3.0 * r * r)) * decay;
                covariance[i, j] = k;
                covariance[j, i] = k;
                if (slope is not null)
                {
                    slope[i, j] = amplitude * 5.0 / 3.0 * (1 + (s_sqrt5 * r)) * decay;
                }
            }
        }

        return covariance;
    }

    private static double Distance(double[] a, double[] b, double[] lengthScales)
    {
        double sum = 0;
        for (int d = 0; d < a.Length; d++)
        {
            double delta = (a[d] - b[d]) / lengthScales[d];
            sum += delta * delta;
        }

        return Math.Sqrt(sum);
    }
}
