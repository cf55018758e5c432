using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace HyperGen;

/// <summary>
/// The study database's schema and its forward migrations. <c>PRAGMA user_version</c> is the schema version and
/// <c>PRAGMA application_id</c> marks the file as a HyperGen study database.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"HyGn" in ASCII: the application id of a HyperGen study database.</summary>
    public const int ApplicationId = 0x4879476E;

    /// <summary>The migrations in order; migration <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            hypermodel TEXT NOT NULL,
            oracle TEXT NOT NULL,
            seed INTEGER NOT NULL,
            objective_name TEXT NOT NULL,
            objective_direction TEXT NOT NULL CHECK (objective_direction IN ('min', 'max')),
            space_json TEXT NOT NULL,
            space_hash TEXT NOT NULL,
            settings_json TEXT NOT NULL,
            settings_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 0,
            oracle_state TEXT,
            oracle_state_version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE trials (
            study_id INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 0),
            status TEXT NOT NULL,
            values_json TEXT NOT NULL,
            schedule_json TEXT,
            score REAL,
            metrics_json TEXT NOT NULL,
            best_step INTEGER,
            executions_json TEXT NOT NULL,
            error TEXT,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            checkpoint TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            version INTEGER NOT NULL,
            PRIMARY KEY (study_id, number)
        ) WITHOUT ROWID;
        CREATE INDEX trials_by_version ON trials (study_id, version);
        CREATE TABLE intermediate_values (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            step INTEGER NOT NULL CHECK (step >= 0),
            value REAL,
            value_text TEXT,
            PRIMARY KEY (study_id, number, step),
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE trial_events (
            id INTEGER PRIMARY KEY,
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            worker TEXT NOT NULL,
            message TEXT,
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
        );
        CREATE INDEX trial_events_by_trial ON trial_events (study_id, number);
        CREATE TABLE trial_attributes (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (study_id, number, key),
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;

    /// <summary>
    /// Brings the database to <paramref name="targetVersion"/> in one transaction, or explains why it cannot.
    /// </summary>
    /// <exception cref="StudyStorageException">The file is another application's database, or a newer HyperGen wrote
    /// it.</exception>
    public static void Migrate(SqliteConnection connection, string path, int targetVersion)
    {
        // An up-to-date file needs no write lock, so a reader does not queue behind another process's transaction.
        if (ReadPragma(connection, "application_id") == ApplicationId && ReadPragma(connection, "user_version") == targetVersion)
        {
            return;
        }

        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            int applicationId = ReadPragma(connection, "application_id");
            int version = ReadPragma(connection, "user_version");
            if (applicationId != ApplicationId && !(applicationId == 0 && version == 0 && IsEmpty(connection)))
            {
                throw new StudyStorageException(
                    $"'{path}' is an SQLite database, but not a HyperGen study database (it has tables of its own). " +
                    "Choose another Directory or ProjectName; the file was left untouched.");
            }

            if (version > CurrentVersion)
            {
                throw new StudyStorageException(
                    $"The study database '{path}' has schema version {version}, written by a newer HyperGen; this version reads up to {CurrentVersion}. " +
                    "Upgrade HyperGen to open it; the file was left untouched.");
            }

            while (version < targetVersion)
            {
                Execute(connection, Migrations[version]);
                version++;
                Execute(connection, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {version};");
            }

            Execute(connection, "COMMIT");
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    public static int ReadPragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Rolls back the open transaction, if SQLite has not already done so after an error.</summary>
    public static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite rolls back by itself after some errors (a full disk, for one); there is nothing left to undo.
        }
    }

    private static bool IsEmpty(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }
}
