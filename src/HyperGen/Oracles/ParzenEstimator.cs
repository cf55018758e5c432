using System;
using System.Collections.Generic;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace HyperGen;

/// <summary>Settings shared by the Parzen estimators of one search.</summary>
/// <param name="PriorWeight">The weight of the prior kernel, relative to an observation's weight of at most 1.</param>
/// <param name="ConsiderMagicClip">Whether kernel widths have a floor that shrinks with the number of kernels, to
/// 1/100 of the range at most.</param>
/// <param name="ConsiderEndpoints">Whether the range ends count as neighbours when widths of the outermost kernels
/// are set.</param>
/// <param name="Multivariate">Whether all kernels share one width from Scott's rule (joint modelling) rather than
/// each taking the distance to its neighbours.</param>
internal sealed record ParzenSettings(double PriorWeight, bool ConsiderMagicClip, bool ConsiderEndpoints, bool Multivariate);

/// <summary>
/// A weighted mixture of product kernels over points whose coordinates are unit values or category indices: one
/// kernel per observation plus one wide prior kernel. Numeric coordinates use normal kernels truncated to [0, 1], and a
/// grid bucket gets the kernel's mass over the bucket. A categorical kernel puts most of its mass on the observed
/// category.
/// </summary>
/// <remarks>
/// The kernel widths follow Optuna 3.1's TPE. Independently, a kernel is as wide as the larger gap to its sorted
/// neighbours (the prior's centre 0.5 included). Jointly, every kernel is 0.2 * n^(-1 / (d + 4)) wide. Widths are at
/// most 1, the whole range. Densities integrate to 1: Optuna 3.1's truncated normal log density leaves out the
/// -log(sigma) term, which later Optuna sources include, so it favours wide kernels more than this estimator does.
/// </remarks>
internal sealed class ParzenEstimator
{
    private const double MinSigmaWithoutClip = 1e-12;
    private const double MultivariateSigmaScale = 0.2;
    private const double FlatWeightCount = 25;

    // A bucket narrower than this many kernel widths gets the density at its centre times its width, which is within
    // a relative 1e-5 of the exact mass and costs one exponential instead of two error functions.
    private const double NarrowBucketWidth = 0.01;

    private static readonly double s_logSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly ParzenDimension[] _dimensions;
    private readonly int _kernelCount;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;
    private readonly double[][] _centres;
    private readonly double[][] _sigmas;
    private readonly double[][] _logNormalizers;
    private readonly double[] _logCategoryHit;
    private readonly double[] _logCategoryMiss;

    /// <summary>Fits the estimator to observations, oldest first.</summary>
    /// <param name="dimensions">The coordinates of every point.</param>
    /// <param name="observations">The observed points, oldest first, each with one coordinate per dimension.</param>
    /// <param name="settings">The prior weight and width rules.</param>
    public ParzenEstimator(IReadOnlyList<ParzenDimension> dimensions, IReadOnlyList<double[]> observations, ParzenSettings settings)
    {
        _dimensions = [.. dimensions];
        int observationCount = observations.Count;
        _kernelCount = observationCount + 1;

        var weights = RecencyWeights(observationCount);
        double total = settings.PriorWeight;
        foreach (double weight in weights)
        {
            total += weight;
        }

        _logWeights = new double[_kernelCount];
        _cumulativeWeights = new double[_kernelCount];
        double running = 0;
        for (int i = 0; i < _kernelCount; i++)
        {
            double weight = i < observationCount ? weights[i] : settings.PriorWeight;
            _logWeights[i] = Math.Log(weight / total);
            running += weight / total;
            _cumulativeWeights[i] = running;
        }

        _centres = new double[_dimensions.Length][];
        _sigmas = new double[_dimensions.Length][];
        _logNormalizers = new double[_dimensions.Length][];
        _logCategoryHit = new double[_dimensions.Length];
        _logCategoryMiss = new double[_dimensions.Length];
        for (int d = 0; d < _dimensions.Length; d++)
        {
            FitDimension(d, observations, settings);
        }
    }

