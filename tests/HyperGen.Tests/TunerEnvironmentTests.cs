using HyperGen;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// Bad input and bad environments at the tuner: each gets an error that names the value and the fix, and the trials
/// stored before survive it.
/// </summary>
public sealed class TunerEnvironmentTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DatabasePath => Path.Combine(_folder.Path, "study", "study.db");

    private static Tuner<ScoredConfiguration> CreateTuner(
        TunerOptions options, Oracle? oracle = null, Action<HyperParameters>? declare = null, Func<HyperParameters, FitResult>? score = null)
    {
        var model = new FunctionHyperModel(declare ?? (hp => hp.Int("x", 0, 9)), score ?? (hp => (double)hp.Get<int>("x")));
        return new Tuner<ScoredConfiguration>(model, oracle ?? new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1), options);
    }

    /// <summary>Runs a three-trial search in the default project and returns its stored trials.</summary>
    private async Task<IReadOnlyList<StoredTrial>> StoreThreeTrials()
    {
        await CreateTuner(_folder.Options()).SearchAsync();
        var stored = _folder.StoredTrials();
        Assert.Equal(3, stored.Count);
        return stored;
    }

    private void AssertTrialsKept(IReadOnlyList<StoredTrial> before)
    {
        var after = _folder.StoredTrials();
        Assert.Equal(before.Select(t => t.Values["x"]), after.Select(t => t.Values["x"]));
        Assert.Equal(before.Select(t => t.Score), after.Select(t => t.Score));
        Assert.All(after, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../escape")]
    [InlineData(" .. ")]
    public void ProjectName_WithPathRejected(string projectName)
    {
        var error = Assert.Throws<ArgumentException>(() => CreateTuner(_folder.Options(projectName)));

        Assert.Contains($"\"{projectName}\"", error.Message);
        Assert.Contains("Put the parent folders in Directory", error.Message);
    }

    [Fact]
    public async Task ProjectName_WithDoubleDotInsideAccepted()
    {
        var tuner = CreateTuner(_folder.Options("run..2"));

        await tuner.SearchAsync();

        Assert.Equal(Path.Combine(_folder.Path, "run..2"), tuner.ProjectDirectory);
        Assert.Equal(3, _folder.StoredTrials("run..2").Count);
    }

    [Fact]
    public async Task ReadOnlyDirectory_RaisesStorageError()
    {
        string directory = ReadOnlyDirectory();
        var tuner = CreateTuner(new TunerOptions { Directory = directory, ProjectName = "hypergen-read-only" });

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());

        Assert.Contains(Path.Combine(directory, "hypergen-read-only"), error.Message);
        Assert.Contains("Choose a Directory that is a writable folder", error.Message);
        Assert.False(Directory.Exists(Path.Combine(directory, "hypergen-read-only")));
    }

    [ReadOnlyFolderFact]
    public async Task ReadOnlyProject_KeepsStoredTrials()
    {
        var before = await StoreThreeTrials();
        byte[] database = File.ReadAllBytes(DatabasePath);
        string project = Path.GetDirectoryName(DatabasePath)!;
        StudyStorageException error;
        using (ReadOnlyFolder.Create(project))
        {
            var tuner = CreateTuner(_folder.Options(), new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1));
            error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());
        }

        Assert.Contains(project, error.Message);
        Assert.Contains("Choose a Directory that is a writable folder", error.Message);
        Assert.Equal(database, File.ReadAllBytes(DatabasePath));
        AssertTrialsKept(before);
    }

    [Fact]
    public async Task DirectoryUnderRegularFile_RaisesStorageError()
    {
        string file = Path.Combine(_folder.Path, "notes.txt");
        File.WriteAllText(file, "a file, not a folder");
        var tuner = CreateTuner(new TunerOptions { Directory = file, ProjectName = "study" });

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());

        Assert.Contains(Path.Combine(file, "study"), error.Message);
        Assert.Contains($"'{file}' is a file", error.Message);
        Assert.Contains("Choose a Directory that is a writable folder", error.Message);
        Assert.Equal("a file, not a folder", File.ReadAllText(file));
    }

    [Fact]
    public async Task FullDisk_KeepsStoredTrials()
    {
        using var storage = new SqliteStudyStorage(DatabasePath);
        int fits = 0;
        var tuner = CreateTuner(
            new TunerOptions { Directory = _folder.Path, ProjectName = "study", Storage = storage },
            new RandomSearch(Objective.Minimize("loss"), maxTrials: 1000, seed: 1),
            hp => hp.Float("x", 0, 1),
            hp =>
            {
                // From the fourth trial on the file cannot grow, as on a disk that has just filled up.
                if (Interlocked.Increment(ref fits) == 4)
                {
                    storage.LimitToCurrentSize();
                }

                return hp.Get<double>("x");
            });

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());
        storage.Dispose();

        Assert.Contains("disk is full", error.Message);
        Assert.Contains("trials stored so far are intact", error.Message);
        Assert.Contains(DatabasePath, error.Message);
        var stored = _folder.StoredTrials();
        var completed = stored.Where(trial => trial.Status == TrialStatus.Completed).ToList();
        Assert.True(completed.Count >= 3, $"Only {completed.Count} completed trials were readable.");
        Assert.True(completed.Count < 1000, "The limit never stopped the search.");
        Assert.All(completed, trial => Assert.Equal((double)trial.Values["x"], trial.Score));
    }

    [Fact]
    public async Task LockedDatabase_NamesTimeout()
    {
        var before = await StoreThreeTrials();
        using var holder = OpenConnection();
        Execute(holder, "BEGIN IMMEDIATE");
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", BusyTimeout = TimeSpan.FromMilliseconds(400) };
        var tuner = CreateTuner(options, new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 1));

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());
        Execute(holder, "ROLLBACK");

        Assert.Contains("locked", error.Message);
        Assert.Contains("busy timeout (0.4 s)", error.Message);
        Assert.Contains("TunerOptions.BusyTimeout", error.Message);
        AssertTrialsKept(before);
    }

    [Fact]
    public async Task LockTakenDuringSearch_KeepsEarlierTrials()
    {
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        int fits = 0;
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", BusyTimeout = TimeSpan.FromMilliseconds(300) };
        var tuner = CreateTuner(options, new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 1), score: hp =>
        {
            // A second connection, standing in for another process, starts a long write while the third trial trains.
            if (Interlocked.Increment(ref fits) == 3)
            {
                holder.Open();
                Execute(holder, "BEGIN IMMEDIATE");
            }

            return hp.Get<int>("x");
        });

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());
        Execute(holder, "ROLLBACK");
        holder.Close();

        Assert.Contains("locked", error.Message);
        Assert.Contains("busy timeout (0.3 s)", error.Message);
        var stored = _folder.StoredTrials();
        Assert.Equal(3, stored.Count);
        Assert.All(stored.Take(2), trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(TrialStatus.Running, stored[2].Status);
    }

    [Fact]
    public async Task StudyFileIsFolder_RaisesStorageError()
    {
        Directory.CreateDirectory(DatabasePath);
        var tuner = CreateTuner(_folder.Options());

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("cannot open the file", error.Message);
        Assert.True(Directory.Exists(DatabasePath));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("corrupt")]
    public async Task BadStudyFile_RaisesStorageErrorUntouched(string kind)
    {
        if (kind == "corrupt")
        {
            await StoreThreeTrials();
            byte[] database = File.ReadAllBytes(DatabasePath);
            new Random(5).NextBytes(database.AsSpan(0, 100));
            File.WriteAllBytes(DatabasePath, database);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            File.WriteAllText(DatabasePath, "trial,loss\n0,0.5\n");
        }

        byte[] before = File.ReadAllBytes(DatabasePath);
        var tuner = CreateTuner(_folder.Options());

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => tuner.SearchAsync());

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("not a valid SQLite database", error.Message);
        Assert.Contains("choose another ProjectName", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public async Task ChangedSpace_RaisesAndLeavesStudy()
    {
        var before = await StoreThreeTrials();
        var tuner = CreateTuner(_folder.Options(), declare: hp => hp.Int("x", 0, 20));

        var error = await Assert.ThrowsAsync<StudyChangedException>(() => tuner.SearchAsync());

        var difference = Assert.Single(error.Differences);
        Assert.StartsWith("hyperparameter 'x' was ", difference);
        Assert.Contains("AcceptChangedStudy = true", error.Message);
        AssertTrialsKept(before);
        using var storage = new SqliteStudyStorage(DatabasePath);
        Assert.Contains("Int(0, 9", Assert.Single(storage.ReadStudy("study")!.Description.Space));
    }

    [Fact]
    public async Task ChangedStudy_AcceptedContinuesWithNewSettings()
    {
        var before = await StoreThreeTrials();
        var options = new TunerOptions { Directory = _folder.Path, ProjectName = "study", AcceptChangedStudy = true };
        var tuner = CreateTuner(options, new RandomSearch(Objective.Minimize("loss"), maxTrials: 6, seed: 1), hp => hp.Int("x", 10, 20));

        await tuner.SearchAsync();

        var stored = _folder.StoredTrials();
        Assert.Equal(6, stored.Count);
        Assert.Equal(before.Select(t => t.Values["x"]), stored.Take(3).Select(t => t.Values["x"]));
        Assert.All(stored.Skip(3), trial => Assert.InRange((int)trial.Values["x"], 10, 20));
        using var storage = new SqliteStudyStorage(DatabasePath);
        var description = storage.ReadStudy("study")!.Description;
        Assert.Equal("6", description.Settings["max_trials"]);
        Assert.Contains("Int(10, 20", Assert.Single(description.Space));
    }

    [Fact]
    public async Task ChangedHyperbandEpochs_ListsEachDifference()
    {
        await CreateTuner(_folder.Options(), new Hyperband(Objective.Minimize("loss"), maxEpochs: 3, factor: 3, seed: 2)).SearchAsync();
        var before = _folder.StoredTrials();
        var changed = new Hyperband(Objective.Minimize("loss"), maxEpochs: 9, factor: 2, seed: 2);

        var error = await Assert.ThrowsAsync<StudyChangedException>(() => CreateTuner(_folder.Options(), changed).SearchAsync());

        Assert.Equal(["factor was 3, now 2", "max_epochs was 3, now 9"], error.Differences);
        Assert.Contains("factor was 3, now 2; max_epochs was 3, now 9", error.Message);
        Assert.Equal(before.Select(t => t.Schedule), _folder.StoredTrials().Select(t => t.Schedule));
    }

    [Fact]
    public async Task OtherOracle_ListsOnlySharedSettings()
    {
        await CreateTuner(_folder.Options(), new RandomSearch(Objective.Minimize("loss"), maxTrials: 2, seed: 2)).SearchAsync();
        var other = new Tpe(Objective.Minimize("loss"), maxTrials: 2, seed: 2);

        var error = await Assert.ThrowsAsync<StudyChangedException>(() => CreateTuner(_folder.Options(), other).SearchAsync());

        Assert.Equal(["oracle was RandomSearch, now Tpe"], error.Differences);
    }

    [Fact]
    public async Task MissingSeed_AdoptsStoredSeed()
    {
        var first = CreateTuner(_folder.Options(), new RandomSearch(Objective.Minimize("loss"), maxTrials: 4));
        await first.SearchAsync();

        var resumed = CreateTuner(_folder.Options(), new RandomSearch(Objective.Minimize("loss"), maxTrials: 4));
        await resumed.SearchAsync();

        Assert.Equal(first.Oracle.Seed, resumed.Oracle.Seed);
        Assert.Equal(4, _folder.StoredTrials().Count);
    }

    [Fact]
    public async Task GivenOtherSeed_IsDifference()
    {
        await StoreThreeTrials();

        var error = await Assert.ThrowsAsync<StudyChangedException>(
            () => CreateTuner(_folder.Options(), new RandomSearch(Objective.Minimize("loss"), maxTrials: 3, seed: 2)).SearchAsync());

        Assert.Equal(["seed was 1, now 2"], error.Differences);
    }

    /// <summary>
    /// Returns a folder in which this process cannot create anything: a temporary folder with mode 0555, or, when
    /// the process ignores permissions (root does), /sys, which rejects new folders for every user.
    /// </summary>
    private string ReadOnlyDirectory()
    {
        string folder = Path.Combine(_folder.Path, "read-only");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            if (!CanCreateFolderIn(folder))
            {
                return folder;
            }
        }

        Assert.True(OperatingSystem.IsLinux(), "Permissions do not stop this process, and /sys exists only on Linux.");
        Assert.False(CanCreateFolderIn("/sys"), "Permissions do not stop this process, and /sys accepts new folders.");
        return "/sys";
    }

    private static bool CanCreateFolderIn(string folder)
    {
        string probe = Path.Combine(folder, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
