using HyperGen;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// The behavior every <see cref="IStudyStorage"/> promises. Each subclass runs the same tests against one storage.
/// </summary>
public abstract class StudyStorageContractTests : IDisposable
{
    private const string StudyName = "contract";

    private readonly IStudyStorage _storage;

    protected StudyStorageContractTests()
    {
        _storage = CreateStorage();
    }

    private protected TemporaryDirectory Folder { get; } = new();

    public void Dispose()
    {
        _storage.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract IStudyStorage CreateStorage();

    private static StudyDescription Description(string name = StudyName, int seed = 7) => new()
    {
        Name = name,
        HyperModel = "model",
        Oracle = "RandomSearch",
        Seed = seed,
        ObjectiveName = "loss",
        Direction = ObjectiveDirection.Minimize,
        Space = ["'x' Int(0, 9)", "'opt' Choice(sgd, adam)"],
        Settings = new Dictionary<string, string> { ["max_trials"] = "5", ["pruner"] = "none" },
    };

    private static StoredTrial Running(int number, IReadOnlyDictionary<string, object>? values = null) => new()
    {
        Number = number,
        Status = TrialStatus.Running,
        Values = values ?? new Dictionary<string, object> { ["x"] = number },
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + number),
        Attempts = 1,
        LeaseOwner = "worker-a",
        LeaseExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_000),
    };

    private StoredTrial CreateStudyWithTrial(int number = 0)
    {
        _storage.CreateOrOpenStudy(Description());
        var trial = Running(number);
        Write(transaction => transaction.InsertTrial(trial));
        return trial;
    }

    private void Write(Action<IStudyTransaction> work) => _storage.Write(StudyName, transaction =>
    {
        work(transaction);
        return 0;
    });

    private StoredTrial ReadTrial(int number) => _storage.ReadTrials(StudyName).Single(trial => trial.Number == number);

    [Fact]
    public void CreateOrOpen_SetsCreatedOnlyFirstTime()
    {
        var first = _storage.CreateOrOpenStudy(Description());
        var second = _storage.CreateOrOpenStudy(Description(seed: 99));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(7, second.Description.Seed);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
    }

    [Fact]
    public void ReadStudy_ReturnsStoredDescription()
    {
        _storage.CreateOrOpenStudy(Description());

        var study = _storage.ReadStudy(StudyName);

        Assert.NotNull(study);
        Assert.Equal(Description().Space, study.Description.Space);
        Assert.Equal(Description().Settings.OrderBy(p => p.Key), study.Description.Settings.OrderBy(p => p.Key));
        Assert.Equal(Description().SpaceHash, study.Description.SpaceHash);
        Assert.Equal(Description().SettingsHash, study.Description.SettingsHash);
        Assert.Null(_storage.ReadStudy("missing"));
    }

    [Fact]
    public void DeleteStudy_RemovesStudyAndTrials()
    {
        CreateStudyWithTrial();

        Assert.True(_storage.DeleteStudy(StudyName));
        Assert.False(_storage.DeleteStudy(StudyName));
        Assert.Null(_storage.ReadStudy(StudyName));
        Assert.Throws<StudyNotFoundException>(() => _storage.ReadTrials(StudyName));
        Assert.Throws<StudyNotFoundException>(() => Write(_ => { }));
        Assert.True(_storage.CreateOrOpenStudy(Description()).Created);
        Assert.Empty(_storage.ReadTrials(StudyName));
    }

    [Fact]
    public void InsertTrial_StoresEveryField()
    {
        var inserted = CreateStudyWithTrial();

        var stored = ReadTrial(0);

        Assert.Equal(TrialStatus.Running, stored.Status);
        Assert.Equal(inserted.StartedAt, stored.StartedAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal("worker-a", stored.LeaseOwner);
        Assert.Equal(inserted.LeaseExpiresAt, stored.LeaseExpiresAt);
        Assert.Equal(0, stored.Values["x"]);
    }

    [Fact]
    public void InsertTrial_RejectsDuplicateNumber()
    {
        CreateStudyWithTrial();

        var error = Assert.Throws<InvalidOperationException>(() => Write(transaction => transaction.InsertTrial(Running(0))));

        Assert.Contains("Trial number 0 already exists", error.Message);
        Assert.Single(_storage.ReadTrials(StudyName));
    }

    [Fact]
    public void UpdateTrial_ReplacesStatusValuesAndResults()
    {
        var trial = CreateStudyWithTrial();
        trial.Status = TrialStatus.Completed;
        trial.Score = 0.25;
        trial.Metrics = new Dictionary<string, double> { ["loss"] = 0.25, ["accuracy"] = 0.9 };
        trial.BestStep = 3;
        trial.EndedAt = trial.StartedAt.AddSeconds(5);
        trial.Checkpoint = "trial_00/model.bin";
        trial.LeaseOwner = null;
        trial.LeaseExpiresAt = null;
        trial.Values = new Dictionary<string, object> { ["x"] = 0, ["units"] = 64 };

        Write(transaction => transaction.UpdateTrial(trial));
        var stored = ReadTrial(0);

        Assert.Equal(TrialStatus.Completed, stored.Status);
        Assert.Equal(64, stored.Values["units"]);
        Assert.Equal(0, stored.Values["x"]);
        Assert.Equal(0.25, stored.Score);
        Assert.Equal(0.9, stored.Metrics["accuracy"]);
        Assert.Equal(3, stored.BestStep);
        Assert.Equal(trial.EndedAt, stored.EndedAt);
        Assert.Equal("trial_00/model.bin", stored.Checkpoint);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);
    }

    [Fact]
    public void UpdateTrial_RejectsMissingTrial()
    {
        CreateStudyWithTrial();

        Assert.Throws<InvalidOperationException>(() => Write(transaction => transaction.UpdateTrial(Running(5))));
    }

    [Theory]
    [InlineData(TrialStatus.Completed)]
    [InlineData(TrialStatus.Failed)]
    [InlineData(TrialStatus.Pruned)]
    public void FinishedTrial_IsImmutable(TrialStatus status)
    {
        var trial = CreateStudyWithTrial();
        Write(transaction => transaction.SetIntermediateValue(0, 1, 0.5));
        trial.Status = status;
        trial.Score = status == TrialStatus.Completed ? 1.0 : null;
        Write(transaction => transaction.UpdateTrial(trial));
        var changed = trial.Clone();
        changed.Status = TrialStatus.Running;

        var update = Assert.Throws<InvalidOperationException>(() => Write(transaction => transaction.UpdateTrial(changed)));
        var report = Assert.Throws<InvalidOperationException>(() => Write(transaction => transaction.SetIntermediateValue(0, 2, 0.1)));
        var clear = Assert.Throws<InvalidOperationException>(() => Write(transaction => transaction.ClearIntermediateValues(0)));

        Assert.Contains("finished", update.Message);
        Assert.Contains("finished", report.Message);
        Assert.Contains("finished", clear.Message);
        var stored = ReadTrial(0);
        Assert.Equal(status, stored.Status);
        Assert.Equal([new IntermediateValue(1, 0.5)], stored.IntermediateValues);
    }

    [Fact]
    public void ReadTrialsChangedSince_ReturnsOnlyChangedTrials()
    {
        _storage.CreateOrOpenStudy(Description());
        Write(transaction =>
        {
            transaction.InsertTrial(Running(0));
            transaction.InsertTrial(Running(1));
            transaction.InsertTrial(Running(2));
        });
        long afterInsert = _storage.Write(StudyName, transaction => transaction.Version);

        Write(transaction => transaction.SetIntermediateValue(1, 0, 0.3));
        var changed = _storage.Write(StudyName, transaction => transaction.ReadTrialsChangedSince(afterInsert));
        long afterReport = _storage.Write(StudyName, transaction => transaction.Version);
        var none = _storage.Write(StudyName, transaction => transaction.ReadTrialsChangedSince(afterReport));
        var all = _storage.Write(StudyName, transaction => transaction.ReadTrialsChangedSince(-1));

        Assert.Equal(1, afterInsert);
        Assert.Equal(2, afterReport);
        Assert.Equal([1], changed.Select(trial => trial.Number));
        Assert.Equal(afterReport, changed[0].Version);
        Assert.Equal([new IntermediateValue(0, 0.3)], changed[0].IntermediateValues);
        Assert.Empty(none);
        Assert.Equal([0, 1, 2], all.Select(trial => trial.Number));
    }

    [Fact]
    public void Version_StaysWhenTransactionWritesNothing()
    {
        CreateStudyWithTrial();
        long before = _storage.Write(StudyName, transaction => transaction.Version);

        _storage.Write(StudyName, transaction => transaction.ReadTrialsChangedSince(-1));
        long after = _storage.Write(StudyName, transaction => transaction.Version);

        Assert.Equal(before, after);
    }

    [Fact]
    public void IntermediateValues_ReplaceStepKeepNaN()
    {
        CreateStudyWithTrial();

        Write(transaction =>
        {
            transaction.SetIntermediateValue(0, 2, 0.4);
            transaction.SetIntermediateValue(0, 0, double.NaN);
            transaction.SetIntermediateValue(0, 1, double.PositiveInfinity);
        });
        Write(transaction => transaction.SetIntermediateValue(0, 2, 0.2));
        var values = ReadTrial(0).IntermediateValues;

        Assert.Equal([0, 1, 2], values.Select(value => value.Step));
        Assert.True(double.IsNaN(values[0].Value));
        Assert.Equal(double.PositiveInfinity, values[1].Value);
        Assert.Equal(0.2, values[2].Value);
    }

    [Fact]
    public void ClearIntermediateValues_RemovesAllSteps()
    {
        CreateStudyWithTrial();
        Write(transaction => transaction.SetIntermediateValue(0, 0, 1.0));

        Write(transaction => transaction.ClearIntermediateValues(0));

        Assert.Empty(ReadTrial(0).IntermediateValues);
    }

    [Fact]
    public void Events_KeepInsertionOrder()
    {
        CreateStudyWithTrial();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_100_000);
        var events = new[]
        {
            new TrialEvent(at, "created", "worker-a", "attempt 1"),
            new TrialEvent(at.AddSeconds(-10), "claimed", "worker-b", null),
            new TrialEvent(at, "failed", "worker-b", "ArithmeticException: bad batch"),
        };

        Write(transaction =>
        {
            transaction.AddEvent(0, events[0]);
            transaction.AddEvent(0, events[1]);
        });
        Write(transaction => transaction.AddEvent(0, events[2]));

        Assert.Equal(events, ReadTrial(0).Events);
    }

    [Fact]
    public void Attributes_SetAndReplace()
    {
        CreateStudyWithTrial();

        Write(transaction =>
        {
            transaction.SetTrialAttribute(0, "device", "cpu");
            transaction.SetTrialAttribute(0, "note", "first");
        });
        Write(transaction => transaction.SetTrialAttribute(0, "note", "second"));
        var attributes = ReadTrial(0).Attributes;

        Assert.Equal(2, attributes.Count);
        Assert.Equal("cpu", attributes["device"]);
        Assert.Equal("second", attributes["note"]);
    }

    [Fact]
    public void OracleState_SavesAndRaisesItsVersion()
    {
        _storage.CreateOrOpenStudy(Description());
        var (initialState, initialVersion) = _storage.Write(StudyName, t => (t.ReadOracleState(), t.OracleStateVersion));

        Write(transaction => transaction.SaveOracleState("{\"round\":1}"));
        Write(transaction => transaction.InsertTrial(Running(0)));
        var (state, version, studyVersion) = _storage.Write(StudyName, t => (t.ReadOracleState(), t.OracleStateVersion, t.Version));
        Write(transaction => transaction.SaveOracleState(null));
        var (cleared, clearedVersion) = _storage.Write(StudyName, t => (t.ReadOracleState(), t.OracleStateVersion));

        Assert.Null(initialState);
        Assert.Equal(0, initialVersion);
        Assert.Equal("{\"round\":1}", state);
        Assert.Equal(1, version);
        Assert.Equal(2, studyVersion);
        Assert.Null(cleared);
        Assert.Equal(3, clearedVersion);
    }

    [Fact]
    public void UpdateDescription_ReplacesStoredDescription()
    {
        _storage.CreateOrOpenStudy(Description());
        var changed = Description(seed: 11) with { Space = ["'x' Int(0, 20)"] };

        Write(transaction => transaction.UpdateDescription(changed));
        var stored = _storage.ReadStudy(StudyName)!.Description;

        Assert.Equal(11, stored.Seed);
        Assert.Equal(changed.Space, stored.Space);
    }

    [Fact]
    public void ThrowingTransaction_ChangesNothing()
    {
        var trial = CreateStudyWithTrial();
        long before = _storage.Write(StudyName, transaction => transaction.Version);
        trial.Status = TrialStatus.Completed;
        trial.Score = 1;

        var error = Assert.Throws<InvalidOperationException>(() => Write(transaction =>
        {
            transaction.InsertTrial(Running(1));
            transaction.UpdateTrial(trial);
            transaction.SetTrialAttribute(0, "key", "value");
            transaction.AddEvent(0, new TrialEvent(DateTimeOffset.UnixEpoch, "completed", "worker-a", null));
            transaction.SaveOracleState("state");
            throw new InvalidOperationException("stop here");
        }));

        Assert.Equal("stop here", error.Message);
        var stored = Assert.Single(_storage.ReadTrials(StudyName));
        Assert.Equal(TrialStatus.Running, stored.Status);
        Assert.Empty(stored.Attributes);
        Assert.Empty(stored.Events);
        var (version, state) = _storage.Write(StudyName, t => (t.Version, t.ReadOracleState()));
        Assert.Equal(before, version);
        Assert.Null(state);
    }

    [Fact]
    public void Values_KeepTheirTypes()
    {
        _storage.CreateOrOpenStudy(Description());
        var values = new Dictionary<string, object>
        {
            ["units"] = 64,
            ["negative"] = -3,
            ["rate"] = 0.001,
            ["whole"] = 1.0,
            ["tiny"] = 5e-324,
            ["shuffle"] = true,
            ["off"] = false,
            ["optimizer"] = "adam",
            ["quoted"] = "a \"b\" ünï",
            ["numeric text"] = "1",
        };

        Write(transaction => transaction.InsertTrial(Running(0, values)));
        var stored = ReadTrial(0).Values;

        Assert.Equal(values.Count, stored.Count);
        foreach (var pair in values)
        {
            Assert.IsType(pair.Value.GetType(), stored[pair.Key]);
            Assert.Equal(pair.Value, stored[pair.Key]);
        }
    }

    [Fact]
    public void Metrics_KeepInfinities()
    {
        var trial = CreateStudyWithTrial();
        trial.Status = TrialStatus.Completed;
        trial.Score = double.NegativeInfinity;
        trial.Metrics = new Dictionary<string, double>
        {
            ["loss"] = double.NegativeInfinity,
            ["grad_norm"] = double.PositiveInfinity,
            ["nan"] = double.NaN,
            ["accuracy"] = 1.0,
        };

        Write(transaction => transaction.UpdateTrial(trial));
        var stored = ReadTrial(0);

        Assert.Equal(double.NegativeInfinity, stored.Score);
        Assert.Equal(double.NegativeInfinity, stored.Metrics["loss"]);
        Assert.Equal(double.PositiveInfinity, stored.Metrics["grad_norm"]);
        Assert.True(double.IsNaN(stored.Metrics["nan"]));
        Assert.Equal(1.0, stored.Metrics["accuracy"]);
    }

    [Fact]
    public void ExecutionsAndSchedule_RoundTrip()
    {
        _storage.CreateOrOpenStudy(Description());
        var first = new TrainingHistory();
        first.Add(new Dictionary<string, double> { ["loss"] = 0.9, ["val_loss"] = double.PositiveInfinity });
        first.Add(new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.6 });
        var second = new TrainingHistory();
        second.Add(new Dictionary<string, double> { ["loss"] = 0.7 });
        var schedule = new TrialSchedule(9, 3, "0004", 2, 1);
        var trial = new StoredTrial
        {
            Number = 0,
            Status = TrialStatus.Running,
            Values = new Dictionary<string, object> { ["x"] = 1 },
            Schedule = schedule,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        };
        Write(transaction => transaction.InsertTrial(trial));
        trial.Executions = [first, second];

        Write(transaction => transaction.UpdateTrial(trial));
        var stored = ReadTrial(0);

        Assert.Equal(schedule, stored.Schedule);
        Assert.Equal(2, stored.Executions.Count);
        Assert.Equal(first.Epochs, stored.Executions[0].Epochs);
        Assert.Equal(second.Epochs, stored.Executions[1].Epochs);
    }

    [Fact]
    public void Schedule_WithoutParentRoundTrips()
    {
        _storage.CreateOrOpenStudy(Description());
        var trial = Running(0);
        var scheduled = new StoredTrial
        {
            Number = 1,
            Status = TrialStatus.Running,
            Values = trial.Values,
            Schedule = new TrialSchedule(4),
            StartedAt = trial.StartedAt,
        };

        Write(transaction =>
        {
            transaction.InsertTrial(trial);
            transaction.InsertTrial(scheduled);
        });

        Assert.Null(ReadTrial(0).Schedule);
        Assert.Equal(new TrialSchedule(4), ReadTrial(1).Schedule);
    }

    [Fact]
    public void TrialRecords_RejectMissingTrial()
    {
        CreateStudyWithTrial();
        var at = DateTimeOffset.UnixEpoch;

        var addEvent = Assert.Throws<InvalidOperationException>(() => Write(t => t.AddEvent(3, new TrialEvent(at, "claimed", "worker-a", null))));
        var setAttribute = Assert.Throws<InvalidOperationException>(() => Write(t => t.SetTrialAttribute(3, "key", "value")));
        var report = Assert.Throws<InvalidOperationException>(() => Write(t => t.SetIntermediateValue(3, 0, 1.0)));
        var clear = Assert.Throws<InvalidOperationException>(() => Write(t => t.ClearIntermediateValues(3)));

        Assert.Contains("no trial 3", addEvent.Message);
        Assert.Contains("no trial 3", setAttribute.Message);
        Assert.Contains("no trial 3", report.Message);
        Assert.Contains("no trial 3", clear.Message);
    }

    [Fact]
    public void DeletedStudy_LeavesNothingForNewStudy()
    {
        CreateStudyWithTrial();
        Write(transaction =>
        {
            transaction.SetIntermediateValue(0, 0, 0.5);
            transaction.AddEvent(0, new TrialEvent(DateTimeOffset.UnixEpoch, "created", "worker-a", null));
            transaction.SetTrialAttribute(0, "key", "value");
            transaction.SaveOracleState("state");
        });
        _storage.DeleteStudy(StudyName);

        CreateStudyWithTrial();
        var trial = ReadTrial(0);
        var (state, stateVersion) = _storage.Write(StudyName, t => (t.ReadOracleState(), t.OracleStateVersion));

        Assert.Empty(trial.IntermediateValues);
        Assert.Empty(trial.Events);
        Assert.Empty(trial.Attributes);
        Assert.Null(state);
        Assert.Equal(0, stateVersion);
    }

    [Fact]
    public void Studies_KeepTrialsApart()
    {
        CreateStudyWithTrial();
        _storage.CreateOrOpenStudy(Description("other"));

        _storage.Write("other", transaction =>
        {
            transaction.InsertTrial(Running(0, new Dictionary<string, object> { ["x"] = 42 }));
            transaction.SetTrialAttribute(0, "study", "other");
            return 0;
        });

        Assert.Equal(0, ReadTrial(0).Values["x"]);
        Assert.Empty(ReadTrial(0).Attributes);
        Assert.Equal(42, Assert.Single(_storage.ReadTrials("other")).Values["x"]);
    }

    [Fact]
    public void InsertedTrial_ChangesInSameTransaction()
    {
        _storage.CreateOrOpenStudy(Description());
        var trial = Running(0);

        Write(transaction =>
        {
            transaction.InsertTrial(trial);
            transaction.SetIntermediateValue(0, 0, 0.5);
            transaction.AddEvent(0, new TrialEvent(DateTimeOffset.UnixEpoch, "created", "worker-a", null));
            trial.Attempts = 2;
            transaction.UpdateTrial(trial);
            transaction.SetTrialAttribute(0, "key", "value");
        });
        var stored = ReadTrial(0);

        Assert.Equal(2, stored.Attempts);
        Assert.Equal([new IntermediateValue(0, 0.5)], stored.IntermediateValues);
        Assert.Equal("created", Assert.Single(stored.Events).Kind);
        Assert.Equal("value", stored.Attributes["key"]);
    }

    [Fact]
    public void Write_OnMissingStudyThrowsNotFound()
    {
        var error = Assert.Throws<StudyNotFoundException>(() => Write(_ => { }));

        Assert.Equal(StudyName, error.StudyName);
        Assert.Contains(_storage.Location, error.Message);
    }
}

public sealed class InMemoryStudyStorageContractTests : StudyStorageContractTests
{
    protected override IStudyStorage CreateStorage() => new InMemoryStudyStorage();
}

public sealed class SqliteStudyStorageContractTests : StudyStorageContractTests
{
    protected override IStudyStorage CreateStorage() => new SqliteStudyStorage(Path.Combine(Folder.Path, "study.db"));
}
