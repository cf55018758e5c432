using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>A proposed set of values for one block of parameters, and its TPE score log l(x) - log g(x).</summary>
/// <param name="Values">One value per parameter of the block, in the block's order.</param>
/// <param name="Score">The log density ratio of the good to the bad estimator; 0 for random candidates.</param>
internal sealed record TpeCandidate(object[] Values, double Score);

/// <summary>The observations of one block, split into the good and the bad group, each oldest first.</summary>
/// <param name="Good">The good group's points.</param>
/// <param name="GoodWeights">The good points' weights, or null for the weighting's default.</param>
/// <param name="Bad">The bad group's points.</param>
/// <param name="Finished">How many of the observations have finished.</param>
internal sealed record TpeSplit(List<double[]> Good, double[]? GoodWeights, List<double[]> Bad, int Finished);

/// <summary>
/// Fits the good and bad Parzen estimators of one block of parameters (one parameter, or a group modelled jointly)
/// for one proposal, and ranks candidates drawn from the good estimator.
/// </summary>
internal sealed class TpeModel
{
    private const double MinImprovementWeight = 1e-12;

    private readonly ParzenSettings _settings;
    private readonly Func<int, int> _goodCount;
    private readonly int _candidateCount;
    private readonly int _startupCount;
    private readonly Func<int, DeterministicRandom> _randomFor;
    private readonly List<TpeObservation> _observations;
    private readonly TpeUnitCache _units;

    /// <summary>Creates the model of one proposal.</summary>
    /// <param name="settings">The settings of the Parzen estimators.</param>
    /// <param name="goodCount">Returns the size of the good group for a number of observations.</param>
    /// <param name="candidateCount">How many candidates to draw for each block.</param>
    /// <param name="startupCount">How many finished observations a block needs before it is modelled.</param>
    /// <param name="randomFor">Returns the proposal's generator for a stream.</param>
    /// <param name="observations">The observations, ranked best first.</param>
    /// <param name="units">The unit values of ended trials, shared across proposals.</param>
    public TpeModel(
        ParzenSettings settings,
        Func<int, int> goodCount,
        int candidateCount,
        int startupCount,
        Func<int, DeterministicRandom> randomFor,
        List<TpeObservation> observations,
        TpeUnitCache units)
    {
        _settings = settings;
        _goodCount = goodCount;
        _candidateCount = candidateCount;
        _startupCount = startupCount;
        _randomFor = randomFor;
        _observations = observations;
        _units = units;
    }

    /// <summary>Returns the modelled dimension of a parameter.</summary>
    public static ParzenDimension DimensionOf(HyperParameter parameter) => parameter switch
    {
        ChoiceHyperParameter { Ordered: false } choice => new(ParzenDimensionKind.Categorical, choice.Values.Count),
        BooleanHyperParameter => new(ParzenDimensionKind.Categorical, 2),
        FloatHyperParameter { IsFinite: false } => new(ParzenDimensionKind.Continuous, 0),
        IntHyperParameter { Step: null } range when range.Min != range.Max => new(ParzenDimensionKind.Continuous, 0),
        _ when parameter.IsFinite && parameter.Cardinality is long count => new(ParzenDimensionKind.Grid, count),
        _ => new(ParzenDimensionKind.Continuous, 0),
    };

    /// <summary>
    /// Returns distinct candidates for <paramref name="block"/>, best first. A block with fewer finished observations
    /// than the startup count gets random candidates, all with score 0.
    /// </summary>
    public List<TpeCandidate> RankCandidates(IReadOnlyList<HyperParameter> block)
    {
        var dimensions = new ParzenDimension[block.Count];
        for (int d = 0; d < block.Count; d++)
        {
            dimensions[d] = DimensionOf(block[d]);
        }

        var random = _randomFor(StreamOf(block[0].Name));
        var split = Split(block, dimensions);
        var candidates = split.Finished == 0 || split.Finished < _startupCount
            ? DrawRandomly(block, random)
            : DrawFromModel(block, dimensions, split, random);
        return Distinct(candidates);
    }

