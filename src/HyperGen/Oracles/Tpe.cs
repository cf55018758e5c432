using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HyperGen;

/// <summary>
/// The tree-structured Parzen estimator (TPE). After a start that spreads its first trials over the space, it splits
/// the observed trials into a good group (the best <c>gamma(n)</c>) and a bad group, and fits a Parzen estimator to
/// each. It then draws candidates from the good one and proposes the candidate with the highest ratio of good to bad
/// density.
/// </summary>
/// <remarks>
/// <para>The defaults are the setting recommended in S. Watanabe, "Tree-structured Parzen estimator: understanding its
/// algorithm components and their roles for better empirical performance" (arXiv 2304.11127, 2023). Parameters are
/// modelled jointly, and the good group contains 15 percent of the observations. Good observations weigh their
/// improvement over the bad group's best loss. Kernels are as wide as the gaps to their neighbours, at least 0.03 of
/// the range, and have proper densities. The first <see cref="NumStartupTrials"/> trials form a Latin hypercube: each
/// parameter's range is cut into that many equal strata (at most 10,000), and trial n samples the stratum at position
/// n of the parameter's shuffled strata. A parameter active in all those trials thus samples every stratum once. In
/// benchmarks/HyperGen.Quality this setting reaches a lower median regret than Optuna 3.1's TPESampler at 50 and 100
/// trials on every test function.
/// <see cref="LikeOptuna"/> builds the oracle with TPESampler's settings instead.</para>
/// <para>Every parameter is modelled in the unit cube of <see cref="HyperParameter.ToUnit"/>, so log and reverse-log
/// ranges are modelled in their own scale, and proposals are mapped back with <see cref="HyperParameter.FromUnit"/>,
/// which respects steps and integer grids. Continuous ranges (and integer log ranges without a step) get truncated
/// normal kernels; stepped ranges, integer ranges and ordered choices are grids whose positions get the kernel mass
/// over their share of [0, 1]; unordered choices and booleans get categorical kernels.</para>
/// <para>Conditional spaces: a parameter's estimators use only the trials in which it was active, and a parameter
/// that is inactive under the proposed parent values is not proposed. In multivariate mode the parameters are split
/// into groups that were always active together (the group decomposition of Optuna's
/// <c>TPESampler(multivariate=True, group=True)</c>), and each group is modelled jointly.</para>
/// <para>Pruned trials are modelled as Optuna 3.1 models them: ranked after every completed trial, by the last step
/// they reached and then by their last intermediate value. Failed trials are never modelled. A NaN score fails its
/// trial; an infinite score is the worst loss, and such a trial always joins the bad group. With the constant liar on,
/// running trials also join the bad group, which pushes parallel workers' proposals apart.</para>
/// <para>A proposal depends only on the seed, the trial number and the trials ended or running when it is made.
/// Candidates that repeat a tried configuration are skipped for the next best one. When none of the candidates is
/// left, the oracle samples at random, and it stops once a finite space is exhausted.</para>
/// <para>NOTE: Math.Exp and Math.Log come from the platform's C runtime, so on another operating system two
/// candidates whose scores tie to the last bit may rank the other way.</para>
/// </remarks>
public sealed class Tpe : Oracle
{
    private const int MaxCandidateConfigurations = 1_000;
    private const int StartupStream = 0;
    private const int FallbackStream = 1;
    private const int LatinOrderTrial = -1;
    private const int MaxLatinHypercubeSize = 10_000;

    private readonly TpeUnitCache _units = new();
    private readonly Dictionary<int, IReadOnlyDictionary<string, object>> _runningProposals = [];
    private readonly Dictionary<string, int[]> _latinStrata = new(StringComparer.Ordinal);
    private int _latinStrataSeed;
    private ParzenSettings _settings;

