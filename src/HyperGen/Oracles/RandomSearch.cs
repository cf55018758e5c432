using System;
using System.Collections.Generic;
using System.Linq;

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
    private const int DrawsBeforeEnumerating = 100;
    private const int MaxEnumeratedConfigurations = 1_000_000;

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
        var random = RandomFor(trialNumber);
        for (int draw = 0; draw < DrawsBeforeEnumerating; draw++)
        {
            var values = SampleValues(random);
            if (!WasTried(values))
            {
                return TrialProposal.Ready(values);
            }
        }

        var all = EnumerateConfigurations(MaxEnumeratedConfigurations);
        if (all is null)
        {
            return TrialProposal.Stop(
                $"{DrawsBeforeEnumerating} consecutive random draws repeated configurations already tried, and the space is too large to list. Widen the search space or use fewer trials.");
        }

        var untried = all.Where(values => !WasTried(values)).ToList();
        if (untried.Count == 0)
        {
            return TrialProposal.Stop($"The search space is exhausted: all {all.Count} configurations have been tried.");
        }

        return TrialProposal.Ready(untried[(int)random.NextInt64(untried.Count)]);
    }
}