    /// <summary>The number of kernels: one per observation plus the prior.</summary>
    public int KernelCount => _kernelCount;

    /// <summary>
    /// Returns Optuna's default TPE weights of observations, oldest first. Up to 25 observations all weigh 1. Past
    /// that, the 25 newest weigh 1 and the older ones ramp linearly from 1/n up to 1.
    /// </summary>
    public static double[] RecencyWeights(int count)
    {
        var weights = new double[count];
        int rampCount = count < FlatWeightCount ? 0 : count - (int)FlatWeightCount;
        for (int i = 0; i < count; i++)
        {
            if (i >= rampCount)
            {
                weights[i] = 1;
            }
            else if (rampCount == 1)
            {
                weights[i] = 1.0 / count;
            }
            else
            {
                double start = 1.0 / count;
                weights[i] = start + (1 - start) * i / (rampCount - 1);
            }
        }

        return weights;
    }

    /// <summary>Draws a point: picks a kernel by weight, then draws each coordinate from that kernel.</summary>
    public double[] Sample(DeterministicRandom random)
    {
        int kernel = Array.BinarySearch(_cumulativeWeights, random.NextDouble());
        kernel = Math.Min(kernel < 0 ? ~kernel : kernel, _kernelCount - 1);

        var point = new double[_dimensions.Length];
        for (int d = 0; d < _dimensions.Length; d++)
        {
            var dimension = _dimensions[d];
            point[d] = dimension.Kind switch
            {
                ParzenDimensionKind.Categorical => SampleCategory(d, kernel, random),
                ParzenDimensionKind.Grid => dimension.BucketCentre(dimension.BucketOf(SampleTruncatedNormal(d, kernel, random))),
                _ => SampleTruncatedNormal(d, kernel, random),
            };
        }

        return point;
    }

    /// <summary>Returns the log density of each point (log probability mass for grid and categorical coordinates).</summary>
    public double[] LogDensities(IReadOnlyList<double[]> points)
    {
        int n = _kernelCount;
        var terms = new double[points.Count * n];
        for (int p = 0; p < points.Count; p++)
        {
            Array.Copy(_logWeights, 0, terms, p * n, n);
        }

        for (int d = 0; d < _dimensions.Length; d++)
        {
            switch (_dimensions[d].Kind)
            {
                case ParzenDimensionKind.Continuous:
                    AddContinuousTerms(d, points, terms);
                    break;
                case ParzenDimensionKind.Grid:
                    AddGridTerms(d, points, terms);
                    break;
                default:
                    AddCategoricalTerms(d, points, terms);
                    break;
            }
        }

        var densities = new double[points.Count];
        for (int p = 0; p < points.Count; p++)
        {
            densities[p] = LogSumExp(terms.AsSpan(p * n, n));
        }

        return densities;
    }

    private void FitDimension(int d, IReadOnlyList<double[]> observations, ParzenSettings settings)
    {
        int observationCount = observations.Count;
        var dimension = _dimensions[d];
        var centres = new double[_kernelCount];
        for (int i = 0; i < observationCount; i++)
        {
            double coordinate = observations[i][d];
            centres[i] = dimension.Kind == ParzenDimensionKind.Categorical ? coordinate : Math.Clamp(coordinate, 0, 1);
        }

        if (dimension.Kind == ParzenDimensionKind.Categorical)
        {
            // An observation kernel puts a unit mass on its own category plus priorWeight / kernels on every
            // category, then is normalized. The prior kernel (centre -1) is uniform.
            centres[observationCount] = -1;
            double smoothing = settings.PriorWeight / _kernelCount;
            double normalizer = 1 + dimension.Count * smoothing;
            _logCategoryHit[d] = Math.Log((1 + smoothing) / normalizer);
            _logCategoryMiss[d] = Math.Log(smoothing / normalizer);
            _centres[d] = centres;
            return;
        }

        centres[observationCount] = 0.5;
        var sigmas = settings.Multivariate
            ? JointSigmas(observationCount, _dimensions.Length)
            : NeighbourSigmas(centres, settings.ConsiderEndpoints);

        double minSigma = settings.ConsiderMagicClip ? 1.0 / Math.Min(100.0, 1.0 + _kernelCount) : MinSigmaWithoutClip;
        var logNormalizers = new double[_kernelCount];
        for (int i = 0; i < _kernelCount; i++)
        {
            sigmas[i] = i == observationCount ? 1.0 : Math.Clamp(sigmas[i], minSigma, 1.0);
            double mass = NormalMass(-centres[i] / sigmas[i], (1 - centres[i]) / sigmas[i]);
            logNormalizers[i] = Math.Log(sigmas[i]) + Math.Log(mass);
        }

        _centres[d] = centres;
        _sigmas[d] = sigmas;
        _logNormalizers[d] = logNormalizers;
    }