    /// <summary>Creates a TPE oracle.</summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null for no limit.</param>
    /// <param name="seed">The seed; any value, 0 included, is a seed. Null picks one at random.</param>
    /// <param name="numStartupTrials">How many trials must have completed or been pruned before TPE replaces the
    /// startup sampling. A parameter observed fewer times is still sampled at random. The Latin hypercube covers the
    /// trials numbered below this count (at most 10,000). A failed startup trial leaves its strata unsampled. Later
    /// startup trials, and a trial whose hypercube point was already tried, sample at random.</param>
    /// <param name="numEiCandidates">How many candidates to draw from the good estimator for each parameter or group.</param>
    /// <param name="multivariate">Whether to model parameters that are active together jointly rather than one by one.
    /// The other defaults suit joint modelling. One by one, they stall on correlated parameters: on 4-D Rosenbrock in
    /// benchmarks/HyperGen.Quality, the median regret at 100 trials was 8.7, against 3.9 for
    /// <see cref="LikeOptuna"/> with <c>multivariate: false</c>.</param>
    /// <param name="gamma">Returns the size of the good group for a number of observations; <see cref="DefaultGamma"/>
    /// when null. A stored study records any other function only as "custom", so resuming it with another custom
    /// function is not reported as a changed setting.</param>
    /// <param name="priorWeight">The weight of the prior kernel, where each observation weighs at most 1. Under
    /// <see cref="TpeWeighting.ExpectedImprovement"/>, the good estimator's prior weighs the mean of its observations'
    /// weights instead.</param>
    /// <param name="considerMagicClip">Whether kernel widths have a floor that shrinks as observations grow, down to
    /// <paramref name="minBandwidth"/>.</param>
    /// <param name="considerEndpoints">Whether the range ends bound the widths of the outermost kernels.</param>
    /// <param name="constantLiar">Whether running trials count as bad observations.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned.</param>
    /// <param name="weighting">How the estimators weigh their observations.</param>
    /// <param name="bandwidth">How the numeric kernels' widths are set.</param>
    /// <param name="minBandwidth">The smallest kernel width the magic clip allows, as a share of the range: 0.03 by
    /// default, Optuna's is 0.01.</param>
    /// <param name="magicClipExponent">How fast the magic clip's floor falls: with k kernels it is
    /// max(<paramref name="minBandwidth"/>, 1 / (k + 1)^exponent). 2 by default; Optuna's is 1.</param>
    /// <param name="latinHypercubeStartup">Whether the first <paramref name="numStartupTrials"/> trials form a Latin
    /// hypercube rather than independent random draws.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count, the prior weight, the minimum bandwidth or the exponent is
    /// out of range. The message names the valid values.</exception>
    public Tpe(
        Objective? objective = null,
        int? maxTrials = 10,
        int? seed = null,
        int numStartupTrials = 10,
        int numEiCandidates = 24,
        bool multivariate = true,
        Func<int, int>? gamma = null,
        double priorWeight = 1.0,
        bool considerMagicClip = true,
        bool considerEndpoints = true,
        bool constantLiar = true,
        bool allowNewEntries = true,
        bool tuneNewEntries = true,
        TpeWeighting weighting = TpeWeighting.ExpectedImprovement,
        TpeBandwidth bandwidth = TpeBandwidth.Neighbours,
        double minBandwidth = 0.03,
        double magicClipExponent = 2.0,
        bool latinHypercubeStartup = true)
        : base(objective, maxTrials, seed, allowNewEntries, tuneNewEntries)
    {
        if (numStartupTrials < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(numStartupTrials), numStartupTrials, "numStartupTrials must be 0 or more; 0 starts modelling at once.");
        }

