using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HyperGen;

/// <summary>Hashes a study's space and settings, and explains how two descriptions differ.</summary>
internal static class StudyFingerprint
{
    public static string Hash(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(line).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The settings that make two searches the same search, one line each: the oracle, objective, seed and the
    /// oracle's own settings.</summary>
    public static IEnumerable<string> SettingLines(StudyDescription description)
    {
        yield return "oracle=" + description.Oracle;
        yield return "objective=" + description.ObjectiveName + " " + DirectionName(description.Direction);
        yield return "seed=" + description.Seed.ToString(CultureInfo.InvariantCulture);
        foreach (var pair in description.Settings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return pair.Key + "=" + pair.Value;
        }
    }

    /// <summary>
    /// Lists how <paramref name="current"/> differs from <paramref name="stored"/>, one readable line per difference;
    /// empty when they describe the same search.
    /// </summary>
    public static IReadOnlyList<string> Differences(StudyDescription stored, StudyDescription current)
    {
        var differences = new List<string>();
        Compare(differences, "oracle", stored.Oracle, current.Oracle);
        Compare(
            differences,
            "objective",
            stored.ObjectiveName + " (" + DirectionName(stored.Direction) + ")",
            current.ObjectiveName + " (" + DirectionName(current.Direction) + ")");
        Compare(differences, "seed", stored.Seed.ToString(CultureInfo.InvariantCulture), current.Seed.ToString(CultureInfo.InvariantCulture));
        // Another oracle has other settings; listing each of them would hide the one difference that matters.
        var keys = stored.Oracle == current.Oracle
            ? stored.Settings.Keys.Union(current.Settings.Keys)
            : stored.Settings.Keys.Intersect(current.Settings.Keys);
        foreach (string key in keys.OrderBy(key => key, StringComparer.Ordinal))
        {
            Compare(differences, key, stored.Settings.GetValueOrDefault(key), current.Settings.GetValueOrDefault(key));
        }

        var storedSpace = stored.Space.ToDictionary(ParameterName, line => line, StringComparer.Ordinal);
        var currentSpace = current.Space.ToDictionary(ParameterName, line => line, StringComparer.Ordinal);
        foreach (string line in stored.Space)
        {
            string name = ParameterName(line);
            if (!currentSpace.TryGetValue(name, out string? now))
            {
                differences.Add($"hyperparameter '{name}' was removed (it was {Definition(line)})");
            }
            else if (now != line)
            {
                differences.Add($"hyperparameter '{name}' was {Definition(line)}, now {Definition(now)}");
            }
        }

        foreach (string line in current.Space.Where(line => !storedSpace.ContainsKey(ParameterName(line))))
        {
            differences.Add($"hyperparameter '{ParameterName(line)}' is new ({Definition(line)})");
        }

        if (differences.Count == 0 && !stored.Space.SequenceEqual(current.Space, StringComparer.Ordinal))
        {
            differences.Add("the hyperparameters are declared in another order");
        }

        return differences;
    }

    /// <summary>Whether two descriptions name the same oracle type with the same oracle settings.</summary>
    public static bool SameOracleSettings(StudyDescription stored, StudyDescription current) =>
        string.Equals(stored.Oracle, current.Oracle, StringComparison.Ordinal)
        && stored.Settings.Count == current.Settings.Count
        && stored.Settings.All(pair => current.Settings.TryGetValue(pair.Key, out string? value) && value == pair.Value);

    /// <summary>One line per parameter: its definition, then its conditions.</summary>
    public static IReadOnlyList<string> SpaceLines(IEnumerable<HyperParameter> space) =>
        space.Select(parameter => $"'{parameter.Name}' {parameter.Describe()}"
            + (parameter.Conditions.Count == 0 ? string.Empty : " when " + string.Join(" and ", parameter.Conditions)))
            .ToArray();

    private static string ParameterName(string line)
    {
        int start = line.IndexOf('\'', StringComparison.Ordinal);
        int end = start < 0 ? -1 : line.IndexOf('\'', start + 1);
        return end > start ? line.Substring(start + 1, end - start - 1) : line;
    }

    private static string Definition(string line) => line.Substring(ParameterName(line).Length + 3);

    private static void Compare(List<string> differences, string name, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            differences.Add($"{name} was {before ?? "not set"}, now {after ?? "not set"}");
        }
    }

    private static string DirectionName(ObjectiveDirection direction) =>
        direction == ObjectiveDirection.Maximize ? "max" : "min";
}
