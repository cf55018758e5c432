using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HyperGen;

/// <summary>
/// Writes a project's results as JSON under <c>directory/projectName</c>: <c>study.json</c> with the objective, seed
/// and search space, and <c>trial_ID/trial.json</c> per trial beside the trial's saved model. Every file is written
/// to a temporary name first and then renamed, so a crash never leaves a half-written file.
/// </summary>
internal sealed class ResultsStore
{
    private const string TrialPrefix = "trial_";

    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = true,

        // The files are data, never embedded in HTML, so quotes and '+' stay readable instead of \u0022 escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ResultsStore(string directory, string projectName)
    {
        ValidateProjectName(projectName);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException(
                "TunerOptions.Directory is empty. Set it to the folder that should hold the project, such as \".\" or \"runs\".",
                nameof(directory));
        }

        ProjectDirectory = Path.GetFullPath(Path.Combine(directory, projectName));
        LockPath = ProjectDirectory + ".lock";
    }

    public string ProjectDirectory { get; }

    /// <summary>The lock file beside (not inside) the project folder, so deleting the folder keeps the lock.</summary>
    public string LockPath { get; }

    /// <summary>
    /// Takes an exclusive lock on the project for the length of a search, so that two searches never write into
    /// one project folder at once. The lock is released, and its file deleted, when the result is disposed.
    /// </summary>
    /// <exception cref="IOException">Another search holds the lock, or the folder cannot be created.</exception>
    public IDisposable AcquireLock()
    {
        CreateFolder(Path.GetDirectoryName(LockPath)!);
        try
        {
            return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"Another search is using the project '{ProjectDirectory}' (its lock file '{LockPath}' is held). " +
                "Wait for that search to finish, or use another ProjectName or Directory.",
                ex);
        }
    }

    /// <summary>Whether the project folder already contains trial results.</summary>
    public bool HasResults() =>
        Directory.Exists(ProjectDirectory)
        && Directory.EnumerateDirectories(ProjectDirectory, TrialPrefix + "*").Any();

    public void DeleteResults()
    {
        try
        {
            if (Directory.Exists(ProjectDirectory))
            {
                Directory.Delete(ProjectDirectory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"Cannot delete the earlier results in '{ProjectDirectory}': {Messages.Sentence(ex.Message)} " +
                "Check the folder's permissions, or keep the results and choose another ProjectName or Directory.",
                ex);
        }
    }

    public void EnsureCreated() => CreateFolder(ProjectDirectory);

    private static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"Cannot create the folder '{path}': {Messages.Sentence(ex.Message)} Choose a writable Directory in TunerOptions.", ex);
        }
    }

    public string TrialDirectory(Trial trial) => Path.Combine(ProjectDirectory, TrialPrefix + trial.Id);

    public string ModelPath(Trial trial) => Path.Combine(TrialDirectory(trial), "model.bin");

    public void SaveStudy(Oracle oracle, string hyperModelName)
    {
        WriteAtomically(Path.Combine(ProjectDirectory, "study.json"), writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("hypermodel", hyperModelName);
            writer.WriteString("oracle", oracle.GetType().Name);
            writer.WriteNumber("seed", oracle.Seed);
            if (oracle.MaxTrials.HasValue)
            {
                writer.WriteNumber("max_trials", oracle.MaxTrials.Value);
            }

            writer.WriteStartObject("objective");
            writer.WriteString("name", oracle.Objective.Name);
            writer.WriteString("direction", oracle.Objective.Direction == ObjectiveDirection.Maximize ? "max" : "min");
            writer.WriteEndObject();
            writer.WriteStartArray("search_space");
            foreach (var parameter in oracle.Space)
            {
                writer.WriteStartObject();
                writer.WriteString("name", parameter.Name);
                writer.WriteString("definition", parameter.Describe());
                writer.WriteStartArray("conditions");
                foreach (var condition in parameter.Conditions)
                {
                    writer.WriteStringValue(condition.ToString());
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public void SaveTrial(Trial trial)
    {
        Directory.CreateDirectory(TrialDirectory(trial));
        WriteAtomically(Path.Combine(TrialDirectory(trial), "trial.json"), writer => WriteTrial(writer, trial));
    }

    private static void WriteTrial(Utf8JsonWriter writer, Trial trial)
    {
        writer.WriteStartObject();
        writer.WriteString("trial_id", trial.Id);
        writer.WriteNumber("number", trial.Number);
        writer.WriteString("status", trial.Status.ToString().ToLowerInvariant());
        writer.WriteStartObject("values");
        foreach (var pair in trial.Values)
        {
            WriteValue(writer, pair.Key, pair.Value);
        }

        writer.WriteEndObject();
        WriteNumber(writer, "score", trial.Score);
        if (trial.BestStep.HasValue)
        {
            writer.WriteNumber("best_step", trial.BestStep.Value);
        }

        writer.WriteStartObject("metrics");
        foreach (var pair in trial.Metrics)
        {
            WriteNumber(writer, pair.Key, pair.Value);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("executions");
        foreach (var history in trial.Executions)
        {
            WriteHistory(writer, history);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("intermediate_values");
        foreach (var reported in trial.IntermediateValues)
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", reported.Step);
            WriteNumber(writer, "value", reported.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (trial.Schedule is { } schedule)
        {
            writer.WriteStartObject("schedule");
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

            writer.WriteEndObject();
        }

        if (trial.ErrorMessage is not null)
        {
            writer.WriteString("error", trial.ErrorMessage);
        }

        writer.WriteString("started_at", trial.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        if (trial.EndedAt.HasValue)
        {
            writer.WriteString("ended_at", trial.EndedAt.Value.ToString("O", CultureInfo.InvariantCulture));
        }

        if (trial.ModelPath is not null)
        {
            writer.WriteString("model", Path.GetFileName(trial.ModelPath));
        }

        writer.WriteEndObject();
    }

    private static void WriteHistory(Utf8JsonWriter writer, TrainingHistory history)
    {
        writer.WriteStartArray();
        foreach (var epoch in history.Epochs)
        {
            writer.WriteStartObject();
            foreach (var pair in epoch)
            {
                WriteNumber(writer, pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case int i:
                writer.WriteNumber(name, i);
                break;
            case double d:
                WriteNumber(writer, name, d);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            default:
                writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Writes a number; NaN and infinities, which JSON cannot hold, become strings.</summary>
    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (!value.HasValue)
        {
            writer.WriteNull(name);
        }
        else if (double.IsFinite(value.Value))
        {
            writer.WriteNumber(name, value.Value);
        }
        else
        {
            writer.WriteString(name, value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteAtomically(string path, Action<Utf8JsonWriter> write)
    {
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, s_writerOptions))
        {
            write(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void ValidateProjectName(string projectName)
    {
        if (string.IsNullOrWhiteSpace(projectName))
        {
            throw new ArgumentException("ProjectName is empty. Give the project a folder name such as \"digits\".", nameof(projectName));
        }

        char[] separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, '/', '\\'];
        bool invalid = projectName.IndexOfAny(separators) >= 0
            || projectName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || projectName is "." or "..";
        if (invalid)
        {
            throw new ArgumentException(
                $"ProjectName \"{projectName}\" is not a plain folder name (it contains a path separator, '..' or an invalid character). " +
                "Put the parent folders in Directory and use a plain name such as \"digits\".",
                nameof(projectName));
        }
    }
}
