using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp.Tests;

[Collection(TrainingCollection.Name)]
public sealed class PruningTests
{
    [Fact]
    public async Task Search_PrunedTrials_StopAfterReportedEpoch()
    {
        using var data = TrainingTestData.LoadDigits(rows: 300);
        using var folder = new TemporaryDirectory();
        var options = new TrainingOptions { Epochs = 3, Patience = null };
        var hyperModel = new CountingMlp(data, options);
        var pruner = new AllButFirstTrialPruner();
        var oracle = new RandomSearch(Objective.Maximize("val_accuracy"), maxTrials: 3, seed: 9) { Pruner = pruner };
        var tuner = new Tuner<nn.Module<Tensor, Tensor>>(hyperModel, oracle, new TunerOptions { Directory = folder.Path, Overwrite = true });

        await tuner.SearchAsync();

        var trials = oracle.Trials;
        Assert.Equal(3, trials.Count);
        Assert.Equal(TrialStatus.Completed, trials[0].Status);
        Assert.Equal([0, 1, 2], trials[0].IntermediateValues.Select(value => value.Step));
        Assert.Equal(trials[0].Executions[0]["val_accuracy"], trials[0].IntermediateValues.Select(value => value.Value));
        Assert.Equal(3 * hyperModel.BatchesPerEpoch, hyperModel.TrainingPasses[0]);
        foreach (var trial in trials.Skip(1))
        {
            Assert.Equal(TrialStatus.Pruned, trial.Status);
            Assert.Equal([0], trial.IntermediateValues.Select(value => value.Step));
            Assert.InRange(trial.IntermediateValues[0].Value, 0.0, 1.0);
            Assert.Null(trial.Score);
            Assert.Equal(hyperModel.BatchesPerEpoch, hyperModel.TrainingPasses[trial.Number]);
        }

        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0), (2, 0)], pruner.Requests);
    }

    /// <summary>
    /// Prunes every trial but the first at its first report, and records each request as (trial number, step).
    /// </summary>
    private sealed class AllButFirstTrialPruner : Pruner
    {
        public List<(int Trial, int Step)> Requests { get; } = [];

        public override bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective)
        {
            Requests.Add((trial.Number, trial.IntermediateValues[^1].Step));

            return trial.Number > 0;
        }
    }

    /// <summary>
    /// A small MLP with a pass-through layer that counts forward passes in training mode, so the test can tell how
    /// many batches each trial trained, independently of what it reported.
    /// </summary>
    private sealed class CountingMlp(TensorDataset data, TrainingOptions options) : TorchHyperModel(data, options)
    {
        private TrainingPassCounter? _counter;
        private int _trialNumber;

        /// <summary>The forward passes each trial made in training mode, by trial number: one per batch.</summary>
        public Dictionary<int, int> TrainingPasses { get; } = [];

        public int BatchesPerEpoch => (Data.TrainCount + Options.BatchSize - 1) / Options.BatchSize;

        public override void OnExecutionStarting(TrialContext context)
        {
            base.OnExecutionStarting(context);
            _trialNumber = context.Trial.Number;
        }

        public override nn.Module<Tensor, Tensor> Build(HyperParameters hyperParameters)
        {
            int units = hyperParameters.Int("units", 16, 64, step: 16);
            _counter = new TrainingPassCounter();

            return nn.Sequential(
                ("hidden", nn.Linear(Data.FeatureCount, units)),
                ("relu", nn.ReLU()),
                ("output", nn.Linear(units, Data.ClassCount)),
                ("counter", _counter));
        }

        public override FitResult Fit(HyperParameters hyperParameters, nn.Module<Tensor, Tensor> model, TrialContext context)
        {
            try
            {
                return base.Fit(hyperParameters, model, context);
            }
            finally
            {
                TrainingPasses[_trialNumber] = _counter!.TrainingPasses;
            }
        }
    }

    /// <summary>A layer that returns its input and counts the forward passes made in training mode.</summary>
    private sealed class TrainingPassCounter : nn.Module<Tensor, Tensor>
    {
        public TrainingPassCounter()
            : base(nameof(TrainingPassCounter))
        {
        }

        public int TrainingPasses { get; private set; }

        public override Tensor forward(Tensor input)
        {
            if (training)
            {
                TrainingPasses++;
            }

            return input.alias();
        }
    }
}
