using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace HyperGen;

/// <summary>
/// Trains many random configurations for a few epochs, then gives the best of them more epochs, round by round
/// (successive halving), across brackets that trade the number of configurations against the epochs each gets.
/// </summary>
/// <remarks>
/// <para>The bracket arithmetic is KerasTuner's (version 1.4.7), with <c>E</c> the maximum epochs and <c>f</c> the
/// factor. The bracket count is how often <c>E</c> can be divided by <c>f</c> while the quotient stays at least 1.
/// With <c>s = ceil(1 + log_f(E))</c>, round <c>r</c> of bracket <c>b</c> runs <c>ceil(s / (b + 1) * f^(b - r))</c>
/// trials that train up to <c>ceil(E / f^(b - r))</c> epochs, and bracket <c>b</c> has <c>b + 1</c> rounds. Brackets
/// run from the most aggressive (<c>b = </c><see cref="BracketCount"/><c> - 1</c>) down to 0, and the sequence
/// repeats <see cref="HyperbandIterations"/> times. The defaults (100 epochs, factor 3) give 5 brackets, 254 trials
/// and 2,672 trained epochs.</para>
/// <para>Round 0 trials are new random configurations, never one tried before, drawn like
/// <see cref="RandomSearch"/> draws them. A trial of a later round repeats the values of one of the best completed
/// trials of the round before (ties go to the earlier trial, and infinite scores rank last) and continues from that
/// trial's saved weights: its <see cref="TrialSchedule"/> trains from the epoch the parent reached up to the round's
/// epochs.</para>
/// <para>Rounds are synchronous: a round starts once every trial of the previous one has ended, so each proposal
/// depends only on the seed, the trial number and the results of ended trials. Until then the oracle returns
/// <see cref="TrialProposalStatus.Idle"/>. Failed and pruned trials are never promoted and never stall a bracket.
/// When fewer trials completed than the next round needs, that round promotes all of them, and a round with no
/// completed trial ends its bracket. KerasTuner instead starts the next bracket while it waits, and a failure leaves
/// its bracket unfinished.</para>
/// <para>When a finite space runs out of untried configurations, round 0 closes with the trials it has. When a
/// bracket cannot start for that reason, the search stops with a message that reports the exhaustion.</para>
/// </remarks>
public sealed class Hyperband : Oracle
{

    private readonly int[] _bracketPlan;
    private readonly List<int> _roundTrials = [];
    private readonly Queue<Trial> _promotions = new();
    private readonly Dictionary<int, Trial> _ended = new();
    private int _planIndex;
    private int _round;
    private bool _roundZeroClosed;

