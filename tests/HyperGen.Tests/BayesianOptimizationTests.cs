using HyperGen;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace HyperGen.Tests;

public class BayesianOptimizationTests
{
    private static readonly HyperParameter[] s_plane = [new FloatHyperParameter("x", -5, 10), new FloatHyperParameter("y", 0, 15)];

    private static double Branin(double x, double y)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.Pow(y - (b * x * x) + (c * x) - 6, 2) + (10 * (1 - t) * Math.Cos(x)) + 10;
    }

    private static double Bowl(IReadOnlyDictionary<string, object> values) =>
        Math.Pow((double)values["x"] - 2, 2) + Math.Pow((double)values["y"] - 7, 2);

    /// <summary>Draws a standard normal value with the Box-Muller transform.</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Asks for and completes trials until the oracle stops or <paramref name="count"/> trials ran.</summary>
    private static List<Trial> Run(
        Oracle oracle, IReadOnlyList<HyperParameter> space, Func<IReadOnlyDictionary<string, object>, double> score, int count)
    {
        oracle.UpdateSpace(space, initial: true);
        return AskAndTell.Run(oracle, score, count);
    }

    private static string Key(Trial trial) => trial.HyperParameters.ToString();

    // Encoding

    [Fact]
    public void Encoder_RoundTripsEveryParameterType()
    {
        HyperParameter[] space =
        [
            new IntHyperParameter("units", 16, 256, step: 16),
            new IntHyperParameter("heads", 1, 64, sampling: Sampling.Log),
            new FloatHyperParameter("lr", 1e-5, 1e-1, sampling: Sampling.Log),
            new FloatHyperParameter("momentum", 0.5, 0.99, sampling: Sampling.ReverseLog),
            new FloatHyperParameter("dropout", 0, 0.5, step: 0.1),
            new FloatHyperParameter("decay", 0, 1),
            new ChoiceHyperParameter("batch", [16, 32, 64]),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
            new BooleanHyperParameter("bias"),
            new FixedHyperParameter("epochs", 3),
        ];
        var encoder = new SpaceEncoder(space, p => p.IsTunable);
        var values = new Dictionary<string, object>
        {
            ["units"] = 112, ["heads"] = 7, ["lr"] = 3e-4, ["momentum"] = 0.9, ["dropout"] = 0.3, ["decay"] = 0.25,
            ["batch"] = 32, ["activation"] = "gelu", ["bias"] = true, ["epochs"] = 3,
        };

        var decoded = encoder.Decode(encoder.Encode(values));

        Assert.Equal(9, encoder.ParameterCount);
        Assert.Equal(11, encoder.UnitDimension);
        Assert.Equal(values.Keys.Order(), decoded.Keys.Order());
        foreach (string name in new[] { "units", "heads", "batch", "activation", "bias", "epochs" })
        {
            Assert.Equal(values[name], decoded[name]);
        }

        foreach (string name in new[] { "lr", "momentum", "dropout", "decay" })
        {
            Assert.Equal((double)values[name], (double)decoded[name], 1e-9);
        }
    }

    [Fact]
    public void Encoder_MapsLogChoiceAndBoolean()
    {
        HyperParameter[] space =
        [
            new FloatHyperParameter("lr", 1e-4, 1e-1, sampling: Sampling.Log),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
            new ChoiceHyperParameter("batch", [16, 32, 64]),
            new BooleanHyperParameter("bias"),
        ];
        var encoder = new SpaceEncoder(space, p => p.IsTunable);
        var values = new Dictionary<string, object> { ["lr"] = 1e-3, ["activation"] = "tanh", ["batch"] = 64, ["bias"] = true };

        var point = encoder.Encode(values);

        Assert.Equal(1.0 / 3, point[0], 1e-12);
        Assert.Equal([0.0, 1.0, 0.0], point[1..4]);
        Assert.Equal(5.0 / 6, point[4], 1e-12);
        Assert.Equal(1.0, point[5]);
    }

    [Fact]
    public void Encoder_DecodesRelaxedPointsOntoTheGrid()
    {
        HyperParameter[] space =
        [
            new IntHyperParameter("units", 16, 256, step: 16),
            new FloatHyperParameter("dropout", 0, 0.5, step: 0.1),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
        ];
        var encoder = new SpaceEncoder(space, p => p.IsTunable);

        var values = encoder.Decode([0.37, 0.99, 0.2, 0.7, 0.4]);

        Assert.Equal(0, (int)values["units"] % 16);
        Assert.Contains((double)values["dropout"], new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 });
        Assert.Equal(0.5, (double)values["dropout"], 1e-12);
        Assert.Equal("tanh", values["activation"]);
    }

    [Fact]
    public void Encoder_InactiveIsEquidistant()
    {
        var model = new ChoiceHyperParameter("model", ["mlp", "cnn"]);
        var units = new IntHyperParameter("units", 8, 512, step: 8, conditions: [new Condition("model", ["mlp"])]);
        var kernel = new ChoiceHyperParameter("kernel", ["small", "large", "dilated"], conditions: [new Condition("model", ["cnn"])]);
        var encoder = new SpaceEncoder([model, units, kernel], p => p.IsTunable);
        var cnn = encoder.Complete(new Dictionary<string, object> { ["model"] = "cnn", ["kernel"] = "large" });
        var inactive = encoder.Features(encoder.Encode(cnn), cnn);

        var distances = new List<double>();
        foreach (int value in new[] { 8, 64, 256, 512 })
        {
            var mlp = encoder.Complete(new Dictionary<string, object> { ["model"] = "mlp", ["units"] = value });
            var active = encoder.Features(encoder.Encode(mlp), mlp);
            distances.Add(Math.Sqrt(Math.Pow(active[2] - inactive[2], 2) + Math.Pow(active[3] - inactive[3], 2)));
            Assert.Equal([0.0, 0.0, 0.0], active[4..7]);
        }

        Assert.All(distances, distance => Assert.Equal(0.5, distance, 1e-12));
        Assert.Equal([0.0, 1.0, 0.0], inactive[4..7]);
        Assert.Equal(7, encoder.FeatureDimension);
    }

    [Fact]
    public void Encoder_LeavesOutFixedAndUntunedParameters()
    {
        HyperParameter[] space =
        [
            new FixedHyperParameter("epochs", 3),
            new FloatHyperParameter("lr", 0, 1),
            new IntHyperParameter("late", 0, 9),
        ];
        var encoder = new SpaceEncoder(space, p => p.IsTunable && p.Name != "late");

        var values = encoder.Decode([0.25]);

        Assert.Equal(1, encoder.UnitDimension);
        Assert.Equal(3, values["epochs"]);
        Assert.Equal(0.25, (double)values["lr"], 1e-12);
        Assert.Equal(0, values["late"]);
    }

    [Fact]
    public void Encoder_CompletesTrialsFromBeforeTheSpaceGrew()
    {
        HyperParameter[] space = [new FloatHyperParameter("lr", 0, 1), new IntHyperParameter("layers", 1, 4, defaultValue: 2)];
        var encoder = new SpaceEncoder(space, p => p.IsTunable);

        var values = encoder.Complete(new Dictionary<string, object> { ["lr"] = 0.5 });

        Assert.Equal(2, values["layers"]);
    }

    // Gaussian process

    [Fact]
    public void GaussianProcess_InterpolatesTrainingPoints()
    {
        double[][] inputs = [[0.1], [0.3], [0.5], [0.7], [0.9]];
        double[] targets = inputs.Select(x => Math.Sin(6 * x[0])).ToArray();

        var process = GaussianProcess.Fit(inputs, targets, 1e-6, new DeterministicRandom(1, 0), 3);

        for (int i = 0; i < inputs.Length; i++)
        {
            var (mean, deviation) = process.Predict(inputs[i]);
            Assert.Equal(targets[i], mean, 0.05);
            Assert.True(deviation < 0.1, $"deviation {deviation} at a training point");
        }

        Assert.True(process.Predict([3.0]).StandardDeviation > process.Predict([0.5]).StandardDeviation);
    }

    [Fact]
    public void GaussianProcess_GradientMatchesFiniteDifferences()
    {
        var random = new DeterministicRandom(4, 0);
        double[][] inputs = Enumerable.Range(0, 12)
            .Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() })
            .ToArray();
        double[] targets = inputs.Select(x => Math.Sin(3 * x[0]) + (x[1] * x[2])).ToArray();
        var process = GaussianProcess.Fit(inputs, targets, 1e-4, random, 2);
        double[] at = [0.3, 0.6, 0.45];

        var (_, _, meanGradient, deviationGradient) = process.PredictWithGradient(at);

        const double h = 1e-6;
        for (int d = 0; d < at.Length; d++)
        {
            var up = (double[])at.Clone();
            var down = (double[])at.Clone();
            up[d] += h;
            down[d] -= h;
            var (meanUp, deviationUp) = process.Predict(up);
            var (meanDown, deviationDown) = process.Predict(down);
            Assert.Equal((meanUp - meanDown) / (2 * h), meanGradient[d], 1e-4);
            Assert.Equal((deviationUp - deviationDown) / (2 * h), deviationGradient[d], 1e-4);
        }
    }

    [Fact]
    public void LikelihoodGradient_MatchesFiniteDifferences()
    {
        var random = new DeterministicRandom(6, 0);
        double[][] inputs = Enumerable.Range(0, 10).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var targets = Vector<double>.Build.Dense(10, i => Math.Cos(4 * inputs[i][0]) - inputs[i][1]);
        var theta = Vector<double>.Build.DenseOfArray([Math.Log(0.3), Math.Log(0.8), Math.Log(1.5), Math.Log(0.01)]);

        var (_, gradient) = GaussianProcess.NegativeLogMarginalLikelihood(inputs, targets, 1e-4, theta);

        const double h = 1e-6;
        for (int i = 0; i < theta.Count; i++)
        {
            var up = theta.Clone();
            var down = theta.Clone();
            up[i] += h;
            down[i] -= h;
            double valueUp = GaussianProcess.NegativeLogMarginalLikelihood(inputs, targets, 1e-4, up).Value;
            double valueDown = GaussianProcess.NegativeLogMarginalLikelihood(inputs, targets, 1e-4, down).Value;
            Assert.Equal((valueUp - valueDown) / (2 * h), gradient[i], 1e-4);
        }
    }

    [Fact]
    public void GaussianProcess_FitsLongerScaleForIrrelevantInput()
    {
        var random = new DeterministicRandom(9, 0);
        double[][] inputs = Enumerable.Range(0, 30).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        double[] targets = inputs.Select(x => Math.Sin(5 * x[0])).ToArray();

        var process = GaussianProcess.Fit(inputs, targets, 1e-4, random, 3);

        Assert.True(process.LengthScales[1] > 3 * process.LengthScales[0], $"length scales {string.Join(", ", process.LengthScales)}");
    }

    // Losses

    [Fact]
    public void ModelLosses_InfiniteScoreBecomesWorstFiniteLoss()
    {
        double[] scores = [1.0, double.PositiveInfinity, 3.0, double.NegativeInfinity];

        var losses = BayesianOptimization.ModelLosses(scores, ObjectiveDirection.Minimize);

        Assert.Equal([1.0, 3.0, 3.0, 3.0], losses);
    }

    [Fact]
    public void ModelLosses_MaximizedScoresAreNegated()
    {
        double[] scores = [0.8, 0.9, double.NegativeInfinity, double.PositiveInfinity];

        var losses = BayesianOptimization.ModelLosses(scores, ObjectiveDirection.Maximize);

        Assert.Equal([-0.8, -0.9, -0.8, -0.8], losses);
    }

    [Fact]
    public void ModelLosses_AllInfinite_AreZero()
    {
        var losses = BayesianOptimization.ModelLosses([double.PositiveInfinity, double.PositiveInfinity], ObjectiveDirection.Minimize);

        Assert.Equal([0.0, 0.0], losses);
    }

    [Fact]
    public void PowerTransform_FitsLogForLogNormalLosses()
    {
        var random = new Random(4);
        var losses = Enumerable.Range(0, 200).Select(_ => Math.Exp(3 * Normal(random))).ToArray();

        double exponent = LossWarping.FitExponent(losses, positive: true);

        Assert.InRange(exponent, -0.1, 0.1);
    }

    [Fact]
    public void PowerTransform_KeepsSymmetricLossesNearAffine()
    {
        var random = new Random(5);
        var losses = Enumerable.Range(0, 200).Select(_ => Normal(random)).ToArray();

        double exponent = LossWarping.FitExponent(losses, positive: false);

        Assert.InRange(exponent, 0.8, 1.2);
    }

    [Fact]
    public void PowerTransform_KeepsOrderAndTies()
    {
        double[] losses = [5.0, 1000.0, 0.5, 2.0, 5.0, -1.0];

        var transformed = LossWarping.PowerTransform(losses);

        Assert.True(transformed[5] < transformed[2], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[2] < transformed[3], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[3] < transformed[0], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[0] < transformed[1], $"transformed {string.Join(", ", transformed)}");
        Assert.Equal(transformed[0], transformed[4]);
    }

    [Fact]
    public void PowerTransform_IgnoresUnitOfLosses()
    {
        double[] losses = [-3.0, 0.2, 7.0, 40.0, 900.0];

        var transformed = LossWarping.PowerTransform(losses);
        var rescaled = LossWarping.PowerTransform(losses.Select(loss => loss * 1000).ToArray());

        for (int i = 0; i < losses.Length; i++)
        {
            Assert.Equal(transformed[i], rescaled[i], 9);
        }
    }

    [Fact]
    public void PowerTransform_WideRangeKeepsOrder()
    {
        double[] losses = [1e-10, 1.0, 2.0, 1e10];

        var transformed = LossWarping.PowerTransform(losses);

        Assert.True(transformed[0] < transformed[1], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[1] < transformed[2], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[2] < transformed[3], $"transformed {string.Join(", ", transformed)}");
    }

    [Fact]
    public void PowerTransform_HugeLossesStayFinite()
    {
        // Squares of losses beyond 1e154 overflow, so a plain standard deviation would be infinite.
        double[] losses = [1.0, 1e200, 2e200, 1e300];

        var transformed = LossWarping.PowerTransform(losses);

        Assert.All(transformed, value => Assert.True(double.IsFinite(value), $"transformed {string.Join(", ", transformed)}"));
        Assert.True(transformed[1] < transformed[2], $"transformed {string.Join(", ", transformed)}");
        Assert.True(transformed[2] < transformed[3], $"transformed {string.Join(", ", transformed)}");
    }

    [Fact]
    public void PowerTransform_EqualLossesBecomeZeros()
    {
        Assert.Equal([0.0, 0.0, 0.0], LossWarping.PowerTransform([2.5, 2.5, 2.5]));
    }

    [Fact]
    public void HeavyTailedObjective_FindsBowlMinimum()
    {
        // exp(Bowl) ranges from 1 to about 1e49 over the plane, so standardised raw losses are nearly equal everywhere
        // except near the corners. Its logarithm is the bowl itself.
        var results = new List<string>();
        int wins = 0;
        for (int seed = 1; seed <= 3; seed++)
        {
            var bayes = new BayesianOptimization(maxTrials: 20, seed: seed);
            var trials = Run(bayes, s_plane, values => Math.Exp(Bowl(values)), 20);

            double bestBowl = trials.Min(trial => Bowl(trial.Values));
            results.Add($"seed {seed}: {bestBowl:F4}");
            wins += bestBowl < 0.1 ? 1 : 0;
        }

        Assert.True(wins == 3, string.Join("; ", results));
    }

    [Fact]
    public void InfiniteLoss_IsAvoidedNotSought()
    {
        // Losses are positive, so a model that read +inf as 0 (as KerasTuner does) would chase the left half.
        HyperParameter[] space = [new FloatHyperParameter("x", 0, 1)];
        var oracle = new BayesianOptimization(maxTrials: 25, numInitialPoints: 10, seed: 5);

        var trials = Run(oracle, space, values => (double)values["x"] < 0.4 ? double.PositiveInfinity : 1 + (double)values["x"], 25);

        var modelled = trials.Skip(10).ToList();
        Assert.Equal(15, modelled.Count);
        int infinite = modelled.Count(t => (double)t.Values["x"] < 0.4);
        string proposed = string.Join(", ", modelled.Select(t => t.Values["x"]));
        Assert.True(infinite * 3 <= modelled.Count, $"{infinite} of 15 in the infinite region: {proposed}");
        Assert.True(oracle.GetBestTrials()[0].Score < 1.45);
    }

    [Fact]
    public void NaNScore_FailsTrialAndIsNotCounted()
    {
        var oracle = new BayesianOptimization(maxTrials: 10, numInitialPoints: 2, seed: 1);
        oracle.UpdateSpace([new FloatHyperParameter("x", 0, 1)], initial: true);

        for (int i = 0; i < 6; i++)
        {
            var (trial, _) = oracle.CreateTrial();
            oracle.CompleteTrial(trial!, i % 2 == 0 ? double.NaN : (double)trial!.Values["x"]);
        }

        Assert.Equal(3, oracle.Trials.Count(t => t.Status == TrialStatus.Failed));
        Assert.Equal(3, oracle.Trials.Count(t => t.Status == TrialStatus.Completed));
        Assert.NotNull(oracle.CreateTrial().Trial);
    }

    // Search behaviour

    [Fact]
    public void WarmUp_MatchesRandomSearch()
    {
        var bayes = Run(new BayesianOptimization(maxTrials: 8, seed: 21), s_plane, Bowl, 8);
        var random = Run(new RandomSearch(maxTrials: 8, seed: 21), s_plane, Bowl, 8);

        Assert.Equal(random.Take(6).Select(Key), bayes.Take(6).Select(Key));
        Assert.NotEqual(Key(random[6]), Key(bayes[6]));
    }

    [Fact]
    public void DefaultInitialPoints_CountOnlyTunedParameters()
    {
        // One tuned parameter gives max(3 × 1, 3) = 3 random trials; counting the fixed one would give 6.
        HyperParameter[] space = [new FloatHyperParameter("x", 0, 1), new FixedHyperParameter("epochs", 3)];
        var bayes = Run(new BayesianOptimization(maxTrials: 4, seed: 2), space, v => (double)v["x"], 4);
        var random = Run(new RandomSearch(maxTrials: 4, seed: 2), space, v => (double)v["x"], 4);

        Assert.Equal(random.Take(3).Select(Key), bayes.Take(3).Select(Key));
        Assert.NotEqual(Key(random[3]), Key(bayes[3]));
        Assert.All(bayes, trial => Assert.Equal(3, trial.Values["epochs"]));
    }

    [Fact]
    public void SameSeed_GivesSameTrials()
    {
        var first = Run(new BayesianOptimization(maxTrials: 14, seed: 8), s_plane, Bowl, 14);
        var second = Run(new BayesianOptimization(maxTrials: 14, seed: 8), s_plane, Bowl, 14);

        Assert.Equal(first.Select(Key), second.Select(Key));
    }

    [Fact]
    public void FiniteSpace_ExhaustsWithoutDuplicates()
    {
        HyperParameter[] space = [new IntHyperParameter("a", 0, 4), new ChoiceHyperParameter("b", ["x", "y", "z"])];
        var oracle = new BayesianOptimization(maxTrials: 100, numInitialPoints: 3, seed: 4);

        var trials = Run(oracle, space, v => Math.Abs((int)v["a"] - 2) + ((string)v["b"] == "y" ? 0 : 1), 100);

        Assert.Equal(15, trials.Count);
        Assert.Equal(15, trials.Select(Key).Distinct().Count());
        Assert.Contains("exhausted", oracle.StopReason);
        Assert.Contains("15 configurations", oracle.StopReason);
    }

    [Fact]
    public void LargerFiniteSpace_ExhaustsExactly()
    {
        // 272 configurations are too many to score in full, so the last six proposals come from sampled candidates.
        HyperParameter[] space = [new IntHyperParameter("a", 0, 16), new IntHyperParameter("b", 0, 15)];
        var oracle = new BayesianOptimization(maxTrials: 400, numInitialPoints: 266, seed: 7);

        var trials = Run(oracle, space, v => Math.Abs((int)v["a"] - 8) + Math.Abs((int)v["b"] - 3), 400);

        Assert.Equal(272, trials.Count);
        Assert.Equal(272, trials.Select(Key).Distinct().Count());
        Assert.Contains("272 configurations", oracle.StopReason);
    }

    [Fact]
    public void ConditionalSpace_ProposesActiveValuesOnlyAndExhausts()
    {
        // model=mlp has units 8, 16 or 24; model=cnn has kernel 3 or 5: five configurations in all.
        var model = new ChoiceHyperParameter("model", ["mlp", "cnn"]);
        var units = new IntHyperParameter("units", 8, 24, step: 8, conditions: [new Condition("model", ["mlp"])]);
        var kernel = new ChoiceHyperParameter("kernel", [3, 5], conditions: [new Condition("model", ["cnn"])]);
        var oracle = new BayesianOptimization(maxTrials: 50, numInitialPoints: 2, seed: 11);

        var trials = Run(oracle, [model, units, kernel], v => v.ContainsKey("units") ? (int)v["units"] : (int)v["kernel"], 50);

        Assert.Equal(5, trials.Count);
        Assert.All(trials.Where(t => (string)t.Values["model"] == "mlp"), t => Assert.False(t.Values.ContainsKey("kernel")));
        Assert.All(trials.Where(t => (string)t.Values["model"] == "cnn"), t => Assert.False(t.Values.ContainsKey("units")));
        Assert.Equal(5, trials.Select(Key).Distinct().Count());
        Assert.Contains("exhausted", oracle.StopReason);
    }

    [Fact]
    public void ModelledValues_RespectStepsAndSampling()
    {
        HyperParameter[] space =
        [
            new IntHyperParameter("units", 16, 256, step: 16),
            new FloatHyperParameter("lr", 1e-5, 1e-1, sampling: Sampling.Log),
            new FloatHyperParameter("momentum", 0.5, 0.99, sampling: Sampling.ReverseLog),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
            new FixedHyperParameter("epochs", 3),
        ];
        var oracle = new BayesianOptimization(maxTrials: 20, numInitialPoints: 5, seed: 5);

        var trials = Run(oracle, space, v => Math.Abs(Math.Log10((double)v["lr"]) + 3) + ((int)v["units"] / 256.0), 20);

        Assert.Equal(20, trials.Count);
        foreach (var trial in trials)
        {
            Assert.Equal(0, (int)trial.Values["units"] % 16);
            Assert.InRange((double)trial.Values["lr"], 1e-5, 1e-1);
            Assert.InRange((double)trial.Values["momentum"], 0.5, 0.99);
            Assert.Contains(trial.Values["activation"], new object[] { "relu", "tanh", "gelu" });
            Assert.Equal(3, trial.Values["epochs"]);
        }
    }

    [Fact]
    public void GrowingSpace_TunesNewParameter()
    {
        var oracle = new BayesianOptimization(maxTrials: 20, numInitialPoints: 3, seed: 6);
        var first = Run(oracle, [new FloatHyperParameter("x", 0, 1)], v => (double)v["x"], 5);

        oracle.UpdateSpace([new FloatHyperParameter("x", 0, 1), new IntHyperParameter("layers", 1, 8)]);
        var later = new List<Trial>();
        for (int i = 0; i < 6; i++)
        {
            var (trial, _) = oracle.CreateTrial();
            oracle.CompleteTrial(trial!, (double)trial!.Values["x"] + (int)trial.Values["layers"]);
            later.Add(trial);
        }

        Assert.All(first, trial => Assert.False(trial.Values.ContainsKey("layers")));
        Assert.All(later, trial => Assert.InRange((int)trial.Values["layers"], 1, 8));
        Assert.True(later.Select(t => t.Values["layers"]).Distinct().Count() > 1);
    }

    [Fact]
    public void PendingTrials_GetDistinctProposals()
    {
        var oracle = new BayesianOptimization(maxTrials: 20, seed: 3);
        var done = Run(oracle, s_plane, Bowl, 8);

        var pending = Enumerable.Range(0, 4).Select(_ => oracle.CreateTrial().Trial!).ToList();

        Assert.Equal(4, pending.Select(Key).Distinct().Count());
        for (int i = 0; i < pending.Count; i++)
        {
            for (int j = i + 1; j < pending.Count; j++)
            {
                double dx = ((double)pending[i].Values["x"] - (double)pending[j].Values["x"]) / 15;
                double dy = ((double)pending[i].Values["y"] - (double)pending[j].Values["y"]) / 15;
                Assert.True(Math.Sqrt((dx * dx) + (dy * dy)) > 0.01, $"trials {pending[i].Id} and {pending[j].Id} are near-duplicates");
            }
        }
    }

    [Fact]
    public void PendingTrials_OnTinySpace_NeverRepeat()
    {
        HyperParameter[] space = [new ChoiceHyperParameter("a", [1, 2, 3]), new BooleanHyperParameter("b")];
        var oracle = new BayesianOptimization(maxTrials: 20, numInitialPoints: 3, seed: 9);
        Run(oracle, space, v => (int)v["a"] + ((bool)v["b"] ? 1 : 0), 3);

        // Six configurations, three completed: the three left go to three pending trials, then the search stops.
        var pending = new List<Trial>();
        for (int i = 0; i < 3; i++)
        {
            var (trial, proposal) = oracle.CreateTrial();
            Assert.Equal(TrialProposalStatus.Ready, proposal.Status);
            pending.Add(trial!);
        }

        Assert.Equal(6, oracle.Trials.Select(Key).Distinct().Count());
        Assert.Null(oracle.CreateTrial().Trial);
        Assert.Contains("exhausted", oracle.StopReason);
    }

    [Fact]
    public void Branin_BeatsRandomSearchForMostSeeds()
    {
        int wins = 0;
        var results = new List<string>();
        for (int seed = 1; seed <= 5; seed++)
        {
            var bayes = new BayesianOptimization(maxTrials: 30, seed: seed);
            var random = new RandomSearch(maxTrials: 30, seed: seed);
            Run(bayes, s_plane, v => Branin((double)v["x"], (double)v["y"]), 30);
            Run(random, s_plane, v => Branin((double)v["x"], (double)v["y"]), 30);

            double bayesBest = bayes.GetBestTrials()[0].Score!.Value;
            double randomBest = random.GetBestTrials()[0].Score!.Value;
            results.Add($"seed {seed}: {bayesBest:F3} vs {randomBest:F3}");
            wins += bayesBest < randomBest ? 1 : 0;
        }

        Assert.True(wins >= 4, string.Join("; ", results));
    }

    [Fact]
    public void ExpectedImprovement_FindsBowlMinimum()
    {
        var results = new List<string>();
        int wins = 0;
        for (int seed = 1; seed <= 3; seed++)
        {
            var bayes = new BayesianOptimization(maxTrials: 20, seed: seed) { Acquisition = AcquisitionFunction.ExpectedImprovement };
            var random = new RandomSearch(maxTrials: 20, seed: seed);
            Run(bayes, s_plane, Bowl, 20);
            Run(random, s_plane, Bowl, 20);

            double bayesBest = bayes.GetBestTrials()[0].Score!.Value;
            double randomBest = random.GetBestTrials()[0].Score!.Value;
            results.Add($"seed {seed}: {bayesBest:F4} vs {randomBest:F4}");
            wins += bayesBest < randomBest && bayesBest < 0.1 ? 1 : 0;
        }

        Assert.True(wins == 3, string.Join("; ", results));
    }

    [Fact]
    public void ExpectedImprovement_ProposesDifferentlyFromConfidenceBound()
    {
        var bound = Run(new BayesianOptimization(maxTrials: 10, seed: 12), s_plane, Bowl, 10);
        var expected = new BayesianOptimization(maxTrials: 10, seed: 12) { Acquisition = AcquisitionFunction.ExpectedImprovement };
        var improvement = Run(expected, s_plane, Bowl, 10);

        Assert.Equal(bound.Take(6).Select(Key), improvement.Take(6).Select(Key));
        Assert.NotEqual(bound.Skip(6).Select(Key), improvement.Skip(6).Select(Key));
    }

    [Theory]
    [InlineData(0, 1e-4, 2.6, "numInitialPoints")]
    [InlineData(null, 0.0, 2.6, "alpha")]
    [InlineData(null, double.NaN, 2.6, "alpha")]
    [InlineData(null, 1e-4, -1.0, "beta")]
    public void InvalidArguments_AreRejected(int? numInitialPoints, double alpha, double beta, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new BayesianOptimization(numInitialPoints: numInitialPoints, alpha: alpha, beta: beta));

        Assert.Equal(parameter, error.ParamName);
    }
}
