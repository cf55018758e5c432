using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace HyperGen;

/// <summary>
/// Keeps studies in one SQLite file that several processes on one machine can share. The file is in WAL mode; each
/// <see cref="Write{T}"/> is one <c>BEGIN IMMEDIATE</c> transaction, so writers queue behind each other and a reader
/// never sees half of a change. A writer that finds the file locked waits up to <see cref="BusyTimeout"/>.
/// </summary>
/// <remarks>
/// The schema is versioned (<c>PRAGMA user_version</c>) and migrated forward when an older file is opened; a file
/// written by a newer HyperGen is refused. With <c>synchronous = NORMAL</c>, a committed transaction survives the
/// crash of any process; after a power cut the last transactions before it may be missing, never half-applied.
/// </remarks>
public sealed class SqliteStudyStorage : IStudyStorage
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Opens the study database at <paramref name="path"/>, creating the file and its folder when missing.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a transaction waits for another process's transaction; 30 seconds when
    /// null.</param>
    /// <exception cref="StudyStorageException">The folder or file cannot be created or opened, the file is not a
    /// HyperGen study database, or a newer HyperGen wrote it. The message names the file and the fix.</exception>
    public SqliteStudyStorage(string path, TimeSpan? busyTimeout = null)
        : this(path, busyTimeout, SqliteSchema.CurrentVersion)
    {
    }

    internal SqliteStudyStorage(string path, TimeSpan? busyTimeout, int schemaVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busyTimeout, "busyTimeout must be positive.");
        }

        Location = Path.GetFullPath(path);
        CreateFolder(Path.GetDirectoryName(Location)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(BusyTimeout.TotalSeconds),
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            Guard("open the study database", () =>
            {
                if (_connection.State != System.Data.ConnectionState.Open)
                {
                    _connection.Open();
                }

                SqliteSchema.Execute(_connection, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};");

                // Migrate checks that the file is a HyperGen study database before anything writes to it. Switching
                // to WAL rewrites the file header, so it must come after that check to leave other files untouched.
                SqliteSchema.Migrate(_connection, Location, schemaVersion);
                string mode = Convert.ToString(Scalar("PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture) ?? string.Empty;
                if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StudyStorageException(
                        $"The study database '{Location}' could not switch to WAL mode (SQLite kept '{mode}'). Put the project on a local disk that supports shared memory.");
                }

                SqliteSchema.Execute(_connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
                return 0;
            });
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Caps the file at its current number of pages for this connection, so that the next write that needs a new
    /// page fails with SQLITE_FULL as it would on a full disk. For tests.
    /// </summary>
    internal void LimitToCurrentSize()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // SQLite never lowers the limit below the current page count, so 1 means "as large as it is now".
            SqliteSchema.Execute(_connection, "PRAGMA max_page_count = 1");
        }
    }

    /// <summary>The database file's full path.</summary>
    public string Location { get; }

    /// <summary>How long a transaction waits for another process's transaction before it fails.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <inheritdoc />
    public StoredStudy CreateOrOpenStudy(StudyDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Transact("create the study", () =>
        {
            var existing = ReadStudyRow(description.Name);
            if (existing is not null)
            {
                return existing with { Created = false };
            }

            var now = DateTimeOffset.UtcNow;
            using var command = Command(
                """
                INSERT INTO studies (name, hypermodel, oracle, seed, objective_name, objective_direction, space_json, space_hash,
                                     settings_json, settings_hash, created_at)
                VALUES ($name, $hypermodel, $oracle, $seed, $objective, $direction, $space, $spaceHash, $settings, $settingsHash, $now)
                """);
            BindDescription(command, description);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            return new StoredStudy(description, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), Created: true);
        });
    }

    /// <inheritdoc />
    public StoredStudy? ReadStudy(string studyName) => Transact("read the study", () => ReadStudyRow(studyName), write: false);

    /// <inheritdoc />
    public bool DeleteStudy(string studyName) => Transact("delete the study", () =>
    {
        using var command = Command("DELETE FROM studies WHERE name = $name");
        command.Parameters.AddWithValue("$name", studyName);
        return command.ExecuteNonQuery() > 0;
    });

    /// <inheritdoc />
    public IReadOnlyList<StoredTrial> ReadTrials(string studyName) => Transact("read the trials", () =>
    {
        var (id, _, _) = StudyKey(studyName);
        return ReadTrialsWhere(id, -1);
    }, write: false);

    /// <inheritdoc />
    public T Write<T>(string studyName, Func<IStudyTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Transact("write to the study", () =>
        {
            var (id, version, stateVersion) = StudyKey(studyName);
            var transaction = new Transaction(this, id, version, stateVersion);
            T result = work(transaction);
            transaction.Finish();
            return result;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                foreach (var command in _prepared.Values)
                {
                    command.Dispose();
                }

                _connection.Dispose();
            }
        }
    }

    private T Transact<T>(string action, Func<T> body, bool write = true)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Only BEGIN waits for other processes: a write transaction has the lock once it began, and in WAL mode
            // readers do not block. So a busy error is retried here, before the body has changed anything.
            Guard(action, () =>
            {
                Prepared(write ? "BEGIN IMMEDIATE" : "BEGIN").ExecuteNonQuery();
                return 0;
            });
            try
            {
                T result = body();
                Prepared("COMMIT").ExecuteNonQuery();
                return result;
            }
            catch (SqliteException ex)
            {
                SqliteSchema.TryRollback(_connection);
                throw Explain(action, ex);
            }
            catch
            {
                SqliteSchema.TryRollback(_connection);
                throw;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/>, retrying while the database is busy up to <see cref="BusyTimeout"/>,
    /// and turns SQLite's errors into messages that name the file and the fix.</summary>
    private T Guard<T>(string action, Func<T> body)
    {
        var clock = Stopwatch.StartNew();
        int attempt = 0;
        while (true)
        {
            try
            {
                return body();
            }
            catch (SqliteException ex) when (IsBusy(ex) && clock.Elapsed < BusyTimeout)
            {
                // SQLite's busy handler has already waited; back off briefly and try again until the timeout.
                Thread.Sleep(Math.Min(50, 1 << Math.Min(attempt++, 5)));
            }
            catch (SqliteException ex)
            {
                throw Explain(action, ex);
            }
            catch (IOException ex)
            {
                throw new StudyStorageException(
                    $"Could not {action} in '{Location}': {Messages.Sentence(ex.Message)} Check the disk and the folder's permissions.", ex);
            }
        }
    }

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6;

    private StudyStorageException Explain(string action, SqliteException ex)
    {
        string fix = ex.SqliteErrorCode switch
        {
            5 or 6 => $"The database stayed locked by another process for longer than the busy timeout ({BusyTimeout.TotalSeconds:0.###} s). " +
                "Wait for the other process, or raise the busy timeout (TunerOptions.BusyTimeout).",
            8 => "The file or its folder is read-only. Make them writable, or choose another Directory.",
            13 => "The disk is full. Free some space; the trials stored so far are intact.",
            14 => "SQLite cannot open the file. Check that the folder exists and is writable, or choose another Directory.",
            11 or 26 => "The file is not a valid SQLite database (it is corrupt, or another kind of file). Move it away or choose another ProjectName; it was left untouched.",
            10 => "A disk input/output error occurred. Check the disk.",
            _ => "Check the file and the folder's permissions.",
        };
        return new StudyStorageException($"Could not {action} in '{Location}': {Messages.Sentence(ex.Message)} {fix}", ex);
    }

    private void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StudyStorageException(
                $"Cannot create the folder '{folder}' for the study database: {Messages.Sentence(ex.Message)} Choose a writable Directory.", ex);
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Returns this storage's reusable command for <paramref name="sql"/>, with no parameters. The command keeps its
    /// compiled SQLite statement, so the statements that run on every trial are compiled once per storage instead of
    /// once per run. The storage owns the command: do not dispose it, and dispose its reader before it runs again.
    /// </summary>
    private SqliteCommand Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _prepared.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    private static void BindDescription(SqliteCommand command, StudyDescription description)
    {
        command.Parameters.AddWithValue("$name", description.Name);
        command.Parameters.AddWithValue("$hypermodel", description.HyperModel);
        command.Parameters.AddWithValue("$oracle", description.Oracle);
        command.Parameters.AddWithValue("$seed", description.Seed);
        command.Parameters.AddWithValue("$objective", description.ObjectiveName);
        command.Parameters.AddWithValue("$direction", description.Direction == ObjectiveDirection.Maximize ? "max" : "min");
        command.Parameters.AddWithValue("$space", StoredJson.WriteStrings(description.Space));
        command.Parameters.AddWithValue("$spaceHash", description.SpaceHash);
        command.Parameters.AddWithValue("$settings", StoredJson.WriteSettings(description.Settings));
        command.Parameters.AddWithValue("$settingsHash", description.SettingsHash);
    }

    private StoredStudy? ReadStudyRow(string studyName)
    {
        using var command = Command(
            """
            SELECT name, hypermodel, oracle, seed, objective_name, objective_direction, space_json, settings_json, created_at
            FROM studies WHERE name = $name
            """);
        command.Parameters.AddWithValue("$name", studyName);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var description = new StudyDescription
        {
            Name = reader.GetString(0),
            HyperModel = reader.GetString(1),
            Oracle = reader.GetString(2),
            Seed = reader.GetInt32(3),
            ObjectiveName = reader.GetString(4),
            Direction = reader.GetString(5) == "max" ? ObjectiveDirection.Maximize : ObjectiveDirection.Minimize,
            Space = StoredJson.ReadStrings(reader.GetString(6)),
            Settings = StoredJson.ReadSettings(reader.GetString(7)),
        };
        return new StoredStudy(description, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)), Created: false);
    }

    private (long Id, long Version, long StateVersion) StudyKey(string studyName)
    {
        var command = Prepared("SELECT id, version, oracle_state_version FROM studies WHERE name = $name");
        command.Parameters.AddWithValue("$name", studyName);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new StudyNotFoundException(studyName, Location);
        }

        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private List<StoredTrial> ReadTrialsWhere(long studyId, long sinceVersion)
    {
        var trials = new List<StoredTrial>();
        var byNumber = new Dictionary<int, StoredTrial>();
        var command = Prepared(
            """
            SELECT number, status, values_json, schedule_json, score, metrics_json, best_step, executions_json, error,
                   started_at, ended_at, checkpoint, attempts, lease_owner, lease_expires_at, version
            FROM trials WHERE study_id = $study AND version > $since ORDER BY number
            """);
        command.Parameters.AddWithValue("$study", studyId);
        command.Parameters.AddWithValue("$since", sinceVersion);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var trial = new StoredTrial
                {
                    Number = reader.GetInt32(0),
                    Status = Enum.Parse<TrialStatus>(reader.GetString(1), ignoreCase: true),
                    Values = StoredJson.ReadValues(reader.GetString(2)),
                    Schedule = StoredJson.ReadSchedule(reader.IsDBNull(3) ? null : reader.GetString(3)),
                    Score = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    Metrics = StoredJson.ReadMetrics(reader.GetString(5)),
                    BestStep = reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    Executions = StoredJson.ReadExecutions(reader.GetString(7)),
                    ErrorMessage = reader.IsDBNull(8) ? null : reader.GetString(8),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                    EndedAt = reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                    Checkpoint = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Attempts = reader.GetInt32(12),
                    LeaseOwner = reader.IsDBNull(13) ? null : reader.GetString(13),
                    LeaseExpiresAt = reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
                    Version = reader.GetInt64(15),
                };
                trials.Add(trial);
                byNumber.Add(trial.Number, trial);
            }
        }

        if (trials.Count == 0)
        {
            return trials;
        }

        const string Changed = "number IN (SELECT number FROM trials WHERE study_id = $study AND version > $since)";
        var intermediate = trials.ToDictionary(trial => trial.Number, _ => new List<IntermediateValue>());
        ForEachRow($"SELECT number, step, value, value_text FROM intermediate_values WHERE study_id = $study AND {Changed} ORDER BY number, step", studyId, sinceVersion, reader =>
        {
            double value = reader.IsDBNull(3)
                ? reader.GetDouble(2)
                : double.Parse(reader.GetString(3), NumberStyles.Float, CultureInfo.InvariantCulture);
            intermediate[reader.GetInt32(0)].Add(new IntermediateValue(reader.GetInt32(1), value));
        });
        var events = trials.ToDictionary(trial => trial.Number, _ => new List<TrialEvent>());
        ForEachRow($"SELECT number, at, kind, worker, message FROM trial_events WHERE study_id = $study AND {Changed} ORDER BY id", studyId, sinceVersion, reader =>
            events[reader.GetInt32(0)].Add(new TrialEvent(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4))));
        var attributes = trials.ToDictionary(trial => trial.Number, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        ForEachRow($"SELECT number, key, value FROM trial_attributes WHERE study_id = $study AND {Changed}", studyId, sinceVersion, reader =>
            attributes[reader.GetInt32(0)][reader.GetString(1)] = reader.GetString(2));
        foreach (var trial in trials)
        {
            trial.IntermediateValues = intermediate[trial.Number];
            trial.Events = events[trial.Number];
            trial.Attributes = attributes[trial.Number];
        }

        return trials;
    }

    private void ForEachRow(string sql, long studyId, long sinceVersion, Action<SqliteDataReader> read)
    {
        var command = Prepared(sql);
        command.Parameters.AddWithValue("$study", studyId);
        command.Parameters.AddWithValue("$since", sinceVersion);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            read(reader);
        }
    }

    private static object DbValue(object? value) => value ?? DBNull.Value;

    private static object Milliseconds(DateTimeOffset? value) => value.HasValue ? value.Value.ToUnixTimeMilliseconds() : DBNull.Value;

    private sealed class Transaction(SqliteStudyStorage storage, long studyId, long version, long stateVersion) : IStudyTransaction
    {
        private bool _wrote;

        public long Version { get; } = version;

        public long OracleStateVersion { get; } = stateVersion;

        private long NewVersion => Version + 1;

        public IReadOnlyList<StoredTrial> ReadTrialsChangedSince(long since) => storage.ReadTrialsWhere(studyId, since);

        public string? ReadOracleState()
        {
            var command = storage.Prepared("SELECT oracle_state FROM studies WHERE id = $study");
            command.Parameters.AddWithValue("$study", studyId);
            return command.ExecuteScalar() as string;
        }

        public void InsertTrial(StoredTrial trial)
        {
            ArgumentNullException.ThrowIfNull(trial);
            var command = storage.Prepared(
                """
                INSERT INTO trials (study_id, number, status, values_json, schedule_json, score, metrics_json, best_step,
                                    executions_json, error, started_at, ended_at, checkpoint, attempts, lease_owner,
                                    lease_expires_at, version)
                VALUES ($study, $number, $status, $values, $schedule, $score, $metrics, $bestStep, $executions, $error,
                        $startedAt, $endedAt, $checkpoint, $attempts, $leaseOwner, $leaseExpiresAt, $version)
                """);
            BindTrial(command, trial);
            command.Parameters.AddWithValue("$values", StoredJson.WriteValues(trial.Values));
            command.Parameters.AddWithValue("$schedule", DbValue(StoredJson.WriteSchedule(trial.Schedule)));
            command.Parameters.AddWithValue("$startedAt", trial.StartedAt.ToUnixTimeMilliseconds());
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new InvalidOperationException($"Trial number {trial.Number} already exists in this study.", ex);
            }

            _wrote = true;
        }

        public void UpdateTrial(StoredTrial trial)
        {
            ArgumentNullException.ThrowIfNull(trial);
            RequireChangeable(trial.Number);
            var command = storage.Prepared(
                """
                UPDATE trials SET status = $status, values_json = $values, score = $score, metrics_json = $metrics,
                                  best_step = $bestStep, executions_json = $executions, error = $error, ended_at = $endedAt,
                                  checkpoint = $checkpoint, attempts = $attempts, lease_owner = $leaseOwner,
                                  lease_expires_at = $leaseExpiresAt, started_at = $startedAt, version = $version
                WHERE study_id = $study AND number = $number
                """);
            BindTrial(command, trial);
            command.Parameters.AddWithValue("$values", StoredJson.WriteValues(trial.Values));
            command.Parameters.AddWithValue("$startedAt", trial.StartedAt.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            _wrote = true;
        }

        public void SetIntermediateValue(int trialNumber, int step, double value)
        {
            RequireChangeable(trialNumber);
            var command = storage.Prepared(
                """
                INSERT INTO intermediate_values (study_id, number, step, value, value_text) VALUES ($study, $number, $step, $value, $text)
                ON CONFLICT (study_id, number, step) DO UPDATE SET value = excluded.value, value_text = excluded.value_text
                """);
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            command.Parameters.AddWithValue("$step", step);
            command.Parameters.AddWithValue("$value", double.IsNaN(value) ? DBNull.Value : value);
            command.Parameters.AddWithValue("$text", double.IsNaN(value) ? "NaN" : DBNull.Value);
            command.ExecuteNonQuery();
            Touch(trialNumber);
        }

        public void ClearIntermediateValues(int trialNumber)
        {
            RequireChangeable(trialNumber);
            var command = storage.Prepared("DELETE FROM intermediate_values WHERE study_id = $study AND number = $number");
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            command.ExecuteNonQuery();
            Touch(trialNumber);
        }

        public void AddEvent(int trialNumber, TrialEvent trialEvent)
        {
            ArgumentNullException.ThrowIfNull(trialEvent);
            RequireExisting(trialNumber);
            var command = storage.Prepared(
                "INSERT INTO trial_events (study_id, number, at, kind, worker, message) VALUES ($study, $number, $at, $kind, $worker, $message)");
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            command.Parameters.AddWithValue("$at", trialEvent.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$kind", trialEvent.Kind);
            command.Parameters.AddWithValue("$worker", trialEvent.Worker);
            command.Parameters.AddWithValue("$message", DbValue(trialEvent.Message));
            command.ExecuteNonQuery();
            Touch(trialNumber);
        }

        public void SetTrialAttribute(int trialNumber, string key, string value)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            RequireExisting(trialNumber);
            var command = storage.Prepared(
                """
                INSERT INTO trial_attributes (study_id, number, key, value) VALUES ($study, $number, $key, $value)
                ON CONFLICT (study_id, number, key) DO UPDATE SET value = excluded.value
                """);
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
            Touch(trialNumber);
        }

        public void SaveOracleState(string? state)
        {
            var command = storage.Prepared("UPDATE studies SET oracle_state = $state, oracle_state_version = $version WHERE id = $study");
            command.Parameters.AddWithValue("$state", DbValue(state));
            command.Parameters.AddWithValue("$version", NewVersion);
            command.Parameters.AddWithValue("$study", studyId);
            command.ExecuteNonQuery();
            _wrote = true;
        }

        public void UpdateDescription(StudyDescription description)
        {
            ArgumentNullException.ThrowIfNull(description);
            using var command = storage.Command(
                """
                UPDATE studies SET hypermodel = $hypermodel, oracle = $oracle, seed = $seed, objective_name = $objective,
                                   objective_direction = $direction, space_json = $space, space_hash = $spaceHash,
                                   settings_json = $settings, settings_hash = $settingsHash
                WHERE id = $study AND name = $name
                """);
            BindDescription(command, description);
            command.Parameters.AddWithValue("$study", studyId);
            command.ExecuteNonQuery();
            _wrote = true;
        }

        public void Finish()
        {
            if (!_wrote)
            {
                return;
            }

            var command = storage.Prepared("UPDATE studies SET version = $version WHERE id = $study");
            command.Parameters.AddWithValue("$version", NewVersion);
            command.Parameters.AddWithValue("$study", studyId);
            command.ExecuteNonQuery();
        }

        private void BindTrial(SqliteCommand command, StoredTrial trial)
        {
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trial.Number);
            command.Parameters.AddWithValue("$status", trial.Status.ToString().ToLowerInvariant());
            command.Parameters.AddWithValue("$score", trial.Score.HasValue && !double.IsNaN(trial.Score.Value) ? trial.Score.Value : DBNull.Value);
            command.Parameters.AddWithValue("$metrics", StoredJson.WriteMetrics(trial.Metrics));
            command.Parameters.AddWithValue("$bestStep", trial.BestStep.HasValue ? trial.BestStep.Value : DBNull.Value);
            command.Parameters.AddWithValue("$executions", StoredJson.WriteExecutions(trial.Executions));
            command.Parameters.AddWithValue("$error", DbValue(trial.ErrorMessage));
            command.Parameters.AddWithValue("$endedAt", Milliseconds(trial.EndedAt));
            command.Parameters.AddWithValue("$checkpoint", DbValue(trial.Checkpoint));
            command.Parameters.AddWithValue("$attempts", trial.Attempts);
            command.Parameters.AddWithValue("$leaseOwner", DbValue(trial.LeaseOwner));
            command.Parameters.AddWithValue("$leaseExpiresAt", Milliseconds(trial.LeaseExpiresAt));
            command.Parameters.AddWithValue("$version", NewVersion);
        }

        /// <summary>Returns the stored status of a trial.</summary>
        /// <exception cref="InvalidOperationException">The study has no such trial.</exception>
        private string RequireExisting(int trialNumber)
        {
            var command = storage.Prepared("SELECT status FROM trials WHERE study_id = $study AND number = $number");
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            return command.ExecuteScalar() as string
                ?? throw new InvalidOperationException($"This study has no trial {trialNumber}.");
        }

        private void RequireChangeable(int trialNumber)
        {
            string status = RequireExisting(trialNumber);
            if (status is not ("running" or "stopped"))
            {
                throw new InvalidOperationException($"Trial {trialNumber} has finished ({status}); a finished trial never changes.");
            }
        }

        private void Touch(int trialNumber)
        {
            var command = storage.Prepared("UPDATE trials SET version = $version WHERE study_id = $study AND number = $number");
            command.Parameters.AddWithValue("$version", NewVersion);
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$number", trialNumber);
            command.ExecuteNonQuery();
            _wrote = true;
        }
    }
}
