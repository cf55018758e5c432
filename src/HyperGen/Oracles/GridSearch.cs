using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace HyperGen;

/// <summary>
/// Tries every combination of the search space exactly once, in a fixed order, then stops (sooner when a trial
/// budget is set).
/// </summary>
/// <remarks>
/// <para>The order is KerasTuner's: the first trial takes every default, then the combinations advance like an
/// odometer in which the last declared parameter changes fastest. Each parameter runs through its default followed
/// by its other grid values in grid order, a parameter whose conditions do not hold is skipped, and a fixed or
/// untuned parameter keeps its default. With <c>opt</c> in [sgd, adam] declared before <c>lr</c> in [0.01, 0.1] the
/// trials are (sgd, 0.01), (sgd, 0.1), (adam, 0.01), (adam, 0.1).</para>
/// <para>Each proposal is the first combination in that order that no trial has tried yet. Pending, failed and
/// pruned trials all count as tried, so parallel workers never wait while a combination is left, and the position
/// depends only on the configurations recorded, never on which trials ended first. An oracle that records the same
/// trials therefore continues where an earlier one stopped (KerasTuner keeps its position in memory only and loses
/// it on restart). When Build adds a tuned parameter mid-search, earlier trials count as having tried its default.
/// </para>
/// <para>Continuous ranges are rejected: a float range without a step, and an int range with log or reverse-log
/// sampling but no step, throw an <see cref="ArgumentException"/> that names the parameter. KerasTuner 1.4.7 grids
/// such a range with the centres of ten equal-probability buckets. Its bounds are then never tried, an int range
/// loses values to rounding, and the points are ones the user never chose. Trying every integer of an int log range
/// would instead ignore its log sampling. A step states the grid explicitly, so the search tries what the user
/// declared. A float range whose minimum equals its maximum has one value and needs no step.</para>
/// <para>Float grids include the maximum when the step reaches it within a relative tolerance of 1e-9
/// (<c>Float(0, 1, step: 0.2)</c> tries 0, 0.2, 0.4, 0.6, 0.8 and 1), where KerasTuner drops it.</para>
/// </remarks>
public sealed class GridSearch : Oracle
{
    private const double DefaultTolerance = 1e-9;
    private const long MaxValuesPerParameter = 1_000_000;

    private readonly List<IReadOnlyDictionary<string, object>> _proposals = [];
    private readonly HashSet<string> _coveredKeys = new(StringComparer.Ordinal);
    private HyperParameter[] _snapshot = [];

    // The odometer position, a cache of the first untried combination: every combination before it has been tried,
    // and tried configurations are never forgotten, so the search never has to look behind it.
    private IEnumerator<Dictionary<string, object>>? _cursor;
    private bool _cursorHasCandidate;
    private long _visited;

