using System.Globalization;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// Resuming a space that Build grew: each oracle, parallel workers, changed studies, new-entry settings, a Build that
/// throws, Reload, export and two tuners on one SQLite study.
/// </summary>
public sealed class GrownSpaceResumeTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Declares "model" and "x", and "width" only when model is "b", outside a conditional scope.</summary>
    private static void DeclareGrowing(HyperParameters hp)
    {
        string kind = hp.Choice("model", ["a", "b"]);
        hp.Float("x", -3, 3, step: 0.5);
        if (kind == "b")
        {
            hp.Int("width", 1, 8);
        }
    }

    private static double Score(HyperParameters hp)
    {
        double x = hp.Get<double>("x");

        return hp.Get<string>("model") == "b" ? Math.Abs(x - 1) + Math.Abs(hp.Get<int>("width") - 5) : 1 + x * x;
    }

    private static Tuner<ScoredConfiguration> GrowingTuner(
        Func<Oracle> oracle,
        TunerOptions options,
        CancellationTokenSource? cancelAt = null,
        int cancelOnFit = -1,
        Action<HyperParameters>? declare = null)
    {
        int fits = 0;
        var model = new FunctionHyperModel(
            declare ?? DeclareGrowing,
            hp =>
            {
                if (Interlocked.Increment(ref fits) == cancelOnFit)
                {
                    cancelAt!.Cancel();
                    throw new OperationCanceledException(cancelAt.Token);
                }

                return Score(hp);
            });

        return new Tuner<ScoredConfiguration>(model, oracle(), options);
    }

    private static List<string> Describe(IReadOnlyList<StoredTrial> trials) =>
        trials.Select(trial => $"{trial.Status} " + string.Join(";", trial.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")))).ToList();

    public static TheoryData<string> OracleNames => new() { "random", "tpe", "bayesian", "grid" };

    private static Func<Oracle> NewOracle(string name) => name switch
    {
        "random" => () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 16, seed: 3),
        "tpe" => () => new Tpe(Objective.Minimize("loss"), 16, seed: 3),
        "bayesian" => () => new BayesianOptimization(Objective.Minimize("loss"), maxTrials: 12, seed: 3),
        _ => () => new GridSearch(Objective.Minimize("loss"), maxTrials: 40, seed: 3),
    };

    [Theory]
    [MemberData(nameof(OracleNames))]
    public async Task Oracle_CancelledAndResumed_MatchesWhole(string name)
    {
        await GrowingTuner(NewOracle(name), _folder.Options("whole")).SearchAsync();
        var whole = _folder.StoredTrials("whole");
        Assert.Contains(whole, trial => trial.Values.ContainsKey("width"));
        int firstWidth = whole.ToList().FindIndex(trial => trial.Values.ContainsKey("width"));

        using var cancellation = new CancellationTokenSource();
        var cancelled = GrowingTuner(NewOracle(name), _folder.Options("split"), cancellation, cancelOnFit: firstWidth + 3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.SearchAsync(cancellation.Token));
        var resumed = GrowingTuner(NewOracle(name), _folder.Options("split"));
        await resumed.SearchAsync();

        Assert.Equal(Describe(whole), Describe(_folder.StoredTrials("split")));
    }

    [Fact]
    public async Task Hyperband_CancelledAndResumed_MatchesWhole()
    {
        static Oracle NewHyperband() => new Hyperband(Objective.Minimize("loss"), maxEpochs: 9, factor: 3, seed: 4);

        await GrowingTuner(NewHyperband, _folder.Options("whole")).SearchAsync();
        var whole = _folder.StoredTrials("whole");
        Assert.Contains(whole, trial => trial.Values.ContainsKey("width") && trial.Schedule?.ResumeFromTrialId is not null);

        foreach (int cancelOnFit in new[] { 4, 9, 12 })
        {
            string project = $"split{cancelOnFit}";
            using var cancellation = new CancellationTokenSource();
            var cancelled = GrowingTuner(NewHyperband, _folder.Options(project), cancellation, cancelOnFit);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.SearchAsync(cancellation.Token));
            await GrowingTuner(NewHyperband, _folder.Options(project)).SearchAsync();

            var stored = _folder.StoredTrials(project);
            Assert.Equal(Describe(whole), Describe(stored));
            Assert.Equal(whole.Select(trial => trial.Schedule), stored.Select(trial => trial.Schedule));
        }

        var reloaded = GrowingTuner(NewHyperband, _folder.Options("split9"));
        reloaded.Reload();
        Assert.Equal(5, reloaded.GetBestModels(5).Count);
        Assert.Contains(reloaded.Oracle.Space, parameter => parameter.Name == "width");
    }

    [Fact]
    public async Task ParallelTrials_Resumed_KeepsWidth()
    {
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "p", ParallelTrials = 2 };
        using var cancellation = new CancellationTokenSource();
        var cancelled = GrowingTuner(NewOracle("tpe"), options, cancellation, cancelOnFit: 9);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.SearchAsync(cancellation.Token));
        var resumed = GrowingTuner(NewOracle("tpe"), options);
        await resumed.SearchAsync();

        var stored = _folder.StoredTrials("p");
        Assert.Equal(16, stored.Count);
        Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.All(
            stored.Where(trial => (string)trial.Values["model"] == "b"),
            trial => Assert.True(trial.Values.ContainsKey("width"), $"trial {trial.Number} lacks width"));
        Assert.Contains(resumed.Oracle.Space, parameter => parameter.Name == "width");
    }

    [Fact]
    public async Task AcceptChangedStudy_BuildDropsWidth_Resumes()
    {
        await GrowingTuner(NewOracle("tpe"), _folder.Options("s")).SearchAsync();
        Assert.Contains(_folder.StoredTrials("s"), trial => trial.Values.ContainsKey("width"));

        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "s", AcceptChangedStudy = true };
        static void Without(HyperParameters hp)
        {
            hp.Choice("model", ["a", "c"]);
            hp.Float("x", -3, 3, step: 0.5);
        }

        var changed = GrowingTuner(() => new Tpe(Objective.Minimize("loss"), 24, seed: 3), options, declare: Without);
        changed.Reload();
        Assert.DoesNotContain(changed.Oracle.Space, parameter => parameter.Name == "width");
        _ = changed.GetBestHyperParameters(3);

        var model = new FunctionHyperModel(Without, hp => 1 + hp.Get<double>("x"));
        var search = new Tuner<ScoredConfiguration>(model, new Tpe(Objective.Minimize("loss"), 24, seed: 3), options);
        await search.SearchAsync();
        Assert.DoesNotContain(search.Oracle.Space, parameter => parameter.Name == "width");
        Assert.Equal(24, _folder.StoredTrials("s").Count);
    }

    [Fact]
    public async Task AllowNewEntriesFalse_FailedTrial_Reloads()
    {
        // Trials with model "b" fail in the first search: Build declares width, which the oracle rejects.
        Func<Oracle> oracle = () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 3, allowNewEntries: false);
        var first = GrowingTuner(oracle, new TunerOptions { Directory = _folder.Path, ProjectName = "n", MaxConsecutiveFailedTrials = 100 });
        await first.SearchAsync();
        var stored = _folder.StoredTrials("n");
        Assert.Contains(stored, trial => trial.Status == TrialStatus.Failed && (string)trial.Values["model"] == "b");
        Assert.DoesNotContain(stored, trial => trial.Values.ContainsKey("width"));
        Assert.DoesNotContain(first.Oracle.Space, parameter => parameter.Name == "width");

        var reloaded = GrowingTuner(oracle, new TunerOptions { Directory = _folder.Path, ProjectName = "n", MaxConsecutiveFailedTrials = 100 });
        var error = Record.Exception(reloaded.Reload);

        Assert.Null(error);
        Assert.DoesNotContain(reloaded.Oracle.Space, parameter => parameter.Name == "width");
    }

    [Fact]
    public async Task TuneNewEntriesFalse_Resumed_MatchesWhole()
    {
        Func<Oracle> oracle = () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 16, seed: 3, tuneNewEntries: false);
        await GrowingTuner(oracle, _folder.Options("whole")).SearchAsync();
        var whole = _folder.StoredTrials("whole");

        using var cancellation = new CancellationTokenSource();
        var cancelled = GrowingTuner(oracle, _folder.Options("split"), cancellation, cancelOnFit: 8);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.SearchAsync(cancellation.Token));
        var resumed = GrowingTuner(oracle, _folder.Options("split"));
        await resumed.SearchAsync();

        Assert.Equal(Describe(whole), Describe(_folder.StoredTrials("split")));
        Assert.All(whole.Where(t => t.Values.ContainsKey("width")), t => Assert.Equal(1, t.Values["width"]));
    }

    [Fact]
    public async Task Reload_BestResults_IncludeWidth()
    {
        await GrowingTuner(NewOracle("tpe"), _folder.Options("r")).SearchAsync();
        var reloaded = GrowingTuner(NewOracle("tpe"), _folder.Options("r"));
        reloaded.Reload();

        var best = reloaded.GetBestHyperParameters(16);
        var stored = _folder.StoredTrials("r").Where(t => t.Status == TrialStatus.Completed).ToList();
        Assert.Equal(stored.Count, best.Count);
        foreach (var hp in best.Where(hp => hp.Get<string>("model") == "b"))
        {
            Assert.True(hp.Values.ContainsKey("width"));
        }

        var models = reloaded.GetBestModels(16);
        Assert.Equal(stored.Count, models.Count);
        Assert.Contains("width", reloaded.ResultsSummary(16), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninterrupted_BestHyperParameters_ReadWidth()
    {
        var tuner = GrowingTuner(NewOracle("tpe"), _folder.Options("u"));
        await tuner.SearchAsync();
        foreach (var hp in tuner.GetBestHyperParameters(16).Where(hp => hp.Get<string>("model") == "b"))
        {
            Assert.InRange(hp.Get<int>("width"), 1, 8);
        }

        var reloaded = GrowingTuner(NewOracle("tpe"), _folder.Options("u"));
        reloaded.Reload();
        var best = reloaded.GetBestHyperParameters(1)[0];
        Assert.True(best.Values.ContainsKey("width"));
        Assert.InRange(best.Get<int>("width"), 1, 8);
    }

    [Fact]
    public async Task BuildAlwaysThrowsForB_Reloads()
    {
        static void Throwing(HyperParameters hp)
        {
            DeclareGrowing(hp);
            if (hp.Get<string>("model") == "b")
            {
                throw new NotSupportedException("model b is not available on this machine");
            }
        }

        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "t2", MaxConsecutiveFailedTrials = 100 };
        Func<Oracle> oracle = () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 3);
        var first = GrowingTuner(oracle, options, declare: Throwing);
        await first.SearchAsync();
        Assert.Contains(_folder.StoredTrials("t2"), trial => trial.Status == TrialStatus.Failed && (string)trial.Values["model"] == "b");
        Assert.DoesNotContain(_folder.StoredTrials("t2"), trial => trial.Values.ContainsKey("width"));
        Assert.DoesNotContain(first.Oracle.Space, parameter => parameter.Name == "width");

        var reloaded = GrowingTuner(oracle, options, declare: Throwing);
        var error = Record.Exception(reloaded.Reload);

        Assert.Null(error);
    }

    [Fact]
    public async Task TransientBuildFailure_ReloadKeepsSpaceOrder()
    {
        // Build fails once, for the first trial that declares width. When depth joins the space before width does,
        // the failed trial must not put width first on reload.
        for (int seed = 1; seed <= 40; seed++)
        {
            int widthBuilds = 0;
            void Declare(HyperParameters hp)
            {
                string kind = hp.Choice("model", ["a", "b", "c"]);
                hp.Float("x", -3, 3, step: 0.5);
                if (kind == "b")
                {
                    hp.Int("width", 1, 8);
                    if (Interlocked.Increment(ref widthBuilds) == 1)
                    {
                        throw new InvalidOperationException("out of device memory");
                    }
                }

                if (kind == "c")
                {
                    hp.Int("depth", 1, 8);
                }
            }

            string project = $"o{seed}";
            var options = new TunerOptions { Directory = _folder.Path, ProjectName = project, MaxConsecutiveFailedTrials = 100 };
            int oracleSeed = seed;
            Func<Oracle> oracle = () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 12, seed: oracleSeed);
            var first = new Tuner<ScoredConfiguration>(new FunctionHyperModel(Declare, _ => 1.0), oracle(), options);
            await first.SearchAsync();
            var names = first.Oracle.Space.Select(p => p.Name).ToList();
            var stored = _folder.StoredTrials(project).ToList();
            int failed = stored.FindIndex(trial => trial.Status == TrialStatus.Failed);
            int firstDepth = stored.FindIndex(trial => trial.Values.ContainsKey("depth"));
            if (!names.Contains("width") || !names.Contains("depth") || names.IndexOf("depth") > names.IndexOf("width")
                || failed < 0 || failed > firstDepth)
            {
                continue;
            }

            var reloaded = new Tuner<ScoredConfiguration>(new FunctionHyperModel(Declare, _ => 1.0), oracle(), options);
            reloaded.Reload();

            var reloadedNames = reloaded.Oracle.Space.Select(p => p.Name).ToList();
            Assert.True(names.SequenceEqual(reloadedNames), $"seed {seed}: {string.Join(",", names)} became {string.Join(",", reloadedNames)}");
            return;
        }

        Assert.Fail("no seed put depth before width");
    }

    [Fact]
    public async Task Export_WritesBuildValues()
    {
        var tuner = GrowingTuner(NewOracle("tpe"), _folder.Options("e"));
        await tuner.SearchAsync();
        string csv = Path.Combine(_folder.Path, "e.csv");
        string json = Path.Combine(_folder.Path, "e.json");
        tuner.ExportCsv(csv);
        tuner.ExportJson(json);

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        int column = Array.IndexOf(header, "param_width");
        Assert.True(column >= 0, lines[0]);
        int modelColumn = Array.IndexOf(header, "param_model");
        foreach (string line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields[modelColumn] == "b")
            {
                Assert.True(fields[column].Length > 0, line);
            }
        }

        Assert.Contains("\"width\"", File.ReadAllText(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTunersOneStudy_ShareWidth()
    {
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "two", LeaseDuration = TimeSpan.FromSeconds(10) };
        var first = GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 20, seed: 3), options);
        var second = GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 20, seed: 3), options);

        await first.SearchAsync();
        await Task.WhenAll(
            GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 30, seed: 3), new TunerOptions { Directory = _folder.Path, ProjectName = "two", LeaseDuration = TimeSpan.FromSeconds(10), AcceptChangedStudy = true }).SearchAsync(),
            GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 30, seed: 3), new TunerOptions { Directory = _folder.Path, ProjectName = "two", LeaseDuration = TimeSpan.FromSeconds(10), AcceptChangedStudy = true }).SearchAsync());

        var stored = _folder.StoredTrials("two");
        Assert.Equal(30, stored.Count);
        Assert.All(
            stored.Where(trial => (string)trial.Values["model"] == "b"),
            trial => Assert.True(trial.Values.ContainsKey("width"), $"trial {trial.Number} lacks width"));

        second = GrowingTuner(
            () => new RandomSearch(Objective.Minimize("loss"), maxTrials: 30, seed: 3),
            new TunerOptions { Directory = _folder.Path, ProjectName = "two", AcceptChangedStudy = true });
        second.Reload();
        Assert.Contains(second.Oracle.Space, parameter => parameter.Name == "width");
        Assert.All(
            second.Oracle.Trials.Where(trial => (string)trial.Values["model"] == "b"),
            trial => Assert.True(trial.Values.ContainsKey("width"), $"trial {trial.Id} lacks width"));
        Assert.All(
            second.Oracle.Trials.Where(trial => (string)trial.Values["model"] == "b"),
            trial => Assert.InRange(trial.HyperParameters.Get<int>("width"), 1, 8));
    }

    [Fact]
    public async Task ConcurrentTuners_OtherWorkersTrials_ReadWidth()
    {
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "c", ParallelTrials = 1 };
        var first = GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 30, seed: 3), options);
        var second = GrowingTuner(() => new RandomSearch(Objective.Minimize("loss"), maxTrials: 30, seed: 3), options);
        await first.SearchAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(1)).Token).ContinueWith(_ => { });
        await Task.WhenAll(first.SearchAsync(), second.SearchAsync());

        Assert.Equal(30, _folder.StoredTrials("c").Count);
        var broken = new List<string>();
        foreach (var (tuner, index) in new[] { (first, 0), (second, 1) })
        {
            Assert.Equal(30, tuner.Oracle.Trials.Count);
            foreach (var trial in tuner.Oracle.Trials.Where(trial => (string)trial.Values["model"] == "b"))
            {
                // A tuner that never built a "b" trial has no definition of width, but still reads the stored value.
                Assert.True(trial.Values.ContainsKey("width"), $"trial {trial.Id} lacks width");
                int width = trial.HyperParameters.Get<int>("width");
                if (width is < 1 or > 8 || !trial.HyperParameters.ToString().Contains($"width={width}", StringComparison.Ordinal))
                {
                    broken.Add($"tuner {index} trial {trial.Number}: {trial.HyperParameters}");
                }
            }
        }

        string spaces = $"first ran {((FunctionHyperModel)first.HyperModel).Built.Count} builds, space {string.Join(",", first.Oracle.Space.Select(p => p.Name))}; " +
            $"second ran {((FunctionHyperModel)second.HyperModel).Built.Count} builds, space {string.Join(",", second.Oracle.Space.Select(p => p.Name))}";
        Assert.True(broken.Count == 0, spaces + ": " + string.Join(", ", broken));
    }
}
