using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// Splits the tuned parameters into groups that were always active together, so that multivariate TPE models each
/// group jointly from the trials in which the whole group was active.
/// </summary>
internal static class TpeGroups
{
    /// <summary>
    /// Returns the coarsest partition of <paramref name="tuned"/> in which every observed trial's active parameters
    /// contain each group whole or not at all. Parameters never observed form one group each. Groups and their
    /// members follow declaration order.
    /// </summary>
    public static List<HyperParameter[]> Decompose(IReadOnlyList<HyperParameter> tuned, IReadOnlyList<TpeObservation> observations)
    {
        var groups = new List<List<int>>();
        var grouped = new bool[tuned.Count];
        var active = new bool[tuned.Count];
        foreach (var observation in observations)
        {
            var values = observation.Values;
            for (int i = 0; i < tuned.Count; i++)
            {
                active[i] = values.ContainsKey(tuned[i].Name);
            }

            Refine(groups, active, grouped);
        }

        for (int i = 0; i < tuned.Count; i++)
        {
            if (!grouped[i])
            {
                groups.Add([i]);
            }
        }

        groups.Sort(static (left, right) => left[0].CompareTo(right[0]));
        return groups.ConvertAll(group => group.ConvertAll(i => tuned[i]).ToArray());
    }

    /// <summary>Splits every group by one trial's active set, and groups its parameters not seen before.</summary>
    private static void Refine(List<List<int>> groups, bool[] active, bool[] grouped)
    {
        int existing = groups.Count;
        for (int g = 0; g < existing; g++)
        {
            var inside = groups[g].FindAll(i => active[i]);
            if (inside.Count == 0 || inside.Count == groups[g].Count)
            {
                continue;
            }

            groups.Add(groups[g].FindAll(i => !active[i]));
            groups[g] = inside;
        }

        var fresh = new List<int>();
        for (int i = 0; i < active.Length; i++)
        {
            if (active[i] && !grouped[i])
            {
                grouped[i] = true;
                fresh.Add(i);
            }
        }

        if (fresh.Count > 0)
        {
            groups.Add(fresh);
        }
    }
}
