using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HyperGen;

/// <summary>
/// Writes and reads the JSON columns of a stored trial. Parameter values keep their type: ints are written as
/// <c>{"i": 3}</c>, doubles as <c>{"d": 0.5}</c>, booleans as <c>{"b": true}</c> and strings as
/// <c>{"s": "adam"}</c>. Non-finite numbers, which JSON cannot hold, are written as strings.
/// </summary>
internal static class StoredJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string WriteValues(IReadOnlyDictionary<string, object> values) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var pair in values)
        {
            writer.WriteStartObject(pair.Key);
            switch (pair.Value)
            {
                case int i:
                    writer.WriteNumber("i", i);
                    break;
                case double d:
                    WriteNumber(writer, "d", d);
                    break;
                case bool b:
                    writer.WriteBoolean("b", b);
                    break;
                default:
                    writer.WriteString("s", Convert.ToString(pair.Value, CultureInfo.InvariantCulture));
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    });

    public static Dictionary<string, object> ReadValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var tagged = property.Value.EnumerateObject().GetEnumerator();
            tagged.MoveNext();
            var value = tagged.Current;
            values[property.Name] = value.Name switch
            {
                "i" => value.Value.GetInt32(),
                "d" => ReadNumber(value.Value),
                "b" => value.Value.GetBoolean(),
                _ => value.Value.GetString()!,
            };
        }

        return values;
    }

    public static string WriteMetrics(IReadOnlyDictionary<string, double> metrics) => Write(writer => WriteMetrics(writer, metrics));

    public static Dictionary<string, double> ReadMetrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadMetrics(document.RootElement);
    }

    public static string WriteExecutions(IReadOnlyList<TrainingHistory> executions) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var history in executions)
        {
            writer.WriteStartArray();
            foreach (var epoch in history.Epochs)
            {
                WriteMetrics(writer, epoch);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    });

    public static List<TrainingHistory> ReadExecutions(string json)
    {
        using var document = JsonDocument.Parse(json);
        var executions = new List<TrainingHistory>();
        foreach (var execution in document.RootElement.EnumerateArray())
        {
            var history = new TrainingHistory();
            foreach (var epoch in execution.EnumerateArray())
            {
                history.Add(ReadMetrics(epoch));
            }

            executions.Add(history);
        }

        return executions;
    }

    public static string? WriteSchedule(TrialSchedule? schedule) => schedule is null ? null : Write(writer =>
    {
        writer.WriteStartObject();
        WriteScheduleProperties(writer, schedule);
        writer.WriteEndObject();
    });

    /// <summary>Writes a schedule's fields into the open object; the study database and the JSON export share them.</summary>
    public static void WriteScheduleProperties(Utf8JsonWriter writer, TrialSchedule schedule)
    {
        writer.WriteNumber("epochs", schedule.Epochs);
        writer.WriteNumber("initial_epoch", schedule.InitialEpoch);
        if (schedule.ResumeFromTrialId is not null)
        {
            writer.WriteString("resume_from_trial_id", schedule.ResumeFromTrialId);
        }

        if (schedule.Bracket.HasValue)
        {
            writer.WriteNumber("bracket", schedule.Bracket.Value);
        }

        if (schedule.Round.HasValue)
        {
            writer.WriteNumber("round", schedule.Round.Value);
        }
    }

    public static TrialSchedule? ReadSchedule(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TrialSchedule(
            root.GetProperty("epochs").GetInt32(),
            root.GetProperty("initial_epoch").GetInt32(),
            root.TryGetProperty("resume_from_trial_id", out var parent) ? parent.GetString() : null,
            root.TryGetProperty("bracket", out var bracket) ? bracket.GetInt32() : null,
            root.TryGetProperty("round", out var round) ? round.GetInt32() : null);
    }

    public static string WriteStrings(IReadOnlyList<string> lines) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (string line in lines)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
    });

    public static List<string> ReadStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = new List<string>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            lines.Add(item.GetString()!);
        }

        return lines;
    }

    public static string WriteSettings(IReadOnlyDictionary<string, string> settings) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var pair in settings)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    });

    public static Dictionary<string, string> ReadSettings(string json)
    {
        using var document = JsonDocument.Parse(json);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            settings[property.Name] = property.Value.GetString()!;
        }

        return settings;
    }

    /// <summary>Writes a number; NaN and infinities, which JSON cannot hold, become strings.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static double ReadNumber(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDouble();

    private static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> metrics)
    {
        writer.WriteStartObject();
        foreach (var pair in metrics)
        {
            WriteNumber(writer, pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, double> ReadMetrics(JsonElement element)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            metrics[property.Name] = ReadNumber(property.Value);
        }

        return metrics;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
