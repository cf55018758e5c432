using System;
using System.Collections.Generic;

namespace HyperGen.Quality;

/// <summary>A deterministic function to minimize over a search space, with its known global minimum.</summary>
/// <param name="Name">The name used on the command line and in the results.</param>
/// <param name="Minimum">The global minimum over the search space; simple regret is measured from it.</param>
/// <param name="CreateSpace">Creates the search space; each run gets its own instances.</param>
/// <param name="Evaluate">Computes the function's value at one trial's values.</param>
public sealed record TestFunction(
    string Name,
    double Minimum,
    Func<IReadOnlyList<HyperParameter>> CreateSpace,
    Func<IReadOnlyDictionary<string, object>, double> Evaluate);
