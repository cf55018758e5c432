using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace HyperGen;

/// <summary>
/// Models the objective with a Gaussian process over the search space and proposes the configuration that the
/// acquisition function rates best, after a warm-up of random trials. Never repeats a configuration.
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> Until <see cref="NumInitialPoints"/> trials have completed with a score, proposals are
/// random, as in <see cref="RandomSearch"/>. Failed and pruned trials do not count.</para>
/// <para><b>Model.</b> Each configuration becomes a point of the unit cube: numbers and ordered choices through
/// <see cref="HyperParameter.ToUnit"/> (so log ranges in log space), unordered choices one-hot, and booleans 0 or 1.
/// Fixed and untuned parameters are left out. A conditional parameter is equally far from its inactive state
/// whatever its value, so an inactive parameter is not mistaken for any one value. The process has a Matérn 5/2
/// kernel with one length scale per input, an amplitude and a noise variance. They maximise the log marginal
/// likelihood of the warped losses, with restarts, on at most 32 completed or running trials drawn at random when
/// there are more. The posterior uses every trial, and <see cref="Alpha"/> is added to its diagonal.</para>
/// <para><b>Loss warping.</b> The process models power-transformed losses, not raw ones. The losses are divided by
/// their standard deviation and get the Box-Cox transform when all are positive, else the Yeo-Johnson transform,
/// with the exponent that makes them look most like a normal sample. Losses that span orders of magnitude, such as
/// Rosenbrock's, come out near their logarithm. Without the transform, a few large values would set the model's
/// scale and flatten it near the minimum. The transform is increasing, and the acquisition is computed on its
/// scale, so the best transformed loss is the reference of <see cref="AcquisitionFunction.ExpectedImprovement"/>.
/// Box-Cox depends on where the losses' zero lies: the closer the best losses come to 0, the more the logarithm
/// stretches the differences among them.</para>
/// <para><b>Scores.</b> The loss is the score, negated when the objective is maximized. An infinite score is modelled
/// as the worst finite loss, where KerasTuner's oracle replaces it with 0 and so treats it as good. A NaN score fails
/// its trial and is not modelled.</para>
/// <para><b>Parallel trials.</b> Each running trial is added to the model with the worst loss seen so far (a
/// pessimistic constant liar), so workers asking at the same time are steered away from each other's points.</para>
/// <para><b>Proposal.</b> A finite space of up to 256 configurations is scored in full. Otherwise random
/// configurations are scored, and the best of them and the best completed trials start bounded L-BFGS-B searches of
/// the acquisition; every result is mapped back to values with <see cref="HyperParameter.FromUnit"/>, so steps and
/// grids hold, and rescored there. The best untried configuration wins. When none is left, a finite space ends the
/// search with a message that it is exhausted.</para>
/// <para><b>Reproducibility.</b> Every random draw for trial <c>n</c> comes from a generator determined by the seed
/// and <c>n</c>, so a proposal depends only on the seed, the trial number and the trials already created (their
/// values, and the scores of those that ended).</para>
/// </remarks>
public sealed class BayesianOptimization : Oracle
{
    private const int MaxScoredConfigurations = 256;
    private const int CandidatePoolSize = 256;
    private const int PoolStarts = 3;
    private const int ObservedStarts = 2;
    private const int AcquisitionIterations = 15;
    private const int KernelRandomStarts = 2;
    private const int MaxKernelFitRows = 32;
    private const int WarmUpStream = 0;
    private const int PoolStream = 1;
    private const int KernelStream = 2;
    private const int SubsetStream = 3;

