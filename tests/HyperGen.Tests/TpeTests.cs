using HyperGen;
using MathNet.Numerics.Distributions;
using Xunit;

namespace HyperGen.Tests;

public class TpeTests
{
    private static readonly ParzenSettings s_independent = new(1.0, ConsiderMagicClip: true, ConsiderEndpoints: false, TpeBandwidth.Neighbours);
    private static readonly ParzenSettings s_joint = s_independent with { Bandwidth = TpeBandwidth.Shared };
    private static readonly ParzenDimension s_continuous = new(ParzenDimensionKind.Continuous, 0);

    // Parzen estimator

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParzenEstimator_ContinuousDensity_IntegratesToOne(bool multivariate)
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.02, 0.1, 0.15, 0.8, 0.99), multivariate ? s_joint : s_independent);

        double integral = Integrate(x => Math.Exp(estimator.LogDensities([[x]])[0]), 20_000);

        Assert.Equal(1.0, integral, 3);
    }

    [Theory]
    [InlineData(TpeBandwidth.Shared)]
    [InlineData(TpeBandwidth.Neighbours)]
    public void ParzenEstimator_JointDensity_IntegratesToOne(TpeBandwidth bandwidth)
    {
        var dimensions = new[] { s_continuous, s_continuous };
        var settings = s_joint with { Bandwidth = bandwidth, ConsiderEndpoints = true, MinBandwidth = 0.03, MagicClipExponent = 2 };
        var estimator = new ParzenEstimator(dimensions, [[0.2, 0.3], [0.25, 0.9], [0.7, 0.1]], settings, [2.0, 0.5, 1.0], 1.5);
        const int steps = 400;
        var points = new List<double[]>();
        for (int i = 0; i < steps; i++)
        {
            for (int j = 0; j < steps; j++)
            {
                points.Add([(i + 0.5) / steps, (j + 0.5) / steps]);
            }
        }

        double integral = estimator.LogDensities(points).Sum(Math.Exp) / (steps * steps);

        Assert.Equal(1.0, integral, 3);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1_000)]
    public void ParzenEstimator_GridMasses_SumToOne(int count)
    {
        var grid = new ParzenDimension(ParzenDimensionKind.Grid, count);
        var observations = Points(grid.BucketCentre(0), grid.BucketCentre(1), grid.BucketCentre(count / 2));
        var estimator = new ParzenEstimator([grid], observations, s_independent);
        var centres = Enumerable.Range(0, count).Select(bucket => new[] { grid.BucketCentre(bucket) }).ToList();

        double total = estimator.LogDensities(centres).Sum(Math.Exp);

        Assert.Equal(1.0, total, 4);
    }

    [Theory]
    [InlineData(false, 0.05)]
    [InlineData(false, 0.3)]
    [InlineData(false, 0.9)]
    [InlineData(true, 0.05)]
    [InlineData(true, 0.3)]
    [InlineData(true, 0.9)]
    public void ParzenEstimator_LogSigmaForm_MatchesFormula(bool omitLogSigma, double x)
    {
        // One observation at 0.3 and the prior at 0.5, weighing 1/2 each. The observation's kernel is 0.2 wide by its
        // gap to the prior, raised to the magic-clip floor of 1/3. The prior's kernel is 1 wide.
        var estimator = new ParzenEstimator([s_continuous], Points(0.3), s_independent with { OmitLogSigma = omitLogSigma });
        double observationSigma = 1.0 / 3;
        double observationTerm = KernelDensity(x, 0.3, observationSigma) * (omitLogSigma ? observationSigma : 1);
        double priorTerm = KernelDensity(x, 0.5, 1.0);
        double expected = Math.Log(0.5 * observationTerm + 0.5 * priorTerm);

        double actual = estimator.LogDensities([[x]])[0];

        Assert.Equal(expected, actual, 12);
    }

    [Fact]
    public void ParzenEstimator_Density_PeaksNearObservations()
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.18, 0.2, 0.22, 0.25), s_independent);

        var densities = estimator.LogDensities([[0.2], [0.6], [0.95]]);

        Assert.True(densities[0] > densities[1], $"log density {densities[0]} at 0.2 is not above {densities[1]} at 0.6");
        Assert.True(densities[1] > densities[2], $"log density {densities[1]} at 0.6 is not above {densities[2]} at 0.95");
    }

    [Fact]
    public void ParzenEstimator_CategoricalWeights_FollowCounts()
    {
        var categories = new ParzenDimension(ParzenDimensionKind.Categorical, 3);
        var estimator = new ParzenEstimator([categories], Points(0, 0, 0, 1), s_independent);

        var probabilities = estimator.LogDensities([[0], [1], [2]]).Select(Math.Exp).ToArray();

        // Five kernels weigh 1/5 each. An observation puts (1 + 1/5) / 1.6 on its category and 0.2 / 1.6 on each
        // other one, and the prior kernel is uniform.
        Assert.Equal((3 * 0.75 + 0.125 + 1.0 / 3) / 5, probabilities[0], 12);
        Assert.Equal((3 * 0.125 + 0.75 + 1.0 / 3) / 5, probabilities[1], 12);
        Assert.Equal((4 * 0.125 + 1.0 / 3) / 5, probabilities[2], 12);
        Assert.Equal(1.0, probabilities.Sum(), 12);
    }

    [Fact]
    public void ParzenEstimator_CategoricalSamples_MatchWeights()
    {
        var categories = new ParzenDimension(ParzenDimensionKind.Categorical, 3);
        var estimator = new ParzenEstimator([categories], Points(0, 0, 0, 1), s_independent);
        var random = new DeterministicRandom(1, 0);
        var counts = new int[3];
        const int draws = 40_000;

        for (int i = 0; i < draws; i++)
        {
            counts[(int)estimator.Sample(random)[0]]++;
        }

        var expected = estimator.LogDensities([[0], [1], [2]]).Select(Math.Exp).ToArray();
        for (int category = 0; category < 3; category++)
        {
            Assert.InRange((double)counts[category] / draws, expected[category] - 0.01, expected[category] + 0.01);
        }
    }

    [Theory]
    [InlineData(0.01, 1.0, 1.0 / 22)]
    [InlineData(0.03, 2.0, 0.03)]
    [InlineData(0.001, 2.0, 1.0 / (22 * 22))]
    public void ParzenEstimator_MagicClip_FloorsWidths(double minBandwidth, double exponent, double floor)
    {
        var observations = Points(Enumerable.Range(0, 20).Select(i => 0.3 + i * 1e-5).ToArray());
        var settings = s_independent with { MinBandwidth = minBandwidth, MagicClipExponent = exponent };
        var estimator = new ParzenEstimator([s_continuous], observations, settings);

        foreach (double x in new[] { 0.3, 0.31, 0.6 })
        {
            double expected = observations.Take(19).Sum(point => KernelDensity(x, point[0], floor));
            expected += KernelDensity(x, observations[19][0], 0.5 - observations[19][0]) + KernelDensity(x, 0.5, 1.0);
            Assert.Equal(expected / 21, Math.Exp(estimator.LogDensities([[x]])[0]), 9);
        }
    }

    [Fact]
    public void ParzenEstimator_GivenWeights_ReplaceDefaults()
    {
        var settings = s_independent with { ConsiderMagicClip = false };
        var estimator = new ParzenEstimator([s_continuous], Points(0.2, 0.6), settings, [3.0, 1.0], 4.0);

        // Sorted centres 0.2, 0.5 (the prior) and 0.6; without endpoints the outer kernels take their inner gap.
        foreach (double x in new[] { 0.1, 0.4, 0.9 })
        {
            double expected = (3 * KernelDensity(x, 0.2, 0.3) + KernelDensity(x, 0.6, 0.1) + 4 * KernelDensity(x, 0.5, 1.0)) / 8;
            Assert.Equal(expected, Math.Exp(estimator.LogDensities([[x]])[0]), 9);
        }
    }

    [Fact]
    public void ParzenEstimator_ContinuousSamples_FollowTheDensity()
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.0, 0.01, 0.02, 0.03, 0.7), s_independent);
        var random = new DeterministicRandom(2, 0);
        const int draws = 40_000;

        var samples = Enumerable.Range(0, draws).Select(_ => estimator.Sample(random)[0]).ToList();

        Assert.All(samples, x => Assert.InRange(x, 0.0, 1.0));
        foreach (var (lower, upper) in new[] { (0.0, 0.1), (0.1, 0.4), (0.6, 0.8) })
        {
            double expected = (upper - lower) * Integrate(x => Math.Exp(estimator.LogDensities([[lower + x * (upper - lower)]])[0]), 2_000);
            double observed = samples.Count(x => x >= lower && x < upper) / (double)draws;
            Assert.InRange(observed, expected - 0.01, expected + 0.01);
        }
    }

    [Fact]
    public void RecencyWeights_RampOnlyOlderObservations()
    {
        var weights = ParzenEstimator.RecencyWeights(30);

        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(1.0, weights[4], 12);
        Assert.All(weights.Skip(5), weight => Assert.Equal(1.0, weight));
        Assert.True(weights[1] > weights[0]);
        Assert.All(ParzenEstimator.RecencyWeights(25), weight => Assert.Equal(1.0, weight));
    }

    // Observations and groups

    [Fact]
    public void Rank_PrunedAfterCompleted_FailedSkipped()
    {
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 6).Select(i => Values(("x", i))));
        var trials = Enumerable.Range(0, 6).Select(_ => oracle.CreateTrial().Trial!).ToList();
        oracle.CompleteTrial(trials[0], 5.0);
        oracle.ReportIntermediate(trials[1], 1, 0.0);
        oracle.PruneTrial(trials[1]);
        oracle.ReportIntermediate(trials[2], 0, 9.0);
        oracle.ReportIntermediate(trials[2], 3, 1.0);
        oracle.PruneTrial(trials[2]);
        oracle.PruneTrial(trials[3]);
        oracle.FailTrial(trials[4], "boom");
        oracle.CompleteTrial(trials[5], 2.0);

        var ranked = TpeObservation.Rank(oracle.Trials, Objective.Minimize("loss"), proposedValues: null);

        Assert.Equal([5, 0, 2, 1, 3], ranked.Select(observation => observation.Trial.Number));
    }

    [Fact]
    public void Rank_InfiniteScores_AreWorstInBothDirections()
    {
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 3).Select(i => Values(("x", i))), Objective.Maximize("accuracy"));
        var trials = Enumerable.Range(0, 3).Select(_ => oracle.CreateTrial().Trial!).ToList();
        oracle.CompleteTrial(trials[0], double.PositiveInfinity);
        oracle.CompleteTrial(trials[1], 0.5);
        oracle.CompleteTrial(trials[2], double.NegativeInfinity);

        var ranked = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);

        Assert.Equal([1, 0, 2], ranked.Select(observation => observation.Trial.Number));
        Assert.False(ranked[1].CanBeGood);
        Assert.False(ranked[2].CanBeGood);
    }

    [Fact]
    public void Groups_FollowParametersActiveTogether()
    {
        var model = new ChoiceHyperParameter("model", ["mlp", "cnn"]);
        var units = new IntHyperParameter("units", 8, 64, conditions: [new Condition("model", ["mlp"])]);
        var depth = new IntHyperParameter("depth", 1, 4, conditions: [new Condition("model", ["mlp"])]);
        var kernel = new ChoiceHyperParameter("kernel", [3, 5], conditions: [new Condition("model", ["cnn"])]);
        var rate = new FloatHyperParameter("rate", 0, 1);
        var oracle = ScriptedOracle.WithValues(
        [
            Values(("model", "mlp"), ("units", 8), ("depth", 2), ("rate", 0.1)),
            Values(("model", "cnn"), ("kernel", 3), ("rate", 0.2)),
            Values(("model", "mlp"), ("units", 16), ("depth", 1), ("rate", 0.3)),
        ]);
        oracle.UpdateSpace([model, units, depth, kernel, rate], initial: true);
        foreach (var trial in Enumerable.Range(0, 3).Select(_ => oracle.CreateTrial().Trial!))
        {
            oracle.CompleteTrial(trial, 1.0);
        }

        oracle.UpdateSpace([new FloatHyperParameter("unseen", 0, 1)]);

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var groups = TpeGroups.Decompose(oracle.Space, observations);

        Assert.Equal(
            ["model,rate", "units,depth", "kernel", "unseen"],
            groups.Select(group => string.Join(",", group.Select(parameter => parameter.Name))));
    }

    [Fact]
    public void ConditionalChild_ModelledOnlyWhereActive()
    {
        var parent = new ChoiceHyperParameter("branch", ["a", "b"]);
        var child = new FloatHyperParameter("x", 0, 1, conditions: [new Condition("branch", ["a"])]);
        var scripted = new List<Dictionary<string, object>>();
        for (int i = 0; i < 30; i++)
        {
            scripted.Add(i % 3 == 0 ? Values(("branch", "a"), ("x", i / 30.0)) : Values(("branch", "b")));
        }

        var oracle = ScriptedOracle.WithValues(scripted);
        oracle.UpdateSpace([parent, child], initial: true);
        foreach (var trial in Enumerable.Range(0, 30).Select(_ => oracle.CreateTrial().Trial!))
        {
            oracle.CompleteTrial(trial, trial.Values.TryGetValue("x", out object? x) ? Math.Abs((double)x - 0.2) : -100);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var model = new TpeModel(s_independent, Tpe.OptunaGamma, 24, 10, stream => new DeterministicRandom(1, 30, stream), observations, new TpeUnitCache());

        var (good, _, bad, finished) = model.Split([child], [TpeModel.DimensionOf(child)]);
        var best = model.RankCandidates([child])[0];

        Assert.Equal(10, finished);
        Assert.Single(good);
        Assert.Equal(9, bad.Count);
        Assert.Equal(0.2, good[0][0], 12);
        Assert.InRange((double)best.Values[0], 0.05, 0.35);
    }

    [Fact]
    public void Split_SkipsValuesOutsideTheDefinition()
    {
        var narrowed = new ChoiceHyperParameter("kind", ["a", "b"], ordered: false);
        var oracle = ScriptedOracle.WithValues([Values(("kind", "a")), Values(("kind", "c")), Values(("kind", "b"))]);
        oracle.UpdateSpace([new ChoiceHyperParameter("kind", ["a", "b", "c"], ordered: false)], initial: true);
        foreach (var trial in Enumerable.Range(0, 3).Select(_ => oracle.CreateTrial().Trial!))
        {
            oracle.CompleteTrial(trial, trial.Number);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var model = new TpeModel(s_independent, n => 1, 24, 1, stream => new DeterministicRandom(1, 3, stream), observations, new TpeUnitCache());

        var split = model.Split([narrowed], [TpeModel.DimensionOf(narrowed)]);

        Assert.Equal(2, split.Finished);
        Assert.Equal([0.0], split.Good.Select(point => point[0]));
        Assert.Equal([1.0], split.Bad.Select(point => point[0]));
    }

    [Fact]
    public void DimensionOf_MapsEachParameterKind()
    {
        var cases = new (HyperParameter Parameter, ParzenDimension Expected)[]
        {
            (new FloatHyperParameter("a", 0, 1), s_continuous),
            (new FloatHyperParameter("b", 1e-5, 1e-1, sampling: Sampling.Log), s_continuous),
            (new FloatHyperParameter("c", 0.1, 0.9, step: 0.1), new(ParzenDimensionKind.Grid, 9)),
            (new IntHyperParameter("d", 16, 256, step: 16), new(ParzenDimensionKind.Grid, 16)),
            (new IntHyperParameter("e", 0, 9), new(ParzenDimensionKind.Grid, 10)),
            (new IntHyperParameter("f", 2, 512, sampling: Sampling.Log), s_continuous),
            (new ChoiceHyperParameter("g", [16, 32, 64]), new(ParzenDimensionKind.Grid, 3)),
            (new ChoiceHyperParameter("h", [16, 32, 64], ordered: false), new(ParzenDimensionKind.Categorical, 3)),
            (new ChoiceHyperParameter("i", ["relu", "tanh"]), new(ParzenDimensionKind.Categorical, 2)),
            (new BooleanHyperParameter("j"), new(ParzenDimensionKind.Categorical, 2)),
        };

        foreach (var (parameter, expected) in cases)
        {
            Assert.Equal(expected, TpeModel.DimensionOf(parameter));
        }
    }

    // Proposals

    [Fact]
    public void RandomStartup_ProposesWhatRandomSearchProposes()
    {
        foreach (var tpe in new[] { new Tpe(maxTrials: 10, seed: 4, latinHypercubeStartup: false), Tpe.LikeOptuna(maxTrials: 10, seed: 4) })
        {
            var random = new RandomSearch(maxTrials: 10, seed: 4);
            tpe.UpdateSpace(TwoFloats(), initial: true);
            random.UpdateSpace(TwoFloats(), initial: true);

            var fromTpe = AskAndTell.Run(tpe, Sphere, 10);
            var fromRandom = AskAndTell.Run(random, Sphere, 10);

            Assert.Equal(fromRandom.Select(Describe), fromTpe.Select(Describe));
        }
    }

    [Theory]
    [InlineData(4, 10)]
    [InlineData(9, 7)]
    public void LatinHypercubeStartup_SamplesEveryStratumOnce(int seed, int startupTrials)
    {
        var tpe = new Tpe(maxTrials: startupTrials, seed: seed, numStartupTrials: startupTrials);
        tpe.UpdateSpace(TwoFloats(), initial: true);

        var trials = AskAndTell.Run(tpe, Sphere, startupTrials);

        foreach (string name in new[] { "x", "y" })
        {
            var strata = trials.Select(trial => (int)Math.Floor(((double)trial.Values[name] + 5) / 10 * startupTrials)).Order();
            Assert.Equal(Enumerable.Range(0, startupTrials), strata);
        }

        var again = new Tpe(maxTrials: startupTrials, seed: seed, numStartupTrials: startupTrials);
        again.UpdateSpace(TwoFloats(), initial: true);
        Assert.Equal(trials.Select(Describe), AskAndTell.Run(again, Sphere, startupTrials).Select(Describe));
    }

    [Fact]
    public void LatinHypercubeStartup_IgnoresOtherParameters()
    {
        var alone = new Tpe(maxTrials: 10, seed: 6);
        alone.UpdateSpace([new FloatHyperParameter("x", -5, 5)], initial: true);
        var together = new Tpe(maxTrials: 10, seed: 6);
        together.UpdateSpace([new FloatHyperParameter("w", 0, 1), new FloatHyperParameter("x", -5, 5)], initial: true);

        var fromAlone = AskAndTell.Run(alone, values => Math.Abs((double)values["x"]), 10);
        var fromTogether = AskAndTell.Run(together, values => Math.Abs((double)values["x"]), 10);

        Assert.Equal(fromAlone.Select(trial => trial.Values["x"]), fromTogether.Select(trial => trial.Values["x"]));
    }

    [Fact]
    public void LatinHypercubeStartup_RepeatFallsBackToRandom()
    {
        var tpe = new Tpe(maxTrials: 10, seed: 2, numStartupTrials: 10);
        tpe.UpdateSpace([new BooleanHyperParameter("flag"), new ChoiceHyperParameter("size", [1, 2])], initial: true);

        var trials = AskAndTell.Run(tpe, values => (bool)values["flag"] ? 1 : 2, 10);

        Assert.Equal(4, trials.Count);
        Assert.Equal(4, trials.Select(Describe).Distinct().Count());
        Assert.Contains("exhausted", tpe.StopReason);
    }

    [Fact]
    public void SameSeed_GivesSameTrials()
    {
        foreach (bool multivariate in new[] { false, true })
        {
            var first = NewTpe(seed: 9, maxTrials: 30, multivariate: multivariate);
            var second = NewTpe(seed: 9, maxTrials: 30, multivariate: multivariate);

            var a = AskAndTell.Run(first, Sphere, 30);
            var b = AskAndTell.Run(second, Sphere, 30);

            Assert.Equal(a.Select(Describe), b.Select(Describe));
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentTrials()
    {
        var a = AskAndTell.Run(NewTpe(seed: 1, maxTrials: 20), Sphere, 20);
        var b = AskAndTell.Run(NewTpe(seed: 2, maxTrials: 20), Sphere, 20);

        Assert.NotEqual(a.Skip(10).Select(Describe), b.Skip(10).Select(Describe));
    }

    [Fact]
    public void Multivariate_RunsAndDiffersFromIndependent()
    {
        var independent = AskAndTell.Run(NewTpe(seed: 3, maxTrials: 25), Sphere, 25);
        var joint = AskAndTell.Run(NewTpe(seed: 3, maxTrials: 25, multivariate: true), Sphere, 25);

        Assert.Equal(25, joint.Count);
        Assert.All(joint, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(independent.Take(10).Select(Describe), joint.Take(10).Select(Describe));
        Assert.NotEqual(independent.Skip(10).Select(Describe), joint.Skip(10).Select(Describe));
    }

    [Fact]
    public void ConditionalSpace_ProposesOnlyActiveParameters()
    {
        foreach (bool multivariate in new[] { false, true })
        {
            var oracle = new Tpe(maxTrials: 40, seed: 5, multivariate: multivariate, numStartupTrials: 5);
            oracle.UpdateSpace(
            [
                new ChoiceHyperParameter("model", ["mlp", "cnn"]),
                new IntHyperParameter("units", 8, 256, step: 8, conditions: [new Condition("model", ["mlp"])]),
                new FloatHyperParameter("dropout", 0, 0.5, conditions: [new Condition("model", ["mlp"])]),
                new ChoiceHyperParameter("kernel", [3, 5, 7], conditions: [new Condition("model", ["cnn"])]),
            ],
            initial: true);

            var trials = AskAndTell.Run(oracle, values => values["model"] is "mlp" ? Math.Abs((int)values["units"] - 64) / 64.0 : 2.0, 40);

            Assert.Equal(40, trials.Count);
            Assert.All(trials.Where(t => t.Values["model"] is "mlp"), t => Assert.False(t.Values.ContainsKey("kernel")));
            Assert.All(trials.Where(t => t.Values["model"] is "cnn"), t => Assert.False(t.Values.ContainsKey("units")));
            Assert.True(trials.Skip(20).Count(t => t.Values["model"] is "mlp") >= 14, "the better branch should dominate late trials");
        }
    }

    [Fact]
    public async Task Tuner_RunsConditionalSearch()
    {
        static void Declare(HyperParameters hp)
        {
            string model = hp.Choice("model", ["mlp", "cnn"]);
            using (hp.ConditionalScope("model", "mlp"))
            {
                hp.Int("units", 8, 128, step: 8);
            }

            using (hp.ConditionalScope("model", "cnn"))
            {
                hp.Float("rate", 1e-4, 1e-1, sampling: Sampling.Log);
            }
        }

        using var folder = new TemporaryDirectory();
        var oracle = new Tpe(maxTrials: 25, seed: 3, numStartupTrials: 5);
        var model = new FunctionHyperModel(
            Declare, hp => hp.IsActive("units") ? Math.Abs(hp.Get<int>("units") - 48) / 8.0 : 3.0);
        var tuner = new Tuner<ScoredConfiguration>(model, oracle, folder.Options());

        await tuner.SearchAsync();

        Assert.Equal(25, oracle.Trials.Count);
        Assert.All(oracle.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(25, oracle.Trials.Select(Describe).Distinct().Count());
        Assert.Equal("mlp", oracle.GetBestTrials()[0].Values["model"]);
    }

    [Fact]
    public void FiniteSpace_NeverRepeatsAndIsExhaustedExactly()
    {
        foreach (bool multivariate in new[] { false, true })
        {
            for (int seed = 0; seed < 5; seed++)
            {
                var oracle = new Tpe(maxTrials: 100, seed: seed, numStartupTrials: 3, multivariate: multivariate);
                oracle.UpdateSpace([new IntHyperParameter("x", 0, 3), new BooleanHyperParameter("flag")], initial: true);

                var trials = AskAndTell.Run(oracle, values => (int)values["x"] + ((bool)values["flag"] ? 0.5 : 0), 100);

                Assert.Equal(8, trials.Count);
                Assert.Equal(8, trials.Select(Describe).Distinct().Count());
                Assert.Contains("exhausted", oracle.StopReason);
                Assert.Contains("all 8 configurations", oracle.StopReason);
            }
        }
    }

    [Fact]
    public void PendingTrials_GetDistinctProposals()
    {
        var oracle = NewTpe(seed: 6, maxTrials: 40);
        AskAndTell.Run(oracle, Sphere, 15);

        var first = oracle.CreateTrial().Trial!;
        var second = oracle.CreateTrial().Trial!;

        Assert.NotEqual(Describe(first), Describe(second));
    }

    [Fact]
    public void ConstantLiar_SpreadsPendingProposals()
    {
        // Each pending proposal joins the bad group as a liar, so the next proposal moves away from it. Without the
        // liar, parallel proposals crowd around the model's favourite point.
        double withLiar = 0;
        double withoutLiar = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            withLiar += SmallestPendingGap(seed, constantLiar: true);
            withoutLiar += SmallestPendingGap(seed, constantLiar: false);
        }

        Assert.True(withLiar > 2 * withoutLiar, $"summed smallest gaps: {withLiar:F2} with the liar, {withoutLiar:F2} without");
    }

    [Fact]
    public void PendingTrial_JoinsBadGroup()
    {
        var x = new FloatHyperParameter("x", 0, 1);
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 12).Select(i => Values(("x", i / 12.0))));
        oracle.UpdateSpace([x], initial: true);
        var trials = Enumerable.Range(0, 12).Select(_ => oracle.CreateTrial().Trial!).ToList();
        foreach (var trial in trials.Take(11))
        {
            oracle.CompleteTrial(trial, 1.0 + trial.Number);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: trial => trial.Values);
        var model = new TpeModel(s_independent, n => n, 24, 10, stream => new DeterministicRandom(1, 12, stream), observations, new TpeUnitCache());

        var (good, _, bad, finished) = model.Split([x], [TpeModel.DimensionOf(x)]);

        Assert.Equal(11, finished);
        Assert.Equal(11, good.Count);
        Assert.Equal(11.0 / 12, Assert.Single(bad)[0], 12);
        Assert.True(observations[^1].IsPending);
    }

    [Fact]
    public void InfiniteLoss_JoinsBadGroup()
    {
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 12).Select(i => Values(("x", i / 12.0))));
        var x = new FloatHyperParameter("x", 0, 1);
        oracle.UpdateSpace([x], initial: true);
        foreach (var trial in Enumerable.Range(0, 12).Select(_ => oracle.CreateTrial().Trial!))
        {
            oracle.CompleteTrial(trial, trial.Number < 9 ? double.PositiveInfinity : trial.Number);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var model = new TpeModel(s_independent, n => n, 24, 10, stream => new DeterministicRandom(1, 12, stream), observations, new TpeUnitCache());

        var (good, _, bad, _) = model.Split([x], [TpeModel.DimensionOf(x)]);

        Assert.Equal(3, good.Count);
        Assert.Equal(9, bad.Count);
        Assert.All(good, point => Assert.True(point[0] >= 0.75));
    }

    [Fact]
    public void PrunedTrials_AreModelled_FailedAreNot()
    {
        var x = new FloatHyperParameter("x", 0, 1);
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 16).Select(i => Values(("x", i / 16.0))));
        oracle.UpdateSpace([x], initial: true);
        var trials = Enumerable.Range(0, 16).Select(_ => oracle.CreateTrial().Trial!).ToList();
        foreach (var trial in trials.Take(10))
        {
            oracle.CompleteTrial(trial, 5.0 + trial.Number);
        }

        foreach (var trial in trials.Skip(10).Take(5))
        {
            oracle.ReportIntermediate(trial, 0, trial.Number);
            oracle.PruneTrial(trial);
        }

        oracle.FailTrial(trials[15], "out of memory");
        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var model = new TpeModel(s_independent, n => 3, 24, 10, stream => new DeterministicRandom(1, 16, stream), observations, new TpeUnitCache());

        var (good, _, bad, finished) = model.Split([x], [TpeModel.DimensionOf(x)]);

        Assert.Equal(15, finished);
        Assert.Equal(3, good.Count);
        Assert.Equal(12, bad.Count);
        Assert.Equal([0.0, 1.0 / 16, 2.0 / 16], good.Select(point => point[0]));
    }

    [Fact]
    public void ImprovementWeights_MeasureFromBadGroupsBest()
    {
        var x = new FloatHyperParameter("x", 0, 1);
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 12).Select(i => Values(("x", i / 12.0))));
        oracle.UpdateSpace([x], initial: true);
        foreach (var trial in Enumerable.Range(0, 12).Select(_ => oracle.CreateTrial().Trial!))
        {
            oracle.CompleteTrial(trial, new[] { 9.0, 4.0, 8.0, 1.0, 7.0, 6.0, 5.5, 10, 11, 12, 13, 14 }[trial.Number]);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var settings = s_independent with { Weighting = TpeWeighting.ExpectedImprovement };
        var model = new TpeModel(settings, n => 3, 24, 10, stream => new DeterministicRandom(1, 12, stream), observations, new TpeUnitCache());

        var split = model.Split([x], [TpeModel.DimensionOf(x)]);

        Assert.Equal([1.0 / 12, 3.0 / 12, 6.0 / 12], split.Good.Select(point => point[0]));
        Assert.Equal([6.0 - 4.0, 6.0 - 1.0, 6.0 - 5.5], split.GoodWeights!);
        Assert.Equal(9, split.Bad.Count);
        Assert.Null(new TpeModel(s_independent, n => 3, 24, 10, stream => new DeterministicRandom(1, 12, stream), observations, new TpeUnitCache())
            .Split([x], [TpeModel.DimensionOf(x)]).GoodWeights);
    }

    [Fact]
    public void ImprovementWeights_HugeLosses_ProposeAsSmallOnes()
    {
        List<Trial> Run(double scale)
        {
            var oracle = new Tpe(maxTrials: 60, seed: 2);
            oracle.UpdateSpace([new FloatHyperParameter("x", 0, 1)], initial: true);
            return AskAndTell.Run(oracle, values => (double)values["x"] < 0.2 ? -scale : scale * (double)values["x"], 60);
        }

        var huge = Run(1e308);
        var small = Run(1);

        Assert.Equal(small.Select(Describe), huge.Select(Describe));
        Assert.True(small.Skip(10).Count(trial => (double)trial.Values["x"] < 0.2) > 25, "TPE should settle below 0.2");
    }

    [Fact]
    public void ResetTrials_ForgetsThePreviousStudy()
    {
        var reused = new Tpe(maxTrials: 40, seed: 3);
        reused.UpdateSpace([new FloatHyperParameter("x", 0, 1)], initial: true);
        AskAndTell.Run(reused, values => (double)values["x"], 40);
        reused.ResetTrials();
        var fresh = new Tpe(maxTrials: 40, seed: 3);
        fresh.UpdateSpace([new FloatHyperParameter("x", 0, 1)], initial: true);

        var second = AskAndTell.Run(reused, values => 1 - (double)values["x"], 40);
        var expected = AskAndTell.Run(fresh, values => 1 - (double)values["x"], 40);

        Assert.Equal(expected.Select(Describe), second.Select(Describe));
    }

    [Fact]
    public void LatinHypercubeStartup_HugeStartupCount_StaysCheap()
    {
        var tpe = new Tpe(maxTrials: 20, seed: 1, numStartupTrials: int.MaxValue);
        tpe.UpdateSpace(TwoFloats(), initial: true);

        var trials = AskAndTell.Run(tpe, Sphere, 20);

        Assert.Equal(20, trials.Count);
        Assert.All(trials, trial => Assert.InRange((double)trial.Values["x"], -5.0, 5.0));
        Assert.Equal(20, trials.Select(trial => (int)Math.Floor(((double)trial.Values["x"] + 5) / 10 * 10_000)).Distinct().Count());
    }

    [Fact]
    public void ImprovementWeights_NeedCompletedTrials()
    {
        var x = new FloatHyperParameter("x", 0, 1);
        var oracle = ScriptedOracle.WithValues(Enumerable.Range(0, 6).Select(i => Values(("x", i / 6.0))));
        oracle.UpdateSpace([x], initial: true);
        var trials = Enumerable.Range(0, 6).Select(_ => oracle.CreateTrial().Trial!).ToList();
        foreach (var trial in trials.Take(2))
        {
            oracle.CompleteTrial(trial, 1.0 + trial.Number);
        }

        foreach (var trial in trials.Skip(2))
        {
            oracle.ReportIntermediate(trial, 0, trial.Number);
            oracle.PruneTrial(trial);
        }

        var observations = TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: null);
        var settings = s_independent with { Weighting = TpeWeighting.ExpectedImprovement };
        TpeSplit SplitWithGood(int good) =>
            new TpeModel(settings, n => good, 24, 1, stream => new DeterministicRandom(1, 6, stream), observations, new TpeUnitCache())
                .Split([x], [TpeModel.DimensionOf(x)]);

        Assert.Equal([1.0], SplitWithGood(1).GoodWeights!);
        Assert.Null(SplitWithGood(2).GoodWeights);
        Assert.Null(SplitWithGood(3).GoodWeights);
    }

    [Fact]
    public void NaNScore_FailsTrialAndIsNotModelled()
    {
        var oracle = NewTpe(seed: 2, maxTrials: 20);
        var trial = oracle.CreateTrial().Trial!;

        oracle.CompleteTrial(trial, double.NaN);

        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Empty(TpeObservation.Rank(oracle.Trials, oracle.Objective, proposedValues: trial => trial.Values));
    }

    [Fact]
    public void InfiniteLosses_DoNotBreakProposals()
    {
        var oracle = NewTpe(seed: 8, maxTrials: 30);

        var trials = AskAndTell.Run(oracle, values => (double)values["x"] > 0 ? double.PositiveInfinity : Sphere(values), 30);

        Assert.Equal(30, trials.Count);
        Assert.All(trials, trial => Assert.InRange((double)trial.Values["x"], -5.0, 5.0));
    }

    [Fact]
    public void ProposedValues_RespectStepsSamplingAndFixedValues()
    {
        var oracle = new Tpe(maxTrials: 40, seed: 5, numStartupTrials: 5);
        var space = new HyperParameter[]
        {
            new IntHyperParameter("units", 16, 256, step: 16),
            new FloatHyperParameter("lr", 1e-5, 1e-1, sampling: Sampling.Log),
            new FloatHyperParameter("momentum", 0.5, 0.99, sampling: Sampling.ReverseLog),
            new IntHyperParameter("filters", 2, 512, sampling: Sampling.Log),
            new FloatHyperParameter("decay", 0.1, 0.9, step: 0.1),
            new ChoiceHyperParameter("batch", [16, 32, 64, 128]),
            new ChoiceHyperParameter("activation", ["relu", "tanh", "gelu"]),
            new FixedHyperParameter("epochs", 3),
        };
        oracle.UpdateSpace(space, initial: true);

        var trials = AskAndTell.Run(oracle, values => Math.Abs(Math.Log10((double)values["lr"]) + 3) + (int)values["units"] / 256.0, 40);

        Assert.Equal(40, trials.Count);
        foreach (var trial in trials)
        {
            foreach (var parameter in space)
            {
                Assert.True(parameter.Contains(trial.Values[parameter.Name]), $"{parameter} does not contain {trial.Values[parameter.Name]}");
            }
        }

        Assert.True(trials.Skip(20).Count(t => (double)t.Values["lr"] is > 1e-4 and < 1e-2) >= 12, "late trials should favour lr near 1e-3");
    }

    [Fact]
    public void GrowingSpace_TunesOrFixesNewParameters()
    {
        foreach (bool tuneNewEntries in new[] { true, false })
        {
            var oracle = new Tpe(maxTrials: 30, seed: 1, tuneNewEntries: tuneNewEntries);
            oracle.UpdateSpace([new FloatHyperParameter("x", -5, 5)], initial: true);
            AskAndTell.Run(oracle, values => Math.Abs((double)values["x"]), 15);

            oracle.UpdateSpace([new FloatHyperParameter("x", -5, 5), new FloatHyperParameter("y", 0, 1, defaultValue: 0.25)]);
            var later = AskAndTell.Run(oracle, values => Math.Abs((double)values["x"]) + (double)values["y"], 10);

            var ys = later.Select(trial => (double)trial.Values["y"]).Distinct().ToList();
            if (tuneNewEntries)
            {
                Assert.True(ys.Count > 5, $"y took only {ys.Count} values");
            }
            else
            {
                Assert.Equal([0.25], ys);
            }
        }
    }

    [Fact]
    public void Quality_BeatsRandomSearchOnSmoothFunction()
    {
        int wins = 0;
        var report = new List<string>();
        for (int seed = 0; seed < 5; seed++)
        {
            var tpe = NewTpe(seed: seed, maxTrials: 40);
            var random = new RandomSearch(maxTrials: 40, seed: seed);
            random.UpdateSpace(TwoFloats(), initial: true);

            double tpeBest = AskAndTell.Run(tpe, Sphere, 40).Min(trial => trial.Score!.Value);
            double randomBest = AskAndTell.Run(random, Sphere, 40).Min(trial => trial.Score!.Value);

            wins += tpeBest < randomBest ? 1 : 0;
            report.Add($"seed {seed}: TPE {tpeBest:G4}, random {randomBest:G4}");
        }

        Assert.True(wins >= 4, $"TPE won {wins} of 5 seeds: {string.Join("; ", report)}");
    }

    [Fact]
    public void InvalidOptions_AreRejectedWithTheValidRange()
    {
        Assert.Contains("0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(numStartupTrials: -1)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(numEiCandidates: 0)).Message);
        Assert.Contains("positive finite", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(priorWeight: 0)).Message);
        Assert.Contains("positive finite", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(priorWeight: double.NaN)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(maxTrials: 0)).Message);
        foreach (double minBandwidth in new[] { -0.01, 1.5, double.NaN })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(minBandwidth: minBandwidth));
            Assert.Equal("minBandwidth", error.ParamName);
            Assert.Contains("from 0 to 1", error.Message);
        }

        foreach (double exponent in new[] { 0, -1, double.NaN })
        {
            Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(magicClipExponent: exponent)).Message);
        }

        Assert.Contains("ExpectedImprovement", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(weighting: (TpeWeighting)7)).Message);
        Assert.Contains("Neighbours", Assert.Throws<ArgumentOutOfRangeException>(() => new Tpe(bandwidth: (TpeBandwidth)7)).Message);
    }

    [Fact]
    public void Defaults_AndLikeOptunaSettings()
    {
        var tpe = new Tpe();
        var optuna = Tpe.LikeOptuna();
        var optunaJoint = Tpe.LikeOptuna(multivariate: true);

        Assert.Equal(
            (true, 0.15 * 40, TpeWeighting.ExpectedImprovement, TpeBandwidth.Neighbours, 0.03, 2.0, true, true, false, true),
            (tpe.Multivariate, (double)tpe.Gamma(40), tpe.Weighting, tpe.Bandwidth, tpe.MinBandwidth, tpe.MagicClipExponent,
                tpe.ConsiderEndpoints, tpe.LatinHypercubeStartup, tpe.OptunaLogDensity, tpe.ConstantLiar));
        Assert.Equal(
            (false, 0.1 * 40, TpeWeighting.Recency, TpeBandwidth.Neighbours, 0.01, 1.0, false, false, true, false),
            (optuna.Multivariate, (double)optuna.Gamma(40), optuna.Weighting, optuna.Bandwidth, optuna.MinBandwidth,
                optuna.MagicClipExponent, optuna.ConsiderEndpoints, optuna.LatinHypercubeStartup, optuna.OptunaLogDensity,
                optuna.ConstantLiar));
        Assert.Equal((true, TpeBandwidth.Shared, true), (optunaJoint.Multivariate, optunaJoint.Bandwidth, optunaJoint.OptunaLogDensity));
        Assert.Equal([1, 1, 2, 25], new[] { 1, 10, 11, 1_000 }.Select(Tpe.OptunaGamma));
        Assert.Equal([1, 2, 3, 25], new[] { 1, 10, 14, 1_000 }.Select(Tpe.DefaultGamma));
    }

    [Fact]
    public void Gamma_OutOfRange_Throws()
    {
        var oracle = new Tpe(maxTrials: 20, seed: 1, numStartupTrials: 2, gamma: n => n + 1);
        oracle.UpdateSpace(TwoFloats(), initial: true);
        AskAndTell.Run(oracle, Sphere, 2);

        var error = Assert.Throws<InvalidOperationException>(() => oracle.CreateTrial());

        Assert.Contains("returned 3 for 2 observations", error.Message);
    }

    [Fact]
    public void DefaultGamma_IsFifteenPercentCappedAt25()
    {
        Assert.Equal(0, Tpe.DefaultGamma(0));
        Assert.Equal(1, Tpe.DefaultGamma(1));
        Assert.Equal(2, Tpe.DefaultGamma(11));
        Assert.Equal(25, Tpe.DefaultGamma(1_000));
    }

    /// <summary>Runs 30 trials on |x - 40|, then returns the smallest gap between four proposals left pending.</summary>
    private static double SmallestPendingGap(int seed, bool constantLiar)
    {
        var oracle = new Tpe(maxTrials: 60, seed: seed, constantLiar: constantLiar);
        oracle.UpdateSpace([new FloatHyperParameter("x", 0, 100)], initial: true);
        AskAndTell.Run(oracle, values => Math.Abs((double)values["x"] - 40), 30);

        var pending = Enumerable.Range(0, 4).Select(_ => (double)oracle.CreateTrial().Trial!.Values["x"]).Order().ToList();

        return Enumerable.Range(1, pending.Count - 1).Min(i => pending[i] - pending[i - 1]);
    }

    private static Tpe NewTpe(int seed, int maxTrials, bool multivariate = false)
    {
        var oracle = new Tpe(maxTrials: maxTrials, seed: seed, multivariate: multivariate);
        oracle.UpdateSpace(TwoFloats(), initial: true);
        return oracle;
    }

    private static HyperParameter[] TwoFloats() => [new FloatHyperParameter("x", -5, 5), new FloatHyperParameter("y", -5, 5)];

    private static double Sphere(IReadOnlyDictionary<string, object> values)
    {
        double x = (double)values["x"] - 1.3;
        double y = (double)values["y"] + 0.7;
        return x * x + 2 * y * y;
    }

    private static string Describe(Trial trial) => trial.HyperParameters.ToString();

    /// <summary>Returns the density at <paramref name="x"/> of a normal kernel truncated to [0, 1].</summary>
    private static double KernelDensity(double x, double centre, double sigma)
    {
        double mass = Normal.CDF(0, 1, (1 - centre) / sigma) - Normal.CDF(0, 1, -centre / sigma);
        return Normal.PDF(0, 1, (x - centre) / sigma) / sigma / mass;
    }

    private static List<double[]> Points(params double[] coordinates) => coordinates.Select(c => new[] { c }).ToList();

    private static double Integrate(Func<double, double> f, int steps)
    {
        double sum = 0;
        for (int i = 0; i < steps; i++)
        {
            sum += f((i + 0.5) / steps);
        }

        return sum / steps;
    }

    private static Dictionary<string, object> Values(params (string Name, object Value)[] values) =>
        values.ToDictionary(pair => pair.Name, pair => pair.Value);

    /// <summary>An oracle that proposes scripted values in order, to build trial histories for the model's tests.</summary>
    private sealed class ScriptedOracle(IReadOnlyList<Dictionary<string, object>> script, Objective objective)
        : Oracle(objective, maxTrials: null, seed: 1)
    {
        public static ScriptedOracle WithValues(IEnumerable<Dictionary<string, object>> script, Objective? objective = null) =>
            new(script.ToList(), objective ?? Objective.Minimize("loss"));

        protected override TrialProposal PopulateSpace(int trialNumber) =>
            trialNumber < script.Count ? TrialProposal.Ready(script[trialNumber]) : TrialProposal.Stop("The script is over.");
    }
}
