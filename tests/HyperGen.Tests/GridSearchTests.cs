using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class GridSearchTests
{
    private static readonly Condition WhenMlp = new("model", ["mlp"]);
    private static readonly Condition WhenCnn = new("model", ["cnn"]);

    /// <summary>Runs the grid through ask and tell, completing every trial, and returns each trial's values.</summary>
    private static List<IReadOnlyDictionary<string, object>> RunGrid(GridSearch oracle, params HyperParameter[] space)
    {
        oracle.UpdateSpace(space, initial: true);
        var values = new List<IReadOnlyDictionary<string, object>>();
        while (oracle.CreateTrial() is ({ } trial, _))
        {
            values.Add(trial.Values);
            oracle.CompleteTrial(trial, values.Count);
        }

        return values;
    }

    private static string Describe(IReadOnlyDictionary<string, object> values) =>
        string.Join(",", values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    [Fact]
    public void GridSearch_LastDeclaredParameterChangesFastest()
    {
        var values = RunGrid(
            new GridSearch(),
            new ChoiceHyperParameter("opt", ["sgd", "adam"]),
            new ChoiceHyperParameter("lr", [0.01, 0.1]));

        Assert.Equal(
            ["lr=0.01,opt=sgd", "lr=0.1,opt=sgd", "lr=0.01,opt=adam", "lr=0.1,opt=adam"],
            values.Select(Describe));
    }

    [Fact]
    public void GridSearch_EachParameterStartsAtItsDefault()
    {
        var values = RunGrid(
            new GridSearch(),
            new ChoiceHyperParameter("a", [1, 2, 3], defaultValue: 2),
            new BooleanHyperParameter("flag"));

        Assert.Equal(
            ["a=2,flag=False", "a=2,flag=True", "a=1,flag=False", "a=1,flag=True", "a=3,flag=False", "a=3,flag=True"],
            values.Select(Describe));
    }

    [Fact]
    public void GridSearch_FixedValueIsKept()
    {
        var values = RunGrid(
            new GridSearch(),
            new BooleanHyperParameter("bo", defaultValue: true),
            new FixedHyperParameter("fx", 7));

        Assert.Equal(["bo=True,fx=7", "bo=False,fx=7"], values.Select(Describe));
    }

    [Fact]
    public void GridSearch_IntDefaultComesFirst()
    {
        var values = RunGrid(new GridSearch(), new IntHyperParameter("n", 1, 6, defaultValue: 5));

        Assert.Equal([5, 1, 2, 3, 4, 6], values.Select(v => (int)v["n"]));
    }

    [Fact]
    public void GridSearch_FloatGridIncludesReachedMax()
    {
        var values = RunGrid(new GridSearch(), new FloatHyperParameter("f", 0, 1, step: 0.2));

        double[] tried = values.Select(v => (double)v["f"]).ToArray();
        Assert.Equal(6, tried.Length);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], tried, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(1.0, tried[^1]);
    }

    [Fact]
    public void GridSearch_FloatDefault_TriedOnce()
    {
        var values = RunGrid(new GridSearch(), new FloatHyperParameter("f", 0, 1, step: 0.2, defaultValue: 0.6));

        double[] tried = values.Select(v => (double)v["f"]).ToArray();
        Assert.Equal(6, tried.Length);
        Assert.Equal(0.6, tried[0]);
        Assert.Single(tried, value => Math.Abs(value - 0.6) < 1e-9);
    }

    [Fact]
    public void GridSearch_IntLogGridGivesInts()
    {
        var values = RunGrid(new GridSearch(), new IntHyperParameter("n", 2, 32, step: 2, sampling: Sampling.Log));

        Assert.All(values, v => Assert.IsType<int>(v["n"]));
        Assert.Equal([2, 4, 8, 16, 32], values.Select(v => (int)v["n"]));
    }

    [Fact]
    public void GridSearch_ReverseLogGridRunsAscending()
    {
        // KerasTuner lists this grid descending (32, 30, 26, 18, 2); GridValues lists it ascending.
        var values = RunGrid(new GridSearch(), new IntHyperParameter("n", 2, 32, step: 2, sampling: Sampling.ReverseLog, defaultValue: 30));

        Assert.Equal([30, 2, 18, 26, 32], values.Select(v => (int)v["n"]));
    }

    [Fact]
    public void GridSearch_ConditionalParameters_SkipInactive()
    {
        var values = RunGrid(
            new GridSearch(),
            new ChoiceHyperParameter("model", ["mlp", "cnn"]),
            new IntHyperParameter("units", 8, 24, step: 8, conditions: [WhenMlp]),
            new ChoiceHyperParameter("kernel", [3, 5], conditions: [WhenCnn]));

        Assert.Equal(
            ["model=mlp,units=8", "model=mlp,units=16", "model=mlp,units=24", "kernel=3,model=cnn", "kernel=5,model=cnn"],
            values.Select(Describe));
    }

    [Fact]
    public void GridSearch_MaxTrials_StopsEarly()
    {
        var oracle = new GridSearch(maxTrials: 3);

        var values = RunGrid(oracle, new ChoiceHyperParameter("opt", ["sgd", "adam"]), new ChoiceHyperParameter("lr", [0.01, 0.1]));

        Assert.Equal(["lr=0.01,opt=sgd", "lr=0.1,opt=sgd", "lr=0.01,opt=adam"], values.Select(Describe));
        Assert.Equal(["0", "1", "2"], oracle.Trials.Select(t => t.Id));
        Assert.Equal("Reached the budget of 3 trials.", oracle.StopReason);
    }

    [Fact]
    public void GridSearch_StopsWhenExhausted()
    {
        var oracle = new GridSearch();
        RunGrid(oracle, new ChoiceHyperParameter("opt", ["sgd", "adam"]), new ChoiceHyperParameter("lr", [0.01, 0.1]));

        var (trial, proposal) = oracle.CreateTrial();

        Assert.Null(trial);
        Assert.Equal(TrialProposalStatus.Stopped, proposal.Status);
        Assert.Equal("The grid is exhausted: all 4 combinations of the search space have been tried.", proposal.Message);
        Assert.Equal(4, oracle.Trials.Count);
    }

    [Fact]
    public void GridSearch_ContinuousFloat_IsRejected()
    {
        var oracle = new GridSearch();
        oracle.UpdateSpace([new FloatHyperParameter("lr", 1e-4, 1e-1, sampling: Sampling.Log)], initial: true);

        var error = Assert.Throws<ArgumentException>(() => oracle.CreateTrial());

        Assert.Contains("hyperparameter 'lr'", error.Message);
        Assert.Contains("Give it a step", error.Message);
        Assert.Empty(oracle.Trials);
    }

    [Fact]
    public void GridSearch_IntLogWithoutStep_IsRejected()
    {
        var oracle = new GridSearch();
        oracle.UpdateSpace([new IntHyperParameter("units", 1, 1000, sampling: Sampling.Log)], initial: true);

        var error = Assert.Throws<ArgumentException>(() => oracle.CreateTrial());

        Assert.Contains("hyperparameter 'units'", error.Message);
        Assert.Contains("Give it a step", error.Message);
    }

    [Fact]
    public void GridSearch_HugeParameterGrid_IsRejected()
    {
        var oracle = new GridSearch();
        oracle.UpdateSpace([new IntHyperParameter("seed", 0, int.MaxValue - 1)], initial: true);

        var error = Assert.Throws<ArgumentException>(() => oracle.CreateTrial());

        Assert.Contains("hyperparameter 'seed'", error.Message);
        Assert.Contains("Give it a larger step", error.Message);
    }

    [Fact]
    public void GridSearch_HugeSpace_ProposesLazily()
    {
        var oracle = new GridSearch(maxTrials: 3);
        // A billion combinations: the grid is walked, never listed.
        HyperParameter[] space = [new IntHyperParameter("a", 0, 999), new IntHyperParameter("b", 0, 999), new IntHyperParameter("c", 0, 999)];

        var values = RunGrid(oracle, space);

        Assert.Equal(["a=0,b=0,c=0", "a=0,b=0,c=1", "a=0,b=0,c=2"], values.Select(Describe));
    }

    [Fact]
    public void GridSearch_SinglePointFloat_NeedsNoStep()
    {
        var values = RunGrid(new GridSearch(), new FloatHyperParameter("f", 0.5, 0.5), new BooleanHyperParameter("flag"));

        Assert.Equal(["f=0.5,flag=False", "f=0.5,flag=True"], values.Select(Describe));
    }

    [Fact]
    public void GridSearch_PendingTrials_CountAsTried()
    {
        var oracle = new GridSearch();
        oracle.UpdateSpace([new ChoiceHyperParameter("opt", ["sgd", "adam"]), new BooleanHyperParameter("flag")], initial: true);

        var pending = Enumerable.Range(0, 4).Select(_ => oracle.CreateTrial()).ToList();
        var afterAll = oracle.CreateTrial().Proposal;

        Assert.All(pending, created => Assert.Equal(TrialProposalStatus.Ready, created.Proposal.Status));
        Assert.Equal(4, pending.Select(created => Describe(created.Trial!.Values)).Distinct().Count());
        Assert.Equal(TrialProposalStatus.Stopped, afterAll.Status);
    }

    [Fact]
    public void GridSearch_Order_IgnoresFailuresAndPendingTrials()
    {
        HyperParameter[] space = [new ChoiceHyperParameter("a", [1, 2, 3]), new ChoiceHyperParameter("b", ["x", "y"])];
        var completed = RunGrid(new GridSearch(), space);
        var mixed = new GridSearch();
        mixed.UpdateSpace(space, initial: true);
        var order = new List<IReadOnlyDictionary<string, object>>();

        // Fail every third trial and leave every other one running; the order must not change.
        while (mixed.CreateTrial() is ({ } trial, _))
        {
            order.Add(trial.Values);
            if (trial.Number % 3 == 0)
            {
                mixed.FailTrial(trial, "Build failed.");
            }
            else if (trial.Number % 2 == 0)
            {
                mixed.CompleteTrial(trial, 1.0);
            }
        }

        Assert.Equal(completed.Select(Describe), order.Select(Describe));
    }

    [Fact]
    public void GridSearch_GrownSpace_SkipsCombinationsAlreadyTried()
    {
        var oracle = new GridSearch();
        oracle.UpdateSpace([new ChoiceHyperParameter("a", [1, 2])], initial: true);
        var first = oracle.CreateTrial().Trial!;
        oracle.CompleteTrial(first, 1.0);

        oracle.UpdateSpace([new ChoiceHyperParameter("a", [1, 2]), new BooleanHyperParameter("flag")]);
        var later = new List<IReadOnlyDictionary<string, object>>();
        while (oracle.CreateTrial() is ({ } trial, _))
        {
            later.Add(trial.Values);
            oracle.CompleteTrial(trial, 1.0);
        }

        Assert.Equal(["a=1,flag=True", "a=2,flag=False", "a=2,flag=True"], later.Select(Describe));
    }

    [Fact]
    public void GridSearch_UntunedNewParameter_KeepsDefault()
    {
        var oracle = new GridSearch(tuneNewEntries: false);
        oracle.UpdateSpace([new ChoiceHyperParameter("a", [1, 2])], initial: true);
        var first = oracle.CreateTrial().Trial!;
        oracle.CompleteTrial(first, 1.0);

        oracle.UpdateSpace([new ChoiceHyperParameter("a", [1, 2]), new BooleanHyperParameter("flag", defaultValue: true)]);
        var later = new List<IReadOnlyDictionary<string, object>>();
        while (oracle.CreateTrial() is ({ } trial, _))
        {
            later.Add(trial.Values);
            oracle.CompleteTrial(trial, 1.0);
        }

        Assert.Equal(["a=2,flag=True"], later.Select(Describe));
    }

    [Fact]
    public async Task GridSearch_WithTuner_BuildsEachCombinationOnce()
    {
        using var folder = new TemporaryDirectory();
        var model = new FunctionHyperModel(
            hp =>
            {
                string kind = hp.Choice("model", ["mlp", "cnn"]);
                using (hp.ConditionalScope("model", "mlp"))
                {
                    hp.Int("units", 8, 24, step: 8);
                }

                using (hp.ConditionalScope("model", "cnn"))
                {
                    hp.Choice("kernel", [3, 5]);
                }
            },
            hp => 1.0);
        var oracle = new GridSearch(seed: 1);
        var tuner = new Tuner<ScoredConfiguration>(model, oracle, new TunerOptions { Directory = folder.Path, ProjectName = "study", ParallelTrials = 2 });

        await tuner.SearchAsync();

        Assert.Equal(5, oracle.Trials.Count);
        Assert.Equal(5, oracle.Trials.Select(t => Describe(t.Values)).Distinct().Count());
        Assert.All(oracle.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.StartsWith("The grid is exhausted", oracle.StopReason);
    }
}
