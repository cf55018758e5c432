using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// Orders objective values for the pruners. Finite values rank by the objective's direction, every infinity ranks
/// after every finite value, and NaN ranks after everything, so a diverged or invalid value is never preferred.
/// </summary>
internal static class ValueRanking
{
    /// <summary>
    /// Compares two values: negative when <paramref name="left"/> is better, positive when it is worse, 0 when they
    /// rank equally (two NaNs rank equally).
    /// </summary>
    public static int Compare(double left, double right, ObjectiveDirection direction)
    {
        int byKind = Kind(left).CompareTo(Kind(right));
        if (byKind != 0 || double.IsNaN(left))
        {
            return byKind;
        }

        int byValue = left.CompareTo(right);

        return direction == ObjectiveDirection.Maximize ? -byValue : byValue;
    }

    /// <summary>Whether <paramref name="candidate"/> ranks strictly worse than <paramref name="reference"/>.</summary>
    public static bool IsWorse(double candidate, double reference, ObjectiveDirection direction) =>
        Compare(candidate, reference, direction) > 0;

    /// <summary>Sorts <paramref name="values"/> in place, best first.</summary>
    public static void SortBestFirst(List<double> values, ObjectiveDirection direction) =>
        values.Sort((left, right) => Compare(left, right, direction));

    /// <summary>The best of the reported values; NaN only when every value is NaN.</summary>
    public static double Best(IReadOnlyList<IntermediateValue> values, ObjectiveDirection direction)
    {
        double best = double.NaN;
        foreach (var reported in values)
        {
            if (Compare(reported.Value, best, direction) < 0)
            {
                best = reported.Value;
            }
        }

        return best;
    }

    /// <summary>
    /// Finds the first reported step at or after <paramref name="step"/> in values kept in step order, as
    /// <see cref="Trial.IntermediateValues"/> are. Returns its index, or the count when no such step was reported.
    /// </summary>
    public static int IndexOfFirstStepAtOrAfter(IReadOnlyList<IntermediateValue> values, int step)
    {
        int low = 0;
        int high = values.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (values[middle].Step < step)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int Kind(double value)
    {
        if (double.IsNaN(value))
        {
            return 2;
        }

        return double.IsInfinity(value) ? 1 : 0;
    }
}
