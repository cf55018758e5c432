using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HyperGen.StorageOverhead;

/// <summary>
/// Runs RandomSearch studies of each requested size through <see cref="Tuner{TModel}.SearchAsync"/>, alternately with
/// <see cref="SqliteStudyStorage"/> and <see cref="InMemoryStudyStorage"/>. Prints the medians and writes every run
/// (wall time, processor time, wall time per trial over the last 100 trials) as JSON.
/// </summary>
public static class Program
{
    private const int TailTrials = 100;

    /// <summary>Parses the options, warms up both storages, then measures.</summary>
    public static int Main(string[] args)
    {
        if (!TryParse(args, out var sizes, out int repeats, out string? output))
        {
            Console.Error.WriteLine(
                "usage: StorageOverhead [--trials 100,500,1000] [--repeats 5] [--output storage-hypergen.json]");
            Console.Error.WriteLine("  --trials sets the study sizes, --repeats the runs per size and storage.");
            return 2;
        }

        string folder = Directory.CreateTempSubdirectory("hypergen-storage-").FullName;
        try
        {
            // The first studies run code that the JIT has not compiled yet, so they are not measured.
            RunStudy(folder, "sqlite", 200, seed: 1000);
            RunStudy(folder, "memory", 200, seed: 1000);
            var runs = Measure(folder, sizes, repeats);
            Print(runs);
            if (output is not null)
            {
                var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
                File.WriteAllText(output, JsonSerializer.Serialize(new { Tool = "hypergen", TailTrials, Runs = runs }, json));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static List<StudyRun> Measure(string folder, IReadOnlyList<int> sizes, int repeats)
    {
        var runs = new List<StudyRun>();
        foreach (int trials in sizes)
        {
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                // Alternating the order spreads slow moments of a shared machine over both storages.
                string[] order = repeat % 2 == 0 ? ["sqlite", "memory"] : ["memory", "sqlite"];
                foreach (string storage in order)
                {
                    runs.Add(RunStudy(folder, storage, trials, seed: repeat));
                }
            }
        }

        return runs;
    }

    /// <summary>
    /// Runs one study of <paramref name="trials"/> trials. The SQLite file is created and its schema written before
    /// the clock starts, as Optuna's RDBStorage is on the other side; the timed part starts with
    /// <see cref="Tuner{TModel}.SearchAsync"/>, which creates the study.
    /// </summary>
    private static StudyRun RunStudy(string folder, string storageName, int trials, int seed)
    {
        string project = $"{storageName}-{trials}-{seed}-{Guid.NewGuid():N}";
        using IStudyStorage storage = storageName == "sqlite"
            ? new SqliteStudyStorage(Path.Combine(folder, project + ".db"))
            : new InMemoryStudyStorage();
        var hyperModel = new SquareHyperModel();
        var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: trials, seed: seed);
        var options = new TunerOptions { Directory = folder, ProjectName = project, Storage = storage };
        var tuner = new Tuner<double>(hyperModel, oracle, options);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var processorStart = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        tuner.SearchAsync().GetAwaiter().GetResult();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double processorSeconds = (Environment.CpuUsage.TotalTime - processorStart).TotalSeconds;

        var stamps = hyperModel.FitTimestamps;
        if (stamps.Count != trials)
        {
            throw new InvalidOperationException($"The study of {trials} trials ran {stamps.Count} fits; expected {trials}.");
        }

        int tail = Math.Min(TailTrials, trials - 1);
        double tailSeconds = Stopwatch.GetElapsedTime(stamps[trials - 1 - tail], stamps[trials - 1]).TotalSeconds;
        return new StudyRun(storageName, trials, seed, seconds, processorSeconds, 1000 * tailSeconds / tail);
    }

    private static void Print(List<StudyRun> runs)
    {
        Console.WriteLine($"HyperGen {typeof(Tuner<>).Assembly.GetName().Version}, .NET {Environment.Version}, RandomSearch, median of each cell");
        Console.WriteLine($"{"storage",-8} {"trials",6} {"runs",4} {"total s",9} {"ms/trial",9} {"cpu ms/trial",12} {"last-100 ms/trial",18}");
        foreach (var group in runs.GroupBy(run => (run.Storage, run.Trials)))
        {
            double total = Median(group.Select(run => run.Seconds));
            double processor = Median(group.Select(run => run.ProcessorSeconds));
            double tail = Median(group.Select(run => run.TailMillisecondsPerTrial));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{group.Key.Storage,-8} {group.Key.Trials,6} {group.Count(),4} {total,9:F3} {1000 * total / group.Key.Trials,9:F3} {1000 * processor / group.Key.Trials,12:F3} {tail,18:F3}"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;

        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool TryParse(string[] args, out int[] sizes, out int repeats, out string? output)
    {
        sizes = [100, 500, 1000];
        repeats = 5;
        output = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--trials":
                    sizes = value.Split(',').Select(text => int.Parse(text, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--repeats":
                    repeats = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    output = value;
                    break;
                default:
                    return false;
            }
        }

        return args.Length % 2 == 0 && repeats > 0 && sizes.All(size => size >= 2);
    }
}

/// <summary>
/// One timed study: its storage, size and seed, its wall time, the processor time of the whole process (every thread)
/// meanwhile, and its wall time per trial over the last trials.
/// </summary>
internal sealed record StudyRun(
    string Storage, int Trials, int Seed, double Seconds, double ProcessorSeconds, double TailMillisecondsPerTrial);
