using System;
using System.Linq;

namespace HyperGen;

/// <summary>
/// The power transform that <see cref="BayesianOptimization"/> applies to the losses before fitting its Gaussian
/// process, so that a few very large losses do not flatten the model where the losses are small.
/// </summary>
/// <remarks>
/// The losses are divided by their standard deviation. When every loss is then positive, they get the Box-Cox
/// transform (y^λ − 1) / λ, which is log y at λ = 0. Otherwise they get the Yeo-Johnson transform, which extends
/// Box-Cox to zero and negative values. The exponent λ maximises the profile log likelihood of a normal sample over
/// a grid from −2 to 2 in steps of 0.05, so heavily skewed losses, such as Rosenbrock's, come out near their
/// logarithm and roughly normal ones near λ = 1, which is an affine map. Both transforms are increasing, so the
/// order of the losses is kept, and dividing by the standard deviation first makes the result the same, up to an
/// affine map, whatever the unit of the losses.
/// </remarks>
internal static class LossWarping
{
    private const double MinExponent = -2;
    private const double MaxExponent = 2;
    private const double ExponentStep = 0.05;

    /// <summary>
    /// Transforms finite losses with the Box-Cox or Yeo-Johnson exponent that fits them best. Returns zeros when all
    /// losses are equal.
    /// </summary>
    public static double[] PowerTransform(double[] losses)
    {
        int n = losses.Length;

        // Dividing by the largest magnitude first keeps the squares below overflow for losses beyond 1e154.
        double magnitude = losses.Max(Math.Abs);
        if (!(magnitude > 0))
        {
            return new double[n];
        }

        var normalized = losses.Select(loss => loss / magnitude).ToArray();
        double mean = normalized.Average();
        double deviation = Math.Sqrt(normalized.Sum(value => (value - mean) * (value - mean)) / n);
        if (!(deviation > 0))
        {
            return new double[n];
        }

        var scaled = normalized.Select(value => value / deviation).ToArray();
        bool positive = scaled.All(value => value > 0);
        var bases = PowerBases.Of(scaled, positive);
        double exponent = FitExponent(bases);
        var transformed = new double[n];
        bases.Transform(exponent, transformed);

        return transformed;
    }

    /// <summary>
    /// Finds the exponent on the grid that maximises the profile log likelihood of <paramref name="values"/> under
    /// the Box-Cox (<paramref name="positive"/>) or Yeo-Johnson transform. Ties keep λ = 1, then the lowest exponent.
    /// </summary>
    internal static double FitExponent(double[] values, bool positive) => FitExponent(PowerBases.Of(values, positive));

    /// <summary>
    /// Finds the grid exponent with the highest profile log likelihood, −n/2 · log σ²(λ) + (λ − 1) · Σ log J(y).
    /// σ²(λ) is the variance of the transformed values, and log J(y) is log y for Box-Cox or sign(y) · log(|y| + 1)
    /// for Yeo-Johnson (the log of the transform's derivative, divided by λ − 1).
    /// </summary>
    private static double FitExponent(PowerBases bases)
    {
        var buffer = new double[bases.Count];
        double best = 1;
        double bestLikelihood = ProfileLogLikelihood(bases, 1, buffer);
        int steps = (int)Math.Round((MaxExponent - MinExponent) / ExponentStep);
        for (int step = 0; step <= steps; step++)
        {
            double exponent = MinExponent + (step * ExponentStep);
            double likelihood = ProfileLogLikelihood(bases, exponent, buffer);
            if (likelihood > bestLikelihood)
            {
                best = exponent;
                bestLikelihood = likelihood;
            }
        }

        return best;
    }

    private static double ProfileLogLikelihood(PowerBases bases, double exponent, double[] buffer)
    {
        bases.Transform(exponent, buffer);
        double mean = buffer.Average();
        double variance = 0;
        foreach (double value in buffer)
        {
            variance += (value - mean) * (value - mean);
        }

        variance /= buffer.Length;
        if (!(variance > 0) || !double.IsFinite(variance))
        {
            return double.NegativeInfinity;
        }

        return (-0.5 * buffer.Length * Math.Log(variance)) + ((exponent - 1) * bases.LogJacobian);
    }

    /// <summary>
    /// The logarithms L of the bases that the transforms raise to a power: log y for Box-Cox, log(y + 1) for
    /// Yeo-Johnson at y ≥ 0 and log(1 − y) below 0. Computing them once turns each power into one exponential.
    /// </summary>
    private sealed class PowerBases
    {
        private readonly double[] _logs;
        private readonly bool[] _mirrored;

        private PowerBases(double[] logs, bool[] mirrored, double logJacobian)
        {
            _logs = logs;
            _mirrored = mirrored;
            LogJacobian = logJacobian;
        }

        public int Count => _logs.Length;

        /// <summary>The sum of log J(y): Σ log y for Box-Cox, Σ sign(y) · log(|y| + 1) for Yeo-Johnson.</summary>
        public double LogJacobian { get; }

        public static PowerBases Of(double[] values, bool positive)
        {
            var logs = new double[values.Length];
            var mirrored = new bool[values.Length];
            double logJacobian = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double value = values[i];
                mirrored[i] = !positive && value < 0;
                logs[i] = positive ? Math.Log(value) : Math.Log(Math.Abs(value) + 1);
                logJacobian += mirrored[i] ? -logs[i] : logs[i];
            }

            return new PowerBases(logs, mirrored, logJacobian);
        }

        /// <summary>
        /// Writes the transformed values to <paramref name="output"/>: (e^(λL) − 1) / λ, or L at λ = 0, and for the
        /// negative side of Yeo-Johnson −(e^((2 − λ)L) − 1) / (2 − λ), or −L at λ = 2.
        /// </summary>
        public void Transform(double exponent, double[] output)
        {
            for (int i = 0; i < _logs.Length; i++)
            {
                double power = _mirrored[i] ? 2 - exponent : exponent;
                double transformed = Math.Abs(power) < 1e-9 ? _logs[i] : (Math.Exp(power * _logs[i]) - 1) / power;
                output[i] = _mirrored[i] ? -transformed : transformed;
            }
        }
    }
}
