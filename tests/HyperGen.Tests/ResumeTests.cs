using System.Globalization;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// Searches stopped part way: resumed by a new tuner and a new oracle in the same project, each must continue exactly
/// where an uninterrupted search would be.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly string[] s_gridOrder = ["0 p", "0 q", "1 p", "1 q", "2 p", "2 q"];

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void DeclareGrid(HyperParameters hp)
    {
        hp.Int("a", 0, 2);
        hp.Choice("b", ["p", "q"]);
    }

    private static string GridKey(IReadOnlyDictionary<string, object> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{values["a"]} {values["b"]}");

    private static Tuner<ScoredConfiguration> GridTuner(TunerOptions options, int? maxTrials, CancellationTokenSource? cancelAt = null, int cancelOnFit = -1)
    {
        int fits = 0;
        var model = new FunctionHyperModel(DeclareGrid, hp =>
        {
            if (Interlocked.Increment(ref fits) == cancelOnFit)
            {
                cancelAt!.Cancel();
                throw new OperationCanceledException(cancelAt.Token);
            }

            return hp.Get<int>("a") + (hp.Get<string>("b") == "q" ? 0.5 : 0.0);
        });
        return new Tuner<ScoredConfiguration>(model, new GridSearch(Objective.Minimize("loss"), maxTrials, seed: 1), options);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task GridSearch_ContinuesAfterCancellation(int cancelOnFit)
    {
        using var cancellation = new CancellationTokenSource();
        var first = GridTuner(_folder.Options(), maxTrials: null, cancellation, cancelOnFit);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.SearchAsync(cancellation.Token));
        Assert.Equal(TrialStatus.Stopped, _folder.StoredTrials()[cancelOnFit - 1].Status);

        var resumed = GridTuner(_folder.Options(), maxTrials: null);
        await resumed.SearchAsync();

        var stored = _folder.StoredTrials();
        Assert.Equal(s_gridOrder, stored.Select(trial => GridKey(trial.Values)));
        Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal("The grid is exhausted: all 6 combinations of the search space have been tried.", resumed.Oracle.StopReason);
    }

    [Fact]
    public async Task GridSearch_ContinuesAfterBudget()
    {
        await GridTuner(_folder.Options(), maxTrials: 2).SearchAsync();
        Assert.Equal(s_gridOrder.Take(2), _folder.StoredTrials().Select(trial => GridKey(trial.Values)));

        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", AcceptChangedStudy = true };
        var resumed = GridTuner(options, maxTrials: null);
        await resumed.SearchAsync();

        Assert.Equal(s_gridOrder, _folder.StoredTrials().Select(trial => GridKey(trial.Values)));
        Assert.Contains("all 6 combinations", resumed.Oracle.StopReason);
    }

    [Fact]
    public async Task GridSearch_ExhaustedStudyRunsNothing()
    {
        await GridTuner(_folder.Options(), maxTrials: null).SearchAsync();

        var again = GridTuner(_folder.Options(), maxTrials: null);
        await again.SearchAsync();

        Assert.Equal(s_gridOrder, _folder.StoredTrials().Select(trial => GridKey(trial.Values)));
        Assert.Equal(6, again.Oracle.Trials.Count);
        Assert.Contains("grid is exhausted", again.Oracle.StopReason);
    }

    [Fact]
    public async Task GridSearch_NewParameterAddsNewCombinations()
    {
        await GridTuner(_folder.Options(), maxTrials: null).SearchAsync();
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", AcceptChangedStudy = true };
        var model = new FunctionHyperModel(
            hp =>
            {
                DeclareGrid(hp);
                hp.Boolean("c");
            },
            hp => hp.Get<int>("a"));
        var resumed = new Tuner<ScoredConfiguration>(model, new GridSearch(Objective.Minimize("loss"), seed: 1), options);

        await resumed.SearchAsync();

        var added = _folder.StoredTrials().Skip(6).ToList();
        Assert.Equal(s_gridOrder, added.Select(trial => GridKey(trial.Values)));
        Assert.All(added, trial => Assert.Equal(true, trial.Values["c"]));
        Assert.Equal("The grid is exhausted: all 12 combinations of the search space have been tried.", resumed.Oracle.StopReason);
    }

    /// <summary>
    /// Declares 'width' only when model is "b", outside a conditional scope, so the space grows when the first trial
    /// with "b" builds.
    /// </summary>
    private static Tuner<ScoredConfiguration> GrowingTpeTuner(TunerOptions options, int maxTrials, CancellationTokenSource? cancelAt = null, int cancelOnFit = -1)
    {
        int fits = 0;
        var model = new FunctionHyperModel(
            hp =>
            {
                string kind = hp.Choice("model", ["a", "b"]);
                hp.Float("x", -3, 3);
                if (kind == "b")
                {
                    hp.Int("width", 1, 100, sampling: Sampling.Log);
                }
            },
            hp =>
            {
                if (Interlocked.Increment(ref fits) == cancelOnFit)
                {
                    cancelAt!.Cancel();
                    throw new OperationCanceledException(cancelAt.Token);
                }

                double x = hp.Get<double>("x");
                return hp.Get<string>("model") == "b" ? Math.Abs(x - 1) + Math.Abs(Math.Log(hp.Get<int>("width") / 20.0)) : 1 + x * x;
            });
        return new Tuner<ScoredConfiguration>(model, new Tpe(Objective.Minimize("loss"), maxTrials, seed: 5), options);
    }

    private static List<string> Describe(IReadOnlyList<StoredTrial> trials) =>
        trials.Select(trial => string.Join(";", trial.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")))).ToList();

    [Fact]
    public async Task Tpe_SpaceGrownByBuild_ResumesAsUninterrupted()
    {
        await GrowingTpeTuner(_folder.Options("whole"), maxTrials: 30).SearchAsync();
        var whole = _folder.StoredTrials("whole");
        Assert.Contains(whole, trial => trial.Values.ContainsKey("width"));

        await GrowingTpeTuner(_folder.Options("split"), maxTrials: 12).SearchAsync();
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "split", AcceptChangedStudy = true };
        var resumed = GrowingTpeTuner(options, maxTrials: 30);
        await resumed.SearchAsync();

        Assert.Equal(Describe(whole), Describe(_folder.StoredTrials("split")));
        Assert.Contains(resumed.Oracle.Space, parameter => parameter.Name == "width");

        using var cancellation = new CancellationTokenSource();
        var cancelled = GrowingTpeTuner(_folder.Options("cancel"), maxTrials: 30, cancellation, cancelOnFit: 14);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.SearchAsync(cancellation.Token));
        await GrowingTpeTuner(_folder.Options("cancel"), maxTrials: 30).SearchAsync();

        Assert.Equal(Describe(whole), Describe(_folder.StoredTrials("cancel")));
    }

    [Fact]
    public void Synchronize_AddsOtherWorkersBuildValues()
    {
        var oracle = new RandomSearch(maxTrials: 5, seed: 1);
        oracle.UpdateSpace([new ChoiceHyperParameter("model", ["a", "b"])], initial: true);
        var started = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var running = new StoredTrial
        {
            Number = 0, Status = TrialStatus.Running, Values = new Dictionary<string, object> { ["model"] = "b" },
            StartedAt = started, Attempts = 1, LeaseOwner = "other",
        };
        var finished = new StoredTrial
        {
            Number = 0, Status = TrialStatus.Completed, Values = new Dictionary<string, object> { ["model"] = "b", ["width"] = 7 },
            Score = 1.5, StartedAt = started, EndedAt = started.AddSeconds(3), Attempts = 1,
        };

        oracle.Synchronize([running], _ => null, "self", hasState: false, state: null);
        Assert.False(oracle.Trials[0].Values.ContainsKey("width"));
        oracle.Synchronize([finished], _ => null, "self", hasState: false, state: null);

        Assert.Equal(7, oracle.Trials[0].Values["width"]);
        Assert.Equal(TrialStatus.Completed, oracle.Trials[0].Status);
    }

    [Fact]
    public async Task FinishedTrial_StoresBuildValues()
    {
        await GrowingTpeTuner(_folder.Options(), maxTrials: 12).SearchAsync();

        var stored = _folder.StoredTrials();
        var firstB = stored.First(trial => (string)trial.Values["model"] == "b");

        Assert.Equal(1, firstB.Values["width"]);
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(11, 1)]
    [InlineData(13, 1)]
    [InlineData(16, 1)]
    [InlineData(20, 1)]
    [InlineData(5, 2)]
    [InlineData(11, 2)]
    [InlineData(19, 2)]
    public async Task Hyperband_ContinuesAfterCancellation(int cancelOnFit, int parallelTrials)
    {
        var whole = new EpochHyperModel();
        await new Tuner<EpochModel>(whole, NewHyperband(), _folder.Options("whole")).SearchAsync();
        var expected = _folder.StoredTrials("whole");
        Assert.Equal(23, expected.Count);

        using var cancellation = new CancellationTokenSource();
        var interrupted = new EpochHyperModel(cancellation, cancelOnFit);
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "parts", ParallelTrials = parallelTrials };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Tuner<EpochModel>(interrupted, NewHyperband(), options).SearchAsync(cancellation.Token));
        Assert.Contains(_folder.StoredTrials("parts"), trial => trial.Status == TrialStatus.Stopped);
        var resumedModel = new EpochHyperModel();
        var resumed = new Tuner<EpochModel>(resumedModel, NewHyperband(), options);
        await resumed.SearchAsync();

        var stored = _folder.StoredTrials("parts");
        Assert.Equal(expected.Select(trial => trial.Values["x"]), stored.Select(trial => trial.Values["x"]));
        Assert.Equal(expected.Select(trial => trial.Schedule), stored.Select(trial => trial.Schedule));
        Assert.Equal(expected.Select(trial => trial.Score), stored.Select(trial => trial.Score));
        Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(whole.EpochsTrained, interrupted.EpochsTrained + resumedModel.EpochsTrained);
        Assert.Equal(whole.Continued, interrupted.Continued + resumedModel.Continued);
        Assert.Equal(stored.Count(trial => trial.Schedule!.InitialEpoch > 0), whole.Continued);
        Assert.StartsWith("Hyperband is finished", resumed.Oracle.StopReason);
    }

    [Fact]
    public async Task Hyperband_AcceptedNewEpochsStartsFreshPlan()
    {
        using var cancellation = new CancellationTokenSource();
        var interrupted = new EpochHyperModel(cancellation, cancelOnFit: 13);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Tuner<EpochModel>(interrupted, NewHyperband(), _folder.Options()).SearchAsync(cancellation.Token));
        var before = _folder.StoredTrials();
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", AcceptChangedStudy = true };
        var changed = new Hyperband(Objective.Minimize("loss"), maxEpochs: 3, factor: 3, seed: 4);

        var resumed = new Tuner<EpochModel>(new EpochHyperModel(), changed, options);
        await resumed.SearchAsync();

        var stored = _folder.StoredTrials();
        var added = stored.Skip(before.Count).ToList();
        Assert.Equal(before.Select(trial => trial.Values["x"]), stored.Take(before.Count).Select(trial => trial.Values["x"]));
        Assert.Equal(changed.RoundSize(1, 0) + changed.RoundSize(1, 1) + changed.RoundSize(0, 0), added.Count);
        Assert.All(added, trial => Assert.InRange(trial.Schedule!.Epochs, 1, 3));
        Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.StartsWith("Hyperband is finished", resumed.Oracle.StopReason);
    }

    [Fact]
    public async Task Hyperband_InconsistentStoredState_IsRejected()
    {
        using var storage = new InMemoryStudyStorage();
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", Storage = storage };
        using (var cancellation = new CancellationTokenSource())
        {
            var interrupted = new EpochHyperModel(cancellation, cancelOnFit: 5);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => new Tuner<EpochModel>(interrupted, NewHyperband(), options).SearchAsync(cancellation.Token));
        }

        storage.Write("study", transaction =>
        {
            transaction.SaveOracleState("""{"PlanIndex":1,"Round":7,"RoundZeroClosed":false,"RoundTrials":[],"Promotions":[]}""");
            return 0;
        });
        var before = storage.ReadTrials("study");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new Tuner<EpochModel>(new EpochHyperModel(), NewHyperband(), options).SearchAsync());

        Assert.Contains("round 7", error.Message);
        Assert.Contains("Overwrite = true", error.Message);
        Assert.Equal(before.Select(trial => trial.Status), storage.ReadTrials("study").Select(trial => trial.Status));
    }

    private static Hyperband NewHyperband() => new(Objective.Minimize("loss"), maxEpochs: 9, factor: 3, seed: 4);

    /// <summary>A model whose state is the epoch its training reached.</summary>
    public sealed class EpochModel(IReadOnlyDictionary<string, object> values)
    {
        public IReadOnlyDictionary<string, object> Values { get; } = values;

        public int Epoch { get; set; }
    }

    /// <summary>
    /// A hypermodel that trains from the epoch its weights reached to the trial's epochs, counts the epochs trained,
    /// and saves the reached epoch as its weights. Fit fails when a trial that continues another did not start from
    /// that trial's weights.
    /// </summary>
    private sealed class EpochHyperModel(CancellationTokenSource? cancellation = null, int cancelOnFit = -1) : HyperModel<EpochModel>
    {
        private int _fits;
        private int _epochsTrained;
        private int _continued;

        public int EpochsTrained => _epochsTrained;

        /// <summary>How many trials trained on from weights that another trial saved.</summary>
        public int Continued => _continued;

        public override EpochModel Build(HyperParameters hyperParameters)
        {
            hyperParameters.Float("x", 0, 1);
            return new EpochModel(new Dictionary<string, object>(hyperParameters.Values));
        }

        public override FitResult Fit(HyperParameters hyperParameters, EpochModel model, TrialContext context)
        {
            if (Interlocked.Increment(ref _fits) == cancelOnFit)
            {
                cancellation!.Cancel();
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            if (model.Epoch != context.InitialEpoch)
            {
                throw new InvalidOperationException(
                    $"Trial {context.Trial.Id} should start at epoch {context.InitialEpoch}, but its weights reached epoch {model.Epoch}.");
            }

            if (context.InitialEpoch > 0)
            {
                Interlocked.Increment(ref _continued);
            }

            int epochs = context.Epochs!.Value;
            Interlocked.Add(ref _epochsTrained, epochs - model.Epoch);
            model.Epoch = epochs;
            return hyperParameters.Get<double>("x") + 1.0 / epochs;
        }

        public override bool SaveModel(EpochModel model, string path)
        {
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"{model.Values["x"]:R}\n{model.Epoch}"));
            return true;
        }

        public override void LoadModel(EpochModel model, string path)
        {
            string[] lines = File.ReadAllLines(path);
            string x = string.Create(CultureInfo.InvariantCulture, $"{model.Values["x"]:R}");
            if (lines[0] != x)
            {
                throw new InvalidOperationException($"The weights in {path} belong to x = {lines[0]}, not x = {x}.");
            }

            model.Epoch = int.Parse(lines[1], CultureInfo.InvariantCulture);
        }
    }
}
