using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace HyperGen;

/// <summary>
/// Connects one process's oracle to a stored study that other processes may share. Each step (claim a trial,
/// report a value, finish, renew leases) is one storage transaction that first brings the oracle up to date with
/// what changed since its previous step, so every proposal is made from the study's latest state.
/// </summary>
/// <remarks>
/// A running trial holds a lease that the heartbeat renews. When a lease has expired, the next worker that claims a
/// trial takes it back: the trial waits for a worker again, or fails once it has been retried
/// <see cref="TunerOptions.MaxRetriesPerTrial"/> times. A trial interrupted by cancellation waits for the next
/// search. Both are recorded in the trial's history.
/// </remarks>
internal sealed class StudySession : ITrialRecorder
{
    private readonly IStudyStorage _storage;
    private readonly string _studyName;
    private readonly Oracle _oracle;
    private readonly string _projectDirectory;
    private readonly TunerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<int, StoredTrial> _stored = [];
    private readonly HashSet<int> _runningHere = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, CancellationTokenSource> _leaseWatchers = new();
    private long _version = -1;
    private long _stateVersion;
    private string? _lastState;

    public StudySession(IStudyStorage storage, string studyName, Oracle oracle, string projectDirectory, TunerOptions options, ILogger logger)
    {
        _storage = storage;
        _studyName = studyName;
        _oracle = oracle;
        _projectDirectory = projectDirectory;
        _options = options;
        _logger = logger;
        WorkerId = string.Create(
            CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
    }

    /// <summary>This process's name in leases and trial histories: machine, process id and a random suffix.</summary>
    public string WorkerId { get; }

    /// <summary>
    /// Creates the study, or resumes it: checks that the space and settings are unchanged (or accepted), takes the
    /// stored seed when the oracle picked one at random, and loads every stored trial into the oracle. With
    /// <paramref name="overwrite"/>, deletes the stored study and its weights first.
    /// </summary>
    /// <exception cref="StudyChangedException">The space or settings changed and the change was not accepted.</exception>
    public void Open(Func<StudyDescription> describe, bool overwrite)
    {
        var description = describe();
        if (overwrite)
        {
            RejectOverwriteWhileRunning(description.Name);
        }

        if (overwrite && _storage.DeleteStudy(description.Name))
        {
            DeleteCheckpoints();
            TunerLog.ResultsDeleted(_logger, _storage.Location);
        }

        var stored = _storage.CreateOrOpenStudy(description);
        _oracle.ClearStopReason();
        if (stored.Created)
        {
            _oracle.ResetTrials();
            TunerLog.StudyCreated(_logger, description.Name, _storage.Location);
        }
        else
        {
            _oracle.AdoptSeed(stored.Description.Seed);
            description = describe();
            var differences = StudyFingerprint.Differences(stored.Description, description);
            if (differences.Count > 0 && !_options.AcceptChangedStudy)
            {
                throw new StudyChangedException(description.Name, _storage.Location, differences);
            }

            if (differences.Count > 0)
            {
                bool oracleChanged = !StudyFingerprint.SameOracleSettings(stored.Description, description);
                _storage.Write(description.Name, transaction =>
                {
                    transaction.UpdateDescription(description);
                    if (oracleChanged)
                    {
                        // A saved position, such as Hyperband's bracket and round, belongs to the old settings' plan.
                        // The oracle starts its plan afresh, and the stored trials count as tried.
                        transaction.SaveOracleState(null);
                    }

                    return 0;
                });
                TunerLog.StudyChangesAccepted(_logger, description.Name, string.Join("; ", differences));
            }
        }

        int finished = _storage.Write(_studyName, transaction =>
        {
            Synchronize(transaction);
            return _stored.Values.Count(trial => trial.IsFinished);
        });
        if (!stored.Created)
        {
            TunerLog.StudyResumed(_logger, description.Name, _storage.Location, finished, _stored.Count - finished);
        }
    }

    /// <summary>
    /// Refuses to start over while another worker still holds an unexpired lease on a trial of the study, because
    /// deleting the study would make that worker fail and both would write the same trial folders.
    /// </summary>
    /// <exception cref="InvalidOperationException">A trial of the study is running elsewhere.</exception>
    private void RejectOverwriteWhileRunning(string studyName)
    {
        if (_storage.ReadStudy(studyName) is null)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var running = _storage.ReadTrials(studyName)
            .FirstOrDefault(t => t.Status == TrialStatus.Running && t.LeaseOwner is not null && t.LeaseExpiresAt > now);
        if (running is not null)
        {
            string until = running.LeaseExpiresAt!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            throw new InvalidOperationException(
                $"Overwrite is on, but trial {running.Number} of the study '{studyName}' in {_storage.Location} is running in worker " +
                $"{running.LeaseOwner} (its lease runs until {until} UTC and is renewed while the worker lives). Starting over would " +
                "delete that worker's study. Wait for the other search to finish, or join it by resuming with Overwrite = false.");
        }
    }

    /// <summary>
    /// Describes the trials other workers run, for a worker that waits for them: number, worker and lease end.
    /// </summary>
    public string DescribeRunningElsewhere()
    {
        var running = _storage.Write(_studyName, transaction =>
        {
            Synchronize(transaction);
            return _stored.Values
                .Where(t => t.Status == TrialStatus.Running && t.LeaseOwner is not null && !_runningHere.Contains(t.Number))
                .OrderBy(t => t.Number)
                .ToList();
        });
        return string.Join(
            "; ",
            running.Select(t => string.Create(
                CultureInfo.InvariantCulture, $"trial {t.Number} in worker {t.LeaseOwner}, lease until {t.LeaseExpiresAt:HH:mm:ss} UTC")));
    }

    /// <summary>
    /// Claims the next trial: first one whose worker died (or that waits after a failure or a cancellation), else a
    /// new proposal from the oracle. Returns no trial when the oracle waits or stops; <c>OthersRunning</c> is then true
    /// when some worker still runs a trial, which may yet fail and need another.
    /// </summary>
    public (Trial? Trial, TrialProposal? Proposal, bool OthersRunning) Claim() => _storage.Write(_studyName, transaction =>
    {
        Synchronize(transaction);
        var now = DateTimeOffset.UtcNow;
        foreach (var expired in _stored.Values.Where(t => t.Status == TrialStatus.Running && t.LeaseOwner is not null && t.LeaseExpiresAt < now).ToList())
        {
            if (expired.LeaseOwner == WorkerId && _runningHere.Contains(expired.Number))
            {
                // This process still runs the trial; its heartbeat was late (a long pause, or a locked database).
                expired.LeaseExpiresAt = now + _options.LeaseDuration;
                transaction.UpdateTrial(expired);
                continue;
            }

            Reclaim(transaction, expired, now);
        }

        var waiting = _stored.Values
            .Where(t => (t.Status == TrialStatus.Running && t.LeaseOwner is null) || t.Status == TrialStatus.Stopped)
            .OrderBy(t => t.Number)
            .FirstOrDefault();
        if (waiting is not null)
        {
            var trial = _oracle.Trials[waiting.Number];
            waiting.Status = TrialStatus.Running;
            waiting.StartedAt = now;
            waiting.Attempts++;
            waiting.LeaseOwner = WorkerId;
            waiting.LeaseExpiresAt = now + _options.LeaseDuration;
            waiting.ErrorMessage = null;
            transaction.UpdateTrial(waiting);
            transaction.ClearIntermediateValues(waiting.Number);
            transaction.AddEvent(waiting.Number, Event(now, "claimed", $"attempt {waiting.Attempts}"));
            trial.ResetForRetry();
            trial.Attempts = waiting.Attempts;
            trial.StartedAt = now;
            _runningHere.Add(waiting.Number);
            return ((Trial?)trial, (TrialProposal?)null, true);
        }

        var (created, proposal) = _oracle.CreateTrial();
        SaveStateIfChanged(transaction);
        if (created is null)
        {
            return ((Trial?)null, (TrialProposal?)proposal, _stored.Values.Any(t => t.Status == TrialStatus.Running));
        }

        created.Attempts = 1;
        var record = new StoredTrial
        {
            Number = created.Number,
            Status = TrialStatus.Running,
            Values = created.Values,
            Schedule = created.Schedule,
            StartedAt = created.StartedAt,
            Attempts = 1,
            LeaseOwner = WorkerId,
            LeaseExpiresAt = now + _options.LeaseDuration,
        };
        transaction.InsertTrial(record);
        transaction.AddEvent(created.Number, Event(now, "created", "attempt 1"));
        _stored[created.Number] = record;
        _runningHere.Add(created.Number);
        return ((Trial?)created, (TrialProposal?)proposal, true);
    });

    /// <summary>
    /// Returns the values to store for an ended trial: the proposed ones, and those that Build added for parameters
    /// the search space accepted. A Build that threw, or a parameter that the space rejected, left its values out of
    /// the space, so a resume does not add them.
    /// </summary>
    private Dictionary<string, object> StoredValues(StoredTrial record, Trial trial)
    {
        var space = _oracle.Space;
        var values = new Dictionary<string, object>(record.Values, StringComparer.Ordinal);
        foreach (var (name, value) in trial.Values)
        {
            if (!values.ContainsKey(name) && space.Any(parameter => parameter.Name == name))
            {
                values[name] = value;
            }
        }

        return values;
    }

    /// <summary>
    /// Stores a trial's end. A failed trial with retries left, and a cancelled one, wait for a worker instead of
    /// finishing. Returns false, and stores nothing, when this worker's lease was lost to another worker.
    /// </summary>
    public bool Finish(Trial trial)
    {
        bool reported = false;
        bool recorded = _storage.Write(_studyName, transaction =>
        {
            Synchronize(transaction);
            var now = DateTimeOffset.UtcNow;
            var record = _stored[trial.Number];

            // The heartbeat drops a trial whose lease it found lost, after logging that once.
            reported = !_runningHere.Remove(trial.Number);
            if (record.LeaseOwner != WorkerId || record.IsFinished)
            {
                return false;
            }

            int retriesUsed = record.Events.Count(e => e.Kind == "requeued");
            if (trial.Status == TrialStatus.Failed && retriesUsed < _options.MaxRetriesPerTrial)
            {
                Release(record, TrialStatus.Running, trial.ErrorMessage);
                transaction.UpdateTrial(record);
                transaction.AddEvent(trial.Number, Event(now, "failed", trial.ErrorMessage));
                transaction.AddEvent(
                    trial.Number,
                    Event(now, "requeued", $"retry {retriesUsed + 1} of {_options.MaxRetriesPerTrial} (MaxRetriesPerTrial)"));
                TunerLog.TrialRequeued(_logger, trial.Id, retriesUsed + 1, _options.MaxRetriesPerTrial, trial.ErrorMessage ?? "failed");
                trial.ResetForRetry();
                return true;
            }

            if (trial.Status == TrialStatus.Stopped)
            {
                Release(record, TrialStatus.Stopped, trial.ErrorMessage);
                transaction.UpdateTrial(record);
                transaction.AddEvent(trial.Number, Event(now, "cancelled", "waits for the next search"));
                return true;
            }

            record.Status = trial.Status;
            record.Values = StoredValues(record, trial);
            record.Score = trial.Score;
            record.Metrics = trial.Metrics;
            record.BestStep = trial.BestStep;
            record.Executions = trial.Executions;
            record.ErrorMessage = trial.ErrorMessage;
            record.EndedAt = trial.EndedAt;
            record.Checkpoint = trial.ModelPath is null ? null : Path.GetRelativePath(_projectDirectory, trial.ModelPath);
            record.LeaseOwner = null;
            record.LeaseExpiresAt = null;
            transaction.UpdateTrial(record);
            transaction.AddEvent(trial.Number, Event(now, trial.Status.ToString().ToLowerInvariant(), trial.ErrorMessage));
            _oracle.EndTrial(trial);
            SaveStateIfChanged(transaction);
            return true;
        });
        if (!recorded)
        {
            if (!reported)
            {
                TunerLog.LeaseLost(_logger, trial.Id);
            }

            trial.ResetForRetry();
            _storage.Write(_studyName, transaction =>
            {
                _version = -1;
                Synchronize(transaction);
                return 0;
            });
        }

        return recorded;
    }

    /// <summary>
    /// Renews the leases of the trials this process runs. A trial that another worker took over is logged once and
    /// no longer renewed. Its Fit runs on, and <see cref="Finish"/> discards the result.
    /// </summary>
    public void Heartbeat()
    {
        var lost = _storage.Write(_studyName, transaction =>
        {
            Synchronize(transaction);
            var now = DateTimeOffset.UtcNow;
            var takenOver = new List<int>();
            foreach (int number in _runningHere)
            {
                var stored = _stored[number];
                if (stored.LeaseOwner != WorkerId || stored.IsFinished)
                {
                    takenOver.Add(number);
                    continue;
                }

                stored.LeaseExpiresAt = now + _options.LeaseDuration;
                transaction.UpdateTrial(stored);
            }

            // Without this, every later heartbeat until the end of Fit would log the same lost lease again.
            _runningHere.ExceptWith(takenOver);
            return takenOver;
        });
        foreach (int number in lost)
        {
            TunerLog.LeaseLost(_logger, _oracle.Trials[number].Id);
            if (_leaseWatchers.TryGetValue(number, out var watcher))
            {
                watcher.Cancel();
            }
        }
    }

    /// <summary>
    /// Cancels <paramref name="cancellation"/> when the heartbeat finds that another worker took over the trial's
    /// lease, so that a Fit whose result would be discarded stops early. Disposing the result stops watching.
    /// </summary>
    public IDisposable WatchLease(int trialNumber, CancellationTokenSource cancellation)
    {
        _leaseWatchers[trialNumber] = cancellation;
        return new LeaseWatch(() => _leaseWatchers.TryRemove(trialNumber, out _));
    }

    public bool ReportIntermediate(Trial trial, int step, double value) => _storage.Write(_studyName, transaction =>
    {
        Synchronize(transaction);
        if (_stored.TryGetValue(trial.Number, out var stored) && stored.LeaseOwner == WorkerId && !stored.IsFinished)
        {
            transaction.SetIntermediateValue(trial.Number, step, value);
        }

        return _oracle.ReportIntermediate(trial, step, value);
    });

    public void SetUserAttribute(Trial trial, string key, string value) => _storage.Write(_studyName, transaction =>
    {
        transaction.SetTrialAttribute(trial.Number, key, value);
        trial.SetUserAttribute(key, value);
        return 0;
    });

    /// <summary>Clears the stored per-step values of a trial before another execution of it reports its own.</summary>
    public void BeginExecution(Trial trial) => _storage.Write(_studyName, transaction =>
    {
        transaction.ClearIntermediateValues(trial.Number);
        return 0;
    });

    /// <summary>The full path of a stored checkpoint.</summary>
    public string? CheckpointPath(string? checkpoint) => checkpoint is null ? null : Path.Combine(_projectDirectory, checkpoint);

    private void Synchronize(IStudyTransaction transaction)
    {
        var changed = transaction.ReadTrialsChangedSince(_version);
        bool hasState = transaction.OracleStateVersion != _stateVersion;
        string? state = hasState ? transaction.ReadOracleState() : null;
        foreach (var trial in changed)
        {
            _stored[trial.Number] = trial;
        }

        _oracle.Synchronize(changed, CheckpointPath, WorkerId, hasState, state);
        _version = transaction.Version;
        _stateVersion = transaction.OracleStateVersion;
        if (hasState)
        {
            _lastState = state;
        }
    }

    /// <summary>Takes back a trial whose worker stopped renewing its lease: it waits for a worker again, or fails
    /// when its retries are used up.</summary>
    private void Reclaim(IStudyTransaction transaction, StoredTrial expired, DateTimeOffset now)
    {
        string owner = expired.LeaseOwner!;
        string when = expired.LeaseExpiresAt!.Value.ToString("O", CultureInfo.InvariantCulture);
        int retriesUsed = expired.Events.Count(e => e.Kind == "requeued");
        transaction.AddEvent(expired.Number, Event(now, "lease_expired", $"worker {owner} stopped renewing its lease, which ended at {when}"));
        var trial = _oracle.Trials[expired.Number];
        if (retriesUsed < _options.MaxRetriesPerTrial)
        {
            Release(expired, TrialStatus.Running, $"Its worker {owner} stopped (lease ended at {when}).");
            transaction.UpdateTrial(expired);
            transaction.AddEvent(expired.Number, Event(now, "requeued", $"retry {retriesUsed + 1} of {_options.MaxRetriesPerTrial} (MaxRetriesPerTrial)"));
            TunerLog.TrialReclaimed(_logger, trial.Id, owner, "waits for a worker");
            return;
        }

        string message =
            $"Its worker {owner} stopped renewing its lease (it ended at {when}), probably because the process died, and the trial " +
            $"has no retries left (MaxRetriesPerTrial is {_options.MaxRetriesPerTrial}).";
        Release(expired, TrialStatus.Failed, message);
        expired.EndedAt = now;
        transaction.UpdateTrial(expired);
        transaction.AddEvent(expired.Number, Event(now, "failed", message));
        trial.Status = TrialStatus.Failed;
        trial.ErrorMessage = message;
        trial.EndedAt = now;
        _oracle.EndTrial(trial);
        SaveStateIfChanged(transaction);
        TunerLog.TrialReclaimed(_logger, trial.Id, owner, "failed");
    }

    private static void Release(StoredTrial stored, TrialStatus status, string? message)
    {
        stored.Status = status;
        stored.LeaseOwner = null;
        stored.LeaseExpiresAt = null;
        stored.ErrorMessage = message;
    }

    private void SaveStateIfChanged(IStudyTransaction transaction)
    {
        string? state = _oracle.CaptureState();
        if (!string.Equals(state, _lastState, StringComparison.Ordinal))
        {
            transaction.SaveOracleState(state);
            _lastState = state;
            _stateVersion = transaction.Version + 1;
        }
    }

    private TrialEvent Event(DateTimeOffset at, string kind, string? message) => new(at, kind, WorkerId, message);

    private void DeleteCheckpoints()
    {
        if (!Directory.Exists(_projectDirectory))
        {
            return;
        }

        foreach (string folder in Directory.EnumerateDirectories(_projectDirectory, "trial_*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Stops watching a trial's lease when disposed.</summary>
internal sealed class LeaseWatch(Action stop) : IDisposable
{
    public void Dispose() => stop();
}

/// <summary>
/// Thrown when a stored study is resumed with another search space or other settings and
/// <see cref="TunerOptions.AcceptChangedStudy"/> is false. The message lists every difference.
/// </summary>
public sealed class StudyChangedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StudyChangedException(string studyName, string location, IReadOnlyList<string> differences)
        : base(
            $"The study '{studyName}' in {location} was created with another search: {string.Join("; ", differences)}. " +
            "Its trials were left untouched. Set AcceptChangedStudy = true in TunerOptions to continue it with the new search, " +
            "Overwrite = true to start over, or choose another ProjectName.")
    {
        Differences = differences;
    }

    /// <summary>What changed, one line each.</summary>
    public IReadOnlyList<string> Differences { get; }
}
