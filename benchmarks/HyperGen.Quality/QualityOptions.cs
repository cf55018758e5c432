using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HyperGen.Benchmarking;

namespace HyperGen.Quality;

/// <summary>The quality benchmark's command-line options.</summary>
public sealed record QualityOptions
{
    /// <summary>The help text printed by <c>--help</c> and after an invalid option.</summary>
    public const string Usage = """
        Usage: HyperGen.Quality [options]
          --oracles NAMES     comma-separated oracle names (default: every compiled-in oracle)
          --functions NAMES   comma-separated test functions: branin, rosenbrock, mixed (default: all)
          --seeds N           runs per budget, with seeds FIRST to FIRST+N-1 (default: 20)
          --first-seed FIRST  the first seed (default: 0); other seeds check a choice made on the default ones
          --budgets LIST      comma-separated trial budgets (default: 25,50,100)
          --output DIR        folder for hypergen-quality.json and the CSV files (default: quality-results)
          --parallel N        runs evaluated at once (default: the number of processors)
          --list              print the compiled-in and planned oracles, then exit
        """;

    /// <summary>The compiled-in oracles to run.</summary>
    public IReadOnlyList<string> Oracles { get; init; } = OracleCatalog.BuiltNames;

    /// <summary>
    /// Planned oracles that are not compiled into this build: those requested with <c>--oracles</c>, or all of them
    /// when no list is given.
    /// </summary>
    public IReadOnlyList<string> NotBuilt { get; init; } =
        OracleCatalog.PlannedNames.Where(name => !OracleCatalog.Factories.ContainsKey(name)).ToArray();

    /// <summary>The test functions to run.</summary>
    public IReadOnlyList<TestFunction> Functions { get; init; } = TestFunctions.All;

    /// <summary>How many seeds to run, from <see cref="FirstSeed"/> on.</summary>
    public int SeedCount { get; init; } = 20;

    /// <summary>The first seed.</summary>
    public int FirstSeed { get; init; }

    /// <summary>The seeds; one run per seed, oracle, function and budget.</summary>
    public IReadOnlyList<int> Seeds => Enumerable.Range(FirstSeed, SeedCount).ToArray();

    /// <summary>The trial budgets.</summary>
    public IReadOnlyList<int> Budgets { get; init; } = [25, 50, 100];

    /// <summary>The folder the results are written to.</summary>
    public string OutputDirectory { get; init; } = "quality-results";

    /// <summary>How many runs are evaluated at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether to list the oracles and exit.</summary>
    public bool ListOnly { get; init; }

    /// <summary>Whether to print the usage and exit.</summary>
    public bool HelpOnly { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has an invalid value.</exception>
    public static QualityOptions Parse(IReadOnlyList<string> args)
    {
        var options = new QualityOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            options = name switch
            {
                "--list" => options with { ListOnly = true },
                "--help" or "-h" => options with { HelpOnly = true },
                _ => ParseValued(options, name, ValueAfter(args, i++)),
            };
        }

        return options;
    }

    private static QualityOptions ParseValued(QualityOptions options, string name, string value)
    {
        switch (name)
        {
            case "--oracles":
                var (built, notBuilt) = OracleCatalog.Select(value);
                return options with { Oracles = built, NotBuilt = notBuilt };
            case "--functions":
                return options with { Functions = SelectFunctions(value) };
            case "--seeds":
                return options with { SeedCount = ParsePositive(name, value) };
            case "--first-seed":
                return options with { FirstSeed = ParseNonNegative(name, value) };
            case "--budgets":
                return options with { Budgets = value.Split(',').Select(item => ParsePositive(name, item)).Distinct().ToArray() };
            case "--output":
                return options with { OutputDirectory = value };
            case "--parallel":
                return options with { Parallelism = ParsePositive(name, value) };
            default:
                throw new ArgumentException($"Unknown option '{name}'.");
        }
    }

    private static string ValueAfter(IReadOnlyList<string> args, int index)
    {
        if (index + 1 >= args.Count)
        {
            throw new ArgumentException($"Option '{args[index]}' is missing its value.");
        }

        return args[index + 1];
    }

    private static int ParseNonNegative(string option, string text)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new ArgumentException($"Invalid value '{text}' for {option}: expected 0 or a positive integer.");
        }

        return value;
    }

    private static int ParsePositive(string option, string text)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            throw new ArgumentException($"Invalid value '{text}' for {option}: expected a positive integer.");
        }

        return value;
    }

    private static IReadOnlyList<TestFunction> SelectFunctions(string names)
    {
        var selected = new List<TestFunction>();
        foreach (string name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var function = TestFunctions.All.FirstOrDefault(candidate => candidate.Name == name)
                ?? throw new ArgumentException(
                    $"Unknown test function '{name}'. Known: {string.Join(", ", TestFunctions.All.Select(f => f.Name))}.");
            selected.Add(function);
        }

        return selected;
    }
}
