using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HyperGen;

/// <summary>The CSV layout of <see cref="StudyExport"/>; its remarks describe the columns and the quoting.</summary>
internal static class StudyCsvFormat
{
    public const string ParameterPrefix = "param_";
    public const string MetricPrefix = "metric_";

    private const string RecordSeparator = "\r\n";

    public static void Write(IReadOnlyList<StoredTrial> trials, TextWriter writer)
    {
        var parameters = FirstSeen(trials.Select(trial => trial.Values.Keys));
        var metrics = FirstSeen(trials.Select(trial => trial.Metrics.Keys));
        var header = new List<string> { "number", "status", "score" };
        header.AddRange(parameters.Select(name => ParameterPrefix + name));
        header.AddRange(metrics.Select(name => MetricPrefix + name));
        header.AddRange(["attempts", "started_at", "ended_at", "duration_seconds", "error"]);
        WriteRecord(writer, header);

        foreach (var trial in trials)
        {
            WriteRecord(writer, Row(trial, parameters, metrics));
        }

        writer.Flush();
    }

    /// <summary>Encloses a field in double quotes, doubling the quotes inside, when it contains a comma, a quote, CR or LF.</summary>
    public static string Quote(string field)
    {
        bool needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static List<string> Row(StoredTrial trial, IReadOnlyList<string> parameters, IReadOnlyList<string> metrics)
    {
        var row = new List<string>
        {
            trial.Number.ToString(CultureInfo.InvariantCulture),
            StudyExport.FormatStatus(trial.Status),
            trial.Score is double score ? StudyExport.FormatDouble(score) : string.Empty,
        };
        foreach (string name in parameters)
        {
            row.Add(trial.Values.TryGetValue(name, out object? value) ? FormatValue(value) : string.Empty);
        }

        foreach (string name in metrics)
        {
            row.Add(trial.Metrics.TryGetValue(name, out double value) ? StudyExport.FormatDouble(value) : string.Empty);
        }

        double? duration = StudyExport.DurationSeconds(trial);
        row.Add(trial.Attempts.ToString(CultureInfo.InvariantCulture));
        row.Add(StudyExport.FormatTimestamp(trial.StartedAt));
        row.Add(trial.EndedAt is DateTimeOffset ended ? StudyExport.FormatTimestamp(ended) : string.Empty);
        row.Add(duration.HasValue ? StudyExport.FormatDouble(duration.Value) : string.Empty);
        row.Add(trial.ErrorMessage ?? string.Empty);

        return row;
    }

    private static string FormatValue(object value) => value switch
    {
        double d => StudyExport.FormatDouble(d),
        float f => StudyExport.FormatDouble(f),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static List<string> FirstSeen(IEnumerable<IEnumerable<string>> nameLists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (string name in nameLists.SelectMany(list => list))
        {
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(",", fields.Select(Quote)));
        writer.Write(RecordSeparator);
    }
}
