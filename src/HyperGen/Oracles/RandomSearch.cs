namespace HyperGen;

/// <summary>
/// Samples every active parameter independently with its own sampling rule, never repeating a configuration.
/// </summary>
/// <remarks>
/// Trial <c>n</c> draws from a generator determined by the seed and <c>n</c> alone, so one seed gives the same
/// trials on every run and machine. When many consecutive draws repeat tried configurations, a finite space is
/// enumerated and one of the untried configurations is picked, so a finite space is always exhausted exactly
/// (KerasTuner gives up after 20 colliding draws and may stop a few configurations short); the search then stops
/// with a message that reports the exhaustion.
/// </remarks>
public sealed class RandomSearch : Oracle
{

    /// <summary>Creates a random search.</summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null for no limit.</param>
    /// <param name="seed">The seed; any value, 0 included, is a seed. Null picks one at random.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned.</param>
    public RandomSearch(Objective? objective = null, int? maxTrials = 10, int? seed = null, bool allowNewEntries = true, bool tuneNewEntries = true)
        : base(objective, maxTrials, seed, allowNewEntries, tuneNewEntries)
    {
    }

    /// <inheritdoc />
    protected override TrialProposal PopulateSpace(int trialNumber)
    {
        var values = DrawUntried(RandomFor(trialNumber), out _, out string? stopReason);
        return values is null ? TrialProposal.Stop(stopReason!) : TrialProposal.Ready(values);
    }
}
