using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// Decides, from the values a trial reports at each step, whether to stop it early. The oracle calls it after every
/// report, under the oracle's lock, so an implementation needs no locking of its own.
/// </summary>
public abstract class Pruner
{
    /// <summary>
    /// Returns whether <paramref name="trial"/>, which has just reported the value of its latest step (the last of
    /// <see cref="Trial.IntermediateValues"/>), should stop.
    /// </summary>
    /// <param name="trial">The running trial.</param>
    /// <param name="trials">Every trial of the search, in creation order, the running one included.</param>
    /// <param name="objective">The objective, whose direction decides which values are better.</param>
    public abstract bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials, Objective objective);
}
