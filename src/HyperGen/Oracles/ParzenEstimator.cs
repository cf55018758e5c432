using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace HyperGen;

/// <summary>Settings shared by the Parzen estimators of one search.</summary>
/// <param name="PriorWeight">The weight of the prior kernel, relative to an observation's weight of at most 1.</param>
/// <param name="ConsiderMagicClip">Whether kernel widths have a floor that shrinks with the number of kernels, down to
/// <see cref="MinBandwidth"/>.</param>
/// <param name="ConsiderEndpoints">Whether the range ends count as neighbours when widths of the outermost kernels
/// are set.</param>
/// <param name="Bandwidth">How kernel widths are set.</param>
/// <param name="OmitLogSigma">Whether a continuous kernel's log density leaves out the -log(sigma) term, as Optuna
/// 3.1's does, so that narrow kernels weigh less.</param>
internal sealed record ParzenSettings(
    double PriorWeight, bool ConsiderMagicClip, bool ConsiderEndpoints, TpeBandwidth Bandwidth, bool OmitLogSigma = false)
{
    /// <summary>The smallest width the magic clip allows, as a share of the range.</summary>
    public double MinBandwidth { get; init; } = 0.01;

    /// <summary>
    /// The exponent of the magic clip's floor: with k kernels, widths are at least
    /// max(<see cref="MinBandwidth"/>, 1 / (k + 1)^exponent). Optuna takes 1.
    /// </summary>
    public double MagicClipExponent { get; init; } = 1.0;

    /// <summary>How the good and bad estimators weigh their observations.</summary>
    public TpeWeighting Weighting { get; init; } = TpeWeighting.Recency;
}

/// <summary>
/// A weighted mixture of product kernels over points whose coordinates are unit values or category indices: one
/// kernel per observation plus one wide prior kernel. Numeric coordinates use normal kernels truncated to [0, 1], and a
/// grid bucket gets the kernel's mass over the bucket. A categorical kernel puts most of its mass on the observed
/// category.
/// </summary>
/// <remarks>
/// The kernel widths follow <see cref="ParzenSettings.Bandwidth"/>. With <see cref="TpeBandwidth.Neighbours"/>, a
/// kernel is as wide as the larger gap to its sorted neighbours (the prior's centre 0.5 included). With
/// <see cref="TpeBandwidth.Shared"/>, every kernel is 0.2 * n^(-1 / (d + 4)) wide. Widths are at most 1, the whole
/// range, and the prior kernel is that wide. By default densities integrate to 1. With <see cref="ParzenSettings.OmitLogSigma"/>, each
/// continuous kernel's log density leaves out -log(sigma), as the truncated normal <c>logpdf</c> of Optuna 3.1
/// (<c>optuna/samplers/_tpe/_truncnorm.py</c>) does, though later Optuna sources include it. Narrow kernels then weigh
/// less against wide ones. Grid and categorical coordinates are the same in both forms, because a mass has no
/// 1/sigma.
/// </remarks>
internal sealed class ParzenEstimator
{
    private const double MinSigmaWithoutClip = 1e-12;
    private const double MultivariateSigmaScale = 0.2;
    private const double FlatWeightCount = 25;

    // A bucket narrower than this many kernel widths gets the density at its centre times its width, which is within
    // a relative 1e-5 of the exact mass and costs one exponential instead of two error functions.
    private const double NarrowBucketWidth = 0.01;

    private const double InverseSqrtTwo = 0.70710678118654752440;

    // Past 8.3 standard deviations the normal tail is below 5e-17, under the rounding error of a probability near 1.
    private const double NegligibleTail = 8.3;

    private static readonly double s_logSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly ParzenDimension[] _dimensions;
    private readonly int _kernelCount;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;
    private readonly double[][] _centres;
    private readonly double[][] _sigmas;
    private readonly double[][] _logNormalizers;
    private readonly double[][] _inverseSigmas;
    private readonly int[][] _gridKernelTypes;
    private readonly int[][] _gridTypeKernels;
    private readonly double[] _logCategoryHit;
    private readonly double[] _logCategoryMiss;
    private readonly bool _omitLogSigma;

