using System.Text;
using HyperGen;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HyperGen.Tests;

/// <summary>What only the SQLite storage does: schema migration, WAL mode, and rejecting files it cannot own.</summary>
public sealed class SqliteStudyStorageTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DatabasePath => Path.Combine(_folder.Path, "study.db");

    private static StudyDescription Description() => new()
    {
        Name = "study",
        HyperModel = "model",
        Oracle = "RandomSearch",
        Seed = 3,
        ObjectiveName = "loss",
        Direction = ObjectiveDirection.Minimize,
        Space = ["'x' Int(0, 9)"],
        Settings = new Dictionary<string, string> { ["max_trials"] = "4" },
    };

    private static StoredTrial Running(int number) => new()
    {
        Number = number,
        Status = TrialStatus.Running,
        Values = new Dictionary<string, object> { ["x"] = number, ["rate"] = 0.5 },
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
    };

    /// <summary>Opens a plain connection that shares no pool with the storage, so closing it releases the file.</summary>
    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void CreateStudyWithTrial()
    {
        using var storage = new SqliteStudyStorage(DatabasePath);
        storage.CreateOrOpenStudy(Description());
        storage.Write("study", transaction =>
        {
            transaction.InsertTrial(Running(0));
            return 0;
        });
    }

    private StudyStorageException OpenRejected(byte[] before)
    {
        var error = Assert.Throws<StudyStorageException>(() =>
        {
            using var storage = new SqliteStudyStorage(DatabasePath);
            storage.ReadTrials("study");
        });
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
        Assert.Contains(DatabasePath, error.Message);
        return error;
    }

    [Fact]
    public void Migration_FromVersion1KeepsData()
    {
        using (var old = new SqliteStudyStorage(DatabasePath, busyTimeout: null, schemaVersion: 1))
        {
            old.CreateOrOpenStudy(Description());
            old.Write("study", transaction =>
            {
                transaction.InsertTrial(Running(0));
                transaction.SetIntermediateValue(0, 0, 0.75);
                return 0;
            });
        }

        using (var connection = OpenConnection())
        {
            Assert.Equal(1L, Scalar(connection, "PRAGMA user_version"));
        }

        using var storage = new SqliteStudyStorage(DatabasePath);
        storage.Write("study", transaction =>
        {
            transaction.AddEvent(0, new TrialEvent(DateTimeOffset.UnixEpoch, "claimed", "worker", null));
            transaction.SetTrialAttribute(0, "device", "cpu");
            return 0;
        });
        var trial = Assert.Single(storage.ReadTrials("study"));

        Assert.Equal(Description().Space, storage.ReadStudy("study")!.Description.Space);
        Assert.Equal(0.5, trial.Values["rate"]);
        Assert.Equal([new IntermediateValue(0, 0.75)], trial.IntermediateValues);
        Assert.Equal("claimed", Assert.Single(trial.Events).Kind);
        Assert.Equal("cpu", trial.Attributes["device"]);
        using var check = OpenConnection();
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(check, "PRAGMA user_version"));
        Assert.Equal((long)SqliteSchema.ApplicationId, Scalar(check, "PRAGMA application_id"));
    }

    [Fact]
    public void NewerSchema_RejectedUntouched()
    {
        CreateStudyWithTrial();
        using (var connection = OpenConnection())
        {
            // In rollback-journal mode a switch to WAL would change the header, so the byte check detects any write.
            Scalar(connection, $"PRAGMA journal_mode = DELETE; PRAGMA user_version = {SqliteSchema.CurrentVersion + 1}");
        }

        byte[] before = File.ReadAllBytes(DatabasePath);

        var error = OpenRejected(before);

        Assert.Contains($"schema version {SqliteSchema.CurrentVersion + 1}", error.Message);
        Assert.Contains($"reads up to {SqliteSchema.CurrentVersion}", error.Message);
        Assert.Contains("Upgrade HyperGen", error.Message);
        Assert.Contains("left untouched", error.Message);
    }

    [Fact]
    public void ForeignDatabase_RejectedUntouched()
    {
        using (var connection = OpenConnection())
        {
            Scalar(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
        }

        byte[] before = File.ReadAllBytes(DatabasePath);

        var error = OpenRejected(before);

        Assert.Contains("not a HyperGen study database", error.Message);
        Assert.Contains("left untouched", error.Message);
        using var check = OpenConnection();
        Assert.Equal("delete", Scalar(check, "PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("random")]
    [InlineData("short")]
    public void NonSqliteFile_RejectedUntouched(string kind)
    {
        byte[] content = kind switch
        {
            "text" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("epoch,loss\n1,0.5\n", 300))),
            "random" => RandomBytes(8192),
            _ => Encoding.UTF8.GetBytes("not a database"),
        };
        File.WriteAllBytes(DatabasePath, content);

        var error = OpenRejected(content);

        Assert.Contains("not a valid SQLite database", error.Message);
        Assert.Contains("left untouched", error.Message);
    }

    [Fact]
    public void OverwrittenHeader_RejectedUntouched()
    {
        CreateStudyWithTrial();
        byte[] corrupt = File.ReadAllBytes(DatabasePath);
        RandomBytes(100).CopyTo(corrupt, 0);
        File.WriteAllBytes(DatabasePath, corrupt);

        var error = OpenRejected(corrupt);

        Assert.Contains("not a valid SQLite database", error.Message);
    }

    [Fact]
    public void TruncatedDatabase_RejectedUntouched()
    {
        CreateStudyWithTrial();
        byte[] whole = File.ReadAllBytes(DatabasePath);
        Assert.True(whole.Length > 8192, $"The database has only {whole.Length} bytes.");
        byte[] truncated = whole[..4096];
        File.WriteAllBytes(DatabasePath, truncated);

        var error = OpenRejected(truncated);

        Assert.Contains("not a valid SQLite database", error.Message);
    }

    [Fact]
    public void Database_UsesWalMode()
    {
        using var storage = new SqliteStudyStorage(DatabasePath);
        storage.CreateOrOpenStudy(Description());

        using var connection = OpenConnection();

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public void LockedDatabase_TimesOutNamingTimeout()
    {
        CreateStudyWithTrial();
        using var storage = new SqliteStudyStorage(DatabasePath, TimeSpan.FromMilliseconds(300));
        using var holder = OpenConnection();
        Scalar(holder, "BEGIN IMMEDIATE");

        var error = Assert.Throws<StudyStorageException>(() => storage.Write("study", transaction =>
        {
            transaction.InsertTrial(Running(1));
            return 0;
        }));
        Scalar(holder, "ROLLBACK");

        Assert.Contains("locked", error.Message);
        Assert.Contains("0.3 s", error.Message);
        Assert.Single(storage.ReadTrials("study"));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(17).NextBytes(bytes);
        return bytes;
    }
}
