using System.Globalization;

namespace HyperGen.StudyWorker;

/// <summary>The command line of the study worker.</summary>
internal sealed record WorkerOptions
{
    public const string Usage =
        """
        Usage: HyperGen.StudyWorker --directory DIR --project NAME --max-trials N --log FILE [options]
          --directory DIR       folder that contains the project (required)
          --project NAME        project folder and study name (required)
          --max-trials N        trial budget of the study (required)
          --log FILE            file that receives one line per trial event of this process (required)
          --seed N              RandomSearch seed (default 7)
          --lease-seconds S     TunerOptions.LeaseDuration in seconds (default 60)
          --retries N           TunerOptions.MaxRetriesPerTrial (default 0)
          --fit-ms MS           how long each Fit sleeps, in milliseconds (default 0)
          --start-file FILE     wait until FILE exists before the search starts
          --cancel-in-fit N     cancel the search inside the N-th Fit of this process (from 1); exit code 3
          --hold-after N        stop working, without exiting, once this process stored N completed trials
          --accept-changes      set TunerOptions.AcceptChangedStudy
        """;

    public required string Directory { get; init; }

    public required string Project { get; init; }

    public required int MaxTrials { get; init; }

    public required string LogPath { get; init; }

    public int Seed { get; init; } = 7;

    public double LeaseSeconds { get; init; } = 60;

    public int Retries { get; init; }

    public int FitMilliseconds { get; init; }

    public string? StartFile { get; init; }

    public int? CancelInFit { get; init; }

    public int? HoldAfter { get; init; }

    public bool AcceptChanges { get; init; }

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, has an invalid number, or a
    /// required option is missing.</exception>
    public static WorkerOptions Parse(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool acceptChanges = false;
        for (int i = 0; i < arguments.Count; i++)
        {
            string name = arguments[i];
            if (name == "--accept-changes")
            {
                acceptChanges = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 == arguments.Count)
            {
                throw new ArgumentException($"The argument '{name}' is not an option followed by a value.");
            }

            values[name] = arguments[++i];
        }

        var options = new WorkerOptions
        {
            Directory = Take(values, "--directory"),
            Project = Take(values, "--project"),
            MaxTrials = Number(Take(values, "--max-trials"), "--max-trials"),
            LogPath = Take(values, "--log"),
            Seed = values.Remove("--seed", out string? seed) ? Number(seed, "--seed") : 7,
            LeaseSeconds = values.Remove("--lease-seconds", out string? lease)
                ? double.Parse(lease, NumberStyles.Float, CultureInfo.InvariantCulture)
                : 60,
            Retries = values.Remove("--retries", out string? retries) ? Number(retries, "--retries") : 0,
            FitMilliseconds = values.Remove("--fit-ms", out string? fit) ? Number(fit, "--fit-ms") : 0,
            StartFile = values.Remove("--start-file", out string? start) ? start : null,
            CancelInFit = values.Remove("--cancel-in-fit", out string? cancel) ? Number(cancel, "--cancel-in-fit") : null,
            HoldAfter = values.Remove("--hold-after", out string? hold) ? Number(hold, "--hold-after") : null,
            AcceptChanges = acceptChanges,
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown options: {string.Join(", ", values.Keys)}.");
        }

        return options;
    }

    private static string Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out string? value) ? value : throw new ArgumentException($"The option {name} is missing.");

    private static int Number(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"The option {name} has the value '{text}', which is not an integer.");
}