    /// <summary>Fits the estimator to observations, oldest first.</summary>
    /// <param name="dimensions">The coordinates of every point.</param>
    /// <param name="observations">The observed points, oldest first, each with one coordinate per dimension.</param>
    /// <param name="settings">The prior weight and width rules.</param>
    /// <param name="observationWeights">One weight per observation, or null for <see cref="RecencyWeights"/>.</param>
    /// <param name="priorWeight">The prior kernel's weight, or null for the settings' prior weight.</param>
    public ParzenEstimator(
        IReadOnlyList<ParzenDimension> dimensions,
        IReadOnlyList<double[]> observations,
        ParzenSettings settings,
        double[]? observationWeights = null,
        double? priorWeight = null)
    {
        _dimensions = [.. dimensions];
        _omitLogSigma = settings.OmitLogSigma;
        int observationCount = observations.Count;
        int fittedCount = observationCount + 1;
        var weights = observationWeights is null ? RecencyWeights(observationCount) : (double[])observationWeights.Clone();
        Array.Resize(ref weights, fittedCount);
        weights[observationCount] = priorWeight ?? settings.PriorWeight;

        _centres = new double[_dimensions.Length][];
        _sigmas = new double[_dimensions.Length][];
        _logNormalizers = new double[_dimensions.Length][];
        _inverseSigmas = new double[_dimensions.Length][];
        _gridKernelTypes = new int[_dimensions.Length][];
        _gridTypeKernels = new int[_dimensions.Length][];
        _logCategoryHit = new double[_dimensions.Length];
        _logCategoryMiss = new double[_dimensions.Length];
        for (int d = 0; d < _dimensions.Length; d++)
        {
            FitDimension(d, observations, settings);
        }

        // Continuous observations rarely repeat, so only estimators without a continuous coordinate merge.
        if (!Array.Exists(_dimensions, dimension => dimension.Kind == ParzenDimensionKind.Continuous))
        {
            weights = MergeIdenticalKernels(weights);
        }

        _kernelCount = weights.Length;
        for (int d = 0; d < _dimensions.Length; d++)
        {
            _logNormalizers[d] = _sigmas[d] is null ? [] : LogNormalizers(_centres[d], _sigmas[d], _omitLogSigma);
            _inverseSigmas[d] = _sigmas[d] is null ? [] : Array.ConvertAll(_sigmas[d], sigma => 1 / sigma);
            if (_dimensions[d].Kind == ParzenDimensionKind.Grid)
            {
                (_gridKernelTypes[d], _gridTypeKernels[d]) = KernelTypes(_centres[d], _sigmas[d]);
            }
        }

        double total = 0;
        foreach (double weight in weights)
        {
            total += weight;
        }

        _logWeights = new double[_kernelCount];
        _cumulativeWeights = new double[_kernelCount];
        double running = 0;
        for (int i = 0; i < _kernelCount; i++)
        {
            _logWeights[i] = Math.Log(weights[i] / total);
            running += weights[i] / total;
            _cumulativeWeights[i] = running;
        }
    }

    /// <summary>
    /// The number of kernels after identical ones merged: at most one per observation plus the prior.
    /// </summary>
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
        // One row of per-kernel log terms at a time stays in the processor cache, however many points there are.
        var gridCache = new GridCache();
        var densities = new double[points.Count];
        var buffer = ArrayPool<double>.Shared.Rent(_kernelCount);
        try
        {
            var row = buffer.AsSpan(0, _kernelCount);
            for (int p = 0; p < points.Count; p++)
            {
                _logWeights.CopyTo(row);
                for (int d = 0; d < _dimensions.Length; d++)
                {
                    double coordinate = points[p][d];
                    switch (_dimensions[d].Kind)
                    {
                        case ParzenDimensionKind.Continuous:
                            AddContinuousTerms(d, coordinate, row);
                            break;
                        case ParzenDimensionKind.Grid:
                            AddGridTerms(d, coordinate, row, gridCache);
                            break;
                        default:
                            AddCategoricalTerms(d, coordinate, row);
                            break;
                    }
                }

                densities[p] = LogSumExp(row);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }

        return densities;
    }

