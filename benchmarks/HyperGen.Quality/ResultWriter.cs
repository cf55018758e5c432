using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace HyperGen.Quality;

/// <summary>
/// Writes the results as JSON and CSV in the format that quality_optuna.py also writes, and prints them as a table.
/// </summary>
public static class ResultWriter
{
    /// <summary>The file name prefix; the Optuna script uses "optuna".</summary>
    public const string Tool = "hypergen";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>
    /// Writes <c>hypergen-quality.json</c> (settings, runs and summary), <c>hypergen-quality-runs.csv</c> and
    /// <c>hypergen-quality-summary.csv</c> into <paramref name="directory"/>, creating it if needed.
    /// </summary>
    public static void Write(
        string directory, QualityOptions options, IReadOnlyList<RunResult> runs, IReadOnlyList<RegretSummary> summary)
    {
        Directory.CreateDirectory(directory);
        var document = new
        {
            Tool,
            Version = typeof(Oracle).Assembly.GetName().Version?.ToString(),
            Seeds = options.Seeds,
            Budgets = options.Budgets,
            NotBuilt = options.NotBuilt,
            Functions = options.Functions.Select(function => new { function.Name, function.Minimum }),
            Runs = runs,
            Summary = summary,
        };
        File.WriteAllText(Path.Combine(directory, $"{Tool}-quality.json"), JsonSerializer.Serialize(document, s_json));

        File.WriteAllText(
            Path.Combine(directory, $"{Tool}-quality-runs.csv"),
            ToCsv(
                "function,oracle,budget,seed,trials,best_value,regret,seconds",
                runs.Select(r => Row(r.Function, r.Oracle, r.Budget, r.Seed, r.Trials, r.BestValue, r.Regret, r.Seconds))));
        File.WriteAllText(
            Path.Combine(directory, $"{Tool}-quality-summary.csv"),
            ToCsv(
                "function,oracle,budget,runs,median_regret,q1_regret,q3_regret,iqr_regret,seconds",
                summary.Select(s => Row(
                    s.Function, s.Oracle, s.Budget, s.Runs, s.MedianRegret, s.Q1Regret, s.Q3Regret, s.IqrRegret, s.Seconds))));
    }

    /// <summary>Formats the summary as a fixed-width table, one row per function, budget and oracle.</summary>
    public static string FormatTable(IReadOnlyList<RegretSummary> summary)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"function",-11} {"budget",6} {"oracle",-10} {"median",11} {"q1",11} {"q3",11} {"iqr",11} {"seconds",8}");
        foreach (var s in summary.OrderBy(s => s.Function, StringComparer.Ordinal).ThenBy(s => s.Budget))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Function,-11} {s.Budget,6} {s.Oracle,-10} {s.MedianRegret,11:G4} {s.Q1Regret,11:G4} "
                + $"{s.Q3Regret,11:G4} {s.IqrRegret,11:G4} {s.Seconds,8:F2}");
        }

        return text.ToString();
    }

    private static string ToCsv(string header, IEnumerable<string> rows) =>
        string.Join('\n', rows.Prepend(header)) + "\n";

    private static string Row(params object[] cells) =>
        string.Join(',', cells.Select(cell => cell switch
        {
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        }));
}
