using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HyperGen;

/// <summary>The JSON layout of <see cref="StudyExport"/>: an array with one object per trial, keys in snake_case.</summary>
internal static class StudyJsonFormat
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(IReadOnlyList<StoredTrial> trials, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, s_options);
        writer.WriteStartArray();
        foreach (var trial in trials)
        {
            WriteTrial(writer, trial);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    private static void WriteTrial(Utf8JsonWriter writer, StoredTrial trial)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", trial.Number);
        writer.WriteString("status", StudyExport.FormatStatus(trial.Status));
        writer.WritePropertyName("score");
        WriteOptionalDouble(writer, trial.Score);
        writer.WritePropertyName("values");
        WriteValues(writer, trial.Values);
        writer.WritePropertyName("metrics");
        WriteMetrics(writer, trial.Metrics);
        WriteOptionalInt(writer, "best_step", trial.BestStep);
        writer.WriteNumber("attempts", trial.Attempts);
        writer.WriteString("started_at", StudyExport.FormatTimestamp(trial.StartedAt));
        WriteOptionalTimestamp(writer, "ended_at", trial.EndedAt);
        writer.WritePropertyName("duration_seconds");
        WriteOptionalDouble(writer, StudyExport.DurationSeconds(trial));
        WriteOptionalString(writer, "error", trial.ErrorMessage);
        WriteOptionalString(writer, "checkpoint", trial.Checkpoint);
        WriteOptionalString(writer, "lease_owner", trial.LeaseOwner);
        WriteOptionalTimestamp(writer, "lease_expires_at", trial.LeaseExpiresAt);
        WriteSchedule(writer, trial.Schedule);
        WriteIntermediateValues(writer, trial.IntermediateValues);
        WriteExecutions(writer, trial.Executions);
        WriteEvents(writer, trial.Events);
        writer.WriteStartObject("attributes");
        foreach (var pair in trial.Attributes)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> values)
    {
        writer.WriteStartObject();
        foreach (var pair in values)
        {
            writer.WritePropertyName(pair.Key);
            switch (pair.Value)
            {
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case double d:
                    WriteDouble(writer, d);
                    break;
                case float f:
                    WriteDouble(writer, f);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(pair.Value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> metrics)
    {
        writer.WriteStartObject();
        foreach (var pair in metrics)
        {
            writer.WritePropertyName(pair.Key);
            WriteDouble(writer, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteSchedule(Utf8JsonWriter writer, TrialSchedule? schedule)
    {
        if (schedule is null)
        {
            writer.WriteNull("schedule");
            return;
        }

        writer.WriteStartObject("schedule");
        StoredJson.WriteScheduleProperties(writer, schedule);
        writer.WriteEndObject();
    }

    private static void WriteIntermediateValues(Utf8JsonWriter writer, IReadOnlyList<IntermediateValue> values)
    {
        writer.WriteStartArray("intermediate_values");
        foreach (var value in values)
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", value.Step);
            writer.WritePropertyName("value");
            WriteDouble(writer, value.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteExecutions(Utf8JsonWriter writer, IReadOnlyList<TrainingHistory> executions)
    {
        writer.WriteStartArray("executions");
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
    }

    private static void WriteEvents(Utf8JsonWriter writer, IReadOnlyList<TrialEvent> events)
    {
        writer.WriteStartArray("events");
        foreach (var trialEvent in events)
        {
            writer.WriteStartObject();
            writer.WriteString("at", StudyExport.FormatTimestamp(trialEvent.At));
            writer.WriteString("kind", trialEvent.Kind);
            writer.WriteString("worker", trialEvent.Worker);
            WriteOptionalString(writer, "message", trialEvent.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes a double so that a reader can tell it from an int: with a fraction or an exponent (<c>3.0</c>, not
    /// <c>3</c>). NaN and infinities, which JSON numbers cannot express, become the strings <c>"NaN"</c>,
    /// <c>"Infinity"</c> and <c>"-Infinity"</c>.
    /// </summary>
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        string text = StudyExport.FormatDouble(value);
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(text);
            return;
        }

        bool looksLikeInteger = text.AsSpan().IndexOfAny(".Ee") < 0;
        writer.WriteRawValue(looksLikeInteger ? text + ".0" : text, skipInputValidation: false);
    }

    private static void WriteOptionalDouble(Utf8JsonWriter writer, double? value)
    {
        if (value.HasValue)
        {
            WriteDouble(writer, value.Value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteOptionalInt(Utf8JsonWriter writer, string name, int? value)
    {
        if (value.HasValue)
        {
            writer.WriteNumber(name, value.Value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptionalTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value.HasValue)
        {
            writer.WriteString(name, StudyExport.FormatTimestamp(value.Value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
