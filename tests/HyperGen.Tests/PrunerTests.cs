using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// Checks the median, percentile and successive halving pruners through a real oracle: trials are created, report
/// their steps and end through ask and tell, or run under a tuner. Expected decisions are computed by hand in the
/// comments next to each case.
/// </summary>
public class PrunerTests
{
    // Five completed trials whose values at steps 0 to 7 are 10 + i, 5 + i, 3 + i and then 2 + i, for i = 0 to 4. The
    // median is 12 at step 0, 7 at step 1, 5 at step 2 and 4 at steps 3 to 7.
    private static readonly double[][] s_fiveCompleted =
    [
        .. Enumerable.Range(0, 5).Select(i => new double[] { 10 + i, 5 + i, 3 + i, 2 + i, 2 + i, 2 + i, 2 + i, 2 + i }),
    ];

    [Fact]
    public void MedianPruner_WorseThanMedian_Prunes()
    {
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();

        bool atStep0 = study.Report(trial, 0, 11);
        bool atStep1 = study.Report(trial, 1, 9);

        Assert.False(atStep0);
        Assert.True(atStep1);
    }

    [Fact]
    public void MedianPruner_DuringStartupTrials_NeverPrunes()
    {
        var study = new Study(new MedianPruner(startupTrials: 5));
        study.CompleteAll(s_fiveCompleted[..4]);
        var trial = study.Start();

        bool duringStartup = study.Report(trial, 0, 1000);
        study.Complete(s_fiveCompleted[4]);
        bool afterStartup = study.Report(trial, 1, 1000);

        Assert.False(duringStartup);
        Assert.True(afterStartup);
    }

    [Fact]
    public void MedianPruner_NoCompletedTrial_NeverPrunes()
    {
        var study = new Study(new MedianPruner(startupTrials: 0));
        var running = study.Start();
        study.Report(running, 0, 1);
        var trial = study.Start();

        Assert.False(study.Report(trial, 0, 1000));
    }

    [Fact]
    public void MedianPruner_BeforeWarmup_NeverPrunes()
    {
        var study = new Study(new MedianPruner(warmupSteps: 2));
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();

        bool[] decisions = [.. Enumerable.Range(0, 3).Select(step => study.Report(trial, step, 1000))];

        Assert.Equal([false, false, true], decisions);
    }

    [Fact]
    public void MedianPruner_OffInterval_NeverPrunes()
    {
        // Checks at the warm-up step 1 and every third step after it: 1, 4 and 7.
        var study = new Study(new MedianPruner(warmupSteps: 1, intervalSteps: 3));
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();

        bool[] decisions = [.. Enumerable.Range(0, 8).Select(step => study.Report(trial, step, 1000))];

        Assert.Equal([false, true, false, false, true, false, false, true], decisions);
    }

    [Fact]
    public void MedianPruner_SkippedCheckStep_ChecksNextReport()
    {
        // Checks at steps 0, 3 and 6. The trial skips step 3, so its report at step 4 is checked, and step 5 is not.
        // Its best value so far stays 12, the median at step 0, which is worse than the median 4 at steps 3 to 7.
        var study = new Study(new MedianPruner(intervalSteps: 3));
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();

        bool atStep0 = study.Report(trial, 0, 12);
        bool atStep2 = study.Report(trial, 2, 1000);
        bool atStep4 = study.Report(trial, 4, 1000);
        bool atStep5 = study.Report(trial, 5, 1000);

        Assert.False(atStep0);
        Assert.False(atStep2);
        Assert.True(atStep4);
        Assert.False(atStep5);
    }

    [Fact]
    public void MedianPruner_ComparesBestValueSoFar()
    {
        // The median at step 1 is 7, and the trial's best value so far is its 1 from step 0.
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();

        study.Report(trial, 0, 1);

        Assert.False(study.Report(trial, 1, 100));
    }

    [Fact]
    public void MedianPruner_Maximize_PrunesLowerValues()
    {
        // Accuracies at step 0 are 0.5 to 0.9, so the median is 0.7.
        var study = new Study(new MedianPruner(), ObjectiveDirection.Maximize);
        study.CompleteAll([[0.5], [0.6], [0.7], [0.8], [0.9]]);

        bool below = study.Report(study.Start(), 0, 0.69);
        bool above = study.Report(study.Start(), 0, 0.71);

        Assert.True(below);
        Assert.False(above);
    }