    private double[] JointSigmas(int observationCount, int dimensionCount)
    {
        double sigma = MultivariateSigmaScale * Math.Pow(Math.Max(observationCount, 1), -1.0 / (dimensionCount + 4));
        var sigmas = new double[_kernelCount];
        Array.Fill(sigmas, sigma);
        return sigmas;
    }

    /// <summary>
    /// Sets each kernel's width to the larger gap to its sorted neighbours, the range ends 0 and 1 included. Unless
    /// <paramref name="considerEndpoints"/>, the outermost kernels take the gap to their inner neighbour instead.
    /// </summary>
    private static double[] NeighbourSigmas(double[] centres, bool considerEndpoints)
    {
        int count = centres.Length;
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var sorted = (double[])centres.Clone();
        Array.Sort(sorted, order);

        var sigmas = new double[count];
        for (int k = 0; k < count; k++)
        {
            double left = k == 0 ? 0.0 : sorted[k - 1];
            double right = k == count - 1 ? 1.0 : sorted[k + 1];
            sigmas[order[k]] = Math.Max(sorted[k] - left, right - sorted[k]);
        }

        if (!considerEndpoints && count >= 2)
        {
            sigmas[order[0]] = sorted[1] - sorted[0];
            sigmas[order[count - 1]] = sorted[count - 1] - sorted[count - 2];
        }

        return sigmas;
    }

    private void AddContinuousTerms(int d, IReadOnlyList<double[]> points, double[] terms)
    {
        var centres = _centres[d];
        var sigmas = _sigmas[d];
        var logNormalizers = _logNormalizers[d];
        int n = _kernelCount;
        for (int p = 0; p < points.Count; p++)
        {
            double x = points[p][d];
            int offset = p * n;
            for (int i = 0; i < n; i++)
            {
                double z = (x - centres[i]) / sigmas[i];
                terms[offset + i] += -0.5 * z * z - s_logSqrtTwoPi - logNormalizers[i];
            }
        }
    }

    private void AddGridTerms(int d, IReadOnlyList<double[]> points, double[] terms)
    {
        var dimension = _dimensions[d];
        int n = _kernelCount;
        var buckets = new List<long>();
        var masses = new List<double[]>();
        for (int p = 0; p < points.Count; p++)
        {
            long bucket = dimension.BucketOf(points[p][d]);
            int cached = buckets.IndexOf(bucket);
            if (cached < 0)
            {
                buckets.Add(bucket);
                masses.Add(BucketLogMasses(d, bucket));
                cached = buckets.Count - 1;
            }

            var logMasses = masses[cached];
            int offset = p * n;
            for (int i = 0; i < n; i++)
            {
                terms[offset + i] += logMasses[i];
            }
        }
    }

