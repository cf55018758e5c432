using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Keeps studies in this process's memory: nothing survives the process. Transactions are serialized by one lock;
/// a transaction's changes take effect together when its callback returns, and not at all when it throws. Reads
/// inside a transaction see the state from before its own changes.
/// </summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Study> _studies = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Location => "memory";

    /// <inheritdoc />
    public StoredStudy CreateOrOpenStudy(StudyDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        lock (_gate)
        {
            if (_studies.TryGetValue(description.Name, out var existing))
            {
                return new StoredStudy(existing.Description, existing.CreatedAt, Created: false);
            }

            var study = new Study(description, DateTimeOffset.UtcNow);
            _studies.Add(description.Name, study);
            return new StoredStudy(description, study.CreatedAt, Created: true);
        }
    }

    /// <inheritdoc />
    public StoredStudy? ReadStudy(string studyName)
    {
        lock (_gate)
        {
            return _studies.TryGetValue(studyName, out var study)
                ? new StoredStudy(study.Description, study.CreatedAt, Created: false)
                : null;
        }
    }

    /// <inheritdoc />
    public bool DeleteStudy(string studyName)
    {
        lock (_gate)
        {
            return _studies.Remove(studyName);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(string studyName)
    {
        lock (_gate)
        {
            return Find(studyName).Trials.Values.Select(trial => trial.Clone()).ToArray();
        }
    }

    /// <inheritdoc />
    public T Write<T>(string studyName, Func<IStudyTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var study = Find(studyName);
            var transaction = new Transaction(study);
            T result = work(transaction);
            transaction.Commit();
            return result;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Study Find(string studyName) =>
        _studies.TryGetValue(studyName, out var study) ? study : throw new StudyNotFoundException(studyName, Location);

    private sealed class Study(StudyDescription description, DateTimeOffset createdAt)
    {
        public StudyDescription Description { get; set; } = description;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public SortedDictionary<int, StoredTrial> Trials { get; } = [];

        public long Version { get; set; }

        public string? OracleState { get; set; }

        public long OracleStateVersion { get; set; }
    }

    private sealed class Transaction(Study study) : IStudyTransaction
    {
        private readonly List<Action<long>> _changes = [];
        private readonly Dictionary<int, StoredTrial> _inserted = [];

        public long Version => study.Version;

        public long OracleStateVersion => study.OracleStateVersion;

        public IReadOnlyList<StoredTrial> ReadTrialsChangedSince(long version) =>
            study.Trials.Values.Where(trial => trial.Version > version).Select(trial => trial.Clone()).ToArray();

        public string? ReadOracleState() => study.OracleState;

        public void InsertTrial(StoredTrial trial)
        {
            ArgumentNullException.ThrowIfNull(trial);
            var copy = trial.Clone();
            if (study.Trials.ContainsKey(trial.Number) || !_inserted.TryAdd(trial.Number, copy))
            {
                throw new InvalidOperationException($"Trial number {trial.Number} already exists in study '{study.Description.Name}'.");
            }

            _changes.Add(version =>
            {
                copy.Version = version;
                study.Trials.Add(copy.Number, copy);
            });
        }

        public void UpdateTrial(StoredTrial trial)
        {
            ArgumentNullException.ThrowIfNull(trial);
            var stored = Existing(trial.Number);
            var copy = trial.Clone();
            _changes.Add(version =>
            {
                copy.Version = version;
                copy.IntermediateValues = stored.IntermediateValues;
                copy.Events = stored.Events;
                copy.Attributes = stored.Attributes;
                study.Trials[copy.Number] = copy;
            });
        }

        public void SetIntermediateValue(int trialNumber, int step, double value)
        {
            Existing(trialNumber);
            _changes.Add(version =>
            {
                var trial = study.Trials[trialNumber];
                var values = trial.IntermediateValues.Where(item => item.Step != step).ToList();
                values.Add(new IntermediateValue(step, value));
                trial.IntermediateValues = [.. values.OrderBy(item => item.Step)];
                trial.Version = version;
            });
        }

        public void ClearIntermediateValues(int trialNumber)
        {
            Existing(trialNumber);
            _changes.Add(version =>
            {
                var trial = study.Trials[trialNumber];
                trial.IntermediateValues = [];
                trial.Version = version;
            });
        }

        public void AddEvent(int trialNumber, TrialEvent trialEvent)
        {
            ArgumentNullException.ThrowIfNull(trialEvent);
            ExistingOrInserted(trialNumber);
            _changes.Add(version =>
            {
                var trial = study.Trials[trialNumber];
                trial.Events = [.. trial.Events, trialEvent];
                trial.Version = version;
            });
        }

        public void SetTrialAttribute(int trialNumber, string key, string value)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            ExistingOrInserted(trialNumber);
            _changes.Add(version =>
            {
                var trial = study.Trials[trialNumber];
                trial.Attributes = new Dictionary<string, string>(trial.Attributes, StringComparer.Ordinal) { [key] = value };
                trial.Version = version;
            });
        }

        public void SaveOracleState(string? state) => _changes.Add(version =>
        {
            study.OracleState = state;
            study.OracleStateVersion = version;
        });

        public void UpdateDescription(StudyDescription description)
        {
            ArgumentNullException.ThrowIfNull(description);
            _changes.Add(_ => study.Description = description);
        }

        public void Commit()
        {
            if (_changes.Count == 0)
            {
                return;
            }

            long version = study.Version + 1;
            foreach (var change in _changes)
            {
                change(version);
            }

            study.Version = version;
        }

        /// <summary>
        /// Returns the trial as stored, or as inserted earlier in this transaction, so that the changes queued after
        /// the insert apply to it as they do in SQLite.
        /// </summary>
        private StoredTrial Existing(int trialNumber)
        {
            if (!study.Trials.TryGetValue(trialNumber, out var stored) && !_inserted.TryGetValue(trialNumber, out stored))
            {
                throw new InvalidOperationException($"Study '{study.Description.Name}' has no trial {trialNumber}.");
            }

            if (stored.IsFinished)
            {
                throw new InvalidOperationException(
                    $"Trial {trialNumber} of study '{study.Description.Name}' has finished ({stored.Status}); a finished trial never changes.");
            }

            return stored;
        }

        private void ExistingOrInserted(int trialNumber)
        {
            if (!_inserted.ContainsKey(trialNumber) && !study.Trials.ContainsKey(trialNumber))
            {
                throw new InvalidOperationException($"Study '{study.Description.Name}' has no trial {trialNumber}.");
            }
        }
    }
}
