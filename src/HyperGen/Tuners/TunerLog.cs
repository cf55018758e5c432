using Microsoft.Extensions.Logging;

namespace HyperGen;

/// <summary>The tuner's log messages.</summary>
internal static partial class TunerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Search started: project {Project}, {Oracle} seed {Seed}, objective {Objective}, {ParameterCount} hyperparameters ({Space})")]
    public static partial void SearchStarted(ILogger logger, string project, string oracle, int seed, string objective, int parameterCount, string space);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Trial {TrialId} ({Position}/{MaxTrials}) started: {Values}")]
    public static partial void TrialStarted(ILogger logger, string trialId, int position, string maxTrials, string values);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Trial {TrialId} ({Position}/{MaxTrials}) completed in {Seconds:F2} s: {Objective} = {Score:G6}, best so far {BestScore:G6} (trial {BestTrialId}); {Values}")]
    public static partial void TrialCompleted(ILogger logger, string trialId, int position, string maxTrials, double seconds, string objective, double score, double bestScore, string bestTrialId, string values);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Trial {TrialId} ({Position}/{MaxTrials}) failed in {Seconds:F2} s: {Error}; {Values}")]
    public static partial void TrialFailed(ILogger logger, string trialId, int position, string maxTrials, double seconds, string error, string values);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Trial {TrialId} ({Position}/{MaxTrials}) stopped after {Seconds:F2} s: {Reason}")]
    public static partial void TrialStopped(ILogger logger, string trialId, int position, string maxTrials, double seconds, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Search finished after {TrialCount} trials in {Seconds:F1} s: {Reason}")]
    public static partial void SearchFinished(ILogger logger, int trialCount, double seconds, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Search cancelled after {TrialCount} trials; trial {TrialId} was stopped")]
    public static partial void SearchCancelled(ILogger logger, int trialCount, string trialId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Deleted the earlier results in {Directory} (overwrite is on)")]
    public static partial void ResultsDeleted(ILogger logger, string directory);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Search space discovery built the model {BuildCount} times to activate every conditional branch")]
    public static partial void SpaceDiscovered(ILogger logger, int buildCount);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Created study {Study} in {Location}")]
    public static partial void StudyCreated(ILogger logger, string study, string location);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Resumed study {Study} in {Location}: {FinishedCount} trials finished, {OpenCount} not finished")]
    public static partial void StudyResumed(ILogger logger, string study, string location, int finishedCount, int openCount);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Study {Study} continues with a changed search (AcceptChangedStudy is on): {Changes}")]
    public static partial void StudyChangesAccepted(ILogger logger, string study, string changes);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Trial {TrialId} failed and will run again, retry {Retry} of {MaxRetries}: {Error}")]
    public static partial void TrialRequeued(ILogger logger, string trialId, int retry, int maxRetries, string error);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Trial {TrialId} was taken back from worker {Worker}, which stopped renewing its lease; the trial {Outcome}")]
    public static partial void TrialReclaimed(ILogger logger, string trialId, string worker, string outcome);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Trial {TrialId}: another worker took over its lease, so this worker's result is discarded")]
    public static partial void LeaseLost(ILogger logger, string trialId);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Could not renew the leases of this worker's trials: {Error}")]
    public static partial void HeartbeatFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "The budget is used up; waiting for trials that other workers run, which run again here if their worker dies and its lease expires: {Running}")]
    public static partial void WaitingForOtherWorkers(ILogger logger, string running);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "Could not restore the parameters {Names} from stored trial {TrialId}, because Build or the search space rejected its values: {Error}. The next stored trial with them is tried")]
    public static partial void SpaceRestoreFailed(ILogger logger, string names, string trialId, string error);
}
