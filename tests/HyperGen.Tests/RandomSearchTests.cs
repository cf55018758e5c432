using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class RandomSearchTests
{
    private static void EighteenCombinations(HyperParameters hp)
    {
        hp.Int("units", 32, 96, step: 32);
        hp.Int("layers", 3, 7, step: 2);
        hp.Choice("lr", [1e-3, 1e-5]);
    }

    private static async Task<List<Trial>> RunAsync(Action<HyperParameters> declare, RandomSearch oracle, TemporaryDirectory folder)
    {
        var model = new FunctionHyperModel(declare, hp => 1.0);
        var tuner = new Tuner<ScoredConfiguration>(model, oracle, folder.Options());
        await tuner.SearchAsync();
        return oracle.Trials.ToList();
    }

    [Fact]
    public async Task SameSeed_GivesSameTrials()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var a = await RunAsync(EighteenCombinations, new RandomSearch(maxTrials: 10, seed: 7), first);
        var b = await RunAsync(EighteenCombinations, new RandomSearch(maxTrials: 10, seed: 7), second);

        Assert.Equal(a.Select(t => t.HyperParameters.ToString()), b.Select(t => t.HyperParameters.ToString()));
    }

    [Fact]
    public async Task DifferentSeeds_GiveDifferentTrials()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var a = await RunAsync(hp => hp.Float("x", 0, 1), new RandomSearch(maxTrials: 5, seed: 0), first);
        var b = await RunAsync(hp => hp.Float("x", 0, 1), new RandomSearch(maxTrials: 5, seed: 1), second);

        Assert.NotEqual(a.Select(t => t.Values["x"]), b.Select(t => t.Values["x"]));
    }

    [Fact]
    public async Task SeedZero_IsAnOrdinarySeed()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var a = await RunAsync(hp => hp.Float("x", 0, 1), new RandomSearch(maxTrials: 3, seed: 0), first);
        var b = await RunAsync(hp => hp.Float("x", 0, 1), new RandomSearch(maxTrials: 3, seed: 0), second);

        Assert.Equal(0, new RandomSearch(seed: 0).Seed);
        Assert.Equal(a.Select(t => t.Values["x"]), b.Select(t => t.Values["x"]));
    }

    [Fact]
    public async Task FiniteSpace_IsExhaustedExactlyForEverySeed()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            using var folder = new TemporaryDirectory();

            var trials = await RunAsync(EighteenCombinations, new RandomSearch(maxTrials: 18, seed: seed), folder);

            Assert.Equal(18, trials.Count);
            Assert.Equal(18, trials.Select(t => t.HyperParameters.ToString()).Distinct().Count());
        }
    }

    [Fact]
    public async Task ExhaustedSpace_StopsWithMessage()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(maxTrials: 100, seed: 3);

        var trials = await RunAsync(EighteenCombinations, oracle, folder);

        Assert.Equal(18, trials.Count);
        Assert.Contains("exhausted", oracle.StopReason);
        Assert.Contains("18 configurations", oracle.StopReason);
    }

    [Fact]
    public async Task ConditionalSpace_CountsOnlyActiveValues()
    {
        // model=mlp has units 8, 16 or 24; model=cnn has kernel 3 or 5: five configurations in all.
        static void Declare(HyperParameters hp)
        {
            hp.Choice("model", ["mlp", "cnn"]);
            using (hp.ConditionalScope("model", "mlp"))
            {
                hp.Int("units", 8, 24, step: 8);
            }

            using (hp.ConditionalScope("model", "cnn"))
            {
                hp.Choice("kernel", [3, 5]);
            }
        }

        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(maxTrials: 50, seed: 11);

        var trials = await RunAsync(Declare, oracle, folder);

        Assert.Equal(5, trials.Count);
        Assert.All(trials.Where(t => (string)t.Values["model"] == "mlp"), t => Assert.False(t.Values.ContainsKey("kernel")));
        Assert.All(trials.Where(t => (string)t.Values["model"] == "cnn"), t => Assert.False(t.Values.ContainsKey("units")));
        Assert.Equal(5, trials.Select(t => t.HyperParameters.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task SampledValues_StayInsideTheSpace()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(maxTrials: 40, seed: 5);

        var trials = await RunAsync(
            hp =>
            {
                hp.Int("units", 16, 256, step: 16);
                hp.Float("lr", 1e-5, 1e-1, sampling: Sampling.Log);
                hp.Float("momentum", 0.5, 0.99, sampling: Sampling.ReverseLog);
                hp.Fixed("epochs", 3);
            },
            oracle,
            folder);

        foreach (var trial in trials)
        {
            Assert.Equal(0, (int)trial.Values["units"] % 16);
            Assert.InRange((double)trial.Values["lr"], 1e-5, 1e-1);
            Assert.InRange((double)trial.Values["momentum"], 0.5, 0.99);
            Assert.Equal(3, trial.Values["epochs"]);
        }
    }

    /// <summary>Asks for trials and completes each one until the oracle stops, and returns each trial's values as text.</summary>
    private static List<string> ProposeAll(RandomSearch oracle, IReadOnlyList<HyperParameter> space)
    {
        oracle.UpdateSpace(space, initial: true);
        var proposals = new List<string>();
        for (var (trial, _) = oracle.CreateTrial(); trial is not null; (trial, _) = oracle.CreateTrial())
        {
            proposals.Add(trial.HyperParameters.ToString());
            oracle.CompleteTrial(trial, 1.0);
        }

        return proposals;
    }

    [Fact]
    public void SeededFiniteSpace_KeepsItsProposalOrder()
    {
        // The proposals of seed 7, recorded before the repeat check was made faster. The last trials come from the
        // list of untried configurations, so the order pins both the random draws and the repeat detection.
        string[] expected =
        [
            "units=96, layers=5, lr=1E-05", "units=32, layers=7, lr=1E-05", "units=96, layers=5, lr=0.001",
            "units=96, layers=3, lr=0.001", "units=64, layers=3, lr=1E-05", "units=96, layers=7, lr=1E-05",
            "units=96, layers=3, lr=1E-05", "units=96, layers=7, lr=0.001", "units=32, layers=7, lr=0.001",
            "units=32, layers=5, lr=0.001", "units=32, layers=3, lr=0.001", "units=64, layers=7, lr=0.001",
            "units=32, layers=3, lr=1E-05", "units=64, layers=3, lr=0.001", "units=64, layers=7, lr=1E-05",
            "units=64, layers=5, lr=1E-05", "units=64, layers=5, lr=0.001", "units=32, layers=5, lr=1E-05",
        ];
        HyperParameter[] space =
        [
            new IntHyperParameter("units", 32, 96, step: 32),
            new IntHyperParameter("layers", 3, 7, step: 2),
            new ChoiceHyperParameter("lr", [1e-3, 1e-5]),
        ];

        var proposals = ProposeAll(new RandomSearch(maxTrials: 100, seed: 7), space);

        Assert.Equal(expected, proposals);
    }

    [Fact]
    public void SeededConditionalSpace_KeepsItsProposalOrder()
    {
        // The proposals of seed 11, recorded before the repeat check was made faster.
        string[] expected =
        [
            "model=\"cnn\", kernel=3", "model=\"mlp\", units=24", "model=\"cnn\", kernel=5",
            "model=\"mlp\", units=16", "model=\"mlp\", units=8",
        ];
        Condition[] whenMlp = [new Condition("model", ["mlp"])];
        Condition[] whenCnn = [new Condition("model", ["cnn"])];
        HyperParameter[] space =
        [
            new ChoiceHyperParameter("model", ["mlp", "cnn"]),
            new IntHyperParameter("units", 8, 24, step: 8, conditions: whenMlp),
            new ChoiceHyperParameter("kernel", [3, 5], conditions: whenCnn),
        ];

        var proposals = ProposeAll(new RandomSearch(maxTrials: 50, seed: 11), space);

        Assert.Equal(expected, proposals);
    }

    [Fact]
    public void SeededMixedSpace_KeepsItsFirstProposals()
    {
        // The proposals of seed 0, recorded before the repeat check was made faster. The doubles are round-trip exact.
        var oracle = new RandomSearch(maxTrials: 10, seed: 0);
        oracle.UpdateSpace(
            [
                new IntHyperParameter("units", 32, 512, step: 32),
                new IntHyperParameter("layers", 1, 4),
                new FloatHyperParameter("learning_rate", 1e-5, 1e-1, sampling: Sampling.Log),
                new FloatHyperParameter("dropout", 0, 0.5),
                new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu", "sigmoid"]),
                new BooleanHyperParameter("batch_norm"),
            ],
            initial: true);

        var first = oracle.CreateTrial().Trial!;
        oracle.CompleteTrial(first, 1.0);
        var second = oracle.CreateTrial().Trial!;

        Assert.Equal(480, first.Values["units"]);
        Assert.Equal(2, first.Values["layers"]);
        Assert.Equal(0.001557740355862048, first.Values["learning_rate"]);
        Assert.Equal(0.23178748335604749, first.Values["dropout"]);
        Assert.Equal("tanh", first.Values["activation"]);
        Assert.True((bool)first.Values["batch_norm"]);
        Assert.Equal(416, second.Values["units"]);
        Assert.Equal(3, second.Values["layers"]);
        Assert.Equal(0.01795115643301332, second.Values["learning_rate"]);
        Assert.Equal(0.40506681434953157, second.Values["dropout"]);
        Assert.Equal("sigmoid", second.Values["activation"]);
        Assert.True((bool)second.Values["batch_norm"]);
    }

    [Fact]
    public void MaxTrialsBelowOne_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(maxTrials: 0));

        Assert.Contains("at least 1", error.Message);
    }
}
