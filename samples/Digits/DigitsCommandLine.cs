using System;
using System.Globalization;
using System.IO;

namespace Digits;

/// <summary>The sample's command-line options.</summary>
internal sealed record DigitsCommandLine
{
    public const string Usage = """
        Usage: Digits [options]

        Tunes a multilayer perceptron on the 8x8 handwritten digits.

        Options:
          --tuner <name>         Search algorithm: random, grid, bayesian, hyperband or tpe. Default: random.
          --pruner <name>        Early stopping of weak trials: none, median or asha. Default: none.
          --max-trials <count>   Number of trials to run, at least 1. Hyperband ignores it: its brackets decide.
                                 Default: 20.
          --epochs <count>       Maximum epochs per trial, at least 1; early stopping may end a trial sooner.
                                 Hyperband uses it as its maximum epochs. Default: 10.
          --seed <number>        Seed of the search: one seed gives the same trials and scores. Default: 42.
          --directory <path>     Folder for the results. The study is stored in digits/study.db inside it, and
                                 each run replaces it unless --resume is given (a run refuses to replace a study
                                 that another process is running).
                                 Default: hypergen-digits in the system temporary folder.
          --resume               Continue the study stored in --directory instead of starting over: finished
                                 trials are kept and count toward --max-trials, and interrupted ones run again
                                 (a trial whose process was killed waits until its one-minute lease expires).
                                 Pass the same --tuner, --pruner, --seed and --max-trials as the run that
                                 created the study, or add --accept-changes. --epochs may change, except for
                                 hyperband, where it is the maximum epochs.
          --accept-changes       With --resume, continue the stored study even though options differ from the
                                 run that created it (to raise --max-trials, say); the new options replace the
                                 stored ones.
          --export-csv <path>    After the search, write every trial of the study to a CSV file.
          --export-json <path>   After the search, write every trial of the study, with its per-epoch values
                                 and history, to a JSON file.
          -h, --help             Show this help and exit.
        """;

    /// <summary>The names <c>--tuner</c> accepts.</summary>
    public static readonly string[] TunerNames = ["random", "grid", "bayesian", "hyperband", "tpe"];

    /// <summary>The names <c>--pruner</c> accepts.</summary>
    public static readonly string[] PrunerNames = ["none", "median", "asha"];

    public string Tuner { get; init; } = "random";

    public string Pruner { get; init; } = "none";

    public int MaxTrials { get; init; } = 20;

    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 42;

    public string Directory { get; init; } = Path.Combine(Path.GetTempPath(), "hypergen-digits");

    public bool Resume { get; init; }

    public bool AcceptChanges { get; init; }

    public string? ExportCsv { get; init; }

    public string? ExportJson { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>, accepting <c>--name value</c> and <c>--name=value</c>.</summary>
    /// <exception cref="FormatException">An option is unknown, lacks its value, or has an invalid value.</exception>
    public static DigitsCommandLine Parse(string[] args)
    {
        var result = new DigitsCommandLine();
        for (int index = 0; index < args.Length; index++)
        {
            string argument = args[index];
            if (argument is "-h" or "--help")
            {
                return result with { ShowHelp = true };
            }

            if (argument == "--resume")
            {
                result = result with { Resume = true };
                continue;
            }

            if (argument == "--accept-changes")
            {
                result = result with { AcceptChanges = true };
                continue;
            }

            string name = argument;
            string? value = null;
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = argument[..equals];
                value = argument[(equals + 1)..];
            }
            else if (index + 1 < args.Length)
            {
                value = args[index + 1];
                index++;
            }

            result = name switch
            {
                "--tuner" => result with { Tuner = ParseName(name, value, TunerNames) },
                "--pruner" => result with { Pruner = ParseName(name, value, PrunerNames) },
                "--max-trials" => result with { MaxTrials = ParseCount(name, value) },
                "--epochs" => result with { Epochs = ParseCount(name, value) },
                "--seed" => result with { Seed = ParseInteger(name, value) },
                "--directory" => result with { Directory = ParsePath(name, value, "a folder path, such as ./runs") },
                "--export-csv" => result with { ExportCsv = ParsePath(name, value, "a file path, such as trials.csv") },
                "--export-json" => result with { ExportJson = ParsePath(name, value, "a file path, such as trials.json") },
                "--resume" => throw new FormatException($"--resume takes no value, but it is \"{value}\"; pass --resume alone."),
                "--accept-changes" => throw new FormatException(
                    $"--accept-changes takes no value, but it is \"{value}\"; pass --accept-changes alone."),
                _ => throw new FormatException($"Unknown option \"{argument}\". Run with --help to list the options."),
            };
        }

        if (result.AcceptChanges && !result.Resume)
        {
            throw new FormatException("--accept-changes applies to a resumed study; pass --resume with it.");
        }

        return result;
    }

    private static string ParseName(string name, string? value, string[] allowed)
    {
        if (value is null)
        {
            throw new FormatException($"{name} needs a value, one of {string.Join(", ", allowed)}.");
        }

        string lowered = value.ToLowerInvariant();
        if (Array.IndexOf(allowed, lowered) < 0)
        {
            throw new FormatException($"{name} is \"{value}\"; use one of {string.Join(", ", allowed)}.");
        }

        return lowered;
    }

    private static int ParseCount(string name, string? value)
    {
        int count = ParseInteger(name, value);
        if (count < 1)
        {
            throw new FormatException($"{name} is {count}; it must be at least 1.");
        }

        return count;
    }

    private static int ParseInteger(string name, string? value)
    {
        if (value is null)
        {
            throw new FormatException($"{name} needs a value, such as {name} 5.");
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            throw new FormatException($"{name} must be a whole number, but it is \"{value}\".");
        }

        return number;
    }

    private static string ParsePath(string name, string? value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException($"{name} needs {example}.");
        }

        return value;
    }
}
