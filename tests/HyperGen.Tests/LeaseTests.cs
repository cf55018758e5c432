using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace HyperGen.Tests;

public sealed class LeaseTests
{
    [Fact]
    public async Task LostLease_CancelsRunningFit()
    {
        using var folder = new TemporaryDirectory();
        using var storage = new InMemoryStudyStorage();
        var model = new WaitingHyperModel();
        var options = new TunerOptions
        {
            Directory = folder.Path,
            ProjectName = "study",
            Storage = storage,
            LeaseDuration = TimeSpan.FromSeconds(1),
        };
        var tuner = new Tuner<ScoredConfiguration>(model, new RandomSearch(Objective.Minimize("loss"), maxTrials: 1, seed: 2), options);

        var search = tuner.SearchAsync();
        Assert.True(model.Started.Wait(TimeSpan.FromSeconds(10)), "Fit never started.");
        storage.Write("study", transaction =>
        {
            var takenOver = transaction.ReadTrialsChangedSince(-1)[0];
            takenOver.LeaseOwner = "other-machine:1:takeover";
            takenOver.LeaseExpiresAt = DateTimeOffset.UtcNow.AddHours(1);
            transaction.UpdateTrial(takenOver);
            return 0;
        });

        Assert.True(model.Cancelled.Wait(TimeSpan.FromSeconds(10)), "Fit was not cancelled after its lease was taken over.");
        storage.Write("study", transaction =>
        {
            var finished = transaction.ReadTrialsChangedSince(-1)[0];
            finished.Status = TrialStatus.Completed;
            finished.Score = 7.0;
            finished.LeaseOwner = null;
            finished.LeaseExpiresAt = null;
            finished.EndedAt = DateTimeOffset.UtcNow;
            transaction.UpdateTrial(finished);
            return 0;
        });
        await search.WaitAsync(TimeSpan.FromSeconds(30));

        var stored = storage.ReadTrials("study");
        Assert.Single(stored);
        Assert.Equal(7.0, stored[0].Score);
        Assert.Equal(7.0, tuner.Oracle.Trials[0].Score);
        Assert.Equal(TrialStatus.Completed, tuner.Oracle.Trials[0].Status);
    }

    /// <summary>A hypermodel whose Fit waits until its cancellation token fires, then lets the cancellation escape.</summary>
    private sealed class WaitingHyperModel() : HyperModel<ScoredConfiguration>
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Cancelled { get; } = new();

        public override ScoredConfiguration Build(HyperParameters hyperParameters)
        {
            hyperParameters.Int("x", 0, 9);
            return new ScoredConfiguration(new Dictionary<string, object>(hyperParameters.Values));
        }

        public override FitResult Fit(HyperParameters hyperParameters, ScoredConfiguration model, TrialContext context)
        {
            Started.Set();
            bool fired = context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
            if (fired)
            {
                Cancelled.Set();
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            return 1.0;
        }
    }
}
