using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.TorchSharp;

/// <summary>Row indices of a train/validation split.</summary>
/// <param name="Train">The training rows, ascending.</param>
/// <param name="Validation">The validation rows, ascending.</param>
public sealed record DatasetSplit(int[] Train, int[] Validation)
{
    /// <summary>
    /// Splits rows so that each class keeps its share in both parts, like scikit-learn's
    /// <c>train_test_split(stratify=...)</c>. One seed gives the same split on every run.
    /// </summary>
    /// <param name="labels">The class label of each row.</param>
    /// <param name="validationFraction">The share of rows to validate on, greater than 0 and less than 1.</param>
    /// <param name="seed">The seed of the shuffle within each class.</param>
    /// <remarks>
    /// The validation part gets <c>round(rows × fraction)</c> rows. Each class first gets the whole part of its
    /// exact share, and the rows left over go to the classes with the largest remainders (lower labels first on
    /// ties). A class never gives all its rows to validation.
    /// </remarks>
    /// <exception cref="ArgumentException">The fraction is out of range, or there are fewer than two rows.</exception>
    public static DatasetSplit Stratified(IReadOnlyList<long> labels, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int validationCount = ValidationCount(labels.Count, validationFraction);
        var classes = Enumerable.Range(0, labels.Count)
            .GroupBy(row => labels[row])
            .OrderBy(group => group.Key)
            .Select(group => group.ToArray())
            .ToArray();

        int[] quotas = AllocateQuotas(classes.Select(rows => rows.Length).ToArray(), validationCount, labels.Count);
        var random = new System.Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        for (int index = 0; index < classes.Length; index++)
        {
            int[] rows = classes[index];
            random.Shuffle(rows);
            validation.AddRange(rows.Take(quotas[index]));
            train.AddRange(rows.Skip(quotas[index]));
        }

        return Sorted(train, validation);
    }

    /// <summary>Splits rows at random, for regression. One seed gives the same split on every run.</summary>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="validationFraction">The share of rows to validate on, greater than 0 and less than 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentException">The fraction is out of range, or there are fewer than two rows.</exception>
    public static DatasetSplit Random(int rowCount, double validationFraction, int seed)
    {
        int validationCount = ValidationCount(rowCount, validationFraction);
        int[] rows = Enumerable.Range(0, rowCount).ToArray();
        new System.Random(seed).Shuffle(rows);

        return Sorted(rows.Skip(validationCount), rows.Take(validationCount));
    }

    private static int ValidationCount(int rowCount, double validationFraction)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentException(
                $"The validation fraction is {validationFraction}; it must be greater than 0 and less than 1, such as 0.2.",
                nameof(validationFraction));
        }

        if (rowCount < 2)
        {
            throw new ArgumentException($"A split needs at least 2 rows, but there are {rowCount}.", nameof(rowCount));
        }

        return Math.Clamp((int)Math.Round(rowCount * validationFraction, MidpointRounding.AwayFromZero), 1, rowCount - 1);
    }

    private static int[] AllocateQuotas(int[] classSizes, int validationCount, int rowCount)
    {
        double[] exact = classSizes.Select(size => (double)size * validationCount / rowCount).ToArray();
        int[] quotas = exact.Select(share => (int)Math.Floor(share)).ToArray();
        var byRemainder = Enumerable.Range(0, classSizes.Length)
            .OrderByDescending(index => exact[index] - quotas[index])
            .ThenBy(index => index)
            .ToArray();

        // Hand out the rows that flooring left over; a class keeps at least one training row.
        int missing = validationCount - quotas.Sum();
        for (int pass = 0; missing > 0 && pass < 2; pass++)
        {
            foreach (int index in byRemainder)
            {
                if (missing > 0 && quotas[index] < classSizes[index] - 1)
                {
                    quotas[index]++;
                    missing--;
                }
            }
        }

        return quotas;
    }

    private static DatasetSplit Sorted(IEnumerable<int> train, IEnumerable<int> validation) =>
        new(train.Order().ToArray(), validation.Order().ToArray());
}