    [Fact]
    public void MedianPruner_Maximize_ComparesHighestValueSoFar()
    {
        var study = new Study(new MedianPruner(), ObjectiveDirection.Maximize);
        study.CompleteAll([[0.5, 0.5], [0.6, 0.6], [0.7, 0.7], [0.8, 0.8], [0.9, 0.9]]);
        var trial = study.Start();

        study.Report(trial, 0, 0.95);

        Assert.False(study.Report(trial, 1, 0.1));
    }

    [Fact]
    public void MedianPruner_TieWithMedian_Continues()
    {
        // The median at step 1 is 7.
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);
        var tied = study.Start();
        var worse = study.Start();
        study.Report(tied, 0, 12);
        study.Report(worse, 0, 12);

        Assert.False(study.Report(tied, 1, 7));
        Assert.True(study.Report(worse, 1, 7.000001));
    }

    [Fact]
    public void MedianPruner_EvenCount_InterpolatesMedian()
    {
        // Values 1, 2, 3 and 4 have the median 2.5.
        var study = new Study(new MedianPruner(startupTrials: 4));
        study.CompleteAll([[1], [2], [3], [4]]);

        Assert.False(study.Report(study.Start(), 0, 2.5));
        Assert.True(study.Report(study.Start(), 0, 2.51));
    }

    [Fact]
    public void MedianPruner_IgnoresTrialsNotCompleted()
    {
        // Running and pruned trials at 0 would pull the median at step 1 below 6. Only completed trials count, so the
        // median stays at 7.
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);
        for (int i = 0; i < 6; i++)
        {
            var other = study.Start();
            study.Report(other, 0, 0);
            study.Report(other, 1, 0);
            if (i % 2 == 0)
            {
                study.Oracle.PruneTrial(other);
            }
        }

        var trial = study.Start();
        study.Report(trial, 0, 6);

        Assert.False(study.Report(trial, 1, 6));
    }

    [Fact]
    public void MedianPruner_FewTrialsAtStep_NeverPrunes()
    {
        // Only two of the completed trials reported step 3.
        var study = new Study(new MedianPruner(startupTrials: 3, minTrialsAtStep: 3));
        study.CompleteAll([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1]]);
        var trial = study.Start();
        study.Report(trial, 0, 1000);
        study.Report(trial, 1, 1000);
        study.Report(trial, 2, 1000);

        Assert.False(study.Report(trial, 3, 1000));
    }

    [Fact]
    public void MedianPruner_AllValuesNaN_Prunes()
    {
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);

        Assert.True(study.Report(study.Start(), 0, double.NaN));
    }

    [Fact]
    public void MedianPruner_NaNAfterNumber_ComparesNumber()
    {
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);
        var trial = study.Start();
        study.Report(trial, 0, 1);

        Assert.False(study.Report(trial, 1, double.NaN));
    }

    [Fact]
    public void MedianPruner_NaNInOthers_RanksWorst()
    {
        // Sorted best first, the values at step 0 are 1, 2, NaN, NaN, NaN: the median is NaN, and no number is worse
        // than NaN. The trials end at 0 because a NaN score would fail them.
        var study = new Study(new MedianPruner());
        study.CompleteAll([[1, 0], [2, 0], [double.NaN, 0], [double.NaN, 0], [double.NaN, 0]]);

        Assert.False(study.Report(study.Start(), 0, 50));
    }

    [Fact]
    public void MedianPruner_InfinityInOthers_RanksWorst()
    {
        // A loss of negative infinity has diverged: sorted best first, the values are 1, 2 and -∞, so the median is 2.
        var study = new Study(new MedianPruner(startupTrials: 3));
        study.CompleteAll([[1, 0], [2, 0], [double.NegativeInfinity, 0]]);

        Assert.False(study.Report(study.Start(), 0, 1.5));
        Assert.True(study.Report(study.Start(), 0, 2.5));
    }

    [Fact]
    public void MedianPruner_InfiniteValue_IsPruned()
    {
        var study = new Study(new MedianPruner());
        study.CompleteAll(s_fiveCompleted);

        Assert.True(study.Report(study.Start(), 0, double.PositiveInfinity));
    }

    [Fact]
    public void PercentilePruner_Percentile25_KeepsBestQuarter()
    {
        // Values 1 to 5: the 25th percentile from the best is 2 when minimizing and 4 when maximizing.
        var minimize = new Study(new PercentilePruner(25));
        minimize.CompleteAll([[1], [2], [3], [4], [5]]);
        var maximize = new Study(new PercentilePruner(25), ObjectiveDirection.Maximize);
        maximize.CompleteAll([[1], [2], [3], [4], [5]]);

        Assert.False(minimize.Report(minimize.Start(), 0, 2));
        Assert.True(minimize.Report(minimize.Start(), 0, 2.5));
        Assert.False(maximize.Report(maximize.Start(), 0, 4));
        Assert.True(maximize.Report(maximize.Start(), 0, 3.5));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 50.0, 2.5)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 25.0, 2.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 10.0, 1.4)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.0, 1.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 100.0, 5.0)]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, 50.0, double.PositiveInfinity)]
    [InlineData(new[] { 1.0, double.NaN }, 50.0, double.NaN)]
    [InlineData(new[] { 1.0, double.NaN }, 0.0, 1.0)]
    public void PercentileOfSorted_MatchesHandComputed(double[] sortedBestFirst, double percentile, double expected)
    {
        Assert.Equal(expected, PercentilePruner.PercentileOfSorted(sortedBestFirst, percentile), 12);
    }

    [Theory]
    [InlineData(-1.0, 5, 0, 1, 1, "percentile")]
    [InlineData(100.5, 5, 0, 1, 1, "percentile")]
    [InlineData(double.NaN, 5, 0, 1, 1, "percentile")]
    [InlineData(50.0, -1, 0, 1, 1, "startupTrials")]
    [InlineData(50.0, 5, -1, 1, 1, "warmupSteps")]
    [InlineData(50.0, 5, 0, 0, 1, "intervalSteps")]
    [InlineData(50.0, 5, 0, 1, 0, "minTrialsAtStep")]
    public void PercentilePruner_InvalidArgument_Throws(
        double percentile, int startupTrials, int warmupSteps, int intervalSteps, int minTrialsAtStep, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new PercentilePruner(percentile, startupTrials, warmupSteps, intervalSteps, minTrialsAtStep));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void MedianPruner_InvalidInterval_NamesValueAndFix()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(intervalSteps: 0));

        Assert.Equal("intervalSteps", error.ParamName);
        Assert.Equal(0, error.ActualValue);
        Assert.Contains("pass 1 to check every step", error.Message);
    }

    [Theory]
    [InlineData(1, 4, 0, new[] { 1, 4, 16, 64 })]
    [InlineData(2, 3, 1, new[] { 6, 18, 54 })]
    [InlineData(1, 2, 0, new[] { 1, 2, 4, 8 })]
    [InlineData(3, 2, 2, new[] { 12, 24, 48 })]
    [InlineData(5, 10, 0, new[] { 5, 50, 500 })]
    public void SuccessiveHalving_RungSteps_MatchHandComputed(int minResource, int reductionFactor, int minEarlyStoppingRate, int[] expected)
    {
        var pruner = new SuccessiveHalvingPruner(minResource, reductionFactor, minEarlyStoppingRate);

        int?[] steps = [.. Enumerable.Range(0, expected.Length).Select(pruner.GetRungStep)];

        Assert.Equal(expected.Select(step => (int?)step), steps);
    }

    [Fact]
    public void SuccessiveHalving_RungBeyondIntSteps_IsNull()
    {
        // 4^15 is 1,073,741,824 and 4^16 exceeds int.MaxValue.
        var pruner = new SuccessiveHalvingPruner();

        Assert.Equal(1_073_741_824, pruner.GetRungStep(15));
        Assert.Null(pruner.GetRungStep(16));
    }

    [Fact]
    public void SuccessiveHalving_ChecksOnlyAtRungSteps()
    {
        // Rungs at steps 6 and 18. A better trial reached both; the worse one is judged exactly there.
        var study = new Study(new SuccessiveHalvingPruner(minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1));
        var best = study.Start();
        for (int step = 0; step <= 20; step++)
        {
            study.Report(best, step, 0);
        }

        var trial = study.Start();
        int[] prunedAt = [.. Enumerable.Range(0, 21).Where(step => study.Report(trial, step, 1))];

        Assert.Equal([6, 18], prunedAt);
    }

    [Fact]
    public void SuccessiveHalving_EachRung_PromotesTopFraction()
    {
        // Reduction factor 2 puts the rungs at steps 1, 2 and 4. Each trial's loss is constant, and trials run one
        // after another to step 4. Of n values at a rung, the best k = max(1, n / 2) go on.
        //   rung 0, loss (n, k): 5 (1, 1) on, 3 (2, 1) on, 8 (3, 1) off, 1 (4, 2) on, 6 (5, 2) off, 2 (6, 3) on,
        //     7 (7, 3) off, 4 (8, 4) on.
        //   rung 1, among the trials that reached step 2: 5 (1, 1) on, 3 (2, 1) on, 1 (3, 1) on, 2 (4, 2) on,
        //     4 (5, 2) off, because 1 and 2 are better.
        //   rung 2: 5, 3, 1 and 2 are each within the best k when they arrive.
        var study = new Study(new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2));

        int?[] prunedAt = [.. new double[] { 5, 3, 8, 1, 6, 2, 7, 4 }.Select(loss => study.Run(_ => loss, lastStep: 4))];

        Assert.Equal([null, null, 1, null, 1, null, 1, 2], prunedAt);
        Assert.Equal(
            [TrialStatus.Completed, TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Pruned],
            study.Oracle.Trials.Select(trial => trial.Status));
    }

    [Fact]
    public void SuccessiveHalving_Factor4_KeepsQuarter()
    {
        // Defaults: rungs at steps 1, 4 and 16, and trials stop at step 3, so only rung 0 judges them. Of n values
        // there, the best max(1, n / 4) go on, so up to 7 values only the best so far goes on: 10 on, 20 off, 30 off,
        // 5 on, 15 off, 25 off, 35 off. From 8 values the best two go on: 12 is third (5, 10, 12) and is pruned, 7 is
        // second (5, 7) and goes on.
        var study = new Study(new SuccessiveHalvingPruner());

        int?[] prunedAt = [.. new double[] { 10, 20, 30, 5, 15, 25, 35, 12, 7 }.Select(loss => study.Run(_ => loss, lastStep: 3))];

        Assert.Equal([null, 1, 1, null, 1, 1, 1, 1, null], prunedAt);
    }

    [Fact]
    public void SuccessiveHalving_ComparesValueAtRungStep()
    {
        // At rung 0 (step 1) the competing values are 5 and 6, even though the trial reported 1 at step 0.
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));
        study.Run(_ => 5, lastStep: 4);

        int? prunedAt = study.Run(step => step == 0 ? 1 : 6, lastStep: 4);

        Assert.Equal(1, prunedAt);
    }

    [Fact]
    public void SuccessiveHalving_SkippedRungSteps_UseNextReport()
    {
        // Rungs at steps 1 and 2. Each trial jumps from step 0 to step 3 and competes at both rungs with its step 3
        // value: against 5, the value 4 goes on and then 6 is pruned.
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));
        study.Run(_ => 5, lastStep: 4);
        var better = study.Start();
        var worse = study.Start();
        study.Report(better, 0, 9);
        study.Report(worse, 0, 9);

        Assert.False(study.Report(better, 3, 4));
        Assert.True(study.Report(worse, 3, 6));
    }

    [Fact]
    public void SuccessiveHalving_RunningTrials_Compete()
    {
        // Trials run in parallel: the running trial's 1 at step 1 already counts when the second trial reaches it.
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));
        var first = study.Start();
        var second = study.Start();
        study.Report(first, 0, 1);
        study.Report(second, 0, 1);
        study.Report(first, 1, 1);

        Assert.True(study.Report(second, 1, 2));
    }

    [Fact]
    public void SuccessiveHalving_TieAtCut_Continues()
    {
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));
        study.Run(_ => 3, lastStep: 2);

        Assert.Null(study.Run(_ => 3, lastStep: 2));
    }

    [Fact]
    public void SuccessiveHalving_Maximize_KeepsHigherValues()
    {
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2), ObjectiveDirection.Maximize);
        study.Run(_ => 0.5, lastStep: 2);

        int? lower = study.Run(_ => 0.4, lastStep: 2);
        int? higher = study.Run(_ => 0.6, lastStep: 2);

        Assert.Equal(1, lower);
        Assert.Null(higher);
    }

    [Fact]
    public void SuccessiveHalving_NaNAtRung_Prunes()
    {
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));

        Assert.Equal(1, study.Run(_ => double.NaN, lastStep: 2));
    }

    [Fact]
    public void SuccessiveHalving_NaNBeforeRung_NeverPrunes()
    {
        var study = new Study(new SuccessiveHalvingPruner(minResource: 2));

        Assert.False(study.Report(study.Start(), 0, double.NaN));
    }

    [Fact]
    public void SuccessiveHalving_NonFiniteOthers_RankWorst()
    {
        // A pruned NaN trial and a diverged -∞ loss at rung 0 rank below 100, so 100 is the best value there.
        var study = new Study(new SuccessiveHalvingPruner(reductionFactor: 2));
        study.Run(_ => double.NaN, lastStep: 2);
        study.Run(_ => double.NegativeInfinity, lastStep: 2);

        Assert.Null(study.Run(_ => 100, lastStep: 2));
    }

    [Fact]
    public void SuccessiveHalving_Auto_WaitsForCompletedTrial()
    {
        var pruner = SuccessiveHalvingPruner.WithAutoMinResource(reductionFactor: 2);
        var study = new Study(pruner);
        var running = study.Start();
        study.Report(running, 0, 1);
        study.Report(running, 1, 1);
        var trial = study.Start();
        study.Report(trial, 0, 9);

        bool beforeEstimate = study.Report(trial, 1, 9);

        Assert.False(beforeEstimate);
        Assert.True(pruner.EstimatesMinResource);
        Assert.Null(pruner.MinResource);
        Assert.Throws<InvalidOperationException>(() => pruner.GetRungStep(0));
    }

    [Fact]
    public void SuccessiveHalving_Auto_EstimatesFromLastStep()
    {
        // The completed trial's last step is 299, so the minimum resource is 299 / 100 = 2 and the rungs are at
        // steps 2, 4 and 8.
        var pruner = SuccessiveHalvingPruner.WithAutoMinResource(reductionFactor: 2);
        var study = new Study(pruner);
        study.Run(_ => 1, lastStep: 299);

        int? prunedAt = study.Run(_ => 9, lastStep: 10);

        Assert.Equal(2, pruner.MinResource);
        Assert.Equal(4, pruner.GetRungStep(1));
        Assert.Equal(2, prunedAt);
    }

    [Fact]
    public void SuccessiveHalving_Auto_KeepsFirstEstimate()
    {
        var pruner = SuccessiveHalvingPruner.WithAutoMinResource();
        var study = new Study(pruner);
        study.Run(_ => 1, lastStep: 299);
        study.Run(_ => 1, lastStep: 2);
        study.Run(_ => 1, lastStep: 999);
        study.Run(_ => 1, lastStep: 0);

        Assert.Equal(2, pruner.MinResource);
    }

    [Theory]
    [InlineData(0, 4, 0, "minResource")]
    [InlineData(1, 1, 0, "reductionFactor")]
    [InlineData(1, 4, -1, "minEarlyStoppingRate")]
    public void SuccessiveHalving_InvalidArgument_Throws(int minResource, int reductionFactor, int minEarlyStoppingRate, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new SuccessiveHalvingPruner(minResource, reductionFactor, minEarlyStoppingRate));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("must be at least", error.Message);
    }

    [Fact]
    public void SuccessiveHalving_AutoInvalidFactor_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SuccessiveHalvingPruner.WithAutoMinResource(reductionFactor: 1));

        Assert.Equal("reductionFactor", error.ParamName);
    }

    [Fact]
    public async Task Tuner_MedianPruner_PrunesAndFindsBest()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 10, seed: 4) { Pruner = new MedianPruner(startupTrials: 2) };
        var tuner = new Tuner<CurveRecord>(new CurveModel(epochs: 5), oracle, folder.Options());

        await tuner.SearchAsync();

        AssertPrunedAndBestFound(oracle, epochs: 5);
    }

    [Fact]
    public async Task Tuner_SuccessiveHalving_PrunesAndFindsBest()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 10, seed: 4) { Pruner = new SuccessiveHalvingPruner(reductionFactor: 2) };
        var tuner = new Tuner<CurveRecord>(new CurveModel(epochs: 5), oracle, folder.Options());

        await tuner.SearchAsync();

        AssertPrunedAndBestFound(oracle, epochs: 5);
    }

    private static void AssertPrunedAndBestFound(Oracle oracle, int epochs)
    {
        var pruned = oracle.Trials.Where(trial => trial.Status == TrialStatus.Pruned).ToList();
        var completed = oracle.Trials.Where(trial => trial.Status == TrialStatus.Completed).ToList();
        Assert.Equal(10, oracle.Trials.Count);
        Assert.NotEmpty(pruned);
        Assert.Equal(10, pruned.Count + completed.Count);
        Assert.All(pruned, trial => Assert.InRange(trial.IntermediateValues.Count, 1, epochs - 1));
        Assert.All(pruned, trial => Assert.Null(trial.Score));
        Assert.All(completed, trial => Assert.Equal(epochs, trial.IntermediateValues.Count));
        Assert.Equal(0, oracle.GetBestTrials()[0].Values["x"]);
    }

    /// <summary>The parameter a <see cref="CurveModel"/> trains with.</summary>
    internal sealed record CurveRecord(int X);

    /// <summary>
    /// A hypermodel whose loss at epoch <c>e</c> is <c>x + 10 / (e + 1)</c> for its one parameter <c>x</c> from 0 to
    /// 9: every curve falls, and a smaller <c>x</c> is better at every epoch.
    /// </summary>
    private sealed class CurveModel(int epochs) : HyperModel<CurveRecord>
    {
        public override CurveRecord Build(HyperParameters hyperParameters) => new(hyperParameters.Int("x", 0, 9));

        public override FitResult Fit(HyperParameters hyperParameters, CurveRecord model, TrialContext context)
        {
            var history = new TrainingHistory();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var metrics = new Dictionary<string, double> { ["loss"] = model.X + (10.0 / (epoch + 1)) };
                history.Add(metrics);
                context.ReportEpoch(epoch, metrics);
            }

            return history;
        }
    }

    /// <summary>
    /// A search driven by ask and tell: trials are created by a random search over one integer, report values
    /// through <see cref="Oracle.ReportIntermediate"/> and end with <see cref="Oracle.CompleteTrial"/> or
    /// <see cref="Oracle.PruneTrial"/>.
    /// </summary>
    private sealed class Study
    {
        public Study(Pruner pruner, ObjectiveDirection direction = ObjectiveDirection.Minimize)
        {
            Oracle = new RandomSearch(new Objective("loss", direction), maxTrials: null, seed: 1) { Pruner = pruner };
            Oracle.UpdateSpace([new IntHyperParameter("x", 0, 1_000_000)], initial: true);
        }

        public RandomSearch Oracle { get; }

        public Trial Start() => Oracle.CreateTrial().Trial!;

        public bool Report(Trial trial, int step, double value) => Oracle.ReportIntermediate(trial, step, value);

        /// <summary>Reports <paramref name="values"/> at steps 0, 1, … whatever the pruner decides, then completes.</summary>
        public void Complete(double[] values)
        {
            var trial = Start();
            for (int step = 0; step < values.Length; step++)
            {
                Report(trial, step, values[step]);
            }

            Oracle.CompleteTrial(trial, values[^1]);
        }

        public void CompleteAll(IEnumerable<double[]> trials)
        {
            foreach (double[] values in trials)
            {
                Complete(values);
            }
        }

        /// <summary>
        /// Runs a trial through steps 0 to <paramref name="lastStep"/> as a training loop does: it stops and is pruned
        /// when the pruner decides so. Returns the step it was pruned at, or null when it completed.
        /// </summary>
        public int? Run(Func<int, double> valueAt, int lastStep)
        {
            var trial = Start();
            for (int step = 0; step <= lastStep; step++)
            {
                if (Report(trial, step, valueAt(step)))
                {
                    Oracle.PruneTrial(trial);
                    return step;
                }
            }

            Oracle.CompleteTrial(trial, valueAt(lastStep));
            return null;
        }
    }
}
