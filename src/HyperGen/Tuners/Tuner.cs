using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperGen;

/// <summary>
/// Runs a search: requests trials from the oracle, builds and fits the hypermodel for each, scores the results,
/// and keeps the best models.
/// </summary>
/// <typeparam name="TModel">The type of model the hypermodel builds.</typeparam>
/// <remarks>
/// A trial whose Build or Fit throws, or whose objective is NaN, is recorded as failed and the search goes on;
/// <see cref="TunerOptions.MaxConsecutiveFailedTrials"/> failures in a row stop it. A result that lacks the
/// objective stops the search at once with <see cref="ObjectiveNotReportedException"/>.
/// </remarks>
public class Tuner<TModel>
{
    private const int MaxDiscoveryBuilds = 64;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan WaitForOthersPoll = TimeSpan.FromMilliseconds(250);

    private readonly ILogger _logger;
    private readonly ProjectFolder _project;
    private readonly object _progressGate = new();
    private int _consecutiveFailures;
    private Exception? _firstFailure;
    private IReadOnlyList<HyperParameter> _discoveredSpace = [];
    private int _waitLogged;

    /// <summary>Creates a tuner.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the project name is not a plain folder name
    /// (it has a path separator or <c>..</c>).</exception>
    public Tuner(HyperModel<TModel> hyperModel, Oracle oracle, TunerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hyperModel);
        ArgumentNullException.ThrowIfNull(oracle);
        Options = options ?? new TunerOptions();
        ValidateOptions(Options);
        HyperModel = hyperModel;
        Oracle = oracle;
        _logger = (Options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("HyperGen.Tuner");
        _project = new ProjectFolder(Options.Directory, Options.ProjectName);
    }

    /// <summary>The hypermodel being tuned.</summary>
    public HyperModel<TModel> HyperModel { get; }

    /// <summary>The oracle that proposes trials.</summary>
    public Oracle Oracle { get; }

    /// <summary>The tuner's settings.</summary>
    public TunerOptions Options { get; }

    /// <summary>The folder that contains this project's study database and saved weights.</summary>
    public string ProjectDirectory => _project.Path;

    /// <summary>The study's name in the storage: <see cref="TunerOptions.StudyName"/>, or the project name.</summary>
    public string StudyName => Options.StudyName ?? Options.ProjectName;

    /// <summary>
    /// Runs trials until the oracle stops (budget reached or space exhausted) and no trial of the study is left
    /// running, or until <paramref name="cancellationToken"/> is cancelled. Before the first trial the model is built
    /// with default values to discover the whole search space, forcing each conditional branch active once.
    /// </summary>
    /// <remarks>
    /// The study is stored (see <see cref="TunerOptions.Storage"/>). Unless <see cref="TunerOptions.Overwrite"/> is
    /// set, an existing study is resumed: its finished trials count toward the budget, and trials that a cancelled
    /// search left unfinished run again. A trial whose process died runs again while it has retries left
    /// (<see cref="TunerOptions.MaxRetriesPerTrial"/>) and fails otherwise. Several processes may run one study at once; each trial
    /// runs in exactly one of them, and the budget is shared.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The search was cancelled; the running trial waits for the next search.</exception>
    /// <exception cref="ObjectiveNotReportedException">Fit did not report the objective.</exception>
    /// <exception cref="InvalidOperationException">Too many trials failed in a row.</exception>
    /// <exception cref="StudyChangedException">The stored study has another search space or other settings.</exception>
    /// <exception cref="StudyStorageException">The study cannot be stored: a read-only or full disk, a locked,
    /// corrupt or foreign database file. Trials already stored are kept.</exception>
    public async Task SearchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Discovery builds the model before anything is stored, so a Build that fails keeps earlier results.
        DiscoverSearchSpace();
        cancellationToken.ThrowIfCancellationRequested();
        _firstFailure = null;
        _consecutiveFailures = 0;
        _waitLogged = 0;
        using var lease = OpenSession();
        var session = lease.Session;
        RestoreGrownSpace();
        TunerLog.SearchStarted(
            _logger,
            _project.Path,
            Oracle.GetType().Name,
            Oracle.Seed,
            Oracle.Objective.ToString(),
            Oracle.Space.Count,
            string.Join("; ", Oracle.Space));

