using System.Collections.Generic;
using HyperGen;

namespace HyperGen.Tests;

/// <summary>A model whose "training" evaluates a function of the trial's values; used to test the tuner quickly.</summary>
internal sealed record ScoredConfiguration(IReadOnlyDictionary<string, object> Values);

/// <summary>
/// A hypermodel over a dynamic search space whose Fit returns <see cref="Score"/> of the values. Build records each
/// configuration it builds.
/// </summary>
internal sealed class FunctionHyperModel(Action<HyperParameters> declare, Func<HyperParameters, FitResult> score, bool tunable = true)
    : HyperModel<ScoredConfiguration>(tunable: tunable)
{
    public List<IReadOnlyDictionary<string, object>> Built { get; } = [];

    public override ScoredConfiguration Build(HyperParameters hyperParameters)
    {
        declare(hyperParameters);
        var values = new Dictionary<string, object>(hyperParameters.Values);
        lock (Built)
        {
            Built.Add(values);
        }

        return new ScoredConfiguration(values);
    }

    public override FitResult Fit(HyperParameters hyperParameters, ScoredConfiguration model, TrialContext context) => score(hyperParameters);

    public override bool SaveModel(ScoredConfiguration model, string path)
    {
        File.WriteAllText(path, string.Join(";", model.Values.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}")));
        return true;
    }

    public override void LoadModel(ScoredConfiguration model, string path)
    {
        string saved = File.ReadAllText(path);
        string current = string.Join(";", model.Values.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"));
        if (saved != current)
        {
            throw new InvalidOperationException($"Saved model {saved} does not match the rebuilt one {current}.");
        }
    }
}

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hypergen-tests-").FullName;
    }

    public string Path { get; }

    public TunerOptions Options(string project = "study", bool overwrite = false) =>
        new() { Directory = Path, ProjectName = project, Overwrite = overwrite };

    /// <summary>The trials stored in a project's study database, read by a storage of their own.</summary>
    public IReadOnlyList<StoredTrial> StoredTrials(string project = "study")
    {
        using var storage = new SqliteStudyStorage(System.IO.Path.Combine(Path, project, "study.db"));
        return storage.ReadTrials(project);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }
}

/// <summary>Drives an oracle without a tuner, by ask and tell.</summary>
internal static class AskAndTell
{
    /// <summary>Creates up to <paramref name="count"/> trials and completes each with its score, stopping early when the oracle stops.</summary>
    public static List<Trial> Run(Oracle oracle, Func<IReadOnlyDictionary<string, object>, double> score, int count)
    {
        var trials = new List<Trial>();
        for (int i = 0; i < count; i++)
        {
            var (trial, proposal) = oracle.CreateTrial();
            if (trial is null)
            {
                Xunit.Assert.Equal(TrialProposalStatus.Stopped, proposal.Status);
                break;
            }

            oracle.CompleteTrial(trial, score(trial.Values));
            trials.Add(trial);
        }

        return trials;
    }
}