    /// <summary>
    /// Splits the observations in which every parameter of the block was active into the good group (the best
    /// <c>gamma(n)</c> that finished with a finite loss) and the bad group, each oldest first.
    /// </summary>
    public TpeSplit Split(
        IReadOnlyList<HyperParameter> block, ParzenDimension[] dimensions)
    {
        var units = new TpeUnitCache.ParameterUnits[block.Count];
        for (int d = 0; d < block.Count; d++)
        {
            units[d] = _units.For(block[d]);
        }

        var rows = new List<(TpeObservation Observation, double[] Point)>();
        int finished = 0;
        int eligible = 0;
        foreach (var observation in _observations)
        {
            var point = PointOf(observation, units, dimensions);
            if (point is null)
            {
                continue;
            }

            rows.Add((observation, point));
            finished += observation.IsPending ? 0 : 1;
            eligible += observation.CanBeGood ? 1 : 0;
        }

        int goodCount = rows.Count == 0 ? 0 : Math.Min(_goodCount(rows.Count), eligible);
        var good = new List<(TpeObservation Observation, double[] Point)>();
        var bad = new List<(TpeObservation Observation, double[] Point)>();
        foreach (var row in rows)
        {
            var group = good.Count < goodCount && row.Observation.CanBeGood ? good : bad;
            group.Add(row);
        }

        var chronologicalGood = Chronological(good);
        var goodWeights = _settings.Weighting == TpeWeighting.ExpectedImprovement
            ? ImprovementWeights(chronologicalGood, bad)
            : null;
        return new TpeSplit(
            chronologicalGood.ConvertAll(row => row.Point),
            goodWeights,
            Chronological(bad).ConvertAll(row => row.Point),
            finished);
    }

    /// <summary>
    /// Weighs each good observation by how far its loss lies below the best loss of the bad group, the improvement
    /// it would have brought over that threshold. Returns null, for equal weights, when a good observation was pruned
    /// or the bad group has no completed observation with a finite loss.
    /// </summary>
    private static double[]? ImprovementWeights(
        List<(TpeObservation Observation, double[] Point)> good,
        List<(TpeObservation Observation, double[] Point)> badBestFirst)
    {
        if (good.Count == 0 || badBestFirst.Count == 0)
        {
            return null;
        }

        var threshold = badBestFirst[0].Observation;
        if (!threshold.IsCompleted || !double.IsFinite(threshold.Loss))
        {
            return null;
        }

        var weights = new double[good.Count];
        double total = 0;
        for (int i = 0; i < good.Count; i++)
        {
            if (!good[i].Observation.IsCompleted)
            {
                return null;
            }

            weights[i] = Math.Max(MinImprovementWeight, threshold.Loss - good[i].Observation.Loss);
            total += weights[i];
        }

        return double.IsFinite(total) ? weights : ScaledImprovementWeights(good, threshold.Loss);
    }

    /// <summary>
    /// Returns the improvement weights divided by the largest, for losses so large that the differences or their sum
    /// overflow. Halving both terms keeps each difference finite.
    /// </summary>
    private static double[] ScaledImprovementWeights(List<(TpeObservation Observation, double[] Point)> good, double threshold)
    {
        var halves = new double[good.Count];
        double largest = 0;
        for (int i = 0; i < good.Count; i++)
        {
            halves[i] = Math.Max(0, 0.5 * threshold - 0.5 * good[i].Observation.Loss);
            largest = Math.Max(largest, halves[i]);
        }

        for (int i = 0; i < halves.Length; i++)
        {
            halves[i] = Math.Max(MinImprovementWeight, halves[i] / largest);
        }

        return halves;
    }

    private List<TpeCandidate> DrawFromModel(
        IReadOnlyList<HyperParameter> block,
        ParzenDimension[] dimensions,
        TpeSplit split,
        DeterministicRandom random)
    {
        var goodEstimator = split.GoodWeights is { } weights
            ? new ParzenEstimator(dimensions, split.Good, _settings, weights, weights.Average())
            : new ParzenEstimator(dimensions, split.Good, _settings, UniformOrRecency(split.Good.Count));
        var badEstimator = new ParzenEstimator(dimensions, split.Bad, _settings, UniformOrRecency(split.Bad.Count));
        var points = new List<double[]>(_candidateCount);
        for (int k = 0; k < _candidateCount; k++)
        {
            points.Add(goodEstimator.Sample(random));
        }

        var goodDensities = goodEstimator.LogDensities(points);
        var badDensities = badEstimator.LogDensities(points);
        var candidates = new List<TpeCandidate>(_candidateCount);
        for (int k = 0; k < points.Count; k++)
        {
            double score = goodDensities[k] - badDensities[k];
            var values = new object[block.Count];
            for (int d = 0; d < block.Count; d++)
            {
                values[d] = ValueOf(block[d], dimensions[d], points[k][d]);
            }

            candidates.Add(new TpeCandidate(values, double.IsNaN(score) ? double.NegativeInfinity : score));
        }

        return candidates;
    }