    /// <summary>Sets the kernel centres and, for numeric coordinates, the widths of one dimension.</summary>
    private void FitDimension(int d, IReadOnlyList<double[]> observations, ParzenSettings settings)
    {
        int observationCount = observations.Count;
        int fittedCount = observationCount + 1;
        var dimension = _dimensions[d];
        var centres = new double[fittedCount];
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
            double smoothing = settings.PriorWeight / fittedCount;
            double normalizer = 1 + dimension.Count * smoothing;
            _logCategoryHit[d] = Math.Log((1 + smoothing) / normalizer);
            _logCategoryMiss[d] = Math.Log(smoothing / normalizer);
            _centres[d] = centres;
            return;
        }

        centres[observationCount] = 0.5;
        var sigmas = settings.Bandwidth == TpeBandwidth.Shared
            ? JointSigmas(fittedCount, observationCount, _dimensions.Length)
            : NeighbourSigmas(centres, settings.ConsiderEndpoints);

        // Exponent 1 divides, as Optuna 3.1 does, rather than calling Math.Pow, whose rounding may differ.
        double minSigma = settings.ConsiderMagicClip
            ? Math.Max(settings.MinBandwidth, settings.MagicClipExponent == 1.0
                ? 1.0 / (1.0 + fittedCount)
                : Math.Pow(1.0 + fittedCount, -settings.MagicClipExponent))
            : MinSigmaWithoutClip;
        for (int i = 0; i < fittedCount; i++)
        {
            sigmas[i] = i == observationCount ? 1.0 : Math.Clamp(sigmas[i], minSigma, 1.0);
        }

