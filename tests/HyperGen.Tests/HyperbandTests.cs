using System.Collections.Concurrent;
using System.Globalization;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class HyperbandTests
{
    private static readonly HyperParameter[] WideSpace = [new IntHyperParameter("x", 0, 99_999), new FloatHyperParameter("y", 0, 1)];

    /// <summary>
    /// Drives a whole search through ask and tell as parallel workers would: creates trials until the oracle idles or
    /// stops, then ends every running trial with <paramref name="end"/>, oldest first unless
    /// <paramref name="newestFirst"/>.
    /// </summary>
    private static List<Trial> RunSearch(
        Hyperband oracle, Action<Hyperband, Trial> end, IReadOnlyList<HyperParameter>? space = null, bool newestFirst = false)
    {
        oracle.UpdateSpace(space ?? WideSpace, initial: true);
        var running = new List<Trial>();
        while (true)
        {
            var (trial, proposal) = oracle.CreateTrial();
            if (trial is not null)
            {
                running.Add(trial);
                continue;
            }

            if (proposal.Status == TrialProposalStatus.Idle && running.Count == 0)
            {
                Assert.Fail($"The oracle idled after {oracle.Trials.Count} trials with no trial running.");
            }

            var ending = newestFirst ? Enumerable.Reverse(running).ToList() : running.ToList();
            foreach (var runningTrial in ending)
            {
                end(oracle, runningTrial);
            }

            running.Clear();
            if (proposal.Status == TrialProposalStatus.Stopped)
            {
                return oracle.Trials.ToList();
            }
        }
    }

    /// <summary>Completes a trial with its <c>x</c> as the loss, so smaller <c>x</c> is better.</summary>
    private static void CompleteWithX(Hyperband oracle, Trial trial) => oracle.CompleteTrial(trial, (int)trial.Values["x"]);

    private static int EpochsTrained(IEnumerable<Trial> trials) => trials.Sum(t => t.Schedule!.Epochs - t.Schedule.InitialEpoch);

    private static List<Trial> InRound(IEnumerable<Trial> trials, int bracket, int round) =>
        trials.Where(t => t.Schedule!.Bracket == bracket && t.Schedule.Round == round).ToList();

    [Theory]
    [InlineData(1, 3, 1, 1, 1)]
    [InlineData(2, 3, 1, 2, 4)]
    [InlineData(3, 3, 2, 6, 11)]
    [InlineData(5, 3, 2, 10, 31)]
    [InlineData(9, 3, 3, 23, 75)]
    [InlineData(10, 3, 3, 30, 120)]
    [InlineData(20, 3, 3, 30, 226)]
    [InlineData(27, 3, 4, 70, 375)]
    [InlineData(50, 3, 4, 90, 922)]
    [InlineData(81, 3, 5, 211, 1767)]
    [InlineData(100, 3, 5, 254, 2672)]
    [InlineData(2, 2, 2, 5, 7)]
    [InlineData(8, 2, 4, 36, 102)]
    [InlineData(10, 2, 4, 46, 170)]
    public void Hyperband_MatchesKerasTunerTotals(int maxEpochs, int factor, int brackets, int trials, int epochs)
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs, factor, seed: 1);

        var all = RunSearch(oracle, CompleteWithX);

        Assert.Equal(brackets, oracle.BracketCount);
        Assert.Equal(trials, all.Count);
        Assert.Equal(epochs, EpochsTrained(all));
        Assert.All(all, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.StartsWith("Hyperband is finished", oracle.StopReason);
    }

    [Fact]
    public void Hyperband_TwoIterations_DoubleTheSearch()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, hyperbandIterations: 2, seed: 1);

        var all = RunSearch(oracle, CompleteWithX);

        Assert.Equal(60, all.Count);
        Assert.Equal(240, EpochsTrained(all));
        Assert.Equal([2, 1, 0, 2, 1, 0], BracketOrder(all));
    }

    [Fact]
    public void Hyperband_Defaults_PinAggressiveBracket()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), seed: 1);

        var all = RunSearch(oracle, CompleteWithX);

        var rounds = Enumerable.Range(0, 5).Select(round => InRound(all, 4, round)).ToList();
        Assert.Equal(100, oracle.MaxEpochs);
        Assert.Equal(3, oracle.Factor);
        Assert.Equal(254, all.Count);
        Assert.Equal(2672, EpochsTrained(all));
        Assert.Equal([98, 33, 11, 4, 2], rounds.Select(r => r.Count));
        Assert.Equal([2, 4, 12, 34, 100], rounds.Select(r => r.Select(t => t.Schedule!.Epochs).Distinct().Single()));
        Assert.Equal([0, 2, 4, 12, 34], rounds.Select(r => r.Select(t => t.Schedule!.InitialEpoch).Distinct().Single()));
        Assert.Equal([4, 3, 2, 1, 0], BracketOrder(all));
    }

    [Fact]
    public void Hyperband_RoundSizesAndEpochs_FollowFormulas()
    {
        var oracle = new Hyperband(maxEpochs: 27, factor: 3);

        Assert.Equal(4, oracle.BracketCount);
        Assert.Equal([27, 9, 3, 1], Enumerable.Range(0, 4).Select(r => oracle.RoundSize(3, r)));
        Assert.Equal([1, 3, 9, 27], Enumerable.Range(0, 4).Select(r => oracle.RoundEpochs(3, r)));
        Assert.Equal([12, 4, 2], Enumerable.Range(0, 3).Select(r => oracle.RoundSize(2, r)));
        Assert.Equal(4, oracle.RoundSize(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => oracle.RoundSize(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => oracle.RoundEpochs(1, 2));
    }

    [Fact]
    public void Hyperband_PromotesBestOfPreviousRound()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 27, factor: 3, seed: 4);

        var all = RunSearch(oracle, CompleteWithX);

        foreach (int bracket in Enumerable.Range(0, 4))
        {
            for (int round = 1; round <= bracket; round++)
            {
                var previous = InRound(all, bracket, round - 1);
                var promoted = InRound(all, bracket, round);
                var expectedParents = previous.OrderBy(t => t.Score).ThenBy(t => t.Number).Take(promoted.Count).Select(t => t.Id);
                Assert.Equal(expectedParents, promoted.Select(t => t.Schedule!.ResumeFromTrialId));
                foreach (var trial in promoted)
                {
                    var parent = all.Single(t => t.Id == trial.Schedule!.ResumeFromTrialId);
                    Assert.Equal(parent.Values["x"], trial.Values["x"]);
                    Assert.Equal(parent.Values["y"], trial.Values["y"]);
                    Assert.Equal(parent.Schedule!.Epochs, trial.Schedule!.InitialEpoch);
                    Assert.Equal(oracle.RoundEpochs(bracket, round), trial.Schedule.Epochs);
                }
            }
        }
    }

    [Fact]
    public void Hyperband_Maximize_PromotesHighestScores()
    {
        var oracle = new Hyperband(Objective.Maximize("accuracy"), maxEpochs: 10, factor: 3, seed: 2);

        var all = RunSearch(oracle, CompleteWithX);

        var previous = InRound(all, 2, 0);
        var promoted = InRound(all, 2, 1);
        var expected = previous.OrderByDescending(t => t.Score).ThenBy(t => t.Number).Take(4).Select(t => t.Id);
        Assert.Equal(expected, promoted.Select(t => t.Schedule!.ResumeFromTrialId));
    }

    [Fact]
    public void Hyperband_TiedScores_PromoteEarliest()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 2);

        var all = RunSearch(oracle, (o, trial) => o.CompleteTrial(trial, 1.0));

        Assert.Equal(all.Take(4).Select(t => t.Id), InRound(all, 2, 1).Select(t => t.Schedule!.ResumeFromTrialId));
        Assert.Equal(all.Skip(12).Take(2).Select(t => t.Id), InRound(all, 2, 2).Select(t => t.Schedule!.ResumeFromTrialId));
    }

    [Fact]
    public void Hyperband_RoundZeroTrials_AreNewAndDistinct()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 27, factor: 3, seed: 3);

        var all = RunSearch(oracle, CompleteWithX);

        var fresh = all.Where(t => t.Schedule!.Round == 0).ToList();
        Assert.All(fresh, t => Assert.Null(t.Schedule!.ResumeFromTrialId));
        Assert.All(fresh, t => Assert.Equal(0, t.Schedule!.InitialEpoch));
        Assert.Equal(fresh.Count, fresh.Select(t => Key(t.Values)).Distinct().Count());
        Assert.Equal(27 + 12 + 6 + 4, fresh.Count);
    }

    [Fact]
    public void Hyperband_SameSeed_GivesSameSearch()
    {
        var first = RunSearch(new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 9), CompleteWithX);
        var second = RunSearch(new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 9), CompleteWithX);

        Assert.Equal(first.Select(t => Key(t.Values)), second.Select(t => Key(t.Values)));
        Assert.Equal(first.Select(t => t.Schedule), second.Select(t => t.Schedule));
    }

    [Fact]
    public void Hyperband_EndOrder_DoesNotChangeProposals()
    {
        var inOrder = RunSearch(new Hyperband(Objective.Minimize("loss"), maxEpochs: 27, factor: 3, seed: 5), CompleteWithX);
        var reversed = RunSearch(
            new Hyperband(Objective.Minimize("loss"), maxEpochs: 27, factor: 3, seed: 5), CompleteWithX, newestFirst: true);

        Assert.Equal(inOrder.Select(t => Key(t.Values)), reversed.Select(t => Key(t.Values)));
        Assert.Equal(inOrder.Select(t => t.Schedule), reversed.Select(t => t.Schedule));
    }

    [Fact]
    public void Hyperband_RunningRound_ReturnsIdle()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1);
        oracle.UpdateSpace(WideSpace, initial: true);
        var roundZero = Enumerable.Range(0, 12).Select(_ => oracle.CreateTrial().Trial!).ToList();

        var whileAllRun = oracle.CreateTrial();
        foreach (var trial in roundZero.Take(11))
        {
            CompleteWithX(oracle, trial);
        }

        var whileOneRuns = oracle.CreateTrial();
        CompleteWithX(oracle, roundZero[11]);
        var afterRound = oracle.CreateTrial();

        Assert.Equal(TrialProposalStatus.Idle, whileAllRun.Proposal.Status);
        Assert.Null(whileAllRun.Trial);
        Assert.Equal(TrialProposalStatus.Idle, whileOneRuns.Proposal.Status);
        Assert.Equal(TrialProposalStatus.Ready, afterRound.Proposal.Status);
        Assert.Equal(new TrialSchedule(4, 2, afterRound.Trial!.Schedule!.ResumeFromTrialId, 2, 1), afterRound.Trial.Schedule);
        Assert.Equal(12, afterRound.Trial.Number);
    }

    [Fact]
    public void Hyperband_FailedTrial_DoesNotStallBracket()
    {
        // One of the 12 round 0 trials of bracket 2 fails. Round 1 still promotes 4 of the 11 completed trials, so
        // every bracket finishes with all 30 trials (KerasTuner 1.4.7 stops after 28 and leaves the bracket open).
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1);

        var all = RunSearch(oracle, (o, trial) => EndFailing(o, trial, failed: trial.Number == 5));

        Assert.Equal(30, all.Count);
        Assert.Equal([12, 4, 2], Enumerable.Range(0, 3).Select(round => InRound(all, 2, round).Count));
        Assert.DoesNotContain(all, t => t.Schedule!.ResumeFromTrialId == all[5].Id);
        Assert.Equal([2, 1, 0], BracketOrder(all));
        Assert.StartsWith("Hyperband is finished", oracle.StopReason);
    }

    [Fact]
    public void Hyperband_TooFewCompleted_PromotesFewer()
    {
        // Three of the 4 round 1 trials of bracket 2 (trials 12 to 15) fail, so round 2 runs 1 trial instead of 2
        // and the search creates 29 trials.
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1);

        var all = RunSearch(oracle, (o, trial) => EndFailing(o, trial, failed: trial.Number is >= 12 and <= 14));

        var lastRound = InRound(all, 2, 2);
        Assert.Equal(29, all.Count);
        Assert.Single(lastRound);
        Assert.Equal(all[15].Id, lastRound[0].Schedule!.ResumeFromTrialId);
        Assert.Equal([2, 1, 0], BracketOrder(all));
    }

    [Fact]
    public void Hyperband_NoCompletedTrial_EndsBracket()
    {
        // Every round 0 trial of bracket 2 fails, so the bracket ends there: 12 + (6 + 2) + 4 = 24 trials.
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1);

        var all = RunSearch(oracle, (o, trial) => EndFailing(o, trial, failed: trial.Number < 12));

        Assert.Equal(24, all.Count);
        Assert.Equal(12, all.Count(t => t.Schedule!.Bracket == 2));
        Assert.Equal([2, 1, 0], BracketOrder(all));
    }

    [Fact]
    public void Hyperband_PrunedTrial_IsNotPromoted()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 2, factor: 2, seed: 1);

        var all = RunSearch(oracle, (o, trial) =>
        {
            if (trial.Number == 0)
            {
                o.PruneTrial(trial);
            }
            else
            {
                o.CompleteTrial(trial, 100.0);
            }
        });

        Assert.Equal(5, all.Count);
        Assert.Equal(TrialStatus.Pruned, all[0].Status);
        Assert.Equal(all[1].Id, all[2].Schedule!.ResumeFromTrialId);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Hyperband_InfiniteLoss_RanksWorst(double infinite)
    {
        // With 2 epochs and factor 2, bracket 1 runs trials 0 and 1, then promotes one of them as trial 2.
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 2, factor: 2, seed: 1);

        var all = RunSearch(oracle, (o, trial) => o.CompleteTrial(trial, trial.Number == 0 ? infinite : 5.0));

        Assert.Equal(all[1].Id, all[2].Schedule!.ResumeFromTrialId);
    }

    [Fact]
    public void Hyperband_NaNScore_FailsTrial()
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 2, factor: 2, seed: 1);

        var all = RunSearch(oracle, (o, trial) => o.CompleteTrial(trial, trial.Number == 0 ? double.NaN : 5.0));

        Assert.Equal(TrialStatus.Failed, all[0].Status);
        Assert.Equal(all[1].Id, all[2].Schedule!.ResumeFromTrialId);
    }

    [Fact]
    public void Hyperband_ExhaustedSpace_StopsWithMessage()
    {
        // Bracket 2 wants 12 new configurations but the space has 3: round 0 closes at 3, round 1 promotes all 3,
        // round 2 runs 2, and bracket 1 cannot start.
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1);

        var all = RunSearch(oracle, CompleteWithX, [new ChoiceHyperParameter("x", [1, 2, 3])]);

        Assert.Equal(8, all.Count);
        Assert.Equal([3, 3, 2], Enumerable.Range(0, 3).Select(round => InRound(all, 2, round).Count));
        Assert.Equal("The search space is exhausted: all 3 configurations have been tried, so bracket 1 cannot start.", oracle.StopReason);
    }

    [Fact]
    public void Hyperband_ConditionalSpace_OmitsInactiveParameters()
    {
        HyperParameter[] space =
        [
            new ChoiceHyperParameter("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
            new FloatHyperParameter("dropout", 0, 0.5, conditions: [new Condition("x", [1, 2, 3, 4, 5])]),
        ];
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 3, factor: 3, seed: 6);

        var all = RunSearch(oracle, CompleteWithX, space);

        Assert.Equal(6, all.Count);
        Assert.All(all, t => Assert.Equal((int)t.Values["x"] <= 5, t.Values.ContainsKey("dropout")));
    }

    [Fact]
    public void Hyperband_Sampling_RespectsEachParameter()
    {
        HyperParameter[] space =
        [
            new IntHyperParameter("x", 1, 1024, step: 2, sampling: Sampling.Log),
            new FloatHyperParameter("lr", 1e-4, 1e-1, sampling: Sampling.ReverseLog),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
            new FixedHyperParameter("width", 64),
        ];
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 27, factor: 3, seed: 7);

        var all = RunSearch(oracle, CompleteWithX, space);

        Assert.Equal(70, all.Count);
        foreach (var parameter in space)
        {
            Assert.All(all, t => Assert.True(parameter.Contains(t.Values[parameter.Name]), $"{parameter.Name}={t.Values[parameter.Name]}"));
        }

        Assert.All(all, t => Assert.Equal(64, t.Values["width"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hyperband_GrownSpace_TunesNewParameterOnlyWhenAllowed(bool tuneNewEntries)
    {
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 1, tuneNewEntries: tuneNewEntries);
        oracle.UpdateSpace([WideSpace[0]], initial: true);
        var roundZero = Enumerable.Range(0, 12).Select(_ => oracle.CreateTrial().Trial!).ToList();
        roundZero.ForEach(trial => CompleteWithX(oracle, trial));
        oracle.UpdateSpace([WideSpace[0], new BooleanHyperParameter("flag")]);

        var later = new List<Trial>();
        while (oracle.CreateTrial() is ({ } trial, _))
        {
            later.Add(trial);
            CompleteWithX(oracle, trial);
        }

        var all = oracle.Trials;
        var promoted = later.Where(t => t.Schedule!.Round > 0).ToList();
        var fresh = later.Where(t => t.Schedule!.Round == 0).ToList();
        Assert.Equal(30, all.Count);
        Assert.All(promoted, t => Assert.Equal(Parent(all, t).Values.GetValueOrDefault("flag", false), t.Values["flag"]));
        Assert.All(InRound(all, 2, 1), t => Assert.Equal(false, t.Values["flag"]));
        Assert.Equal(tuneNewEntries, fresh.Any(t => (bool)t.Values["flag"]));
    }

    [Theory]
    [InlineData(0, 3, 1, "maxEpochs")]
    [InlineData(10, 1, 1, "factor")]
    [InlineData(10, 3, 0, "hyperbandIterations")]
    public void Hyperband_InvalidArgument_Throws(int maxEpochs, int factor, int iterations, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Hyperband(null, maxEpochs, factor, iterations));

        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} is ", error.Message);
        Assert.Contains("must be at least", error.Message);
    }

    [Fact]
    public async Task Hyperband_WithTuner_ResumesFromParentWeights()
    {
        using var folder = new TemporaryDirectory();
        var model = new ResumableModel();
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 2, factor: 2, seed: 8);
        var tuner = new Tuner<ResumableModel.Weights>(model, oracle, folder.Options());

        await tuner.SearchAsync();

        var promoted = oracle.Trials.Single(t => t.Schedule!.Round == 1);
        var parent = oracle.Trials.Single(t => t.Id == promoted.Schedule!.ResumeFromTrialId);
        Assert.Equal(5, oracle.Trials.Count);
        Assert.All(oracle.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal([parent.ModelPath], model.Loaded.Select(load => load.Path));
        Assert.Equal(parent.Values["x"], model.Loaded[0].X);
        Assert.Contains((1, 2), model.Ranges);
        Assert.Equal([1], promoted.IntermediateValues.Select(value => value.Step));
        Assert.Equal(2, promoted.Schedule!.Epochs);
        Assert.Equal(1, promoted.Schedule.InitialEpoch);
    }

    [Fact]
    public async Task Hyperband_ParallelTuner_KeepsRoundsAndParents()
    {
        var (sequentialTrials, sequentialModel) = await RunWithTunerAsync(parallelTrials: 1);
        var (trials, model) = await RunWithTunerAsync(parallelTrials: 2);

        // Both workers trained at once, so the checks below saw real overlap.
        Assert.Equal(2, model.MaxConcurrentFits);

        // Bracket arithmetic: maxEpochs 10 and factor 3 give 30 trials and 120 epochs, as the sequential run does.
        Assert.Equal(30, trials.Count);
        Assert.Equal(sequentialTrials.Count, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal(120, model.EpochsFitted);
        Assert.Equal(sequentialModel.EpochsFitted, model.EpochsFitted);
        Assert.Equal(sequentialTrials.Select(t => t.Schedule), trials.Select(t => t.Schedule));
        foreach (var trial in trials)
        {
            var fit = model.Fits[trial.Id];
            Assert.Equal(trial.Schedule!.InitialEpoch, fit.InitialEpoch);
            Assert.Equal(trial.Schedule.Epochs, fit.LastEpoch);
        }

        // Every promoted trial loaded the weights its parent saved, and its parent completed the round before.
        foreach (var trial in trials.Where(t => t.Schedule!.Round > 0))
        {
            var parent = Parent(trials, trial);
            var fit = model.Fits[trial.Id];
            Assert.Equal(TrialStatus.Completed, parent.Status);
            Assert.Equal(trial.Schedule!.Bracket, parent.Schedule!.Bracket);
            Assert.Equal(trial.Schedule.Round - 1, parent.Schedule.Round);
            Assert.Equal(parent.ModelPath, fit.LoadedPath);
            string parentWeights = TracingModel.WeightsText(parent.Id, (int)parent.Values["x"], parent.Schedule.Epochs);
            Assert.Equal(parentWeights, fit.LoadedWeights);
        }

        Assert.All(trials.Where(t => t.Schedule!.Round == 0), t => Assert.Null(model.Fits[t.Id].LoadedPath));

        // No round started before every trial of the round before it had ended.
        var rounds = SplitIntoRounds(trials);
        Assert.Equal(6, rounds.Count);
        for (int i = 1; i < rounds.Count; i++)
        {
            long previousEnd = rounds[i - 1].Max(t => model.Fits[t.Id].EndTick);
            long nextStart = rounds[i].Min(t => model.Fits[t.Id].StartTick);
            Assert.True(
                nextStart > previousEnd,
                $"Round {i} started fitting at tick {nextStart}, before round {i - 1} ended at tick {previousEnd}.");
            var previousEndedAt = rounds[i - 1].Max(t => t.EndedAt!.Value);
            var nextCreatedAt = rounds[i].Min(t => t.StartedAt);
            Assert.True(
                nextCreatedAt >= previousEndedAt,
                $"Round {i} was created at {nextCreatedAt:O}, before round {i - 1} ended at {previousEndedAt:O}.");
        }
    }

    /// <summary>Runs Hyperband (maxEpochs 10, factor 3) through a tuner on <see cref="TracingModel"/>.</summary>
    private static async Task<(List<Trial> Trials, TracingModel Model)> RunWithTunerAsync(int parallelTrials)
    {
        using var folder = new TemporaryDirectory();
        var model = new TracingModel(waitForSecondFit: parallelTrials > 1);
        var oracle = new Hyperband(Objective.Minimize("loss"), maxEpochs: 10, factor: 3, seed: 6);
        var options = new TunerOptions { Directory = folder.Path, ProjectName = "study", ParallelTrials = parallelTrials };
        var tuner = new Tuner<TracingModel.Weights>(model, oracle, options);

        await tuner.SearchAsync();

        return (oracle.Trials.ToList(), model);
    }

    /// <summary>Splits trials, in creation order, into runs that share a bracket and a round.</summary>
    private static List<List<Trial>> SplitIntoRounds(IEnumerable<Trial> trials)
    {
        var rounds = new List<List<Trial>>();
        foreach (var trial in trials)
        {
            var last = rounds.Count == 0 ? null : rounds[^1][0].Schedule;
            if (last is null || last.Bracket != trial.Schedule!.Bracket || last.Round != trial.Schedule.Round)
            {
                rounds.Add([]);
            }

            rounds[^1].Add(trial);
        }

        return rounds;
    }

    private static void EndFailing(Hyperband oracle, Trial trial, bool failed)
    {
        if (failed)
        {
            oracle.FailTrial(trial, "Training diverged.");
        }
        else
        {
            CompleteWithX(oracle, trial);
        }
    }

    private static Trial Parent(IEnumerable<Trial> trials, Trial promoted) =>
        trials.Single(t => t.Id == promoted.Schedule!.ResumeFromTrialId);

    private static int[] BracketOrder(IEnumerable<Trial> trials)
    {
        var order = new List<int>();
        foreach (var trial in trials)
        {
            int bracket = trial.Schedule!.Bracket!.Value;
            if (order.Count == 0 || order[^1] != bracket)
            {
                order.Add(bracket);
            }
        }

        return order.ToArray();
    }

    private static string Key(IReadOnlyDictionary<string, object> values) =>
        string.Join(",", values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));

    /// <summary>
    /// A thread-safe hypermodel whose loss at every epoch is its parameter <c>x</c> (0 to 99). Its weights file names
    /// the trial that saved it, <c>x</c> and the epoch it reached. It records each trial's fit: the epochs, the weights
    /// it loaded, and ticks of one shared counter when the fit started and ended. Each fit sleeps for 10 ms, so that
    /// parallel trials overlap.
    /// </summary>
    /// <param name="waitForSecondFit">Whether the first fit waits, for up to 10 s, until a second fit runs beside it.
    /// A second worker may start late because a blocked thread-pool thread is replaced only after a delay.</param>
    private sealed class TracingModel(bool waitForSecondFit) : HyperModel<TracingModel.Weights>
    {
        private readonly ManualResetEventSlim _secondFitStarted = new();
        private long _ticks;
        private int _runningFits;
        private int _maxConcurrentFits;

        public ConcurrentDictionary<string, FitRecord> Fits { get; } = new(StringComparer.Ordinal);

        public int MaxConcurrentFits => Volatile.Read(ref _maxConcurrentFits);

        public int EpochsFitted => Fits.Values.Sum(fit => fit.LastEpoch - fit.InitialEpoch);

        public static string WeightsText(string trialId, int x, int epoch) =>
            string.Create(CultureInfo.InvariantCulture, $"trial={trialId};x={x};epoch={epoch}");

        public override Weights Build(HyperParameters hyperParameters) => new(hyperParameters.Int("x", 0, 99));

        public override FitResult Fit(HyperParameters hyperParameters, Weights model, TrialContext context)
        {
            long startTick = Interlocked.Increment(ref _ticks);
            int running = Interlocked.Increment(ref _runningFits);
            InterlockedMax(ref _maxConcurrentFits, running);
            if (running > 1)
            {
                _secondFitStarted.Set();
            }

            if (waitForSecondFit && startTick == 1)
            {
                _secondFitStarted.Wait(TimeSpan.FromSeconds(10));
            }

            Thread.Sleep(10);

            int last = context.Epochs ?? 1;
            var history = new TrainingHistory();
            for (int epoch = context.InitialEpoch; epoch < last; epoch++)
            {
                var metrics = new Dictionary<string, double> { ["loss"] = model.X };
                history.Add(metrics);
                context.ReportEpoch(epoch, metrics);
            }

            model.TrialId = context.Trial.Id;
            model.Epoch = last;
            Interlocked.Decrement(ref _runningFits);
            long endTick = Interlocked.Increment(ref _ticks);
            Fits[context.Trial.Id] =
                new FitRecord(context.InitialEpoch, last, model.LoadedPath, model.LoadedWeights, startTick, endTick);
            return history;
        }

        public override bool SaveModel(Weights model, string path)
        {
            File.WriteAllText(path, WeightsText(model.TrialId!, model.X, model.Epoch));
            return true;
        }

        public override void LoadModel(Weights model, string path)
        {
            model.LoadedPath = path;
            model.LoadedWeights = File.ReadAllText(path);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current = Volatile.Read(ref target);
            while (value > current)
            {
                int seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        /// <summary>One trial's model: its one weight is <c>x</c>, plus what it trained and loaded.</summary>
        internal sealed class Weights(int x)
        {
            public int X { get; } = x;

            public string? TrialId { get; set; }

            public int Epoch { get; set; }

            public string? LoadedPath { get; set; }

            public string? LoadedWeights { get; set; }
        }

        /// <summary>One fit: the epoch range it trained, the weights it started from, and its start and end ticks.</summary>
        internal sealed record FitRecord(
            int InitialEpoch, int LastEpoch, string? LoadedPath, string? LoadedWeights, long StartTick, long EndTick);
    }

    /// <summary>
    /// A hypermodel whose loss at every epoch is its parameter <c>x</c>. It saves <c>x</c> as its weights and records
    /// the epoch ranges it trained and the weights it loaded.
    /// </summary>
    private sealed class ResumableModel : HyperModel<ResumableModel.Weights>
    {
        public List<(int First, int Last)> Ranges { get; } = [];

        public List<(string Path, int X)> Loaded { get; } = [];

        public override Weights Build(HyperParameters hyperParameters) => new(hyperParameters.Int("x", 0, 9));

        public override FitResult Fit(HyperParameters hyperParameters, Weights model, TrialContext context)
        {
            int last = context.Epochs ?? 1;
            Ranges.Add((context.InitialEpoch, last));
            var history = new TrainingHistory();
            for (int epoch = context.InitialEpoch; epoch < last; epoch++)
            {
                var metrics = new Dictionary<string, double> { ["loss"] = model.X };
                history.Add(metrics);
                context.ReportEpoch(epoch, metrics);
            }

            return history;
        }

        public override bool SaveModel(Weights model, string path)
        {
            File.WriteAllText(path, model.X.ToString(CultureInfo.InvariantCulture));
            return true;
        }

        public override void LoadModel(Weights model, string path) =>
            Loaded.Add((path, int.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture)));

        /// <summary>The model: its one weight is <c>x</c>.</summary>
        internal sealed record Weights(int X);
    }
}