        var clock = Stopwatch.StartNew();
        var beat = Options.LeaseDuration / 4;
        using var heartbeat = new Timer(_ => Heartbeat(session), null, beat, beat);
        using var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Options.ParallelTrials)
            .Select(_ => Task.Run(() => RunWorker(session, stopOthers), CancellationToken.None))
            .ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch when (_firstFailure is not null)
        {
            // Surface the failure that stopped the search, not a cancellation it caused in another worker.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_firstFailure);
        }

        TunerLog.SearchFinished(_logger, Oracle.Trials.Count, clock.Elapsed.TotalSeconds, Oracle.StopReason ?? "stopped");
    }

    /// <summary>
    /// Loads the stored study into the oracle without running a trial, so that <see cref="GetBestModels"/>,
    /// <see cref="GetBestHyperParameters"/> and <see cref="ResultsSummary"/> report a search that ran earlier or in
    /// another process.
    /// </summary>
    /// <exception cref="StudyChangedException">The stored study has another search space or other settings.</exception>
    /// <remarks>NOTE: Reload opens the study database for writing, so it fails on a read-only project folder even
    /// though it only reads.</remarks>
    /// <exception cref="StudyStorageException">The study database cannot be read, or the project folder cannot be
    /// written.</exception>
    public void Reload()
    {
        DiscoverSearchSpace();
        using var lease = OpenSession(overwrite: false);
        RestoreGrownSpace();
    }

    /// <summary>
    /// Reads every trial of the stored study, in number order, with its per-step values, events and attributes. It
    /// neither changes the study nor loads it into the oracle, so it works while other processes run the search.
    /// </summary>
    /// <exception cref="StudyNotFoundException">The study, or its database file, does not exist.</exception>
    /// <exception cref="StudyStorageException">The study database cannot be read.</exception>
    public IReadOnlyList<StoredTrial> ReadTrials()
    {
        if (Options.Storage is not null)
        {
            return Options.Storage.ReadTrials(StudyName);
        }

        // Opening a missing file would create an empty database in the project folder, so check first.
        if (!System.IO.File.Exists(_project.DatabasePath))
        {
            throw new StudyNotFoundException(StudyName, _project.DatabasePath);
        }

        using var storage = new SqliteStudyStorage(_project.DatabasePath, Options.BusyTimeout);
        return storage.ReadTrials(StudyName);
    }

    /// <summary>
    /// Writes the stored study's trials as CSV to <paramref name="path"/>, with the columns that
    /// <see cref="StudyExport"/> describes. The file appears complete or not at all.
    /// </summary>
    /// <exception cref="StudyNotFoundException">The study, or its database file, does not exist.</exception>
    /// <exception cref="StudyStorageException">The study database cannot be read.</exception>
    /// <exception cref="System.IO.IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public void ExportCsv(string path) => StudyExport.WriteCsv(ReadTrials(), path);

    /// <summary>
    /// Writes the stored study's trials as a JSON array to <paramref name="path"/>, with the fields that
    /// <see cref="StudyExport"/> describes. The file appears complete or not at all.
    /// </summary>
    /// <exception cref="StudyNotFoundException">The study, or its database file, does not exist.</exception>
    /// <exception cref="StudyStorageException">The study database cannot be read.</exception>
    /// <exception cref="System.IO.IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public void ExportJson(string path) => StudyExport.WriteJson(ReadTrials(), path);

    /// <summary>
    /// Opens the storage (when the options give none) and the study, and loads its trials. <paramref name="overwrite"/>
    /// replaces <see cref="TunerOptions.Overwrite"/> when given.
    /// </summary>
    private SessionLease OpenSession(bool? overwrite = null)
    {
        bool ownsStorage = Options.Storage is null;
        if (ownsStorage)
        {
            _project.EnsureWritable();
        }

        var storage = Options.Storage ?? new SqliteStudyStorage(_project.DatabasePath, Options.BusyTimeout);
        try
        {
            var session = new StudySession(storage, StudyName, Oracle, _project.Path, Options, _logger);
            session.Open(Describe, overwrite ?? Options.Overwrite);
            return new SessionLease(session, ownsStorage ? storage : null);
        }
        catch
        {
            if (ownsStorage)
            {
                storage.Dispose();
            }

            throw;
        }
    }

    private StudyDescription Describe() => new()
    {
        Name = StudyName,
        HyperModel = HyperModel.Name,
        Oracle = Oracle.GetType().Name,
        Seed = Oracle.Seed,
        ObjectiveName = Oracle.Objective.Name,
        Direction = Oracle.Objective.Direction,
        Space = StudyFingerprint.SpaceLines(_discoveredSpace),
        Settings = Oracle.Settings(),
    };

    private void Heartbeat(StudySession session)
    {
        try
        {
            session.Heartbeat();
        }
        catch (Exception ex) when (ex is StudyStorageException or StudyNotFoundException or ObjectDisposedException)
        {
            TunerLog.HeartbeatFailed(_logger, Messages.Sentence(ex.Message));
        }
    }

    /// <summary>A session and the storage the tuner opened for it, closed together.</summary>
    private sealed class SessionLease(StudySession session, IStudyStorage? ownedStorage) : IDisposable
    {
        public StudySession Session { get; } = session;

        public void Dispose() => ownedStorage?.Dispose();
    }

    /// <summary>The parameters of the best completed trials, best first (ties in creation order).</summary>
    public IReadOnlyList<HyperParameters> GetBestHyperParameters(int count = 1) =>
        Oracle.GetBestTrials(count).Select(trial => trial.HyperParameters.Copy()).ToArray();

    /// <summary>The typed values of the best completed trials, such as the generated <c>MyModel.Values</c> record.</summary>
    public IReadOnlyList<TValues> GetBestHyperParameters<TValues>(int count = 1)
        where TValues : IHyperParameterValues<TValues> =>
        GetBestHyperParameters(count).Select(TValues.FromHyperParameters).ToArray();

    /// <summary>
    /// Rebuilds the models of the best completed trials and loads the weights each trial saved (from its best
    /// execution), best first.
    /// </summary>
    /// <exception cref="InvalidOperationException">A trial saved no weights, because the hypermodel does not save models.</exception>
    public IReadOnlyList<TModel> GetBestModels(int count = 1)
    {
        var models = new List<TModel>();
        foreach (var trial in Oracle.GetBestTrials(count))
        {
            if (trial.ModelPath is null)
            {
                throw new InvalidOperationException(
                    $"Trial {trial.Id} saved no model weights because {HyperModel.Name} does not save models. Override SaveModel and LoadModel to keep trained models.");
            }

            var hyperParameters = trial.HyperParameters.Copy();
            using (HyperParameters.Use(hyperParameters))
            {
                var model = HyperModel.Build(hyperParameters);
                HyperModel.LoadModel(model, trial.ModelPath);
                models.Add(model);
            }
        }

        return models;
    }

    /// <summary>A readable report of the best <paramref name="count"/> trials: values, score and metrics.</summary>
    public string ResultsSummary(int count = 10)
    {
        var best = Oracle.GetBestTrials(count);
        var text = new StringBuilder();
        text.AppendLine("Results summary");
        text.AppendLine($"Results in {_project.Path}");
        text.AppendLine($"Showing {(best.Count == 1 ? "the best trial" : $"the {best.Count} best trials")}");
        text.AppendLine($"Objective: {Oracle.Objective}");
        foreach (var trial in best)
        {
            text.AppendLine();
            text.AppendLine($"Trial {trial.Id} summary");
            text.AppendLine("Hyperparameters:");
            foreach (var pair in trial.Values)
            {
                text.AppendLine($"  {pair.Key}: {SearchSpaceRules.FormatObject(pair.Value)}");
            }

            text.AppendLine(FormattableString.Invariant($"Score: {trial.Score:G6}"));
            if (trial.BestStep.HasValue && trial.Executions.Count > 0)
            {
                text.AppendLine(FormattableString.Invariant($"Best step: {trial.BestStep}"));
            }

            string metrics = string.Join(", ", trial.Metrics.Select(m => FormattableString.Invariant($"{m.Key}={m.Value:G5}")));
            text.AppendLine($"Metrics: {metrics}");
        }

        int failed = Oracle.Trials.Count(t => t.Status == TrialStatus.Failed);
        if (failed > 0)
        {
            text.AppendLine();
            text.AppendLine($"{Messages.Count(failed, "trial")} failed; each trial's ErrorMessage and History say why.");
        }

        return text.ToString();
    }

    /// <summary>A readable list of the search space: each parameter with its definition and conditions.</summary>
    public string SearchSpaceSummary()
    {
        var space = Oracle.Space;
        if (space.Count == 0)
        {
            space = DiscoverSearchSpaceCopy();
        }

        var text = new StringBuilder();
        text.AppendLine("Search space summary");
        text.AppendLine($"Default search space size: {space.Count}");
        foreach (var parameter in space)
        {
            text.AppendLine(parameter.ToString());
        }

        return text.ToString();
    }

    /// <summary>
    /// Discovers the space and adds it to the oracle's. The discovered space alone, without parameters that earlier
    /// trials added, is what the stored study's description records and compares.
    /// </summary>
    private void DiscoverSearchSpace()
    {
        _discoveredSpace = DiscoverSearchSpaceCopy(includeKnown: false);
        Oracle.UpdateSpace(_discoveredSpace, initial: true);
    }

    /// <summary>
    /// Adds the parameters that Build declared during earlier trials of a resumed study. Discovery builds with default
    /// values, so it misses a parameter that Build declares only for some values. A finished trial stores the values
    /// of the parameters the search space had when it ended. For each such trial, in number order, with a value the
    /// space does not define, this builds the model with that trial's values and adds what Build declared. The space
    /// thus grows in the order of the earlier search.
    /// </summary>
    /// <remarks>
    /// A Build that throws for the stored values, or a parameter the space rejects, is logged, and the next stored
    /// trial with that parameter is tried, so such a failure does not stop the resume (an OutOfMemoryException does).
    /// NOTE: with <see cref="TunerOptions.ParallelTrials"/> above 1, the earlier search added parameters in the order
    /// its trials ran, which may differ from their number order.
    /// </remarks>
    private void RestoreGrownSpace()
    {
        if (!HyperModel.Tunable)
        {
            return;
        }

        foreach (var trial in Oracle.Trials.Where(trial => Oracle.IsFinished(trial.Status)))
        {
            var space = Oracle.Space;
            var missing = trial.Values.Keys.Where(name => !space.Any(parameter => parameter.Name == name)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var hyperParameters = new HyperParameters(space, trial.Values);
            try
            {
                BuildAndDispose(hyperParameters);
                Oracle.UpdateSpace(hyperParameters.Space);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                TunerLog.SpaceRestoreFailed(_logger, string.Join(", ", missing), trial.Id, Messages.Sentence(ex.Message));
            }
        }
    }

    /// <summary>
    /// Declares the attribute parameters, then builds the model with default values. While some parameter has only
    /// been seen inactive, it sets that parameter's condition parents to their first listed value and builds again.
    /// </summary>
    private IReadOnlyList<HyperParameter> DiscoverSearchSpaceCopy(bool includeKnown = true)
    {
        var hyperParameters = new HyperParameters();
        HyperModel.DeclareHyperParameters(hyperParameters);
        foreach (var parameter in includeKnown ? Oracle.Space : [])
        {
            hyperParameters.Declare(parameter);
        }

        var seenActive = new HashSet<string>(StringComparer.Ordinal);
        int builds = 0;
        while (builds < MaxDiscoveryBuilds)
        {
            hyperParameters.EnsureActiveValues();
            if (HyperModel.Tunable)
            {
                BuildForDiscovery(hyperParameters);
                builds++;
            }

            seenActive.UnionWith(hyperParameters.Values.Keys);
            var inactive = hyperParameters.Space.FirstOrDefault(p => !seenActive.Contains(p.Name));
            if (inactive is null || !TryActivate(hyperParameters, inactive))
            {
                break;
            }
        }

        TunerLog.SpaceDiscovered(_logger, builds);
        return hyperParameters.Space;
    }

    private void BuildForDiscovery(HyperParameters hyperParameters)
    {
        try
        {
            BuildAndDispose(hyperParameters);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"{HyperModel.Name}.Build failed with the default hyperparameters ({hyperParameters}) while the search space was being discovered: " +
                $"{Messages.Sentence(ex.Message)} Fix Build so that it works with these values; earlier results were left untouched.",
                ex);
        }
    }

    /// <summary>Builds the model with these values only to see which parameters Build declares.</summary>
    private void BuildAndDispose(HyperParameters hyperParameters)
    {
        using (HyperParameters.Use(hyperParameters))
        {
            var model = HyperModel.Build(hyperParameters);
            (model as IDisposable)?.Dispose();
        }
    }

    private static bool TryActivate(HyperParameters hyperParameters, HyperParameter parameter)
    {
        bool changed = false;
        foreach (var condition in parameter.Conditions)
        {
            if (!condition.IsSatisfied(hyperParameters.Values))
            {
                hyperParameters.SetValue(condition.ParentName, condition.ParentValues[0]);
                changed = true;
            }
        }

        return changed && parameter.IsActive(hyperParameters.Values);
    }

    private void RunWorker(StudySession session, CancellationTokenSource stopOthers)
    {
        var cancellationToken = stopOthers.Token;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (trial, proposal, othersRunning) = session.Claim();
                if (trial is not null)
                {
                    RunAndRecord(session, trial, cancellationToken);
                    continue;
                }

                if (proposal!.Status == TrialProposalStatus.Stopped && !othersRunning)
                {
                    return;
                }

                if (proposal.Status == TrialProposalStatus.Stopped && Interlocked.Exchange(ref _waitLogged, 1) == 0)
                {
                    string running = session.DescribeRunningElsewhere();
                    if (running.Length > 0)
                    {
                        TunerLog.WaitingForOtherWorkers(_logger, running);
                    }
                }

                // The oracle waits for a running trial to end, or has stopped while another worker still runs a
                // trial that may fail and need running again.
                var poll = proposal.Status == TrialProposalStatus.Stopped ? WaitForOthersPoll : IdlePoll;
                cancellationToken.WaitHandle.WaitOne(poll);
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _firstFailure, ex, null);
            stopOthers.Cancel();
            throw;
        }
    }

    private void RunAndRecord(StudySession session, Trial trial, CancellationToken cancellationToken)
    {
        string budget = Oracle.MaxTrials?.ToString(CultureInfo.InvariantCulture) ?? "?";
        TunerLog.TrialStarted(_logger, trial.Id, trial.Number + 1, budget, trial.HyperParameters.ToString());
        Exception? fatal = null;
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = session.WatchLease(trial.Number, leaseLost);
        try
        {
            RunTrial(session, trial, leaseLost.Token);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            trial.Status = TrialStatus.Stopped;
            trial.ErrorMessage = "The search was cancelled while this trial ran; it runs again when the search resumes.";
            fatal = ex;
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // The result would be discarded: another worker runs the trial now, and Finish stores nothing from here.
            trial.Status = TrialStatus.Stopped;
            trial.ErrorMessage = "Another worker took over this trial's lease, so this worker stopped it.";
        }
        catch (ObjectiveNotReportedException ex)
        {
            MarkFailed(trial, ex.Message);
            fatal = ex;
        }
        catch (TrialPrunedException ex)
        {
            trial.Status = TrialStatus.Pruned;
            trial.ErrorMessage = ex.Message;
        }
        catch (Exception ex) when (ex is not (StudyStorageException or StudyNotFoundException))
        {
            MarkFailed(trial, $"{ex.GetType().Name}: {ex.Message}");
        }

        trial.EndedAt = DateTimeOffset.UtcNow;
        bool recorded = session.Finish(trial);
        if (recorded && trial.Status != TrialStatus.Running)
        {
            LogTrialEnd(trial, budget);
        }

        if (fatal is OperationCanceledException)
        {
            TunerLog.SearchCancelled(_logger, Oracle.Trials.Count, trial.Id);
        }

        if (fatal is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
        }

        if (recorded && trial.Status != TrialStatus.Running)
        {
            CheckConsecutiveFailures(trial);
        }
    }

    private void RunTrial(StudySession session, Trial trial, CancellationToken cancellationToken)
    {
        var reduced = new List<(IReadOnlyDictionary<string, double> Metrics, int BestStep)>();
        double bestExecutionScore = double.NaN;
        for (int execution = 0; execution < Options.ExecutionsPerTrial; execution++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hyperParameters = HyperModel.Tunable ? trial.HyperParameters : trial.HyperParameters.Copy();
            using (HyperParameters.Use(hyperParameters))
            {
                int seed = new DeterministicRandom(Oracle.Seed, trial.Number, 1000 + execution).NextSeed();
                Oracle.BeginExecution(trial);
                if (execution > 0)
                {
                    session.BeginExecution(trial);
                }

                var context = new TrialContext(trial, execution, Options.ExecutionsPerTrial, Oracle, seed, _logger, cancellationToken, session);
                HyperModel.OnExecutionStarting(context);
                var model = HyperModel.Build(hyperParameters);
                try
                {
                    if (HyperModel.Tunable)
                    {
                        Oracle.UpdateSpace(hyperParameters.Space);
                    }

                    LoadResumedWeights(trial, model);

                    var result = HyperModel.Fit(hyperParameters, model, context);
                    var (metrics, bestStep) = result.Reduce(Oracle.Objective);
                    if (result.History is not null)
                    {
                        trial.AddExecution(result.History);
                    }

                    reduced.Add((metrics, bestStep));
                    double score = metrics.TryGetValue(Oracle.Objective.Name, out double value) ? value : double.NaN;
                    if (reduced.Count == 1 || Oracle.Objective.IsBetter(score, bestExecutionScore))
                    {
                        bestExecutionScore = score;
                        trial.BestStep = bestStep;
                        SaveModel(trial, model);
                    }
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                }
            }
        }

        trial.Metrics = Average(reduced.Select(r => r.Metrics));
        double averaged = trial.Metrics.TryGetValue(Oracle.Objective.Name, out double mean) ? mean : double.NaN;
        if (double.IsNaN(averaged))
        {
            MarkFailed(trial, $"The objective {Oracle.Objective.Name} was NaN.");
            return;
        }

        // A NaN beside a finite objective (say val_loss next to val_accuracy) means the model produced invalid
        // output, so its score cannot be trusted.
        string[] nanMetrics = trial.Metrics.Where(pair => double.IsNaN(pair.Value)).Select(pair => pair.Key).ToArray();
        if (nanMetrics.Length > 0)
        {
            MarkFailed(
                trial,
                $"The metrics {string.Join(", ", nanMetrics)} were NaN at the best step, so the model's output is invalid even though {Oracle.Objective.Name} is a number.");
            return;
        }

        trial.Score = averaged;
        trial.Status = TrialStatus.Completed;
    }

    /// <summary>
    /// Loads the saved weights of the trial that <paramref name="trial"/> continues, when its schedule names one, so
    /// that training resumes where that trial stopped instead of starting from scratch.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trial to continue has no saved weights.</exception>
    private void LoadResumedWeights(Trial trial, TModel model)
    {
        if (trial.Schedule?.ResumeFromTrialId is not { } parentId)
        {
            return;
        }

        var parent = Oracle.Trials.FirstOrDefault(candidate => candidate.Id == parentId);
        if (parent?.ModelPath is not { } path || !System.IO.File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Trial {trial.Id} continues trial {parentId}, but that trial has no saved weights. Override SaveModel and LoadModel in the hypermodel, or derive from one that saves models, such as TorchHyperModel.");
        }

        HyperModel.LoadModel(model, path);
    }

    private void SaveModel(Trial trial, TModel model)
    {
        string path = _project.ModelPath(trial);
        System.IO.Directory.CreateDirectory(_project.TrialDirectory(trial));
        string temporary = path + ".tmp";
        if (HyperModel.SaveModel(model, temporary))
        {
            System.IO.File.Move(temporary, path, overwrite: true);
            trial.ModelPath = path;
        }
    }

    /// <summary>Averages each metric over the executions that reported it.</summary>
    private static Dictionary<string, double> Average(IEnumerable<IReadOnlyDictionary<string, double>> executions)
    {
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var metrics in executions)
        {
            foreach (var pair in metrics)
            {
                var (sum, count) = sums.GetValueOrDefault(pair.Key);
                sums[pair.Key] = (sum + pair.Value, count + 1);
            }
        }

        return sums.ToDictionary(pair => pair.Key, pair => pair.Value.Sum / pair.Value.Count, StringComparer.Ordinal);
    }

    private static void MarkFailed(Trial trial, string message)
    {
        trial.Status = TrialStatus.Failed;
        trial.Score = null;
        trial.ErrorMessage = message;
    }

    private void LogTrialEnd(Trial trial, string budget)
    {
        double seconds = trial.Duration?.TotalSeconds ?? 0;
        if (trial.Status == TrialStatus.Completed)
        {
            var best = Oracle.GetBestTrials(1).FirstOrDefault();
            TunerLog.TrialCompleted(
                _logger,
                trial.Id,
                trial.Number + 1,
                budget,
                seconds,
                Oracle.Objective.Name,
                trial.Score!.Value,
                best?.Score ?? double.NaN,
                best?.Id ?? "-",
                trial.HyperParameters.ToString());
        }
        else if (trial.Status == TrialStatus.Stopped)
        {
            TunerLog.TrialStopped(_logger, trial.Id, trial.Number + 1, budget, seconds, trial.ErrorMessage ?? "stopped");
        }
        else
        {
            TunerLog.TrialFailed(_logger, trial.Id, trial.Number + 1, budget, seconds, trial.ErrorMessage ?? trial.Status.ToString(), trial.HyperParameters.ToString());
        }
    }

    private void CheckConsecutiveFailures(Trial trial)
    {
        lock (_progressGate)
        {
            if (_firstFailure is not null)
            {
                // Another worker already stopped the search; this trial was still running then.
                return;
            }

            _consecutiveFailures = trial.Status == TrialStatus.Failed ? _consecutiveFailures + 1 : 0;
            if (_consecutiveFailures >= Options.MaxConsecutiveFailedTrials)
            {
                throw new InvalidOperationException(
                    $"{Messages.Count(_consecutiveFailures, "trial")} failed in a row, so the search stopped. " +
                    $"The last failure (trial {trial.Id}): {Messages.Sentence(trial.ErrorMessage ?? "unknown error")} " +
                    "Fix the error, or raise MaxConsecutiveFailedTrials in TunerOptions.");
            }
        }
    }

    private static void ValidateOptions(TunerOptions options)
    {
        if (options.ExecutionsPerTrial < 1)
        {
            throw new ArgumentException($"ExecutionsPerTrial is {options.ExecutionsPerTrial}; it must be at least 1.", nameof(options));
        }

        if (options.MaxConsecutiveFailedTrials < 1)
        {
            throw new ArgumentException($"MaxConsecutiveFailedTrials is {options.MaxConsecutiveFailedTrials}; it must be at least 1.", nameof(options));
        }

        if (options.ParallelTrials < 1)
        {
            throw new ArgumentException($"ParallelTrials is {options.ParallelTrials}; it must be at least 1.", nameof(options));
        }

        if (options.MaxRetriesPerTrial < 0)
        {
            throw new ArgumentException($"MaxRetriesPerTrial is {options.MaxRetriesPerTrial}; it must be 0 or more.", nameof(options));
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException(
                $"LeaseDuration is {options.LeaseDuration}; it must be at least one second, so that the heartbeat can renew it in time.", nameof(options));
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"BusyTimeout is {options.BusyTimeout}; it must be positive.", nameof(options));
        }
    }
}