        _centres[d] = centres;
        _sigmas[d] = sigmas;
    }

    /// <summary>
    /// Merges kernels with the same centre and width in every dimension into one that carries their summed weight,
    /// which leaves the density unchanged. Grids and categories repeat values, so this shrinks their estimators to
    /// about one kernel per distinct value.
    /// </summary>
    private double[] MergeIdenticalKernels(double[] weights)
    {
        var firstOf = new Dictionary<int, int>(weights.Length, new KernelComparer(_centres, _sigmas));
        var kept = new List<int>(weights.Length);
        var merged = new List<double>(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            if (firstOf.TryGetValue(i, out int slot))
            {
                merged[slot] += weights[i];
                continue;
            }

            firstOf.Add(i, kept.Count);
            kept.Add(i);
            merged.Add(weights[i]);
        }

        if (kept.Count < weights.Length)
        {
            for (int d = 0; d < _dimensions.Length; d++)
            {
                _centres[d] = Compact(_centres[d], kept);
                _sigmas[d] = _sigmas[d] is null ? null! : Compact(_sigmas[d], kept);
            }
        }

        return [.. merged];
    }

    /// <summary>Returns log(sigma) + log(Z) per kernel, where Z is the kernel's normal mass inside [0, 1].</summary>
    private static double[] LogNormalizers(double[] centres, double[] sigmas, bool omitLogSigma)
    {
        var logNormalizers = new double[centres.Length];
        for (int i = 0; i < centres.Length; i++)
        {
            // The centre lies in [0, 1], so the lower bound is at most 0 and the upper bound at least 0.
            double lower = -centres[i] / sigmas[i];
            double upper = (1 - centres[i]) / sigmas[i];
            double mass = 1 - Tail(lower) - Tail(upper);
            logNormalizers[i] = (omitLogSigma ? 0 : Math.Log(sigmas[i])) + Math.Log(mass);
        }

        return logNormalizers;
    }

    private static double[] Compact(double[] values, List<int> kept)
    {
        var compacted = new double[kept.Count];
        for (int k = 0; k < kept.Count; k++)
        {
            compacted[k] = values[kept[k]];
        }

        return compacted;
    }

    private static double[] JointSigmas(int kernelCount, int observationCount, int dimensionCount)
    {
        double sigma = MultivariateSigmaScale * Math.Pow(Math.Max(observationCount, 1), -1.0 / (dimensionCount + 4));
        var sigmas = new double[kernelCount];
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

    private void AddContinuousTerms(int d, double x, Span<double> row)
    {
        var centres = _centres[d];
        var inverseSigmas = _inverseSigmas[d];
        var logNormalizers = _logNormalizers[d];
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // The same arithmetic as the scalar loop below, several kernels per instruction.
            var position = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            var constant = new Vector<double>(s_logSqrtTwoPi);
            for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var z = (position - new Vector<double>(centres, i)) * new Vector<double>(inverseSigmas, i);
                var terms = new Vector<double>(row[i..]) - (half * z * z + constant + new Vector<double>(logNormalizers, i));
                terms.CopyTo(row[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            double z = (x - centres[i]) * inverseSigmas[i];
            row[i] -= 0.5 * z * z + s_logSqrtTwoPi + logNormalizers[i];
        }
    }

    private void AddGridTerms(int d, double x, Span<double> row, GridCache cache)
    {
        long bucket = _dimensions[d].BucketOf(x);
        if (!cache.BucketMasses.TryGetValue((d, bucket), out var logMasses))
        {
            logMasses = BucketLogMasses(d, bucket, cache.EdgeTails);
            cache.BucketMasses.Add((d, bucket), logMasses);
        }

        for (int i = 0; i < row.Length; i++)
        {
            row[i] += logMasses[i];
        }
    }

    /// <summary>
    /// Returns, for each kernel, the log of its truncated mass over one grid bucket. Kernels of one type (the same
    /// centre and width) share one computation.
    /// </summary>
    private double[] BucketLogMasses(int d, long bucket, Dictionary<(int Dimension, long Edge), double[]> edgeTails)
    {
        var dimension = _dimensions[d];
        var centres = _centres[d];
        var sigmas = _sigmas[d];
        var logNormalizers = _logNormalizers[d];
        var typeKernels = _gridTypeKernels[d];
        double width = 1.0 / dimension.Count;
        double lower = bucket * width;
        double upper = (bucket + 1) * width;
        double middle = dimension.BucketCentre(bucket);
        double[]? lowerTails = null;
        double[]? upperTails = null;

        var typeLogMasses = new double[typeKernels.Length];
        for (int t = 0; t < typeKernels.Length; t++)
        {
            int i = typeKernels[t];
            double sigma = sigmas[i];
            double logSigma = Math.Log(sigma);
            double z = (middle - centres[i]) / sigma;
            double logDensityMass = -0.5 * z * z - s_logSqrtTwoPi + Math.Log(width) - logSigma;
            double logMass = logDensityMass;
            if (width / sigma > NarrowBucketWidth)
            {
                lowerTails ??= EdgeTails(d, bucket, edgeTails);
                upperTails ??= EdgeTails(d, bucket + 1, edgeTails);
                double mass = MassBetween((lower - centres[i]) / sigma, lowerTails[t], (upper - centres[i]) / sigma, upperTails[t]);
                logMass = mass > 0 ? Math.Log(mass) : logDensityMass;
            }

            // The normalizer is log(sigma) + log(Z), but a mass needs no 1/sigma, so log(sigma) is added back.
            typeLogMasses[t] = logMass - logNormalizers[i] + (_omitLogSigma ? 0 : logSigma);
        }

        var kernelTypes = _gridKernelTypes[d];
        var logMasses = new double[_kernelCount];
        for (int i = 0; i < _kernelCount; i++)
        {
            logMasses[i] = typeLogMasses[kernelTypes[i]];
        }

        return logMasses;
    }

    /// <summary>
    /// Returns, for each kernel type of a grid dimension, the standard normal probability beyond a grid edge on the
    /// side away from the type's centre. Adjacent buckets share edges, so each edge costs one error function per type.
    /// </summary>
    private double[] EdgeTails(int d, long edge, Dictionary<(int Dimension, long Edge), double[]> edgeTails)
    {
        if (edgeTails.TryGetValue((d, edge), out var tails))
        {
            return tails;
        }

        var centres = _centres[d];
        var inverseSigmas = _inverseSigmas[d];
        var typeKernels = _gridTypeKernels[d];
        double position = (double)edge / _dimensions[d].Count;
        tails = new double[typeKernels.Length];
        for (int t = 0; t < typeKernels.Length; t++)
        {
            int i = typeKernels[t];
            tails[t] = Tail((position - centres[i]) * inverseSigmas[i]);
        }

        edgeTails.Add((d, edge), tails);
        return tails;
    }

    /// <summary>Returns the standard normal probability beyond |z|, or 0 past 8.3 where it is below 5e-17.</summary>
    private static double Tail(double z)
    {
        double distance = Math.Abs(z);
        return distance > NegligibleTail ? 0 : 0.5 * SpecialFunctions.Erfc(distance * InverseSqrtTwo);
    }

    /// <summary>
    /// Groups the kernels of one grid dimension by centre and width. Returns each kernel's type and, for each type,
    /// its first kernel.
    /// </summary>
    private static (int[] KernelTypes, int[] TypeKernels) KernelTypes(double[] centres, double[] sigmas)
    {
        var typeOf = new Dictionary<(double Centre, double Sigma), int>();
        var kernelTypes = new int[centres.Length];
        var typeKernels = new List<int>();
        for (int i = 0; i < centres.Length; i++)
        {
            if (!typeOf.TryGetValue((centres[i], sigmas[i]), out int type))
            {
                type = typeKernels.Count;
                typeOf.Add((centres[i], sigmas[i]), type);
                typeKernels.Add(i);
            }

            kernelTypes[i] = type;
        }

        return (kernelTypes, [.. typeKernels]);
    }

    /// <summary>
    /// Returns the standard normal probability of [a, b] from the tails beyond each bound, subtracting the two small
    /// tails when both bounds lie on one side of 0 so that no precision is lost.
    /// </summary>
    private static double MassBetween(double a, double tailBeyondA, double b, double tailBeyondB)
    {
        if (a >= 0)
        {
            return tailBeyondA - tailBeyondB;
        }

        if (b <= 0)
        {
            return tailBeyondB - tailBeyondA;
        }

        return 1 - tailBeyondA - tailBeyondB;
    }

    private void AddCategoricalTerms(int d, double category, Span<double> row)
    {
        var centres = _centres[d];
        double hit = _logCategoryHit[d];
        double miss = _logCategoryMiss[d];
        double uniform = -Math.Log(_dimensions[d].Count);
        for (int i = 0; i < row.Length; i++)
        {
            if (centres[i] == category)
            {
                row[i] += hit;
            }
            else
            {
                // The uniform prior kernel has the centre -1, which no category matches.
                row[i] += centres[i] < 0 ? uniform : miss;
            }
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

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        int width = Vector<double>.Count;
        bool vectorized = Vector.IsHardwareAccelerated && values.Length >= width;
        double max = double.NegativeInfinity;
        int i = 0;
        if (vectorized)
        {
            var maxima = new Vector<double>(double.NegativeInfinity);
            for (; i <= values.Length - width; i += width)
            {
                maxima = Vector.Max(maxima, new Vector<double>(values[i..]));
            }

            for (int lane = 0; lane < width; lane++)
            {
                max = Math.Max(max, maxima[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            max = Math.Max(max, values[i]);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        i = 0;
        if (vectorized)
        {
            var shift = new Vector<double>(max);
            var sums = Vector<double>.Zero;
            for (; i <= values.Length - width; i += width)
            {
                sums += Vector.Exp(new Vector<double>(values[i..]) - shift);
            }

            sum = Vector.Sum(sums);
        }

        for (; i < values.Length; i++)
        {
            sum += Math.Exp(values[i] - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Per-kernel grid terms computed during one <see cref="LogDensities"/> call, shared by its points.</summary>
    private sealed class GridCache
    {
        public Dictionary<(int Dimension, long Bucket), double[]> BucketMasses { get; } = [];

        public Dictionary<(int Dimension, long Edge), double[]> EdgeTails { get; } = [];
    }

    /// <summary>Compares kernels by index: equal when every centre and width is equal.</summary>
    private sealed class KernelComparer(double[][] centres, double[][] sigmas) : IEqualityComparer<int>
    {
        public bool Equals(int left, int right)
        {
            for (int d = 0; d < centres.Length; d++)
            {
                if (centres[d][left] != centres[d][right] || (sigmas[d] is { } widths && widths[left] != widths[right]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(int kernel)
        {
            var hash = default(HashCode);
            for (int d = 0; d < centres.Length; d++)
            {
                hash.Add(centres[d][kernel]);
                hash.Add(sigmas[d] is { } widths ? widths[kernel] : 0);
            }

            return hash.ToHashCode();
        }
    }
}
