using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using HyperGen.Benchmarking;

namespace HyperGen.Quality;

/// <summary>
/// Runs the quality benchmark: each selected oracle searches each test function once per seed and budget, and the
/// simple regret of the best value found is summarized per function, oracle and budget.
/// </summary>
public static class Program
{
    /// <summary>Parses the options, runs the benchmark, writes the results and prints the table.</summary>
    /// <returns>0 on success, 2 for invalid options.</returns>
    public static int Main(string[] args)
    {
        QualityOptions options;
        try
        {
            options = QualityOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(QualityOptions.Usage);
            return 2;
        }

        if (options.HelpOnly || options.ListOnly)
        {
            Console.WriteLine(options.HelpOnly ? QualityOptions.Usage : ListOracles());
            return 0;
        }

        if (options.NotBuilt.Count > 0)
        {
            Console.Error.WriteLine($"Not built into this checkout, so not run: {string.Join(", ", options.NotBuilt)}.");
        }

        var stopwatch = Stopwatch.StartNew();
        var runs = QualityRunner.RunAll(options);
        var summary = RegretSummary.FromRuns(runs);
        ResultWriter.Write(options.OutputDirectory, options, runs, summary);

        Console.Write(ResultWriter.FormatTable(summary));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count} runs in {stopwatch.Elapsed.TotalSeconds:F1} s; results in {Path.GetFullPath(options.OutputDirectory)}"));
        return 0;
    }

    private static string ListOracles()
    {
        var notBuilt = OracleCatalog.PlannedNames.Where(name => !OracleCatalog.Factories.ContainsKey(name));
        return $"compiled in: {string.Join(", ", OracleCatalog.BuiltNames)}\nplanned, not built: {string.Join(", ", notBuilt)}";
    }
}
