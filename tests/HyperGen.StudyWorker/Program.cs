using HyperGen;
using HyperGen.StudyWorker;
using Microsoft.Extensions.Logging;

// Runs one search worker on a shared study. The multi-process tests start several and kill some of them.
WorkerOptions options;
try
{
    options = WorkerOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(WorkerOptions.Usage);
    return 2;
}

using var log = new TrialLog(options.LogPath);
using var loggerFactory = LoggerFactory.Create(
    builder => builder.SetMinimumLevel(LogLevel.Information).AddProvider(new TrialLogProvider(log, options.HoldAfter)));
log.Write("ready", Environment.ProcessId);
while (options.StartFile is not null && !File.Exists(options.StartFile))
{
    Thread.Sleep(20);
}

using var search = new CancellationTokenSource();
var oracle = new RandomSearch(Objective.Minimize("loss"), maxTrials: options.MaxTrials, seed: options.Seed);
var tuner = new Tuner<IReadOnlyDictionary<string, object>>(
    new SleepingHyperModel(log, options.FitMilliseconds, options.CancelInFit, search),
    oracle,
    new TunerOptions
    {
        Directory = options.Directory,
        ProjectName = options.Project,
        LeaseDuration = TimeSpan.FromSeconds(options.LeaseSeconds),
        MaxRetriesPerTrial = options.Retries,
        AcceptChangedStudy = options.AcceptChanges,
        LoggerFactory = loggerFactory,
    });
try
{
    await tuner.SearchAsync(search.Token);
}
catch (OperationCanceledException) when (search.IsCancellationRequested)
{
    log.Write("cancelled");
    return 3;
}
catch (Exception ex) when (ex is StudyChangedException or StudyStorageException or InvalidOperationException)
{
    Console.Error.WriteLine($"The search failed: {ex}");
    return 1;
}

log.Write("exited", oracle.StopReason);
return 0;
