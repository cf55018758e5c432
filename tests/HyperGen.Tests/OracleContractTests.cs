using System.Text.Json;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// Checks the contract that every oracle, built in or written by a user, relies on: intermediate values, pruning, and
/// per-trial schedules that continue from a previous trial's weights. The oracles here live outside the runtime
/// assembly, so they use only its public and protected members.
/// </summary>
public class OracleContractTests
{
    [Fact]
    public async Task Pruner_StopsWeakTrials_AndSearchGoesOn()
    {
        using var folder = new TemporaryDirectory();
        var model = new EpochModel(epochs: 3);
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 8, seed: 3) { Pruner = new ThresholdPruner(5) };
        var tuner = new Tuner<EpochRecord>(model, oracle, folder.Options());

        await tuner.SearchAsync();

        var pruned = oracle.Trials.Where(trial => trial.Status == TrialStatus.Pruned).ToList();
        var completed = oracle.Trials.Where(trial => trial.Status == TrialStatus.Completed).ToList();
        Assert.Equal(8, oracle.Trials.Count);
        Assert.NotEmpty(pruned);
        Assert.NotEmpty(completed);
        Assert.All(pruned, trial => Assert.True((int)trial.Values["x"] >= 5));
        Assert.All(pruned, trial => Assert.Single(trial.IntermediateValues));
        Assert.All(pruned, trial => Assert.Null(trial.Score));
        Assert.All(completed, trial => Assert.Equal([0, 1, 2], trial.IntermediateValues.Select(value => value.Step)));
        Assert.All(pruned, trial => Assert.Contains("pruned after step 0", trial.ErrorMessage));
    }

    [Fact]
    public async Task PrunedTrial_IsRecordedWithItsIntermediateValues()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 4, seed: 3) { Pruner = new ThresholdPruner(-1) };
        var tuner = new Tuner<EpochRecord>(new EpochModel(epochs: 3), oracle, folder.Options());

        await tuner.SearchAsync();

        var first = oracle.Trials[0];
        var saved = folder.StoredTrials()[first.Number];
        Assert.Equal(TrialStatus.Pruned, saved.Status);
        var reported = saved.IntermediateValues[0];
        Assert.Equal(0, reported.Step);
        Assert.Equal((int)first.Values["x"], reported.Value);
    }

    [Fact]
    public async Task SecondExecution_PrunerSeesOnlyItsOwnSteps()
    {
        using var folder = new TemporaryDirectory();
        var pruner = new RecordingPruner();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 3) { Pruner = pruner };
        var options = new TunerOptions { Directory = folder.Path, ProjectName = "twice", ExecutionsPerTrial = 2 };
        var tuner = new Tuner<EpochRecord>(new EpochModel(epochs: 3), oracle, options);

        await tuner.SearchAsync();

        Assert.Equal(["0", "0,1", "0,1,2", "0", "0,1", "0,1,2"], pruner.Seen);
    }

    [Fact]
    public void ReportIntermediate_SameStepTwice_KeepsLatestValue()
    {
        var oracle = new ScriptedOracle([new TrialSchedule(Epochs: 1)]);
        oracle.UpdateSpace([new IntHyperParameter("x", 0, 9)], initial: true);
        var (trial, _) = oracle.CreateTrial();

        oracle.ReportIntermediate(trial!, 1, 0.5);
        oracle.ReportIntermediate(trial!, 0, 0.9);
        oracle.ReportIntermediate(trial!, 1, 0.25);

        Assert.Equal([new IntermediateValue(0, 0.9), new IntermediateValue(1, 0.25)], trial!.IntermediateValues);
    }

    [Fact]
    public void ReportIntermediate_NegativeStep_Throws()
    {
        var oracle = new ScriptedOracle([new TrialSchedule(Epochs: 1)]);
        oracle.UpdateSpace([new IntHyperParameter("x", 0, 9)], initial: true);
        var (trial, _) = oracle.CreateTrial();

        Assert.Throws<ArgumentOutOfRangeException>(() => oracle.ReportIntermediate(trial!, -1, 0.5));
    }

    [Fact]
    public async Task ScheduledTrial_ContinuesFromParentWeights()
    {
        using var folder = new TemporaryDirectory();
        var model = new EpochModel(epochs: 10);
        var oracle = new ScriptedOracle(
        [
            new TrialSchedule(Epochs: 2),
            new TrialSchedule(Epochs: 5, InitialEpoch: 2, ResumeFromTrialId: "0000", Bracket: 1, Round: 1),
        ]);
        var tuner = new Tuner<EpochRecord>(model, oracle, folder.Options());

        await tuner.SearchAsync();

        Assert.Equal([(0, 2), (2, 5)], model.Ranges);
        Assert.Equal([oracle.Trials[0].ModelPath], model.Loaded);
        Assert.Equal([2, 3, 4], oracle.Trials[1].IntermediateValues.Select(value => value.Step));
        var schedule = folder.StoredTrials()[1].Schedule!;
        Assert.Equal(5, schedule.Epochs);
        Assert.Equal(2, schedule.InitialEpoch);
        Assert.Equal("0000", schedule.ResumeFromTrialId);
    }

    [Fact]
    public async Task ScheduledTrial_ParentWithoutWeights_Fails()
    {
        using var folder = new TemporaryDirectory();
        var oracle = new ScriptedOracle(
        [
            new TrialSchedule(Epochs: 2),
            new TrialSchedule(Epochs: 5, InitialEpoch: 2, ResumeFromTrialId: "0000"),
        ]);
        var tuner = new Tuner<EpochRecord>(new EpochModel(epochs: 10, saves: false), oracle, folder.Options());

        await tuner.SearchAsync();

        Assert.Equal(TrialStatus.Failed, oracle.Trials[1].Status);
        Assert.Contains("continues trial 0000, but that trial has no saved weights", oracle.Trials[1].ErrorMessage);
    }

    [Fact]
    public void UserOracle_SamplesWithProtectedHelpers_Reproducibly()
    {
        var first = new ScriptedOracle([new TrialSchedule(1), new TrialSchedule(1), new TrialSchedule(1)]);
        var second = new ScriptedOracle([new TrialSchedule(1), new TrialSchedule(1), new TrialSchedule(1)]);
        IReadOnlyList<HyperParameter> space = [new IntHyperParameter("x", 0, 1000), new FloatHyperParameter("y", 0, 1)];
        first.UpdateSpace(space, initial: true);
        second.UpdateSpace(space, initial: true);

        var a = Enumerable.Range(0, 3).Select(_ => first.CreateTrial().Trial!.Values).ToList();
        var b = Enumerable.Range(0, 3).Select(_ => second.CreateTrial().Trial!.Values).ToList();

        Assert.Equal(a.Select(values => values["x"]), b.Select(values => values["x"]));
        Assert.Equal(a.Select(values => values["y"]), b.Select(values => values["y"]));
        Assert.Equal(3, a.Select(values => values["x"]).Distinct().Count());
    }

    [Fact]
    public void AskAndTell_RanksCompletedTrials()
    {
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 5);
        oracle.UpdateSpace([new IntHyperParameter("x", 0, 99)], initial: true);
        var trials = Enumerable.Range(0, 3).Select(_ => oracle.CreateTrial().Trial!).ToList();

        oracle.CompleteTrial(trials[0], 2.0);
        oracle.CompleteTrial(trials[1], double.NaN);
        oracle.CompleteTrial(trials[2], 1.0);

        Assert.Equal(trials[2], oracle.GetBestTrials()[0]);
        Assert.Equal(TrialStatus.Failed, trials[1].Status);
        Assert.Equal("The objective loss was NaN.", trials[1].ErrorMessage);
        Assert.Equal(TrialProposalStatus.Stopped, oracle.CreateTrial().Proposal.Status);
    }

    [Fact]
    public void AskAndTell_FinishedTrial_CannotChange()
    {
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 5);
        oracle.UpdateSpace([new IntHyperParameter("x", 0, 99)], initial: true);
        var trial = oracle.CreateTrial().Trial!;
        oracle.CompleteTrial(trial, 2.0);

        var error = Assert.Throws<InvalidOperationException>(() => oracle.FailTrial(trial, "late"));

        Assert.Contains("has already ended (Completed)", error.Message);
        Assert.Equal(2.0, trial.Score);
    }

    /// <summary>The epochs a model trained, recorded by <see cref="EpochModel"/>.</summary>
    internal sealed record EpochRecord(int X);

    /// <summary>
    /// A hypermodel whose loss at every epoch equals its one parameter <c>x</c>, reported through the context as a
    /// training loop does; it records the epoch ranges it trained and the weights it loaded.
    /// </summary>
    private sealed class EpochModel(int epochs, bool saves = true) : HyperModel<EpochRecord>
    {
        public List<(int First, int Last)> Ranges { get; } = [];

        public List<string?> Loaded { get; } = [];

        public override EpochRecord Build(HyperParameters hyperParameters) => new(hyperParameters.Int("x", 0, 9));

        public override FitResult Fit(HyperParameters hyperParameters, EpochRecord model, TrialContext context)
        {
            int last = context.Epochs ?? epochs;
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

        public override bool SaveModel(EpochRecord model, string path)
        {
            if (saves)
            {
                File.WriteAllText(path, model.X.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return saves;
        }

        public override void LoadModel(EpochRecord model, string path) => Loaded.Add(path);
    }

    /// <summary>Records the steps of each call and never prunes.</summary>
    private sealed class RecordingPruner : Pruner
    {
        public List<string> Seen { get; } = [];

        public override bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective)
        {
            Seen.Add(string.Join(",", trial.IntermediateValues.Select(value => value.Step)));
            return false;
        }
    }

    /// <summary>Prunes a trial whose latest value is at least the threshold.</summary>
    private sealed class ThresholdPruner(double threshold) : Pruner
    {
        public override bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective) =>
            trial.IntermediateValues[^1].Value >= threshold;
    }

    /// <summary>
    /// An oracle written against the public contract: it proposes one trial per scripted schedule, with values
    /// drawn by the protected helpers (a continuation repeats its parent's values), then stops.
    /// </summary>
    private sealed class ScriptedOracle(IReadOnlyList<TrialSchedule> schedules)
        : Oracle(Objective.Minimize("loss"), maxTrials: null, seed: 11)
    {
        protected override TrialProposal PopulateSpace(int trialNumber)
        {
            if (trialNumber >= schedules.Count)
            {
                return TrialProposal.Stop("The script is over.");
            }

            var schedule = schedules[trialNumber];
            if (schedule.ResumeFromTrialId is { } parentId)
            {
                var parent = Trials.Single(trial => trial.Id == parentId);
                return TrialProposal.Ready(parent.Values, schedule);
            }

            return TrialProposal.Ready(SampleValues(RandomFor(trialNumber)), schedule);
        }
    }
}
