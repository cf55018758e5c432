using System.Collections.Generic;
using System.Diagnostics;

namespace HyperGen.StorageOverhead;

/// <summary>
/// A hypermodel with one float parameter <c>x</c> in [-10, 10] whose fit returns x², so a trial costs next to
/// nothing besides the tuner and its storage. Records a <see cref="Stopwatch"/> timestamp at each fit.
/// </summary>
internal sealed class SquareHyperModel : HyperModel<double>
{
    public List<long> FitTimestamps { get; } = [];

    public override double Build(HyperParameters hyperParameters) => hyperParameters.Float("x", -10, 10);

    public override FitResult Fit(HyperParameters hyperParameters, double model, TrialContext context)
    {
        FitTimestamps.Add(Stopwatch.GetTimestamp());

        return model * model;
    }
}