    /// <summary>Creates a Hyperband search.</summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxEpochs">The epochs a configuration trains in its last round; at least 1.</param>
    /// <param name="factor">How many times fewer trials each round keeps, and how many times more epochs they get;
    /// at least 2.</param>
    /// <param name="hyperbandIterations">How many times the whole sequence of brackets runs; at least 1.</param>
    /// <param name="seed">The seed; any value, 0 included, is a seed. Null picks one at random.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below its minimum.</exception>
    public Hyperband(
        Objective? objective = null,
        int maxEpochs = 100,
        int factor = 3,
        int hyperbandIterations = 1,
        int? seed = null,
        bool allowNewEntries = true,
        bool tuneNewEntries = true)
        : base(objective, maxTrials: null, seed, allowNewEntries, tuneNewEntries)
    {
        if (maxEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxEpochs), maxEpochs, $"maxEpochs is {maxEpochs}; it must be at least 1. Pass the epochs a fully trained model needs.");
        }

        if (factor < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(factor), factor, $"factor is {factor}; it must be at least 2 so that each round keeps fewer trials. Pass 3, the usual value.");
        }

        if (hyperbandIterations < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(hyperbandIterations), hyperbandIterations, $"hyperbandIterations is {hyperbandIterations}; it must be at least 1.");
        }

        MaxEpochs = maxEpochs;
        Factor = factor;
        HyperbandIterations = hyperbandIterations;
        BracketCount = CountBrackets(maxEpochs, factor);
        _bracketPlan = Enumerable.Repeat(Enumerable.Range(0, BracketCount).Reverse(), hyperbandIterations).SelectMany(b => b).ToArray();
    }

    /// <summary>The epochs a configuration trains in its last round.</summary>
    public int MaxEpochs { get; }

    /// <summary>The ratio between the trials of consecutive rounds, and between their epochs.</summary>
    public int Factor { get; }

    /// <summary>How many times the whole sequence of brackets runs.</summary>
    public int HyperbandIterations { get; }

    /// <summary>The number of brackets in one iteration; bracket <c>b</c> has <c>b + 1</c> rounds.</summary>
    public int BracketCount { get; }

    /// <summary>Returns the number of trials that round <paramref name="round"/> of bracket <paramref name="bracket"/>
    /// runs when no trial fails and the space has enough configurations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bracket or round does not exist.</exception>
    public int RoundSize(int bracket, int round)
    {
        CheckRound(bracket, round);
        double lastRoundSize = Math.Ceiling(1 + Math.Log(MaxEpochs) / Math.Log(Factor)) / (bracket + 1);
        return (int)Math.Ceiling(lastRoundSize * Math.Pow(Factor, bracket - round));
    }

    /// <summary>Returns the epoch count that trials of round <paramref name="round"/> of bracket
    /// <paramref name="bracket"/> reach.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bracket or round does not exist.</exception>
    public int RoundEpochs(int bracket, int round)
    {
        CheckRound(bracket, round);
        return (int)Math.Ceiling(MaxEpochs / Math.Pow(Factor, bracket - round));
    }

    /// <inheritdoc />
    protected override TrialProposal PopulateSpace(int trialNumber)
    {
        while (true)
        {
            if (_planIndex == _bracketPlan.Length)
            {
                return TrialProposal.Stop(
                    $"Hyperband is finished: all {_bracketPlan.Length} brackets ({BracketCount} per iteration, {HyperbandIterations} iterations) have run.");
            }

            int bracket = _bracketPlan[_planIndex];
            if (_round == 0 && !_roundZeroClosed && _roundTrials.Count < RoundSize(bracket, 0))
            {
                var proposal = ProposeNewConfiguration(trialNumber, bracket);
                if (proposal is not null)
                {
                    return proposal;
                }
            }

            if (_promotions.TryDequeue(out var parent))
            {
                _roundTrials.Add(trialNumber);
                var schedule = new TrialSchedule(
                    RoundEpochs(bracket, _round), RoundEpochs(bracket, _round - 1), parent.Id, bracket, _round);
                return TrialProposal.Ready(new Dictionary<string, object>(parent.Values, StringComparer.Ordinal), schedule);
            }

            if (_roundTrials.Exists(number => !_ended.ContainsKey(number)))
            {
                return TrialProposal.Idle();
            }

            AdvanceRound(bracket);
        }
    }

    /// <inheritdoc />
    protected override void OnTrialEnded(Trial trial) => _ended[trial.Number] = trial;

    /// <inheritdoc />
    protected override void DescribeSettings(IDictionary<string, string> settings)
    {
        base.DescribeSettings(settings);
        settings["max_epochs"] = MaxEpochs.ToString(CultureInfo.InvariantCulture);
        settings["factor"] = Factor.ToString(CultureInfo.InvariantCulture);
        settings["hyperband_iterations"] = HyperbandIterations.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Saves the position in the bracket plan: the bracket, the round, whether round 0 has closed, the trials of the
    /// current round and the trials waiting to be promoted.
    /// </summary>
    protected override string? SaveState() => JsonSerializer.Serialize(
        new HyperbandState(_planIndex, _round, _roundZeroClosed, [.. _roundTrials], _promotions.Select(trial => trial.Number).ToArray()),
        HyperbandStateContext.Default.HyperbandState);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The state names a promotion that has not completed.</exception>
    protected override void RestoreState(string? state)
    {
        _roundTrials.Clear();
        _promotions.Clear();
        if (state is null)
        {
            _ended.Clear();
            _planIndex = 0;
            _round = 0;
            _roundZeroClosed = false;
            return;
        }

        var saved = JsonSerializer.Deserialize(state, HyperbandStateContext.Default.HyperbandState)
            ?? throw new InvalidOperationException("The stored Hyperband state is empty.");
        bool inPlan = saved.PlanIndex >= 0 && saved.PlanIndex <= _bracketPlan.Length;
        int lastRound = inPlan && saved.PlanIndex < _bracketPlan.Length ? _bracketPlan[saved.PlanIndex] : 0;
        if (!inPlan || saved.Round < 0 || saved.Round > lastRound)
        {
            throw new InvalidOperationException(
                $"The stored Hyperband state points at bracket step {saved.PlanIndex}, round {saved.Round}, which this Hyperband " +
                $"({_bracketPlan.Length} bracket steps) does not have. The study database is inconsistent; start over with Overwrite = true.");
        }

        _planIndex = saved.PlanIndex;
        _round = saved.Round;
        _roundZeroClosed = saved.RoundZeroClosed;
        _roundTrials.AddRange(saved.RoundTrials);
        foreach (int number in saved.Promotions)
        {
            if (!_ended.TryGetValue(number, out var parent))
            {
                throw new InvalidOperationException(
                    $"The stored Hyperband state promotes trial {number}, which has not ended in the stored study. The study database is inconsistent; start over with Overwrite = true.");
            }

            _promotions.Enqueue(parent);
        }
    }

    /// <summary>
    /// Proposes a new random configuration for round 0. Returns null and closes the round when the space has no
    /// untried configuration left, and a stop proposal when the space is exhausted or too large to list.
    /// </summary>
    private TrialProposal? ProposeNewConfiguration(int trialNumber, int bracket)
    {
        var random = RandomFor(trialNumber);
        var values = DrawUntried(random, out bool exhausted, out _);
        if (values is null && !exhausted)
        {
            return TrialProposal.Stop(
                "100 consecutive random draws repeated configurations already tried, and the space is too large to list. Widen the search space.");
        }

        if (values is null)
        {
            _roundZeroClosed = true;
            return _roundTrials.Count == 0
                ? TrialProposal.Stop(
                    $"The search space is exhausted: all {TriedCount} configurations have been tried, so bracket {bracket} cannot start.")
                : null;
        }

        _roundTrials.Add(trialNumber);
        return TrialProposal.Ready(values, new TrialSchedule(RoundEpochs(bracket, 0), 0, null, bracket, 0));
    }

    /// <summary>
    /// Moves to the next round of the bracket, promoting the best completed trials of the round that just ended, or
    /// to the next bracket when this one is done or has nothing left to promote.
    /// </summary>
    private void AdvanceRound(int bracket)
    {
        var best = _round < bracket ? RankCompleted(_roundTrials).Take(RoundSize(bracket, _round + 1)).ToList() : [];
        _roundTrials.Clear();
        _roundZeroClosed = false;
        if (best.Count == 0)
        {
            _planIndex++;
            _round = 0;
            return;
        }

        _round++;
        foreach (var trial in best)
        {
            _promotions.Enqueue(trial);
        }
    }

    /// <summary>
    /// The completed trials among <paramref name="numbers"/>, best first. Infinite scores rank after every finite
    /// one whichever the direction, and ties keep creation order.
    /// </summary>
    private IEnumerable<Trial> RankCompleted(IEnumerable<int> numbers) =>
        numbers
            .Select(number => _ended[number])
            .Where(trial => trial.Status == TrialStatus.Completed && trial.Score.HasValue)
            .OrderBy(trial => double.IsInfinity(trial.Score!.Value) ? 1 : 0)
            .ThenBy(trial => Objective.Direction == ObjectiveDirection.Maximize ? -trial.Score!.Value : trial.Score!.Value)
            .ThenBy(trial => trial.Number);

    private void CheckRound(int bracket, int round)
    {
        if (bracket < 0 || bracket >= BracketCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bracket), bracket, $"bracket is {bracket}; it must be from 0 to {BracketCount - 1}.");
        }

        if (round < 0 || round > bracket)
        {
            throw new ArgumentOutOfRangeException(
                nameof(round), round, $"round is {round}; bracket {bracket} has rounds 0 to {bracket}.");
        }
    }

    /// <summary>Counts how often <paramref name="maxEpochs"/> can be divided by the factor while the quotient stays at least 1.</summary>
    private static int CountBrackets(int maxEpochs, int factor)
    {
        double epochs = maxEpochs;
        int brackets = 0;
        while (epochs >= 1)
        {
            epochs /= factor;
            brackets++;
        }

        return brackets;
    }
}

/// <summary>Hyperband's position in its bracket plan, as a study stores it.</summary>
internal sealed record HyperbandState(int PlanIndex, int Round, bool RoundZeroClosed, int[] RoundTrials, int[] Promotions);

/// <summary>Reads and writes <see cref="HyperbandState"/> without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(HyperbandState))]
internal sealed partial class HyperbandStateContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