    /// <summary>Returns, for each kernel, the log of its truncated mass over one grid bucket.</summary>
    private double[] BucketLogMasses(int d, long bucket)
    {
        var dimension = _dimensions[d];
        var centres = _centres[d];
        var sigmas = _sigmas[d];
        var logNormalizers = _logNormalizers[d];
        double width = 1.0 / dimension.Count;
        double lower = bucket * width;
        double upper = (bucket + 1) * width;
        double middle = dimension.BucketCentre(bucket);

        var logMasses = new double[_kernelCount];
        for (int i = 0; i < _kernelCount; i++)
        {
            double sigma = sigmas[i];
            double logSigma = Math.Log(sigma);
            double logMass;
            if (width / sigma <= NarrowBucketWidth)
            {
                double z = (middle - centres[i]) / sigma;
                logMass = -0.5 * z * z - s_logSqrtTwoPi + Math.Log(width) - logSigma;
            }
            else
            {
                double mass = NormalMass((lower - centres[i]) / sigma, (upper - centres[i]) / sigma);
                double z = (middle - centres[i]) / sigma;
                logMass = mass > 0 ? Math.Log(mass) : -0.5 * z * z - s_logSqrtTwoPi + Math.Log(width) - logSigma;
            }

            // The normalizer is log(sigma) + log(Z), but a mass needs no 1/sigma, so log(sigma) is added back.
            logMasses[i] = logMass - logNormalizers[i] + logSigma;
        }

        return logMasses;
    }

    private void AddCategoricalTerms(int d, IReadOnlyList<double[]> points, double[] terms)
    {
        var centres = _centres[d];
        double hit = _logCategoryHit[d];
        double miss = _logCategoryMiss[d];
        double uniform = -Math.Log(_dimensions[d].Count);
        int n = _kernelCount;
        for (int p = 0; p < points.Count; p++)
        {
            double category = points[p][d];
            int offset = p * n;
            for (int i = 0; i < n - 1; i++)
            {
                terms[offset + i] += centres[i] == category ? hit : miss;
            }

            terms[offset + n - 1] += uniform;
        }
    }

    private double SampleTruncatedNormal(int d, int kernel, DeterministicRandom random)
    {
        double centre = _centres[d][kernel];
        double sigma = _sigmas[d][kernel];
        double lower = Normal.CDF(0, 1, -centre / sigma);
        double upper = Normal.CDF(0, 1, (1 - centre) / sigma);
        double p = lower + random.NextDouble() * (upper - lower);
        double x = centre + sigma * Normal.InvCDF(0, 1, p);
        return double.IsFinite(x) ? Math.Clamp(x, 0, 1) : centre;
    }

    private double SampleCategory(int d, int kernel, DeterministicRandom random)
    {
        long count = _dimensions[d].Count;
        double centre = _centres[d][kernel];
        if (centre < 0)
        {
            return random.NextInt64(count);
        }

        // Hit the observed category with its smoothed probability, else any category uniformly (the observed one
        // included, which the smoothing share already accounts for).
        double hitShare = Math.Exp(_logCategoryHit[d]) - Math.Exp(_logCategoryMiss[d]);
        return random.NextDouble() < hitShare ? centre : random.NextInt64(count);
    }

    /// <summary>Returns the standard normal probability of [a, b], computed on the side that keeps precision.</summary>
    private static double NormalMass(double a, double b)
    {
        const double invSqrt2 = 0.70710678118654752440;
        if (a >= 0)
        {
            return 0.5 * (SpecialFunctions.Erfc(a * invSqrt2) - SpecialFunctions.Erfc(b * invSqrt2));
        }

        if (b <= 0)
        {
            return 0.5 * (SpecialFunctions.Erfc(-b * invSqrt2) - SpecialFunctions.Erfc(-a * invSqrt2));
        }

        return 1 - 0.5 * SpecialFunctions.Erfc(b * invSqrt2) - 0.5 * SpecialFunctions.Erfc(-a * invSqrt2);
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double value in values)
        {
            max = Math.Max(max, value);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double value in values)
        {
            sum += Math.Exp(value - max);
        }

        return max + Math.Log(sum);
    }
}