    /// <summary>Creates a Bayesian optimization.</summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null for no limit.</param>
    /// <param name="numInitialPoints">How many completed random trials precede the model; null for
    /// max(3 × tuned parameters, 3).</param>
    /// <param name="alpha">The variance added to the diagonal of the standardised covariance (KerasTuner's
    /// <c>alpha</c>).</param>
    /// <param name="beta">The weight of the standard deviation in the confidence bound (KerasTuner's
    /// <c>beta</c>).</param>
    /// <param name="seed">The seed; any value, 0 included, is a seed. Null picks one at random.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="numInitialPoints"/> is below 1, <paramref name="alpha"/> is not positive, or
    /// <paramref name="beta"/> is negative; the message names the fix.
    /// </exception>
    public BayesianOptimization(
        Objective? objective = null,
        int? maxTrials = 10,
        int? numInitialPoints = null,
        double alpha = 1e-4,
        double beta = 2.6,
        int? seed = null,
        bool allowNewEntries = true,
        bool tuneNewEntries = true)
        : base(objective, maxTrials, seed, allowNewEntries, tuneNewEntries)
    {
        if (numInitialPoints is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(numInitialPoints), numInitialPoints, "numInitialPoints must be at least 1, or null for max(3 × tuned parameters, 3).");
        }

        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, "alpha must be a positive finite number, such as the default 1e-4.");
        }

        if (!double.IsFinite(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(beta), beta, "beta must be a finite number of 0 or more, such as the default 2.6.");
        }

        NumInitialPoints = numInitialPoints;
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>
    /// How many completed trials are proposed at random before the model is used, or null for max(3 × tuned
    /// parameters, 3). The count covers the tuned parameters of the current space, conditional ones included. Fixed
    /// and untuned parameters do not count, and an unordered choice counts once however many values it has.
    /// </summary>
    public int? NumInitialPoints { get; }

    /// <summary>The variance added to the diagonal of the standardised covariance.</summary>
    public double Alpha { get; }

    /// <summary>The weight of the standard deviation in <see cref="AcquisitionFunction.UpperConfidenceBound"/>.</summary>
    public double Beta { get; }

    /// <summary>How candidates are scored; <see cref="AcquisitionFunction.UpperConfidenceBound"/> by default.</summary>
    public AcquisitionFunction Acquisition { get; init; } = AcquisitionFunction.UpperConfidenceBound;

    /// <inheritdoc />
    protected override void DescribeSettings(IDictionary<string, string> settings)
    {
        base.DescribeSettings(settings);
        settings["num_initial_points"] = NumInitialPoints?.ToString(CultureInfo.InvariantCulture) ?? "auto";
        settings["alpha"] = Alpha.ToString("R", CultureInfo.InvariantCulture);
        settings["beta"] = Beta.ToString("R", CultureInfo.InvariantCulture);
        settings["acquisition"] = Acquisition.ToString();
    }

    /// <inheritdoc />
    protected override TrialProposal PopulateSpace(int trialNumber)
    {
        var encoder = new SpaceEncoder(Space, IsTuned);
        var trials = Trials;
        var completed = trials
            .Where(t => t.Status == TrialStatus.Completed && t.Score is double score && !double.IsNaN(score))
            .ToList();
        int initialPoints = NumInitialPoints ?? Math.Max(3 * encoder.ParameterCount, 3);
        if (encoder.UnitDimension == 0 || completed.Count < initialPoints)
        {
            return ProposeRandom(trialNumber);
        }

        var running = trials.Where(t => t.Status == TrialStatus.Running).ToList();
        var surrogate = FitSurrogate(trialNumber, encoder, completed, running);
        return ProposeFromModel(trialNumber, surrogate) ?? ProposeRandom(trialNumber);
    }

    private Surrogate FitSurrogate(int trialNumber, SpaceEncoder encoder, List<Trial> completed, List<Trial> running)
    {
        var losses = ModelLosses(completed.Select(t => t.Score!.Value), Objective.Direction);
        double worst = losses.Length > 0 ? losses.Max() : 0;
        var targets = LossWarping.PowerTransform(losses.Concat(Enumerable.Repeat(worst, running.Count)).ToArray());

        var points = completed.Concat(running).Select(t => encoder.Encode(encoder.Complete(t.Values))).ToArray();
        var inputs = completed.Concat(running)
            .Select((t, i) => encoder.Features(points[i], encoder.Complete(t.Values)))
            .ToArray();
        var fitRows = ChooseFitRows(inputs.Length, RandomFor(trialNumber, SubsetStream));
        var kernelRandom = RandomFor(trialNumber, KernelStream);
        var process = GaussianProcess.Fit(inputs, targets, Alpha, kernelRandom, KernelRandomStarts, fitRows);

        // The best completed points start local searches of the acquisition.
        var bestPoints = Enumerable.Range(0, completed.Count)
            .OrderBy(i => targets[i])
            .Take(ObservedStarts)
            .Select(i => points[i])
            .ToArray();
        return new Surrogate(encoder, process, Acquisition, Beta, targets.Take(completed.Count).Min(), bestPoints);
    }

    /// <summary>
    /// Maps finite or infinite scores to the losses that are warped and modelled: negated when the objective is
    /// maximized, and an infinite score, whatever its sign, becomes the worst finite loss (0 when no score is finite).
    /// </summary>
    internal static double[] ModelLosses(IEnumerable<double> scores, ObjectiveDirection direction)
    {
        var losses = scores.Select(score => direction == ObjectiveDirection.Maximize ? -score : score).ToArray();
        var finite = losses.Where(double.IsFinite).ToArray();
        double worst = finite.Length > 0 ? finite.Max() : 0;
        return losses.Select(loss => double.IsFinite(loss) ? loss : worst).ToArray();
    }

    /// <summary>
    /// Picks the rows that the kernel hyperparameters are fitted on: all of them up to a limit, else a random subset,
    /// because the fit costs a cubic solve per step.
    /// </summary>
    private static int[]? ChooseFitRows(int count, DeterministicRandom random)
    {
        if (count <= MaxKernelFitRows)
        {
            return null;
        }

        var rows = Enumerable.Range(0, count).ToArray();
        for (int i = 0; i < MaxKernelFitRows; i++)
        {
            int j = i + (int)random.NextInt64(count - i);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        var chosen = rows.Take(MaxKernelFitRows).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    private TrialProposal? ProposeFromModel(int trialNumber, Surrogate surrogate)
    {
        var all = EnumerateConfigurations(MaxScoredConfigurations);
        if (all is not null)
        {
            var untried = all.Where(values => !WasTried(values)).ToList();
            if (untried.Count == 0)
            {
                return TrialProposal.Stop($"The search space is exhausted: all {all.Count} configurations have been tried.");
            }

            return TrialProposal.Ready(untried[surrogate.IndexOfBest(untried)]);
        }

        Dictionary<string, object>? best = null;
        double bestScore = double.PositiveInfinity;
        foreach (var (values, score) in SearchCandidates(trialNumber, surrogate))
        {
            if (score < bestScore && !WasTried(values))
            {
                best = values;
                bestScore = score;
            }
        }

        return best is null ? null : TrialProposal.Ready(best);
    }

    /// <summary>
    /// Returns random configurations and the results of local searches of the acquisition started from the best of
    /// them and from the best completed points, each with its score at its own unit point.
    /// </summary>
    private List<(Dictionary<string, object> Values, double Score)> SearchCandidates(int trialNumber, Surrogate surrogate)
    {
        var encoder = surrogate.Encoder;
        var random = RandomFor(trialNumber, PoolStream);
        var pool = new List<(Dictionary<string, object> Values, double Score)>();
        var points = new List<double[]>();
        for (int i = 0; i < CandidatePoolSize; i++)
        {
            var values = new Dictionary<string, object>(SampleValues(random), StringComparer.Ordinal);
            var point = encoder.Encode(values);
            points.Add(point);
            pool.Add((values, surrogate.Score(point, values)));
        }

        var starts = Enumerable.Range(0, pool.Count)
            .OrderBy(index => pool[index].Score)
            .ThenBy(index => index)
            .Take(PoolStarts)
            .Select(index => points[index])
            .Concat(surrogate.BestPoints);

        var lower = Vector<double>.Build.Dense(encoder.UnitDimension, 0.0);
        var upper = Vector<double>.Build.Dense(encoder.UnitDimension, 1.0);
        var minimizer = new BoundedMinimizer(lower, upper, AcquisitionIterations);
        var candidates = new List<(Dictionary<string, object> Values, double Score)>(pool);
        foreach (var start in starts)
        {
            var (relaxed, _) = minimizer.Minimize(surrogate.ScoreWithGradient, [Vector<double>.Build.DenseOfArray(start)]);
            var values = encoder.Decode(relaxed.ToArray());
            candidates.Add((values, surrogate.Score(encoder.Encode(values), values)));
        }

        return candidates;
    }

    private TrialProposal ProposeRandom(int trialNumber)
    {
        var values = DrawUntried(RandomFor(trialNumber, WarmUpStream), out _, out string? stopReason);
        return values is null ? TrialProposal.Stop(stopReason!) : TrialProposal.Ready(values);
    }

    /// <summary>A fitted process with the acquisition function that scores unit points; lower scores are better.</summary>
    private sealed class Surrogate(
        SpaceEncoder encoder,
        GaussianProcess process,
        AcquisitionFunction acquisition,
        double beta,
        double bestLoss,
        double[][] bestPoints)
    {
        public SpaceEncoder Encoder => encoder;

        public IReadOnlyList<double[]> BestPoints => bestPoints;

        public double Score(IReadOnlyList<double> point, IReadOnlyDictionary<string, object> values)
        {
            var (mean, deviation) = process.Predict(encoder.Features(point, values));
            return Acquire(mean, deviation).Value;
        }

        /// <summary>
        /// Scores a relaxed unit point, whose one-hot blocks may hold fractions, with the gradient of the score. The
        /// decoded values decide which conditional parameters are active.
        /// </summary>
        public (double Value, Vector<double> Gradient) ScoreWithGradient(Vector<double> relaxed)
        {
            var point = relaxed.ToArray();
            var values = encoder.Decode(point);
            var features = encoder.Features(point, values);
            var (mean, deviation, meanGradient, deviationGradient) = process.PredictWithGradient(features);
            var (value, byMean, byDeviation) = Acquire(mean, deviation);
            var featureGradient = new double[meanGradient.Length];
            for (int d = 0; d < featureGradient.Length; d++)
            {
                featureGradient[d] = (byMean * meanGradient[d]) + (byDeviation * deviationGradient[d]);
            }

            return (value, Vector<double>.Build.DenseOfArray(encoder.UnitGradient(point, values, featureGradient)));
        }

        /// <summary>Returns the score and its partial derivatives with respect to the mean and the deviation.</summary>
        private (double Value, double ByMean, double ByDeviation) Acquire(double mean, double deviation)
        {
            if (acquisition == AcquisitionFunction.UpperConfidenceBound)
            {
                return (mean - (beta * deviation), 1, -beta);
            }

            // The score is −EI, with EI = I·Φ(z) + σ·φ(z), I = best − μ and z = I / σ.
            double improvement = bestLoss - mean;
            if (deviation < 1e-12)
            {
                return improvement > 0 ? (-improvement, 1, 0) : (0, 0, 0);
            }

            double z = improvement / deviation;
            double cdf = Normal.CDF(0, 1, z);
            double pdf = Normal.PDF(0, 1, z);
            return (-((improvement * cdf) + (deviation * pdf)), cdf, -pdf);
        }

        /// <summary>
        /// Returns the index of the best configuration, scored at its own unit point. Ties keep the first.
        /// </summary>
        public int IndexOfBest(IReadOnlyList<IReadOnlyDictionary<string, object>> configurations)
        {
            int best = 0;
            double bestScore = double.PositiveInfinity;
            for (int i = 0; i < configurations.Count; i++)
            {
                double score = Score(encoder.Encode(configurations[i]), configurations[i]);
                if (score < bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            return best;
        }
    }
}
