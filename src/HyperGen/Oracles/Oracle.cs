using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Decides which configuration each trial tries and when the search is over. Subclasses implement
/// <see cref="PopulateSpace"/>; the base class keeps the search space, the trials, the budget and the record of
/// configurations already tried. Its public methods are thread-safe.
/// </summary>
public abstract class Oracle
{
    private const int DrawsBeforeEnumerating = 100;
    private const int MaxEnumeratedConfigurations = 1_000_000;

    private readonly object _gate = new();
    private readonly List<HyperParameter> _space = [];
    private readonly HashSet<string> _untunedNames = new(StringComparer.Ordinal);
    private readonly List<Trial> _trials = [];
    private readonly HashSet<ConfigurationKey> _tried = [];
    private HyperParameters? _spaceTemplate;
    private int _spaceTemplateSize;

    /// <summary>Creates an oracle.</summary>
    /// <param name="objective">What to optimize; <see cref="HyperGen.Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null for no limit.</param>
    /// <param name="seed">The seed; any value, 0 included, is a seed. Null picks one at random.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have (otherwise that trial fails).</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are tuned; otherwise they keep their default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTrials"/> is less than 1.</exception>
    protected Oracle(Objective? objective, int? maxTrials, int? seed, bool allowNewEntries = true, bool tuneNewEntries = true)
    {
        if (maxTrials is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTrials), maxTrials, "maxTrials must be at least 1, or null for no limit.");
        }

        Objective = objective ?? Objective.Default;
        MaxTrials = maxTrials;
        Seed = seed ?? System.Random.Shared.Next();
        SeedWasPicked = !seed.HasValue;
        AllowNewEntries = allowNewEntries;
        TuneNewEntries = tuneNewEntries;
    }

    /// <summary>What the search optimizes.</summary>
    public Objective Objective { get; }

    /// <summary>The trial budget, or null.</summary>
    public int? MaxTrials { get; }

    /// <summary>
    /// The seed that makes the search reproducible. When the constructor picked it at random, resuming a stored study
    /// replaces it with the study's seed.
    /// </summary>
    public int Seed { get; private set; }

    /// <summary>Whether the constructor picked <see cref="Seed"/> at random because none was given.</summary>
    internal bool SeedWasPicked { get; }

    /// <summary>Whether Build may define parameters the space did not have.</summary>
    public bool AllowNewEntries { get; }

    /// <summary>Whether parameters defined later by Build are tuned.</summary>
    public bool TuneNewEntries { get; }

    /// <summary>
    /// Stops weak trials early from the values they report at each step, or null to let every trial finish. Works
    /// with every oracle.
    /// </summary>
    public Pruner? Pruner { get; init; }

    /// <summary>Why the search stopped, once it has.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The search space, in declaration order.</summary>
    public IReadOnlyList<HyperParameter> Space
    {
        get
        {
            lock (_gate)
            {
                return _space.ToArray();
            }
        }
    }

    /// <summary>Every trial created so far, in creation order.</summary>
    public IReadOnlyList<Trial> Trials
    {
        get
        {
            lock (_gate)
            {
                return _trials.ToArray();
            }
        }
    }

    /// <summary>
    /// Adds the parameters of <paramref name="parameters"/> that the space does not have yet. Parameters with a
    /// known name must keep their definition.
    /// </summary>
    /// <param name="parameters">The space as a trial saw it.</param>
    /// <param name="initial">True while the tuner discovers the initial space, before the first trial: the
    /// parameters are then always added and tuned.</param>
    /// <exception cref="InvalidOperationException">New parameters appeared and <see cref="AllowNewEntries"/> is false.</exception>
    /// <exception cref="ArgumentException">A known name has a different definition.</exception>
    public void UpdateSpace(IEnumerable<HyperParameter> parameters, bool initial = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (_gate)
        {
            var added = new List<HyperParameter>();
            foreach (var parameter in parameters)
            {
                var existing = _space.Find(p => p.Name == parameter.Name);
                if (existing is null)
                {
                    added.Add(parameter);
                }
                else if (!existing.Equals(parameter))
                {
                    throw new ArgumentException(
                        $"Hyperparameter '{parameter.Name}' is defined as {existing.Describe()} in the search space but as {parameter.Describe()} by this trial. Keep one definition.",
                        nameof(parameters));
                }
            }

            if (added.Count > 0 && !initial && !AllowNewEntries)
            {
                throw new InvalidOperationException(
                    $"Build defined new hyperparameters ({string.Join(", ", added.Select(p => p.Name))}) but allowNewEntries is false. Declare them up front, or allow new entries.");
            }

            foreach (var parameter in added)
            {
                _space.Add(parameter);
                if (!initial && !TuneNewEntries)
                {
                    _untunedNames.Add(parameter.Name);
                }
            }

            if (added.Count > 0)
            {
                // Keys cover only the space's parameters, so ended trials are keyed again with the new ones. Running
                // trials are keyed when they end, because their Build may still add values on another thread.
                foreach (var trial in _trials.Where(trial => IsFinished(trial.Status)))
                {
                    trial.HyperParameters.DefineValued(added);
                    _tried.Add(TunedKey(trial.Values));
                }
            }
        }
    }

    /// <summary>
    /// Creates the next trial, or returns a proposal to wait or to stop. The returned trial is running.
    /// </summary>
    public (Trial? Trial, TrialProposal Proposal) CreateTrial()
    {
        lock (_gate)
        {
            if (StopReason is not null)
            {
                return (null, TrialProposal.Stop(StopReason));
            }

            int number = _trials.Count;
            if (MaxTrials.HasValue && number >= MaxTrials.Value)
            {
                return (null, StopWith($"Reached the budget of {MaxTrials.Value} trials."));
            }

            var proposal = PopulateSpace(number);
            if (proposal.Status == TrialProposalStatus.Stopped)
            {
                return (null, StopWith(proposal.Message!));
            }

            if (proposal.Status == TrialProposalStatus.Idle)
            {
                return (null, proposal);
            }

            var hyperParameters = new HyperParameters(SpaceTemplate(), proposal.Values!);
            _tried.Add(TunedKey(hyperParameters.Values));
            var trial = new Trial(number, FormatId(number), hyperParameters, DateTimeOffset.UtcNow, proposal.Schedule);
            _trials.Add(trial);
            return (trial, proposal);
        }
    }

    /// <summary>Records that a trial ended; its status, score and metrics must be set.</summary>
    public void EndTrial(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            if (!_trials.Contains(trial))
            {
                throw new ArgumentException($"Trial {trial.Id} was not created by this oracle.", nameof(trial));
            }

            RecordEnded(trial);
        }
    }

    /// <summary>Clears a running trial's intermediate values before another execution of it reports its own.</summary>
    internal void BeginExecution(Trial trial)
    {
        lock (_gate)
        {
            trial.ClearIntermediateValues();
        }
    }

    /// <summary>
    /// Ends a running trial with its objective value, for a search driven without a tuner (ask with
    /// <see cref="CreateTrial"/>, tell with this method). A NaN value fails the trial, as it does under a tuner.
    /// </summary>
    /// <exception cref="ArgumentException">The trial was not created by this oracle.</exception>
    /// <exception cref="InvalidOperationException">The trial has already ended.</exception>
    public void CompleteTrial(Trial trial, double score)
    {
        if (double.IsNaN(score))
        {
            FailTrial(trial, $"The objective {Objective.Name} was NaN.");
            return;
        }

        Finish(trial, TrialStatus.Completed, score, null);
    }

    /// <summary>Ends a running trial as failed, with the reason, for a search driven without a tuner.</summary>
    /// <exception cref="ArgumentException">The trial was not created by this oracle.</exception>
    /// <exception cref="InvalidOperationException">The trial has already ended.</exception>
    public void FailTrial(Trial trial, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Finish(trial, TrialStatus.Failed, null, message);
    }

    /// <summary>
    /// Ends a running trial as pruned, for a search driven without a tuner, after <see cref="ReportIntermediate"/>
    /// returned true.
    /// </summary>
    /// <exception cref="ArgumentException">The trial was not created by this oracle.</exception>
    /// <exception cref="InvalidOperationException">The trial has already ended.</exception>
    public void PruneTrial(Trial trial) => Finish(trial, TrialStatus.Pruned, null, "The pruner stopped this trial.");

    private void Finish(Trial trial, TrialStatus status, double? score, string? message)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            if (!_trials.Contains(trial))
            {
                throw new ArgumentException($"Trial {trial.Id} was not created by this oracle.", nameof(trial));
            }

            if (trial.Status != TrialStatus.Running)
            {
                throw new InvalidOperationException($"Trial {trial.Id} has already ended ({trial.Status}); a finished trial cannot change.");
            }

            trial.Status = status;
            trial.Score = score;
            trial.ErrorMessage = message;
            if (score.HasValue)
            {
                trial.Metrics = new Dictionary<string, double>(StringComparer.Ordinal) { [Objective.Name] = score.Value };
            }

            trial.EndedAt = DateTimeOffset.UtcNow;
            RecordEnded(trial);
        }
    }

    /// <summary>
    /// Records the objective's value at one step of a running trial and returns whether the trial should stop:
    /// true when <see cref="Pruner"/> prunes it. Non-finite values are recorded; a pruner treats NaN as worse than
    /// any number.
    /// </summary>
    /// <exception cref="ArgumentException">The trial was not created by this oracle.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public bool ReportIntermediate(Trial trial, int step, double value)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        lock (_gate)
        {
            if (!_trials.Contains(trial))
            {
                throw new ArgumentException($"Trial {trial.Id} was not created by this oracle.", nameof(trial));
            }

            trial.AddIntermediateValue(step, value);
            OnIntermediateReported(trial, step, value);
            return trial.Status == TrialStatus.Running && Pruner is not null && Pruner.ShouldPrune(trial, _trials, Objective);
        }
    }

    /// <summary>
    /// The best completed trials, best first; ties keep creation order. Infinite scores rank after every finite
    /// one, whichever the direction.
    /// </summary>
    public IReadOnlyList<Trial> GetBestTrials(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var completed = _trials.Where(t => t.Status == TrialStatus.Completed && t.Score.HasValue);
            var ranked = completed
                .OrderBy(t => double.IsInfinity(t.Score!.Value) ? 1 : 0)
                .ThenBy(t => Objective.Direction == ObjectiveDirection.Maximize ? -t.Score!.Value : t.Score!.Value)
                .ThenBy(t => t.Number);
            return ranked.Take(count).ToArray();
        }
    }

    /// <summary>
    /// The settings that make this search what it is, beyond the oracle's type, objective and seed, by name with
    /// invariantly formatted values. Resuming a stored study whose settings differ is refused unless the user accepts
    /// the change. Overrides add their own settings to the base's.
    /// </summary>
    protected virtual void DescribeSettings(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["max_trials"] = MaxTrials?.ToString(CultureInfo.InvariantCulture) ?? "none";
        settings["allow_new_entries"] = AllowNewEntries ? "true" : "false";
        settings["tune_new_entries"] = TuneNewEntries ? "true" : "false";
        settings["pruner"] = Pruner?.GetType().Name ?? "none";
    }

    /// <summary>
    /// The oracle's state that its trials do not already tell, as text that <see cref="RestoreState"/> reads back, or
    /// null when it has none. The base returns null: an oracle whose proposals depend only on the seed and the trials
    /// needs no more. Called under the oracle's lock after each proposal, so that another process sharing the study
    /// continues from it.
    /// </summary>
    protected virtual string? SaveState() => null;

    /// <summary>
    /// Replaces the oracle's state with what <see cref="SaveState"/> returned, or with the state before any trial
    /// when <paramref name="state"/> is null. Called under the oracle's lock, after the trials it refers to have been
    /// restored.
    /// </summary>
    protected virtual void RestoreState(string? state)
    {
    }

    /// <summary>The settings, as <see cref="DescribeSettings"/> lists them.</summary>
    internal IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        DescribeSettings(settings);
        return settings;
    }

    /// <summary>Takes the seed of the stored study being resumed, when the constructor picked one at random.</summary>
    internal void AdoptSeed(int seed)
    {
        lock (_gate)
        {
            if (SeedWasPicked && _trials.Count == 0)
            {
                Seed = seed;
            }
        }
    }

    /// <summary>Lets a stopped oracle propose again, for a search that resumes; it stops again if its reason still holds.</summary>
    internal void ClearStopReason()
    {
        lock (_gate)
        {
            StopReason = null;
        }
    }

    /// <summary>Forgets every trial and returns to the state before the first one.</summary>
    internal void ResetTrials()
    {
        lock (_gate)
        {
            _trials.Clear();
            _tried.Clear();
            StopReason = null;
            RestoreState(null);
        }
    }

    /// <summary>The state to store after a proposal or a result, as <see cref="SaveState"/> returns it.</summary>
    internal string? CaptureState()
    {
        lock (_gate)
        {
            return SaveState();
        }
    }

    /// <summary>
    /// Brings the trials up to date with stored copies that another worker may have changed: adds the ones this
    /// oracle has not seen, and updates the others. A trial that has finished since is passed to
    /// <see cref="OnTrialEnded"/>. Then, when <paramref name="hasState"/> is true, restores <paramref name="state"/>.
    /// </summary>
    /// <param name="changed">The stored trials that changed, in number order.</param>
    /// <param name="checkpointPath">Turns a stored checkpoint into the path of its file.</param>
    /// <param name="ownWorker">This process's worker id: trials it runs are left alone, because the copy that runs
    /// here is newer than the stored one.</param>
    /// <param name="hasState">Whether a newer oracle state was read.</param>
    /// <param name="state">The state to restore.</param>
    /// <exception cref="InvalidOperationException">A stored trial number leaves a gap.</exception>
    internal void Synchronize(
        IReadOnlyList<StoredTrial> changed, Func<string?, string?> checkpointPath, string? ownWorker, bool hasState, string? state)
    {
        lock (_gate)
        {
            var ended = new List<Trial>();
            foreach (var stored in changed)
            {
                Trial trial;
                bool wasFinished;
                if (stored.Number < _trials.Count)
                {
                    trial = _trials[stored.Number];
                    wasFinished = IsFinished(trial.Status);
                }
                else if (stored.Number == _trials.Count)
                {
                    var hyperParameters = new HyperParameters(_space, stored.Values);
                    trial = new Trial(stored.Number, FormatId(stored.Number), hyperParameters, stored.StartedAt, stored.Schedule);
                    _trials.Add(trial);
                    _tried.Add(TunedKey(hyperParameters.Values));
                    wasFinished = false;
                }
                else
                {
                    throw new InvalidOperationException(
                        $"The stored study has trial {stored.Number} but no trial {_trials.Count}; trial numbers must have no gaps.");
                }

                if (wasFinished || (ownWorker is not null && stored.LeaseOwner == ownWorker))
                {
                    continue;
                }

                trial.Status = stored.Status;
                if (IsFinished(stored.Status))
                {
                    // Another process's Build may have declared parameters that the proposal did not have.
                    trial.HyperParameters.AddMissingValues(stored.Values);
                    trial.HyperParameters.DefineValued(_space);
                }

                trial.Score = stored.Score;
                trial.Metrics = stored.Metrics;
                trial.BestStep = stored.BestStep;
                trial.ErrorMessage = stored.ErrorMessage;
                trial.EndedAt = stored.EndedAt;
                trial.ModelPath = checkpointPath(stored.Checkpoint);
                trial.Attempts = stored.Attempts;
                trial.StartedAt = stored.StartedAt;
                trial.ReplaceStoredRecord(stored.Executions, stored.IntermediateValues, stored.Events, stored.Attributes);
                if (IsFinished(trial.Status))
                {
                    ended.Add(trial);
                }
            }

            foreach (var trial in ended)
            {
                RecordEnded(trial);
            }

            if (hasState)
            {
                RestoreState(state);
            }
        }
    }

    /// <summary>
    /// Marks the configuration a trial ended with as tried, values that Build added included, and tells the algorithm.
    /// Called under the oracle's lock.
    /// </summary>
    private void RecordEnded(Trial trial)
    {
        _tried.Add(TunedKey(trial.Values));
        OnTrialEnded(trial);
    }

    /// <summary>Whether a trial in this state has ended for good: completed, failed, pruned or invalid.</summary>
    internal static bool IsFinished(TrialStatus status) => status is not (TrialStatus.Running or TrialStatus.Stopped);

    /// <summary>Proposes the values of trial <paramref name="trialNumber"/>. Called under the oracle's lock.</summary>
    protected abstract TrialProposal PopulateSpace(int trialNumber);

    /// <summary>Called under the oracle's lock when a trial ends; the base does nothing.</summary>
    protected virtual void OnTrialEnded(Trial trial)
    {
    }

    /// <summary>
    /// Called under the oracle's lock when a running trial reports a step's value, before the pruner decides; the
    /// base does nothing.
    /// </summary>
    protected virtual void OnIntermediateReported(Trial trial, int step, double value)
    {
    }

    /// <summary>
    /// A generator for trial <paramref name="trialNumber"/>, determined by the seed, the trial number and the stream
    /// alone, so that proposals never depend on thread timing.
    /// </summary>
    protected DeterministicRandom RandomFor(int trialNumber, int stream = 0) => new(Seed, trialNumber, stream);

    /// <summary>Whether a configuration with these values (inactive and untuned ones ignored) was already tried.</summary>
    protected bool WasTried(IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return _tried.Contains(TunedKey(values));
    }

    /// <summary>The number of configurations tried so far.</summary>
    protected int TriedCount => _tried.Count;

    /// <summary>
    /// Draws a value for every active, tunable parameter, in declaration order, with the parameter's own sampling.
    /// Inactive parameters draw nothing, so they don't shift the draws of later parameters.
    /// </summary>
    protected IReadOnlyDictionary<string, object> SampleValues(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new Dictionary<string, object>(_space.Count, StringComparer.Ordinal);
        foreach (var parameter in _space)
        {
            if (!parameter.IsActive(values))
            {
                continue;
            }

            values[parameter.Name] = IsTuned(parameter) ? parameter.FromUnit(random.NextDouble()) : parameter.DefaultValue;
        }

        return values;
    }

    /// <summary>
    /// Draws a configuration that was not tried yet: up to a hundred random draws, then a random pick among the
    /// untried configurations of a finite space. Returns null when there is none. Then <paramref name="exhausted"/> is
    /// true for a finite space with nothing left and false for a space too large to list, and
    /// <paramref name="stopReason"/> is the message for <see cref="TrialProposal.Stop"/>.
    /// </summary>
    protected IReadOnlyDictionary<string, object>? DrawUntried(
        DeterministicRandom random, out bool exhausted, out string? stopReason)
    {
        ArgumentNullException.ThrowIfNull(random);
        exhausted = false;
        stopReason = null;
        for (int draw = 0; draw < DrawsBeforeEnumerating; draw++)
        {
            var values = SampleValues(random);
            if (!WasTried(values))
            {
                return values;
            }
        }

        var all = EnumerateConfigurations(MaxEnumeratedConfigurations);
        if (all is null)
        {
            stopReason =
                $"{DrawsBeforeEnumerating} consecutive random draws repeated configurations already tried, and the space is too large to list. Widen the search space or use fewer trials.";
            return null;
        }

        var untried = all.Where(values => !WasTried(values)).ToList();
        if (untried.Count == 0)
        {
            exhausted = true;
            stopReason = $"The search space is exhausted: all {all.Count} configurations have been tried.";
            return null;
        }

        return untried[(int)random.NextInt64(untried.Count)];
    }

    /// <summary>
    /// Lists every distinct configuration of a finite space (inactive parameters absent), or returns null when the
    /// space is continuous or has more than <paramref name="limit"/> configurations.
    /// </summary>
    protected List<Dictionary<string, object>>? EnumerateConfigurations(int limit)
    {
        var results = new List<Dictionary<string, object>>();
        var current = new Dictionary<string, object>(StringComparer.Ordinal);
        return Enumerate(0, current, results, limit) ? results : null;
    }

    private bool Enumerate(int index, Dictionary<string, object> current, List<Dictionary<string, object>> results, int limit)
    {
        if (index == _space.Count)
        {
            if (results.Count >= limit)
            {
                return false;
            }

            results.Add(new Dictionary<string, object>(current, StringComparer.Ordinal));
            return true;
        }

        var parameter = _space[index];
        if (!parameter.IsActive(current))
        {
            return Enumerate(index + 1, current, results, limit);
        }

        if (!IsTuned(parameter))
        {
            current[parameter.Name] = parameter.DefaultValue;
            bool complete = Enumerate(index + 1, current, results, limit);
            current.Remove(parameter.Name);
            return complete;
        }

        if (!parameter.IsFinite || parameter.Cardinality > limit)
        {
            return false;
        }

        foreach (var value in parameter.GridValues())
        {
            current[parameter.Name] = value;
            if (!Enumerate(index + 1, current, results, limit))
            {
                current.Remove(parameter.Name);
                return false;
            }
        }

        current.Remove(parameter.Name);
        return true;
    }

    /// <summary>
    /// Whether the oracle chooses <paramref name="parameter"/>'s value: true for a tunable parameter unless it joined
    /// the space after discovery while <see cref="TuneNewEntries"/> is false, in which case it keeps its default.
    /// </summary>
    protected bool IsTuned(HyperParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.IsTunable && !_untunedNames.Contains(parameter.Name);
    }

    /// <summary>
    /// The current search space as a validated <see cref="HyperParameters"/>, which each trial's parameters copy.
    /// It is rebuilt when the space has grown, and the space never changes otherwise.
    /// </summary>
    private HyperParameters SpaceTemplate()
    {
        if (_spaceTemplate is null || _spaceTemplateSize != _space.Count)
        {
            _spaceTemplate = new HyperParameters(_space, new Dictionary<string, object>());
            _spaceTemplateSize = _space.Count;
        }

        return _spaceTemplate;
    }

    /// <summary>The key of the tuned parameters' values, which identifies a configuration among those tried.</summary>
    private ConfigurationKey TunedKey(IReadOnlyDictionary<string, object> values)
    {
        var names = new string[_space.Count];
        var tunedValues = new object[_space.Count];
        int count = 0;
        foreach (var parameter in _space)
        {
            if (IsTuned(parameter) && values.TryGetValue(parameter.Name, out object? value))
            {
                names[count] = parameter.Name;
                tunedValues[count] = value;
                count++;
            }
        }

        return new ConfigurationKey(names, tunedValues, count);
    }

    private TrialProposal StopWith(string reason)
    {
        StopReason = reason;
        return TrialProposal.Stop(reason);
    }

    private string FormatId(int number)
    {
        int width = MaxTrials.HasValue ? (MaxTrials.Value - 1).ToString(CultureInfo.InvariantCulture).Length : 4;
        return number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }
}