        if (numEiCandidates < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(numEiCandidates), numEiCandidates, "numEiCandidates must be at least 1; 24 is the usual value.");
        }

        if (!double.IsFinite(priorWeight) || priorWeight <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(priorWeight), priorWeight, "priorWeight must be a positive finite number; 1.0 is the usual value.");
        }

        if (!(minBandwidth >= 0 && minBandwidth <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(minBandwidth), minBandwidth, "minBandwidth must be from 0 to 1, a share of the range; 0.03 is the default.");
        }

        if (!(magicClipExponent > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(magicClipExponent), magicClipExponent, "magicClipExponent must be positive (infinity included); 2 is the default.");
        }

        if (!Enum.IsDefined(weighting))
        {
            throw new ArgumentOutOfRangeException(
                nameof(weighting), weighting, "weighting must be TpeWeighting.ExpectedImprovement or TpeWeighting.Recency.");
        }

        if (!Enum.IsDefined(bandwidth))
        {
            throw new ArgumentOutOfRangeException(
                nameof(bandwidth), bandwidth, "bandwidth must be TpeBandwidth.Neighbours or TpeBandwidth.Shared.");
        }

        NumStartupTrials = numStartupTrials;
        NumEiCandidates = numEiCandidates;
        Multivariate = multivariate;
        Gamma = gamma ?? DefaultGamma;
        PriorWeight = priorWeight;
        ConsiderMagicClip = considerMagicClip;
        ConsiderEndpoints = considerEndpoints;
        ConstantLiar = constantLiar;
        LatinHypercubeStartup = latinHypercubeStartup;
        _settings = new ParzenSettings(priorWeight, considerMagicClip, considerEndpoints, bandwidth)
        {
            MinBandwidth = minBandwidth,
            MagicClipExponent = magicClipExponent,
            Weighting = weighting,
        };
    }

    /// <summary>How many trials must have completed or been pruned before TPE replaces the startup sampling.</summary>
    public int NumStartupTrials { get; }

    /// <summary>How many candidates are drawn from the good estimator for each parameter or group.</summary>
    public int NumEiCandidates { get; }

    /// <summary>Whether parameters that are active together are modelled jointly.</summary>
    public bool Multivariate { get; }

    /// <summary>Returns the size of the good group for a number of observations.</summary>
    public Func<int, int> Gamma { get; }

    /// <summary>The weight of the prior kernel.</summary>
    public double PriorWeight { get; }

    /// <summary>Whether kernel widths have a floor that shrinks as observations grow.</summary>
    public bool ConsiderMagicClip { get; }

    /// <summary>Whether the range ends bound the widths of the outermost kernels.</summary>
    public bool ConsiderEndpoints { get; }

    /// <summary>Whether running trials count as bad observations.</summary>
    public bool ConstantLiar { get; }

    /// <summary>How the estimators weigh their observations.</summary>
    public TpeWeighting Weighting => _settings.Weighting;

    /// <summary>How the numeric kernels' widths are set.</summary>
    public TpeBandwidth Bandwidth => _settings.Bandwidth;

    /// <summary>The smallest kernel width the magic clip allows, as a share of the range.</summary>
    public double MinBandwidth => _settings.MinBandwidth;

    /// <summary>How fast the magic clip's floor falls with the number of kernels.</summary>
    public double MagicClipExponent => _settings.MagicClipExponent;

    /// <summary>Whether the first <see cref="NumStartupTrials"/> trials form a Latin hypercube.</summary>
    public bool LatinHypercubeStartup { get; }

    /// <summary>
    /// Whether each continuous kernel's log density leaves out its -log(sigma) term, as Optuna 3.1's does. Only
    /// <see cref="LikeOptuna"/> sets it.
    /// </summary>
    public bool OptunaLogDensity => _settings.OmitLogSigma;

    /// <summary>
    /// Returns the default size of the good group: 15 percent of the observations, rounded up, and at most 25.
    /// </summary>
    public static int DefaultGamma(int observationCount) => Math.Min((int)Math.Ceiling(0.15 * observationCount), 25);

    /// <summary>
    /// Returns Optuna's default size of the good group: a tenth of the observations, rounded up, and at most 25.
    /// </summary>
    public static int OptunaGamma(int observationCount) => Math.Min((int)Math.Ceiling(0.1 * observationCount), 25);

    /// <summary>
    /// Creates a TPE oracle with the settings of Optuna 3.1's <c>TPESampler</c>: a random start, a good group of a
    /// tenth of the observations, recency weights, Optuna's width rules and magic clip, and its kernel log density
    /// without the -log(sigma) term. Independently, a kernel is as wide as the gaps to its neighbours, and the range
    /// ends do not bound the outermost ones. Jointly, all kernels share one width.
    /// </summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null for no limit.</param>
    /// <param name="seed">The seed; null picks one at random.</param>
    /// <param name="numStartupTrials">How many trials are sampled at random before TPE takes over.</param>
    /// <param name="numEiCandidates">How many candidates to draw for each parameter or group.</param>
    /// <param name="multivariate">Whether to model parameters that are active together jointly, as
    /// <c>TPESampler(multivariate=True, group=True)</c> does.</param>
    /// <param name="constantLiar">Whether running trials count as bad observations. Optuna's default is off; turn it
    /// on when trials run in parallel.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static Tpe LikeOptuna(
        Objective? objective = null,
        int? maxTrials = 10,
        int? seed = null,
        int numStartupTrials = 10,
        int numEiCandidates = 24,
        bool multivariate = false,
        bool constantLiar = false,
        bool allowNewEntries = true,
        bool tuneNewEntries = true)
    {
        var tpe = new Tpe(
            objective,
            maxTrials,
            seed,
            numStartupTrials,
            numEiCandidates,
            multivariate,
            OptunaGamma,
            priorWeight: 1.0,
            considerMagicClip: true,
            considerEndpoints: false,
            constantLiar,
            allowNewEntries,
            tuneNewEntries,
            TpeWeighting.Recency,
            multivariate ? TpeBandwidth.Shared : TpeBandwidth.Neighbours,
            minBandwidth: 0.01,
            magicClipExponent: 1.0,
            latinHypercubeStartup: false);
        tpe._settings = tpe._settings with { OmitLogSigma = true };
        return tpe;
    }

    /// <inheritdoc />
    protected override void DescribeSettings(IDictionary<string, string> settings)
    {
        base.DescribeSettings(settings);
        settings["num_startup_trials"] = NumStartupTrials.ToString(CultureInfo.InvariantCulture);
        settings["num_ei_candidates"] = NumEiCandidates.ToString(CultureInfo.InvariantCulture);
        settings["multivariate"] = Multivariate ? "true" : "false";
        settings["gamma"] = Gamma == (Func<int, int>)DefaultGamma ? "default"
            : Gamma == (Func<int, int>)OptunaGamma ? "optuna" : "custom";
        settings["prior_weight"] = PriorWeight.ToString("R", CultureInfo.InvariantCulture);
        settings["consider_magic_clip"] = ConsiderMagicClip ? "true" : "false";
        settings["consider_endpoints"] = ConsiderEndpoints ? "true" : "false";
        settings["constant_liar"] = ConstantLiar ? "true" : "false";
        settings["weighting"] = Weighting.ToString();
        settings["bandwidth"] = Bandwidth.ToString();
        settings["min_bandwidth"] = MinBandwidth.ToString("R", CultureInfo.InvariantCulture);
        settings["magic_clip_exponent"] = MagicClipExponent.ToString("R", CultureInfo.InvariantCulture);
        settings["latin_hypercube_startup"] = LatinHypercubeStartup ? "true" : "false";
        settings["log_density"] = OptunaLogDensity ? "optuna-3.1" : "proper";
    }

    /// <inheritdoc />
    protected override void RestoreState(string? state)
    {
        if (state is null)
        {
            _runningProposals.Clear();
            _units.Clear();
        }
    }

    /// <inheritdoc />
    protected override TrialProposal PopulateSpace(int trialNumber)
    {
        var space = Space;
        var observations = TpeObservation.Rank(Trials, Objective, ConstantLiar ? ProposedValues : null);
        int finished = 0;
        foreach (var observation in observations)
        {
            finished += observation.IsPending ? 0 : 1;
        }

        if (finished < NumStartupTrials)
        {
            // A trial past the hypercube's size (after failed trials) or whose point was tried samples at random.
            if (LatinHypercubeStartup && trialNumber < LatinHypercubeSize)
            {
                var point = LatinHypercubeValues(trialNumber);
                if (!WasTried(point))
                {
                    return Propose(trialNumber, point);
                }
            }

            return ProposeRandomly(trialNumber, StartupStream);
        }

        var tuned = space.Where(IsTuned).ToList();
        var blocks = Multivariate ? TpeGroups.Decompose(tuned, observations) : tuned.Select(p => new[] { p }).ToList();
        var model = new TpeModel(
            _settings, GoodCount, NumEiCandidates, NumStartupTrials, stream => RandomFor(trialNumber, stream), observations, _units);
        var values = FindBestUntried(space, blocks, model);
        return values is null ? ProposeRandomly(trialNumber, FallbackStream) : Propose(trialNumber, values);
    }

    /// <summary>The number of strata per parameter: <see cref="NumStartupTrials"/>, at most 10,000.</summary>
    private int LatinHypercubeSize => Math.Min(NumStartupTrials, MaxLatinHypercubeSize);

    /// <summary>
    /// Returns trial <paramref name="trialNumber"/>'s point of the Latin hypercube: for each active, tuned parameter,
    /// a random unit value inside the stratum that the parameter's shuffled strata give this trial. The shuffle
    /// depends only on the seed and the parameter's name, and the draw inside the stratum also on the trial number,
    /// so a parameter's values do not shift when other parameters join the space.
    /// </summary>
    private Dictionary<string, object> LatinHypercubeValues(int trialNumber)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in Space)
        {
            if (parameter.IsActive(values))
            {
                values[parameter.Name] = IsTuned(parameter) ? LatinHypercubeValue(parameter, trialNumber) : parameter.DefaultValue;
            }
        }

        return values;
    }

    private object LatinHypercubeValue(HyperParameter parameter, int trialNumber)
    {
        int size = LatinHypercubeSize;
        int stream = TpeModel.StreamOf(parameter.Name);
        double offset = new DeterministicRandom(Seed, trialNumber, -(long)stream).NextDouble();
        return parameter.FromUnit((StrataOf(parameter.Name, stream)[trialNumber] + offset) / size);
    }

    /// <summary>Returns a parameter's shuffled strata, computed once per seed.</summary>
    private int[] StrataOf(string name, int stream)
    {
        if (_latinStrataSeed != Seed)
        {
            _latinStrata.Clear();
            _latinStrataSeed = Seed;
        }

        if (_latinStrata.TryGetValue(name, out int[]? strata))
        {
            return strata;
        }

        strata = new int[LatinHypercubeSize];
        for (int i = 0; i < strata.Length; i++)
        {
            strata[i] = i;
        }

        // Fisher-Yates: every order of the strata is equally likely.
        var shuffle = new DeterministicRandom(Seed, LatinOrderTrial, stream);
        for (int i = strata.Length - 1; i > 0; i--)
        {
            int j = (int)shuffle.NextInt64(i + 1);
            (strata[i], strata[j]) = (strata[j], strata[i]);
        }

        _latinStrata.Add(name, strata);
        return strata;
    }

    /// <inheritdoc />
    protected override void OnTrialEnded(Trial trial) => _runningProposals.Remove(trial.Number);

    /// <summary>Records the values proposed for a trial, which the constant liar reads while the trial runs.</summary>
    private TrialProposal Propose(int trialNumber, IReadOnlyDictionary<string, object> values)
    {
        _runningProposals[trialNumber] = values;
        return TrialProposal.Ready(values);
    }

    private IReadOnlyDictionary<string, object> ProposedValues(Trial trial) =>
        _runningProposals.TryGetValue(trial.Number, out var values) ? values : trial.Values;

    /// <summary>
    /// Returns the untried configuration with the highest total score that the blocks' ranked candidates can form,
    /// searched best first by moving one block at a time to its next candidate, or null when none is left within
    /// <see cref="MaxCandidateConfigurations"/> configurations.
    /// </summary>
    private Dictionary<string, object>? FindBestUntried(
        IReadOnlyList<HyperParameter> space, List<HyperParameter[]> blocks, TpeModel model)
    {
        var blockOf = new Dictionary<string, (int Block, int Position)>(StringComparer.Ordinal);
        for (int b = 0; b < blocks.Count; b++)
        {
            for (int position = 0; position < blocks[b].Length; position++)
            {
                blockOf[blocks[b][position].Name] = (b, position);
            }
        }

        var candidates = new List<TpeCandidate>?[blocks.Count];
        List<TpeCandidate> CandidatesOf(int block) => candidates[block] ??= model.RankCandidates(blocks[block]);

        var queue = new PriorityQueue<Configuration, (double, int)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        int built = 0;

        void Push(int[] ranks)
        {
            if (built >= MaxCandidateConfigurations || !visited.Add(string.Join(',', ranks)))
            {
                return;
            }

            var configuration = Build(space, ranks, blockOf, CandidatesOf);
            queue.Enqueue(configuration, (-configuration.Score, built++));
        }

        Push(new int[blocks.Count]);
        while (queue.TryDequeue(out var configuration, out _))
        {
            if (!WasTried(configuration.Values))
            {
                return configuration.Values;
            }

            foreach (int block in configuration.UsedBlocks)
            {
                if (configuration.Ranks[block] + 1 < CandidatesOf(block).Count)
                {
                    var next = (int[])configuration.Ranks.Clone();
                    next[block]++;
                    Push(next);
                }
            }
        }

        return null;
    }

    private Configuration Build(
        IReadOnlyList<HyperParameter> space,
        int[] ranks,
        Dictionary<string, (int Block, int Position)> blockOf,
        Func<int, List<TpeCandidate>> candidatesOf)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var usedBlocks = new List<int>();
        double score = 0;
        foreach (var parameter in space)
        {
            if (!parameter.IsActive(values))
            {
                continue;
            }

            if (!IsTuned(parameter))
            {
                values[parameter.Name] = parameter.DefaultValue;
                continue;
            }

            var (block, position) = blockOf[parameter.Name];
            var candidate = candidatesOf(block)[ranks[block]];
            if (!usedBlocks.Contains(block))
            {
                usedBlocks.Add(block);
                score += candidate.Score;
            }

            values[parameter.Name] = candidate.Values[position];
        }

        // The prior kernels keep both densities positive, but a NaN total would otherwise rank first in the queue.
        return new Configuration(ranks, values, usedBlocks, double.IsNaN(score) ? double.NegativeInfinity : score);
    }

    /// <summary>
    /// Samples at random without repeating a tried configuration, as <see cref="RandomSearch"/> does, and stops once
    /// a finite space has nothing left.
    /// </summary>
    private TrialProposal ProposeRandomly(int trialNumber, int stream)
    {
        var values = DrawUntried(RandomFor(trialNumber, stream), out _, out string? stopReason);
        return values is null ? TrialProposal.Stop(stopReason!) : Propose(trialNumber, values);
    }

    /// <summary>Returns the size of the good group for <paramref name="count"/> observations, checked.</summary>
    /// <exception cref="InvalidOperationException">The gamma function returned a size outside 0 to count.</exception>
    private int GoodCount(int count)
    {
        int good = Gamma(count);
        if (good < 0 || good > count)
        {
            throw new InvalidOperationException(
                $"The gamma function returned {good} for {count} observations, but the good group must have 0 to {count} members. Return a size in that range.");
        }

        return good;
    }

    private sealed record Configuration(int[] Ranks, Dictionary<string, object> Values, List<int> UsedBlocks, double Score);
}
