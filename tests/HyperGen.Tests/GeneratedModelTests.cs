using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>A hypermodel whose search space comes from attributes, implemented by the source generator.</summary>
public sealed partial class AttributeModel : HyperModel<string>
{
    private readonly Barrier? _overlap;

    public AttributeModel(Barrier? overlap = null)
    {
        _overlap = overlap;
    }

    [IntRange(0, 999)]
    public partial int Width { get; }

    [Choice("relu", "tanh")]
    public partial string Activation { get; }

    [Boolean]
    public partial bool UseDropout { get; }

    [FloatRange(0.1, 0.5, Step = 0.1)]
    [ActiveWhen(nameof(UseDropout), true)]
    public partial double DropoutRate { get; }

    public List<string> Mismatches { get; } = [];

    public override string Build(HyperParameters hyperParameters) => $"{Width}/{Activation}";

    public override FitResult Fit(HyperParameters hyperParameters, string model, TrialContext context)
    {
        // Both trials are inside Fit at once here, so each property read below races with the other trial's.
        _overlap?.SignalAndWait(TimeSpan.FromSeconds(10));
        string now = $"{Width}/{Activation}";
        if (now != model)
        {
            lock (Mismatches)
            {
                Mismatches.Add($"built {model}, read {now}");
            }
        }

        return Width;
    }
}

public class GeneratedModelTests
{
    [Fact]
    public void DeclaredSpace_ComesFromAttributes()
    {
        var hp = new HyperParameters();

        new AttributeModel().DeclareHyperParameters(hp);

        Assert.Equal(["width", "activation", "use_dropout", "dropout_rate"], hp.Space.Select(p => p.Name));
        Assert.Equal("use_dropout", Assert.Single(hp.Space[3].Conditions).ParentName);
    }

    [Fact]
    public async Task ParallelTrials_ReadOwnGeneratedProperties()
    {
        using var folder = new TemporaryDirectory();
        using var overlap = new Barrier(2);
        var model = new AttributeModel(overlap);
        var oracle = new RandomSearch(Objective.Maximize("score"), maxTrials: 10, seed: 8);
        var tuner = new Tuner<string>(model, oracle, new TunerOptions { Directory = folder.Path, ProjectName = "attributes", ParallelTrials = 2 });

        await tuner.SearchAsync();

        Assert.Empty(model.Mismatches);
        Assert.Equal(10, oracle.Trials.Count);
        Assert.All(oracle.Trials, t => Assert.Equal((int)t.Values["width"], t.Score));
    }

    [Fact]
    public async Task BestValues_AreTypedRecord()
    {
        using var folder = new TemporaryDirectory();
        var tuner = new Tuner<string>(new AttributeModel(), new RandomSearch(Objective.Maximize("score"), maxTrials: 6, seed: 2), folder.Options());

        await tuner.SearchAsync();

        var best = tuner.GetBestHyperParameters<AttributeModel.Values>(1)[0];
        var bestTrial = tuner.Oracle.GetBestTrials(1)[0];
        Assert.Equal((int)bestTrial.Values["width"], best.Width);
        Assert.Equal((string)bestTrial.Values["activation"], best.Activation);
        Assert.Equal(best.UseDropout, best.DropoutRate.HasValue);
    }

    [Fact]
    public void InactiveProperty_ThrowsNamingCondition()
    {
        var hp = new HyperParameters();
        var model = new AttributeModel();
        model.DeclareHyperParameters(hp);

        using (HyperParameters.Use(hp))
        {
            var error = Assert.Throws<InvalidOperationException>(() => model.DropoutRate);

            Assert.Contains("'dropout_rate' is inactive", error.Message);
        }
    }
}
