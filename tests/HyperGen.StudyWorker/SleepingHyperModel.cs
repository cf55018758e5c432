namespace HyperGen.StudyWorker;

/// <summary>
/// A hypermodel over two parameters whose Fit sleeps for a set time and then scores the values with a fixed
/// function, so that a test can kill the process inside Fit and recompute every stored score. When
/// <c>cancelInFit</c> is set, the Fit call with that number (from 1) cancels <c>search</c> and stops there.
/// </summary>
internal sealed class SleepingHyperModel(TrialLog log, int fitMilliseconds, int? cancelInFit, CancellationTokenSource search)
    : HyperModel<IReadOnlyDictionary<string, object>>
{
    private int _fits;

    /// <summary>Computes the score of a configuration. MultiProcessStudyTests recomputes it with the same formula.</summary>
    public static double Score(double x, int y) => ((x - 1) * (x - 1)) + (y / 1000.0);

    public override IReadOnlyDictionary<string, object> Build(HyperParameters hyperParameters)
    {
        hyperParameters.Float("x", -10, 10);
        hyperParameters.Int("y", 0, 1000);
        return new Dictionary<string, object>(hyperParameters.Values);
    }

    public override FitResult Fit(HyperParameters hyperParameters, IReadOnlyDictionary<string, object> model, TrialContext context)
    {
        log.Write("started", context.Trial.Number, context.Trial.Attempts);
        if (Interlocked.Increment(ref _fits) == cancelInFit)
        {
            search.Cancel();
        }

        if (fitMilliseconds > 0)
        {
            context.CancellationToken.WaitHandle.WaitOne(fitMilliseconds);
        }

        context.CancellationToken.ThrowIfCancellationRequested();

        double score = Score(hyperParameters.Get<double>("x"), hyperParameters.Get<int>("y"));
        log.Write("fitted", context.Trial.Number);
        return new Dictionary<string, double> { ["loss"] = score };
    }
}