    /// <summary>Returns null for <see cref="ParzenEstimator.RecencyWeights"/>, or else equal weights.</summary>
    private double[]? UniformOrRecency(int count) =>
        _settings.Weighting == TpeWeighting.Recency ? null : Enumerable.Repeat(1.0, count).ToArray();

    private List<TpeCandidate> DrawRandomly(IReadOnlyList<HyperParameter> block, DeterministicRandom random)
    {
        var candidates = new List<TpeCandidate>(_candidateCount);
        for (int k = 0; k < _candidateCount; k++)
        {
            var values = new object[block.Count];
            for (int d = 0; d < block.Count; d++)
            {
                values[d] = block[d].FromUnit(random.NextDouble());
            }

            candidates.Add(new TpeCandidate(values, 0));
        }

        return candidates;
    }

    /// <summary>Sorts candidates best first (draw order breaks ties) and keeps the first of equal value sets.</summary>
    private static List<TpeCandidate> Distinct(List<TpeCandidate> candidates)
    {
        var order = new int[candidates.Count];
        var keys = new double[candidates.Count];
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
            keys[k] = -candidates[k].Score;
        }

        // Array.Sort is unstable; sorting by (key, index) pairs keeps draw order among equal scores.
        Array.Sort(order, (left, right) =>
        {
            int byScore = keys[left].CompareTo(keys[right]);
            return byScore != 0 ? byScore : left.CompareTo(right);
        });

        var distinct = new List<TpeCandidate>(candidates.Count);
        foreach (int k in order)
        {
            var candidate = candidates[k];
            if (!distinct.Exists(kept => SameValues(kept.Values, candidate.Values)))
            {
                distinct.Add(candidate);
            }
        }

        return distinct;
    }

    private static bool SameValues(object[] left, object[] right)
    {
        for (int i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the block's coordinates in a trial, or null when one of its parameters was inactive.</summary>
    private static double[]? PointOf(
        TpeObservation observation, TpeUnitCache.ParameterUnits[] units, ParzenDimension[] dimensions)
    {
        var point = new double[units.Length];
        for (int d = 0; d < units.Length; d++)
        {
            if (units[d].UnitOf(observation) is not double unit)
            {
                return null;
            }

            var dimension = dimensions[d];
            point[d] = dimension.Kind switch
            {
                ParzenDimensionKind.Categorical => dimension.BucketOf(unit),
                ParzenDimensionKind.Grid => dimension.BucketCentre(dimension.BucketOf(unit)),
                _ => unit,
            };
        }

        return point;
    }

    private static object ValueOf(HyperParameter parameter, ParzenDimension dimension, double coordinate) =>
        dimension.Kind == ParzenDimensionKind.Categorical
            ? parameter.FromUnit(dimension.BucketCentre((long)coordinate))
            : parameter.FromUnit(coordinate);

    /// <summary>Returns the points in trial-number order, placing each at its number rather than sorting.</summary>
    private static List<(TpeObservation Observation, double[] Point)> Chronological(
        List<(TpeObservation Observation, double[] Point)> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        int last = 0;
        foreach (var row in rows)
        {
            last = Math.Max(last, row.Observation.Trial.Number);
        }

        var byNumber = new (TpeObservation Observation, double[] Point)?[last + 1];
        foreach (var row in rows)
        {
            byNumber[row.Observation.Trial.Number] = row;
        }

        var ordered = new List<(TpeObservation Observation, double[] Point)>(rows.Count);
        foreach (var row in byNumber)
        {
            if (row is { } present)
            {
                ordered.Add(present);
            }
        }

        return ordered;
    }

    /// <summary>
    /// Returns a stream number fixed by a parameter name (FNV-1a), so a parameter's draws do not shift when other
    /// parameters join the space. Streams 0 and 1 are left to random sampling.
    /// </summary>
    public static int StreamOf(string name)
    {
        uint hash = 2166136261;
        foreach (char character in name)
        {
            hash = (hash ^ character) * 16777619;
        }

        return 2 + (int)(hash & 0x3FFFFFFF);
    }
}
