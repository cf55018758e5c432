using System.Globalization;
using HyperGen;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace HyperGen.Tests;

/// <summary>
/// Runs one study from several HyperGen.StudyWorker processes at once, kills some of them at random moments, and
/// checks what the study database and the workers' own logs record afterwards.
/// </summary>
/// <remarks>The class runs alone, because the kill test reacts to the workers' output and other tests running at the
/// same time on a small machine would delay that.</remarks>
[Collection(nameof(MultiProcessStudyTests))]
public class MultiProcessStudyTests(ITestOutputHelper output)
{
    private const string Project = "shared";
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FourWorkers_RunEachTrialOnce()
    {
        using var folder = new TemporaryDirectory();
        string startFile = Path.Combine(folder.Path, "start");
        var workers = Enumerable.Range(0, 4)
            .Select(i => StudyWorkerProcess.Start(
                folder.Path,
                Project,
                LogFile(folder, i),
                ["--max-trials", "40", "--seed", "11", "--fit-ms", "100", "--start-file", startFile]))
            .ToList();
        try
        {
            // The gate makes the four open the new study database at the same moment.
            foreach (var worker in workers)
            {
                Assert.True(await worker.WaitForLinesAsync(Kind("ready"), 1, LineTimeout), worker.Describe());
            }

            File.WriteAllText(startFile, string.Empty);
            foreach (var worker in workers)
            {
                Assert.Equal(0, await worker.WaitForExitAsync(ExitTimeout));
            }

            var stored = folder.StoredTrials(Project);
            Assert.Equal(Enumerable.Range(0, 40), stored.Select(trial => trial.Number));
            Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.All(stored, trial => Assert.Equal(ExpectedScore(trial), trial.Score));
            Assert.Equal(40, stored.Select(Configuration).Distinct().Count());
            Assert.All(stored, trial => Assert.Equal(["created", "completed"], trial.Events.Select(e => e.Kind)));

            var logs = workers.ToDictionary(worker => worker.Id, worker => worker.ReadLog());
            var started = logs.Values.SelectMany(log => Trials(log, "started")).ToList();
            Assert.Equal(Enumerable.Range(0, 40), started.Order());
            var completed = logs
                .SelectMany(pair => pair.Value.Where(line => line.Kind == "completed").Select(line => (Worker: pair.Key, Line: line)))
                .ToList();
            Assert.Equal(Enumerable.Range(0, 40), completed.Select(entry => entry.Line.Trial).Order());
            foreach (var (worker, line) in completed)
            {
                var trial = stored[line.Trial];
                Assert.Equal(trial.Score, line.Score);
                Assert.Equal(worker, CompletingProcess(trial));
            }

            Assert.True(completed.Select(entry => entry.Worker).Distinct().Count() >= 2, "Only one worker completed trials.");
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task KilledWorkers_LoseNoFinishedTrial()
    {
        const int MaxTrials = 100;
        const int Kills = 24;
        using var folder = new TemporaryDirectory();
        var random = new Random(20261204);
        var workers = new List<StudyWorkerProcess>();
        var observed = new Dictionary<int, (double? Score, string Configuration)>();
        var killedInFit = new List<(int Process, int Trial)>();
        int killedStoring = 0;
        int kills = 0;
        string[] shared =
            ["--max-trials", MaxTrials.ToString(CultureInfo.InvariantCulture), "--seed", "5", "--lease-seconds", "1", "--retries", "100"];
        try
        {
            for (int round = 0; kills < Kills && round < 2 * Kills; round++)
            {
                // Each round starts a worker with a long Fit and kills it inside Fit. Then it starts one with a short
                // Fit and kills it right after it stored a result, or at a random moment.
                int fitMilliseconds = random.Next(800, 1200);
                string fit = fitMilliseconds.ToString(CultureInfo.InvariantCulture);
                var slow = StartWorker(folder, workers, [.. shared, "--fit-ms", fit]);
                bool slowInFit = await slow.WaitForLinesAsync(Kind("started"), 1, LineTimeout);
                await Task.Delay(random.Next(0, 250));
                Observe(folder, observed);
                kills += slow.Kill() ? 1 : 0;
                Assert.True(slowInFit, $"A worker started no trial. {slow.Describe()}");

                // The fast worker starts only now, because while it runs it finishes trials quickly. It stops working
                // after a few stored results, so that however late the kill comes it leaves trials for later rounds.
                bool afterCommit = round % 2 == 0;
                string hold = afterCommit ? random.Next(1, 4).ToString(CultureInfo.InvariantCulture) : "5";
                var fast = StartWorker(folder, workers, [.. shared, "--fit-ms", afterCommit ? "0" : "20", "--hold-after", hold]);

                if (afterCommit)
                {
                    await fast.WaitForLinesAsync(line => line == "holding", 1, LineTimeout);
                }
                else
                {
                    await fast.WaitForLinesAsync(Kind("started"), 1, LineTimeout);
                    await Task.Delay(random.Next(0, 150));
                }

                kills += fast.Kill() ? 1 : 0;
                Observe(folder, observed);
                foreach (var worker in new[] { slow, fast })
                {
                    var log = worker.ReadLog();
                    int completed = log.Count(line => line.Kind == "completed");
                    output.WriteLine($"Round {round}: worker {worker.Id} ended with {string.Join(" | ", log.TakeLast(6))} ({completed} completed)");
                    if (log[^1].Kind == "started")
                    {
                        killedInFit.Add((worker.Id, log[^1].Trial));
                    }
                    else if (log[^1].Kind is "fitted" or "completed" or "holding")
                    {
                        // Between the end of Fit and the next trial's start the worker stores the result and
                        // claims the next trial, one transaction each. A holding worker stopped right after storing.
                        killedStoring++;
                    }
                }
            }

            output.WriteLine($"{kills} kills: {killedInFit.Count} in Fit, {killedStoring} while storing a result or claiming a trial.");
            Assert.True(kills >= Kills, $"Only {kills} workers were killed while running, because the study ran out of trials.");
            Assert.True(killedInFit.Count >= Kills / 4, $"Only {killedInFit.Count} workers were killed inside Fit.");
            Assert.True(killedStoring >= Kills / 8, $"Only {killedStoring} workers were killed while storing or claiming.");
            Assert.Equal("ok", IntegrityCheck(folder));
            var afterKills = folder.StoredTrials(Project);
            AssertKept(observed, afterKills);

            var last = StartWorker(folder, workers, [.. shared, "--fit-ms", "0"]);
            Assert.Equal(0, await last.WaitForExitAsync(ExitTimeout));

            var stored = folder.StoredTrials(Project);
            AssertKept(observed, stored);
            Assert.Equal(Enumerable.Range(0, MaxTrials), stored.Select(trial => trial.Number));
            Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.All(stored, trial => Assert.Equal(ExpectedScore(trial), trial.Score));
            Assert.Equal(MaxTrials, stored.Select(Configuration).Distinct().Count());
            Assert.All(stored, trial => Assert.Single(trial.Events, e => e.Kind == "completed"));
            Assert.All(stored, trial => Assert.Equal(trial.Attempts, trial.Events.Count(e => e.Kind is "created" or "claimed")));
            Assert.All(stored, trial => Assert.Null(trial.LeaseOwner));

            foreach (var (process, number) in killedInFit)
            {
                var events = stored[number].Events;
                int expired = events.ToList().FindIndex(
                    e => e.Kind == "lease_expired" && e.Message!.Contains(ProcessTag(process), StringComparison.Ordinal));
                Assert.True(expired >= 0, $"Trial {number}, killed in Fit of worker {process}, has no lease_expired event: {Describe(events)}");
                Assert.True(expired + 1 < events.Count, $"Trial {number} has no event after its lease expired: {Describe(events)}");
                Assert.Equal("requeued", events[expired + 1].Kind);
            }

            var completedLines = workers
                .SelectMany(worker => worker.ReadLog().Where(line => line.Kind == "completed").Select(line => (Worker: worker.Id, Line: line)))
                .ToList();
            Assert.Equal(completedLines.Count, completedLines.Select(entry => entry.Line.Trial).Distinct().Count());
            foreach (var (worker, line) in completedLines)
            {
                var trial = stored[line.Trial];
                Assert.Equal(trial.Score, line.Score);
                Assert.Equal(worker, CompletingProcess(trial));
            }

            var lastCompleted = stored.Where(trial => CompletingProcess(trial) == last.Id).Select(trial => trial.Number);
            Assert.Equal(lastCompleted, Trials(last.ReadLog(), "completed").Order());
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task KilledWorkerWithoutRetries_FailsTrial()
    {
        using var folder = new TemporaryDirectory();
        var workers = new List<StudyWorkerProcess>();
        try
        {
            var killed = StartWorker(folder, workers, ["--max-trials", "3", "--lease-seconds", "1", "--fit-ms", "5000"]);
            Assert.True(await killed.WaitForLinesAsync(line => line == "started 0 1", 1, LineTimeout), killed.Describe());
            Assert.True(killed.Kill());

            var next = StartWorker(folder, workers, ["--max-trials", "3", "--lease-seconds", "1"]);
            Assert.True(await next.WaitForExitAsync(ExitTimeout) == 0, next.Describe());

            var stored = folder.StoredTrials(Project);
            Assert.Equal(3, stored.Count);
            Assert.Equal(TrialStatus.Failed, stored[0].Status);
            Assert.Null(stored[0].Score);
            Assert.Contains("MaxRetriesPerTrial is 0", stored[0].ErrorMessage);
            Assert.Equal(["created", "lease_expired", "failed"], stored[0].Events.Select(e => e.Kind));
            Assert.Contains(ProcessTag(killed.Id), stored[0].Events[1].Message);
            Assert.Equal(TrialStatus.Completed, stored[1].Status);
            Assert.Equal(TrialStatus.Completed, stored[2].Status);
            Assert.Equal([1, 2], next.ReadLog().Where(line => line.Kind == "started").Select(line => line.Trial));
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task LongFit_KeepsLeaseByHeartbeat()
    {
        using var folder = new TemporaryDirectory();
        var workers = new List<StudyWorkerProcess>();
        try
        {
            // Each Fit lasts three lease durations, so only the heartbeat keeps the trials from being taken back.
            string[] options = ["--max-trials", "4", "--lease-seconds", "1", "--retries", "3", "--fit-ms", "3000"];
            var first = StartWorker(folder, workers, options);
            var second = StartWorker(folder, workers, options);
            Assert.Equal(0, await first.WaitForExitAsync(ExitTimeout));
            Assert.Equal(0, await second.WaitForExitAsync(ExitTimeout));

            var stored = folder.StoredTrials(Project);
            Assert.Equal(4, stored.Count);
            Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.All(stored, trial => Assert.Equal(["created", "completed"], trial.Events.Select(e => e.Kind)));
            var started = workers.SelectMany(worker => Trials(worker.ReadLog(), "started"));
            Assert.Equal([0, 1, 2, 3], started.Order());
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task SuspendedWorker_ResultIsDiscarded()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var folder = new TemporaryDirectory();
        var workers = new List<StudyWorkerProcess>();
        try
        {
            // The paused Fit outlasts the other worker's run, so heartbeats go on after the lease was lost.
            string[] shared = ["--max-trials", "3", "--lease-seconds", "1", "--retries", "3"];
            var paused = StartWorker(folder, workers, [.. shared, "--fit-ms", "6000"]);
            Assert.True(await paused.WaitForLinesAsync(line => line == "started 0 1", 1, LineTimeout), paused.Describe());
            await SuspendOutsideTransactionAsync(paused, folder);

            // While the first worker is paused its lease on trial 0 expires, and the second worker runs the trial.
            var other = StartWorker(folder, workers, [.. shared, "--fit-ms", "100"]);
            Assert.True(await other.WaitForExitAsync(ExitTimeout) == 0, other.Describe());
            paused.Resume();
            Assert.True(await paused.WaitForExitAsync(ExitTimeout) == 0, paused.Describe());

            var stored = folder.StoredTrials(Project);
            Assert.Equal(3, stored.Count);
            Assert.All(stored, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.All(stored, trial => Assert.Single(trial.Events, e => e.Kind == "completed"));
            Assert.Equal(other.Id, CompletingProcess(stored[0]));
            Assert.Equal(["created", "lease_expired", "requeued", "claimed", "completed"], stored[0].Events.Select(e => e.Kind));
            var pausedLog = paused.ReadLog();
            // After the resume, either the Fit returns first or the heartbeat finds the lease lost and cancels it;
            // both end with the result discarded.
            Assert.Single(pausedLog, line => line.Kind == "lost" && line.Trial == 0);
            Assert.DoesNotContain(pausedLog, line => line.Kind == "completed");
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task CleanStop_ResumesWithAcceptedBudget()
    {
        using var folder = new TemporaryDirectory();
        var workers = new List<StudyWorkerProcess>();
        try
        {
            var first = StartWorker(folder, workers, ["--max-trials", "5", "--seed", "3"]);
            Assert.Equal(0, await first.WaitForExitAsync(ExitTimeout));
            var before = folder.StoredTrials(Project);
            Assert.Equal(5, before.Count);
            Assert.All(before, trial => Assert.Equal(TrialStatus.Completed, trial.Status));

            var same = StartWorker(folder, workers, ["--max-trials", "5", "--seed", "3"]);
            Assert.Equal(0, await same.WaitForExitAsync(ExitTimeout));
            Assert.DoesNotContain(same.ReadLog(), line => line.Kind == "started");
            AssertUnchanged(before, folder.StoredTrials(Project));

            var larger = StartWorker(folder, workers, ["--max-trials", "8", "--seed", "3"]);
            Assert.Equal(1, await larger.WaitForExitAsync(ExitTimeout));
            Assert.Contains("StudyChangedException", larger.Errors);
            Assert.Contains("max_trials was 5, now 8", larger.Errors);
            Assert.Contains("Set AcceptChangedStudy = true", larger.Errors);
            AssertUnchanged(before, folder.StoredTrials(Project));

            var accepted = StartWorker(folder, workers, ["--max-trials", "8", "--seed", "3", "--accept-changes"]);
            Assert.Equal(0, await accepted.WaitForExitAsync(ExitTimeout));
            Assert.Equal([5, 6, 7], accepted.ReadLog().Where(line => line.Kind == "started").Select(line => line.Trial));
            var after = folder.StoredTrials(Project);
            Assert.Equal(8, after.Count);
            Assert.All(after, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.Equal(8, after.Select(Configuration).Distinct().Count());
            AssertUnchanged(before, after.Take(5).ToList());
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    [Fact]
    public async Task CancelledTrial_RunsAgainOnResume()
    {
        using var folder = new TemporaryDirectory();
        var workers = new List<StudyWorkerProcess>();
        try
        {
            var cancelled = StartWorker(folder, workers, ["--max-trials", "6", "--seed", "4", "--cancel-in-fit", "3"]);
            Assert.Equal(3, await cancelled.WaitForExitAsync(ExitTimeout));
            var before = folder.StoredTrials(Project);
            Assert.Equal(3, before.Count);
            Assert.Equal(TrialStatus.Completed, before[0].Status);
            Assert.Equal(TrialStatus.Completed, before[1].Status);
            Assert.Equal(TrialStatus.Stopped, before[2].Status);
            Assert.Null(before[2].Score);
            Assert.Null(before[2].LeaseOwner);
            Assert.Equal("cancelled", before[2].Events[^1].Kind);

            var resumed = StartWorker(folder, workers, ["--max-trials", "6", "--seed", "4"]);
            Assert.Equal(0, await resumed.WaitForExitAsync(ExitTimeout));

            Assert.Equal([2, 3, 4, 5], resumed.ReadLog().Where(line => line.Kind == "started").Select(line => line.Trial));
            var after = folder.StoredTrials(Project);
            Assert.Equal(6, after.Count);
            Assert.All(after, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
            Assert.All(after, trial => Assert.Equal(ExpectedScore(trial), trial.Score));
            Assert.All(after, trial => Assert.Single(trial.Events, e => e.Kind == "completed"));
            AssertUnchanged(before.Take(2).ToList(), after.Take(2).ToList());
            Assert.Equal(Configuration(before[2]), Configuration(after[2]));
            Assert.Equal(["created", "cancelled", "claimed", "completed"], after[2].Events.Select(e => e.Kind));
            Assert.Equal(2, after[2].Attempts);
        }
        finally
        {
            DisposeAll(workers);
        }
    }

    /// <summary>
    /// Suspends a worker at a moment when it holds no write lock. A worker suspended inside a transaction would block
    /// every other worker until their busy timeout, 30 seconds by default, and then fail them.
    /// </summary>
    private async Task SuspendOutsideTransactionAsync(StudyWorkerProcess worker, TemporaryDirectory folder)
    {
        for (int attempt = 1; ; attempt++)
        {
            worker.Suspend();
            if (CanBeginWrite(folder))
            {
                return;
            }

            output.WriteLine($"Worker {worker.Id} was suspended inside a transaction (attempt {attempt}), so it is resumed.");
            Assert.True(attempt < 20, "The worker held the write lock at every attempt to suspend it.");
            worker.Resume();
            await Task.Delay(20);
        }
    }

    private static bool CanBeginWrite(TemporaryDirectory folder)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath(folder)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 1000; BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
        {
            return false;
        }
    }

    private static void AssertUnchanged(IReadOnlyList<StoredTrial> before, IReadOnlyList<StoredTrial> after)
    {
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Status, after[i].Status);
            Assert.Equal(before[i].Score, after[i].Score);
            Assert.Equal(Configuration(before[i]), Configuration(after[i]));
            Assert.Equal(before[i].Events.Select(e => e.Kind), after[i].Events.Select(e => e.Kind));
        }
    }

    private static StudyWorkerProcess StartWorker(TemporaryDirectory folder, List<StudyWorkerProcess> workers, string[] options)
    {
        var worker = StudyWorkerProcess.Start(folder.Path, Project, LogFile(folder, workers.Count), options);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Records the score and values of every trial that has finished by now.</summary>
    private static void Observe(TemporaryDirectory folder, Dictionary<int, (double? Score, string Configuration)> observed)
    {
        if (!File.Exists(DatabasePath(folder)))
        {
            return;
        }

        IReadOnlyList<StoredTrial> trials;
        try
        {
            trials = folder.StoredTrials(Project);
        }
        catch (StudyNotFoundException)
        {
            // The first worker has not created the study yet.
            return;
        }

        foreach (var trial in trials.Where(trial => trial.IsFinished))
        {
            observed[trial.Number] = (trial.Score, Configuration(trial));
        }
    }

    private static void AssertKept(
        Dictionary<int, (double? Score, string Configuration)> observed, IReadOnlyList<StoredTrial> stored)
    {
        Assert.NotEmpty(observed);
        foreach (var (number, (score, configuration)) in observed)
        {
            Assert.True(number < stored.Count, $"Trial {number} was finished, but the study now has {stored.Count} trials.");
            Assert.True(stored[number].IsFinished, $"Trial {number} was finished, but now it is {stored[number].Status}.");
            Assert.Equal(score, stored[number].Score);
            Assert.Equal(configuration, Configuration(stored[number]));
        }
    }

    private static string IntegrityCheck(TemporaryDirectory folder)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath(folder)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The score the worker's hypermodel gives a trial's values: (x - 1)² + y / 1000.</summary>
    private static double ExpectedScore(StoredTrial trial)
    {
        double x = Convert.ToDouble(trial.Values["x"], CultureInfo.InvariantCulture);
        int y = Convert.ToInt32(trial.Values["y"], CultureInfo.InvariantCulture);
        return ((x - 1) * (x - 1)) + (y / 1000.0);
    }

    private static string Configuration(StoredTrial trial) =>
        string.Join(
            ";",
            trial.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => FormattableString.Invariant($"{pair.Key}={pair.Value}")));

    private static string DatabasePath(TemporaryDirectory folder) => Path.Combine(folder.Path, Project, "study.db");

    private static Func<string, bool> Kind(string kind) => line => line.StartsWith(kind, StringComparison.Ordinal);

    private static IEnumerable<int> Trials(IEnumerable<WorkerLine> log, string kind) =>
        log.Where(line => line.Kind == kind).Select(line => line.Trial);

    /// <summary>The process that stored a trial's completion, from the worker id in its history.</summary>
    private static int CompletingProcess(StoredTrial trial) => ProcessOf(trial.Events.Single(e => e.Kind == "completed").Worker);

    /// <summary>The process id inside a worker id, which is machine, process id and a random suffix.</summary>
    private static int ProcessOf(string workerId) => int.Parse(workerId.Split(':')[^2], CultureInfo.InvariantCulture);

    private static string ProcessTag(int processId) => FormattableString.Invariant($":{processId}:");

    private static string Describe(IReadOnlyList<TrialEvent> events) =>
        string.Join(", ", events.Select(e => $"{e.Kind} by {e.Worker} ({e.Message})"));

    private static string LogFile(TemporaryDirectory folder, int index) =>
        Path.Combine(folder.Path, FormattableString.Invariant($"worker-{index}.log"));

    private static void DisposeAll(List<StudyWorkerProcess> workers)
    {
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }
}

/// <summary>The collection of <see cref="MultiProcessStudyTests"/>, which runs while no other test class runs.</summary>
[CollectionDefinition(nameof(MultiProcessStudyTests), DisableParallelization = true)]
public sealed class MultiProcessStudyCollection
{
}
