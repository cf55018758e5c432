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
        double mean = losses.Average();
        double deviation = Math.Sqrt(losses.Sum(loss => (loss - mean) * (loss - mean)) / n);
        if (!(deviation > 0))
        {
            return new double[n];
        }

        var scaled = losses.Select(loss => loss / deviation).ToArray();
        bool positive = scaled.All(value => value > 0);
        double exponent = FitExponent(scaled, positive);

        return scaled.Select(value => Transform(value, exponent, positive)).ToArray();
    }

    /// <summary>
    /// Finds the exponent on the grid that maximises the profile log likelihood of <paramref name="values"/> under
    /// the Box-Cox (<paramref name="positive"/>) or Yeo-Johnson transform. Ties keep λ = 1, then the lowest exponent.
    /// </summary>
    /// <remarks>
    /// The profile log likelihood is −n/2 · log σ²(λ) + (λ − 1) · Σ log J(y), with σ²(λ) the variance of the
    /// transformed values and log J(y) = log y for Box-Cox or sign(y) · log(|y| + 1) for Yeo-Johnson (the log of the
    /// transform's derivative, divided by λ − 1).
    /// </remarks>
    internal static double FitExponent(double[] values, bool positive)
    {
        double logJacobian = positive
            ? values.Sum(Math.Log)
            : values.Sum(value => Math.Sign(value) * Math.Log(Math.Abs(value) + 1));
        double best = 1;
        double bestLikelihood = ProfileLogLikelihood(values, 1, positive, logJacobian);
        int steps = (int)Math.Round((MaxExponent - MinExponent) / ExponentStep);
        for (int step = 0; step <= steps; step++)
        {
            double exponent = MinExponent + (step * ExponentStep);
            double likelihood = ProfileLogLikelihood(values, exponent, positive, logJacobian);
            if (likelihood > bestLikelihood)
            {
                best = exponent;
                bestLikelihood = likelihood;
            }
        }

        return best;
    }

    private static double ProfileLogLikelihood(double[] values, double exponent, bool positive, double logJacobian)
    {
        var transformed = values.Select(value => Transform(value, exponent, positive)).ToArray();
        double mean = transformed.Average();
        double variance = transformed.Sum(value => (value - mean) * (value - mean)) / values.Length;
        if (!(variance > 0) || !double.IsFinite(variance))
        {
            return double.NegativeInfinity;
        }

        return (-0.5 * values.Length * Math.Log(variance)) + ((exponent - 1) * logJacobian);
    }

    private static double Transform(double value, double exponent, bool positive) =>
        positive ? BoxCox(value, exponent) : YeoJohnson(value, exponent);

    private static double BoxCox(double value, double exponent) =>
        Math.Abs(exponent) < 1e-9 ? Math.Log(value) : (Math.Pow(value, exponent) - 1) / exponent;

    private static double YeoJohnson(double value, double exponent)
    {
        if (value >= 0)
        {
            return Math.Abs(exponent) < 1e-9 ? Math.Log(value + 1) : (Math.Pow(value + 1, exponent) - 1) / exponent;
        }

        double mirrored = 2 - exponent;
        return Math.Abs(mirrored) < 1e-9
            ? -Math.Log(1 - value)
            : -(Math.Pow(1 - value, mirrored) - 1) / mirrored;
    }
}
