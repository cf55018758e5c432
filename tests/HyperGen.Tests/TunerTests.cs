using System.Text.Json;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class TunerTests
{
    private static Tuner<ScoredConfiguration> CreateTuner(
        TemporaryDirectory folder,
        Action<HyperParameters> declare,
        Func<HyperParameters, FitResult> score,
        Oracle? oracle = null,
        TunerOptions? options = null,
        bool tunable = true)
    {
        var model = new FunctionHyperModel(declare, score, tunable);
        return new Tuner<ScoredConfiguration>(model, oracle ?? new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 1), options ?? folder.Options());
    }

    [Fact]
    public async Task FailingFit_MarksTrialFailedAndSearchGoesOn()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp => hp.Get<int>("x") % 3 == 0 ? throw new InvalidOperationException($"diverged at x={hp.Get<int>("x")}") : (double)hp.Get<int>("x"));

        await tuner.SearchAsync();

        var trials = tuner.Oracle.Trials;
        Assert.Equal(6, trials.Count);
        var failed = trials.Where(t => t.Status == TrialStatus.Failed).ToList();
        Assert.All(failed, t => Assert.Contains("diverged at x=", t.ErrorMessage));
        Assert.All(failed, t => Assert.Null(t.Score));
        Assert.Contains(trials, t => t.Status == TrialStatus.Completed);
    }

    [Fact]
    public async Task NaNObjective_FailsTrial()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp => double.NaN,
            options: new TunerOptions { Directory = folder.Path, ProjectName = "nan", MaxConsecutiveFailedTrials = 10 });

        await tuner.SearchAsync();

        Assert.All(tuner.Oracle.Trials, t => Assert.Equal(TrialStatus.Failed, t.Status));
        Assert.All(tuner.Oracle.Trials, t => Assert.Equal("The objective loss was NaN.", t.ErrorMessage));
    }

    [Fact]
    public async Task MissingObjective_StopsAfterFirstTrialListingMetrics()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp => new Dictionary<string, double> { ["accuracy"] = 0.5, ["val_accuracy"] = 0.4 });

        var error = await Assert.ThrowsAsync<ObjectiveNotReportedException>(() => tuner.SearchAsync());

        Assert.Single(tuner.Oracle.Trials);
        Assert.Contains("\"accuracy\", \"val_accuracy\"", error.Message);
        Assert.Equal(TrialStatus.Failed, tuner.Oracle.Trials[0].Status);
    }

    [Fact]
    public async Task ConsecutiveFailures_StopSearchQuotingLastError()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => throw new ArithmeticException("bad batch"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tuner.SearchAsync());

        Assert.Equal(3, tuner.Oracle.Trials.Count);
        Assert.Contains("3 trials failed in a row", error.Message);
        Assert.Contains("ArithmeticException: bad batch. Fix the error", error.Message);
    }

    [Fact]
    public async Task BestHyperParameters_AreBestFirstWithTiesInCreationOrder()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 5),
            hp => Math.Abs(hp.Get<int>("x") - 2.5),
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 9));

        await tuner.SearchAsync();

        var best = tuner.GetBestHyperParameters(3).Select(hp => hp.Get<int>("x")).ToList();
        var trials = tuner.Oracle.Trials;
        int firstTwoOrThree = trials.First(t => (int)t.Values["x"] is 2 or 3).Values["x"] is int v ? v : -1;
        Assert.Equal(firstTwoOrThree, best[0]);
        Assert.Equal(5 - firstTwoOrThree, best[1]);
        Assert.Contains(best[2], new[] { 1, 4 });
    }

    [Fact]
    public async Task ExecutionsPerTrial_AreAveraged()
    {
        using var folder = new TemporaryDirectory();
        int call = 0;
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp => new Dictionary<string, double> { ["loss"] = Interlocked.Increment(ref call) % 2 == 1 ? 1.0 : 3.0 },
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 1),
            options: new TunerOptions { Directory = folder.Path, ProjectName = "avg", ExecutionsPerTrial = 2 });

        await tuner.SearchAsync();

        Assert.Equal(2.0, tuner.Oracle.Trials[0].Score);
    }

    [Fact]
    public async Task History_SetsBestStepAndMetrics()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp =>
            {
                var history = new TrainingHistory();
                history.Add(new Dictionary<string, double> { ["loss"] = 0.9, ["accuracy"] = 0.2 });
                history.Add(new Dictionary<string, double> { ["loss"] = 0.3, ["accuracy"] = 0.7 });
                history.Add(new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.6 });
                return history;
            },
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 1));

        await tuner.SearchAsync();

        var trial = tuner.Oracle.Trials[0];
        Assert.Equal(1, trial.BestStep);
        Assert.Equal(0.3, trial.Score);
        Assert.Equal(0.7, trial.Metrics["accuracy"]);
        Assert.Equal(3, trial.Executions[0].Count);
    }

    [Fact]
    public async Task Results_AreStoredInTheStudyDatabase()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Choice("activation", ["relu", "tanh"]), hp => 0.5, oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 2, seed: 4));

        await tuner.SearchAsync();

        Assert.True(File.Exists(Path.Combine(folder.Path, "study", "study.db")));
        var stored = folder.StoredTrials();
        Assert.Equal(2, stored.Count);
        foreach (var trial in tuner.Oracle.Trials)
        {
            var saved = stored[trial.Number];
            Assert.Equal(TrialStatus.Completed, saved.Status);
            Assert.Equal(0.5, saved.Score);
            Assert.Equal(trial.Values["activation"], saved.Values["activation"]);
            Assert.Equal(["created", "completed"], saved.Events.Select(e => e.Kind));
            Assert.Null(saved.LeaseOwner);
        }
    }

    [Fact]
    public async Task ExistingStudy_IsResumedUnlessOverwrite()
    {
        using var folder = new TemporaryDirectory();
        await CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0).SearchAsync();
        var before = folder.StoredTrials();

        var resumed = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 2.0);
        await resumed.SearchAsync();

        Assert.Equal(6, resumed.Oracle.Trials.Count);
        Assert.All(resumed.Oracle.Trials, trial => Assert.Equal(1.0, trial.Score));
        Assert.Equal(before.Select(t => t.Values["x"]), folder.StoredTrials().Select(t => t.Values["x"]));
        await CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 2.0, options: folder.Options(overwrite: true)).SearchAsync();
        Assert.All(folder.StoredTrials(), trial => Assert.Equal(2.0, trial.Score));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void ProjectName_MustBePlainFolderName(string projectName)
    {
        using var folder = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(() => CreateTuner(folder, hp => hp.Int("x", 0, 1), hp => 1.0, options: folder.Options(projectName)));

        Assert.Contains("ProjectName", error.Message);
    }

    [Fact]
    public async Task Cancellation_StopsRunningTrialAndThrows()
    {
        using var folder = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var model = new CancellingModel(cancellation);
        var tuner = new Tuner<ScoredConfiguration>(model, new RandomSearch(Objective.Minimize("loss"), maxTrials: 10, seed: 1), folder.Options());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tuner.SearchAsync(cancellation.Token));

        Assert.Equal(2, tuner.Oracle.Trials.Count);
        Assert.Equal(TrialStatus.Completed, tuner.Oracle.Trials[0].Status);
        Assert.Equal(TrialStatus.Stopped, tuner.Oracle.Trials[1].Status);
        var stored = folder.StoredTrials()[1];
        Assert.Equal(TrialStatus.Stopped, stored.Status);
        Assert.Equal("cancelled", stored.Events[^1].Kind);
    }

    [Fact]
    public async Task ResumedTrial_StartsAtItsClaim()
    {
        using var folder = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Tuner<ScoredConfiguration>(new CancellingModel(cancellation), oracle, folder.Options()).SearchAsync(cancellation.Token));
        var created = folder.StoredTrials()[1].StartedAt;
        await Task.Delay(50);

        var resumed = new Tuner<ScoredConfiguration>(
            new CancellingModel(new CancellationTokenSource()), new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1), folder.Options());
        await resumed.SearchAsync();

        var rerun = folder.StoredTrials()[1];
        var claimed = rerun.Events.Single(e => e.Kind == "claimed").At;
        Assert.Equal(TrialStatus.Completed, rerun.Status);
        Assert.True(rerun.StartedAt > created, $"StartedAt {rerun.StartedAt:O} is not after the first attempt's {created:O}.");
        Assert.Equal(claimed, rerun.StartedAt);
        Assert.Equal(rerun.StartedAt.ToUnixTimeMilliseconds(), resumed.Oracle.Trials[1].StartedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task GetBestModels_LoadsSavedWeights()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => hp.Get<int>("x"));

        await tuner.SearchAsync();

        var models = tuner.GetBestModels(2);
        var best = tuner.Oracle.GetBestTrials(2);
        Assert.Equal(best.Select(t => t.Values["x"]), models.Select(m => m.Values["x"]));
    }

    [Fact]
    public async Task UntunableModel_KeepsBuildParametersOutOfSpace()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0, oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1), tunable: false);

        await tuner.SearchAsync();

        Assert.Empty(tuner.Oracle.Space);
    }

    [Fact]
    public async Task ConditionalBranches_AreDiscoveredBeforeFirstTrial()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 2);
        var tuner = CreateTuner(
            folder,
            hp =>
            {
                hp.Choice("optimizer", ["adam", "sgd"]);
                using (hp.ConditionalScope("optimizer", "sgd"))
                {
                    hp.Float("momentum", 0.0, 0.9);
                }
            },
            hp => 1.0,
            oracle);

        await tuner.SearchAsync();

        Assert.Equal(["optimizer", "momentum"], oracle.Space.Select(p => p.Name));
        Assert.Contains("momentum", tuner.SearchSpaceSummary());
    }

    [Fact]
    public async Task ResultsSummary_ListsBestTrials()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => hp.Get<int>("x"));

        await tuner.SearchAsync();

        string summary = tuner.ResultsSummary(2);
        var best = tuner.Oracle.GetBestTrials(1)[0];
        Assert.Contains("Showing the 2 best trials", summary);
        Assert.Contains($"Trial {best.Id} summary", summary);
        Assert.Contains("Objective: loss (min)", summary);
    }

    [Fact]
    public async Task ParallelTrials_EachReadTheirOwnValues()
    {
        using var folder = new TemporaryDirectory();
        using var overlap = new Barrier(2);
        var mismatches = new List<string>();
        var model = new FunctionHyperModel(
            hp => hp.Int("x", 0, 99),
            hp =>
            {
                int declared = hp.Get<int>("x");
                overlap.SignalAndWait(TimeSpan.FromSeconds(5));
                int current = HyperParameters.GetCurrent("X").Get<int>("x");
                if (declared != current)
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{declared} != {current}");
                    }
                }

                return current;
            });
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 8, seed: 3);
        var tuner = new Tuner<ScoredConfiguration>(model, oracle, new TunerOptions { Directory = folder.Path, ProjectName = "parallel", ParallelTrials = 2 });

        await tuner.SearchAsync();

        Assert.Empty(mismatches);
        Assert.All(oracle.Trials, t => Assert.Equal((int)t.Values["x"], t.Score));
    }

    [Fact]
    public async Task OverwriteWithCancelledToken_KeepsResults()
    {
        using var folder = new TemporaryDirectory();
        await CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0).SearchAsync();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0, options: folder.Options(overwrite: true)).SearchAsync(cancelled.Token));

        Assert.Equal(6, folder.StoredTrials().Count);
    }

    [Fact]
    public async Task OverwriteWithFailingBuild_KeepsResults()
    {
        using var folder = new TemporaryDirectory();
        await CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0).SearchAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CreateTuner(folder, hp => throw new FormatException("bad layer"), hp => 1.0, options: folder.Options(overwrite: true)).SearchAsync());

        Assert.Contains("bad layer. Fix Build", error.Message);
        Assert.Contains("earlier results were left untouched", error.Message);
        Assert.Equal(6, folder.StoredTrials().Count);
    }

    [Fact]
    public async Task SecondSearchOnSameTuner_KeepsFirstResults()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => hp.Get<int>("x"), options: folder.Options(overwrite: true));
        await tuner.SearchAsync();

        await tuner.SearchAsync();

        Assert.Equal(6, tuner.Oracle.Trials.Count);
        Assert.All(tuner.Oracle.Trials, trial => Assert.True(File.Exists(trial.ModelPath)));
    }

    [Fact]
    public async Task ConcurrentSearchesOnSameProject_ShareTheBudget()
    {
        using var folder = new TemporaryDirectory();
        using var release = new ManualResetEventSlim();
        var running = StartBlockedSearch(folder, maxTrials: 4, release);

        using var secondInside = new ManualResetEventSlim();
        var second = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp =>
            {
                secondInside.Set();
                return 2.0;
            },
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 4, seed: 1));
        var secondRun = second.SearchAsync();

        // Releasing the first search only once the second runs a trial keeps the first from finishing them all.
        Assert.True(secondInside.Wait(TimeSpan.FromSeconds(10)));
        release.Set();
        await Task.WhenAll(running, secondRun);

        var stored = folder.StoredTrials();
        Assert.Equal(4, stored.Count);
        Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(4, stored.Select(trial => trial.Values["x"]).Distinct().Count());
        Assert.Equal(1.0, stored[0].Score);
        Assert.Contains(stored, trial => trial.Score == 2.0);
    }

    [Fact]
    public async Task OverwriteWhileAnotherSearchRuns_IsRejected()
    {
        using var folder = new TemporaryDirectory();
        using var release = new ManualResetEventSlim();
        var running = StartBlockedSearch(folder, maxTrials: 2, release);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 2.0, options: folder.Options(overwrite: true)).SearchAsync());
        release.Set();
        await running;

        Assert.Contains("trial 0 of the study 'study'", error.Message);
        Assert.Contains("resuming with Overwrite = false", error.Message);
        var stored = folder.StoredTrials();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, trial => Assert.Equal(1.0, trial.Score));
    }

    /// <summary>
    /// Starts a search whose every Fit scores 1.0 once <paramref name="release"/> is set, and returns when its first
    /// trial is inside Fit, so that the trial holds a live lease.
    /// </summary>
    private static Task StartBlockedSearch(TemporaryDirectory folder, int maxTrials, ManualResetEventSlim release)
    {
        // Later fits signal it too, after this method returned, so it is a task source rather than a disposable event.
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var search = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp =>
            {
                inside.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(10));
                return 1.0;
            },
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials, seed: 1)).SearchAsync();
        Assert.True(inside.Task.Wait(TimeSpan.FromSeconds(10)), "The first search never reached Fit.");
        return search;
    }

    [Fact]
    public async Task NaNBesideFiniteObjective_FailsTrial()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(
            folder,
            hp => hp.Int("x", 0, 9),
            hp => new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = double.NaN },
            oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 1));

        await tuner.SearchAsync();

        var trial = tuner.Oracle.Trials[0];
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Contains("val_loss were NaN", trial.ErrorMessage);
    }

    [Fact]
    public async Task ResultsSummary_UsesSingularForOneTrial()
    {
        using var folder = new TemporaryDirectory();
        var tuner = CreateTuner(folder, hp => hp.Int("x", 0, 9), hp => 1.0, oracle: new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 1));

        await tuner.SearchAsync();

        string summary = tuner.ResultsSummary(1);
        Assert.Contains("Showing the best trial", summary);
        Assert.DoesNotContain("Best step", summary);
    }

    [Fact]
    public void EmptyDirectory_IsRejectedWithFix()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new Tuner<ScoredConfiguration>(new FunctionHyperModel(hp => hp.Int("x", 0, 1), hp => 1.0), new RandomSearch(), new TunerOptions { Directory = " " }));

        Assert.Contains("TunerOptions.Directory is empty", error.Message);
    }

    private sealed class CancellingModel(CancellationTokenSource cancellation) : HyperModel<ScoredConfiguration>
    {
        private int _fits;

        public override ScoredConfiguration Build(HyperParameters hyperParameters)
        {
            hyperParameters.Int("x", 0, 9);
            return new ScoredConfiguration(hyperParameters.Values);
        }

        public override FitResult Fit(HyperParameters hyperParameters, ScoredConfiguration model, TrialContext context)
        {
            if (++_fits == 2)
            {
                cancellation.Cancel();
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            return 1.0;
        }
    }
}