    /// <summary>Creates a grid search.</summary>
    /// <param name="objective">What to optimize; <see cref="Objective.Default"/> when null.</param>
    /// <param name="maxTrials">How many trials to create, counting failed ones; null (the default) runs until every
    /// combination has been tried.</param>
    /// <param name="seed">The seed, used only to derive per-trial execution seeds; null picks one at random.</param>
    /// <param name="allowNewEntries">Whether Build may define parameters the space did not have.</param>
    /// <param name="tuneNewEntries">Whether parameters defined later by Build are gridded; otherwise they keep their
    /// default.</param>
    public GridSearch(Objective? objective = null, int? maxTrials = null, int? seed = null, bool allowNewEntries = true, bool tuneNewEntries = true)
        : base(objective, maxTrials, seed, allowNewEntries, tuneNewEntries)
    {
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A tuned parameter is a continuous range or has more than a million values.
    /// The message names the parameter and the fix.</exception>
    protected override TrialProposal PopulateSpace(int trialNumber)
    {
        RefreshSnapshot();
        while (true)
        {
            if (!_cursorHasCandidate)
            {
                if (!_cursor!.MoveNext())
                {
                    return TrialProposal.Stop(
                        $"The grid is exhausted: all {_visited} combinations of the search space have been tried.");
                }

                _cursorHasCandidate = true;
                _visited++;
            }

            var candidate = _cursor!.Current;
            if (IsCovered(candidate))
            {
                _cursorHasCandidate = false;
                continue;
            }

            _proposals.Add(candidate);
            _coveredKeys.Add(Key(Project(candidate)));
            return TrialProposal.Ready(candidate);
        }
    }

    /// <inheritdoc />
    protected override void RestoreState(string? state)
    {
        if (state is null)
        {
            _proposals.Clear();
            _coveredKeys.Clear();
            _cursor = null;
            _cursorHasCandidate = false;
            _visited = 0;
        }
    }

    /// <inheritdoc />
    protected override void OnTrialEnded(Trial trial)
    {
        // Build may have declared parameters after the proposal; the values it ran with include their defaults.
        var values = new Dictionary<string, object>(trial.Values, StringComparer.Ordinal);
        _proposals.Add(values);
        _coveredKeys.Add(Key(Project(values)));
    }

    /// <summary>
    /// Restarts the odometer from its first combination when the space has grown. The next proposal stays the first
    /// untried combination, because the tried configurations are checked again from the start.
    /// </summary>
    private void RefreshSnapshot()
    {
        var space = Space;
        if (_cursor is not null && space.Count == _snapshot.Length)
        {
            return;
        }

        _cursor = null;
        RejectUngriddable(space);
        _snapshot = space.ToArray();
        var sequences = _snapshot.ToDictionary(p => p.Name, Sequence, StringComparer.Ordinal);
        _cursor = Odometer(0, new Dictionary<string, object>(StringComparer.Ordinal), sequences).GetEnumerator();
        _cursorHasCandidate = false;
        _visited = 0;
        _coveredKeys.Clear();
        foreach (var values in _proposals)
        {
            _coveredKeys.Add(Key(Project(values)));
        }
    }

    /// <summary>Throws for a tuned parameter that has no grid, or a grid too long to list in memory.</summary>
    private void RejectUngriddable(IEnumerable<HyperParameter> space)
    {
        foreach (var parameter in space.Where(IsTuned))
        {
            bool continuousInt = parameter is IntHyperParameter { Step: null, Sampling: not Sampling.Linear, Min: var min, Max: var max }
                && min != max;
            if (!parameter.IsFinite || continuousInt)
            {
                throw new ArgumentException(
                    $"GridSearch cannot grid hyperparameter '{parameter.Name}' ({parameter.Describe()}) because it is a continuous range. " +
                    "Give it a step (for log sampling a factor greater than 1, such as step: 10), declare it as a Choice, or use RandomSearch.");
            }

            if (parameter.Cardinality > MaxValuesPerParameter)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"GridSearch cannot grid hyperparameter '{parameter.Name}' ({parameter.Describe()}) because it has {parameter.Cardinality:N0} values, more than the {MaxValuesPerParameter:N0} it lists per parameter. Give it a larger step, or use RandomSearch."));
            }
        }
    }

    /// <summary>The values one parameter runs through: its default first, then its other grid values in grid order.</summary>
    private object[] Sequence(HyperParameter parameter)
    {
        object preferred = parameter.DefaultValue;
        if (!IsTuned(parameter))
        {
            return [preferred];
        }

        var rest = parameter.GridValues().Where(value => !SameValue(value, preferred));
        return [preferred, .. rest];
    }

    /// <summary>
    /// Lists the combinations depth-first in declaration order, so the last declared parameter changes fastest.
    /// A parameter whose conditions do not hold on the values chosen so far is left out.
    /// </summary>
    private IEnumerable<Dictionary<string, object>> Odometer(
        int index, Dictionary<string, object> current, IReadOnlyDictionary<string, object[]> sequences)
    {
        if (index == _snapshot.Length)
        {
            yield return new Dictionary<string, object>(current, StringComparer.Ordinal);
            yield break;
        }

        var parameter = _snapshot[index];
        if (!parameter.IsActive(current))
        {
            foreach (var combination in Odometer(index + 1, current, sequences))
            {
                yield return combination;
            }

            yield break;
        }

        foreach (object value in sequences[parameter.Name])
        {
            current[parameter.Name] = value;
            foreach (var combination in Odometer(index + 1, current, sequences))
            {
                yield return combination;
            }
        }

        current.Remove(parameter.Name);
    }

    private bool IsCovered(Dictionary<string, object> candidate) =>
        WasTried(candidate) || _coveredKeys.Contains(Key(Project(candidate)));

    /// <summary>
    /// Maps recorded values onto the current space. Each active tuned parameter takes its recorded value, or its
    /// default when that value is missing or invalid. Inactive and untuned parameters are left out.
    /// </summary>
    private Dictionary<string, object> Project(IReadOnlyDictionary<string, object> values)
    {
        var projected = new Dictionary<string, object>(StringComparer.Ordinal);
        var active = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in _snapshot)
        {
            if (!parameter.IsActive(active))
            {
                continue;
            }

            object value = values.TryGetValue(parameter.Name, out object? recorded) && parameter.Contains(recorded)
                ? recorded
                : parameter.DefaultValue;
            active[parameter.Name] = value;
            if (IsTuned(parameter))
            {
                projected[parameter.Name] = value;
            }
        }

        return projected;
    }

    private string Key(Dictionary<string, object> values)
    {
        var key = new StringBuilder();
        foreach (var parameter in _snapshot)
        {
            if (values.TryGetValue(parameter.Name, out object? value))
            {
                key.Append(parameter.Name).Append('=').Append(Format(value)).Append('\n');
            }
        }

        return key.ToString();
    }

    private static string Format(object value) => value switch
    {
        double number => "d:" + number.ToString("R", CultureInfo.InvariantCulture),
        int number => "i:" + number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "b:true" : "b:false",
        _ => "s:" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Whether a grid value is the default. Floats compare within a relative tolerance, because a default such as
    /// 0.6 is accepted on the grid point <c>3 * 0.2 = 0.6000000000000001</c>.
    /// </summary>
    private static bool SameValue(object value, object preferred)
    {
        if (value is double number && preferred is double target)
        {
            double scale = Math.Max(Math.Abs(number), Math.Abs(target));
            return number == target || Math.Abs(number - target) <= DefaultTolerance * scale;
        }

        return Equals(value, preferred);
    }
}
