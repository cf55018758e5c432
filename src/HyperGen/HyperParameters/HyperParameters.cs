using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace HyperGen;

/// <summary>
/// The search space and the values of one trial. Inside <c>Build</c>, declaring a hyperparameter also reads it:
/// <c>hp.Int("units", 32, 512, step: 32)</c> registers the range the first time and returns the trial's value.
/// </summary>
/// <remarks>
/// <para>A name has exactly one definition: declaring it again with the same definition returns its value, and
/// declaring it with a different one throws. Parameters are kept in declaration order, so parents precede the
/// parameters conditioned on them.</para>
/// <para>A parameter declared inside a <see cref="ConditionalScope"/> whose condition does not hold is inactive: the
/// declaring call returns its default, it has no entry in <see cref="Values"/>, and <see cref="Get{T}"/> throws.</para>
/// <para>Each trial gets its own instance, and <see cref="Current"/> flows with the trial's async context, so
/// trials built in parallel in one process each read their own values. An instance is not thread-safe.</para>
/// </remarks>
public sealed class HyperParameters
{
    private static readonly AsyncLocal<HyperParameters?> s_current = new();

    private readonly List<HyperParameter> _space;
    private readonly Dictionary<string, HyperParameter> _byName;
    private readonly Dictionary<string, object> _values;
    private readonly List<Condition> _scope = [];

    /// <summary>Creates an empty search space.</summary>
    public HyperParameters()
    {
        _space = [];
        _byName = new(StringComparer.Ordinal);
        _values = new(StringComparer.Ordinal);
    }

    /// <summary>Creates a trial's parameters from a search space and the values chosen for it. Active parameters
    /// without a value take their default; values of inactive parameters are dropped.</summary>
    internal HyperParameters(IEnumerable<HyperParameter> space, IReadOnlyDictionary<string, object> values)
        : this()
    {
        foreach (var parameter in space)
        {
            Register(parameter);
        }

        foreach (var pair in values)
        {
            _values[pair.Key] = pair.Value;
        }

        EnsureActiveValues();
    }

    /// <summary>
    /// Creates a trial's parameters from the search space of <paramref name="template"/> and the values chosen for
    /// it, as the constructor that takes a space does. The template's space was validated when it was built, so it is
    /// copied whole rather than registered again. Its values are ignored.
    /// </summary>
    internal HyperParameters(HyperParameters template, IReadOnlyDictionary<string, object> values)
    {
        _space = new List<HyperParameter>(template._space);
        _byName = new Dictionary<string, HyperParameter>(template._byName, StringComparer.Ordinal);
        _values = new Dictionary<string, object>(_space.Count, StringComparer.Ordinal);
        foreach (var pair in values)
        {
            _values[pair.Key] = pair.Value;
        }

        EnsureActiveValues();
    }

    /// <summary>The parameters of the trial being built or fitted on this async flow, or null outside a trial.</summary>
    public static HyperParameters? Current => s_current.Value;

    /// <summary>Every parameter defined so far, in declaration order.</summary>
    public IReadOnlyList<HyperParameter> Space => _space;

    /// <summary>The values of the active parameters.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>
    /// Returns <see cref="Current"/>, or throws a message naming <paramref name="propertyName"/> when a hyperparameter
    /// property is read outside a trial. Generated property accessors call this.
    /// </summary>
    /// <exception cref="InvalidOperationException">No trial is being built or fitted on this async flow.</exception>
    public static HyperParameters GetCurrent(string propertyName) =>
        s_current.Value ?? throw new InvalidOperationException(
            $"The hyperparameter property '{propertyName}' was read outside a trial. Read hyperparameter properties " +
            "only inside Build or Fit, or wrap the code in HyperParameters.Use(hp).");

    /// <summary>
    /// Makes <paramref name="hyperParameters"/> the <see cref="Current"/> parameters until the returned scope is
    /// disposed, so that hyperparameter properties can be read outside the tuner (for example to rebuild a model
    /// from <c>tuner.GetBestHyperParameters()</c>).
    /// </summary>
    public static IDisposable Use(HyperParameters hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        var previous = s_current.Value;
        s_current.Value = hyperParameters;
        return new Scope(() => s_current.Value = previous);
    }

    /// <summary>Declares an integer range and returns the trial's value. See <see cref="IntHyperParameter"/>.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public int Int(string name, int min, int max, int? step = null, Sampling sampling = Sampling.Linear, int? @default = null) =>
        (int)Declare(new IntHyperParameter(name, min, max, step, sampling, @default, CurrentConditions()));

    /// <summary>Declares a floating-point range and returns the trial's value. See <see cref="FloatHyperParameter"/>.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public double Float(string name, double min, double max, double? step = null, Sampling sampling = Sampling.Linear, double? @default = null) =>
        (double)Declare(new FloatHyperParameter(name, min, max, step, sampling, @default, CurrentConditions()));

    /// <summary>Declares a choice of strings and returns the trial's value.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public string Choice(string name, IReadOnlyList<string> values, string? @default = null) =>
        (string)DeclareChoice(name, Box(values), ordered: false, @default);

    /// <summary>Declares a choice of integers and returns the trial's value. Ordered unless <paramref name="ordered"/> is false.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public int Choice(string name, IReadOnlyList<int> values, int? @default = null, bool? ordered = null) =>
        (int)DeclareChoice(name, Box(values), ordered, @default);

    /// <summary>Declares a choice of doubles and returns the trial's value. Ordered unless <paramref name="ordered"/> is false.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public double Choice(string name, IReadOnlyList<double> values, double? @default = null, bool? ordered = null) =>
        (double)DeclareChoice(name, Box(values), ordered, @default);

    /// <summary>Declares a choice of booleans and returns the trial's value; the values stay booleans.</summary>
    /// <exception cref="ArgumentException">The definition is invalid or conflicts with an earlier one.</exception>
    public bool Choice(string name, IReadOnlyList<bool> values, bool? @default = null) =>
        (bool)DeclareChoice(name, Box(values), ordered: false, @default);

    /// <summary>Declares a true or false switch and returns the trial's value.</summary>
    /// <exception cref="ArgumentException">The definition conflicts with an earlier one.</exception>
    public bool Boolean(string name, bool @default = false) =>
        (bool)Declare(new BooleanHyperParameter(name, @default, CurrentConditions()));

    /// <summary>Declares a value that is recorded but never tuned, and returns it.</summary>
    /// <exception cref="ArgumentException">The value is not a string, int, double or bool, or conflicts with an earlier definition.</exception>
    public T Fixed<T>(string name, T value)
        where T : notnull =>
        (T)Declare(new FixedHyperParameter(name, value, CurrentConditions()));

    /// <summary>
    /// Opens a scope in which every declared parameter is active only when <paramref name="parentName"/> takes one
    /// of <paramref name="parentValues"/>. Scopes nest; all enclosing conditions must hold. The code inside always
    /// runs: check <see cref="IsActive"/> or the parent's value to skip work for inactive parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The parent is not defined, or no values are given.</exception>
    public IDisposable ConditionalScope(string parentName, params object[] parentValues)
    {
        var condition = new Condition(parentName, parentValues);
        if (!_byName.ContainsKey(parentName))
        {
            throw new ArgumentException(
                $"The conditional scope refers to parent '{parentName}', which is not defined. Declare '{parentName}' before the scope that depends on it.",
                nameof(parentName));
        }

        ValidateCondition($"The conditional scope on '{parentName}'", condition);
        _scope.Add(condition);
        int depth = _scope.Count;
        return new Scope(() => _scope.RemoveRange(depth - 1, _scope.Count - depth + 1));
    }

    /// <summary>
    /// Registers a definition, typically one generated from an attribute, and returns the trial's value (the default
    /// when the parameter is inactive).
    /// </summary>
    /// <exception cref="ArgumentException">The name is already defined differently, or a condition's parent is not defined.</exception>
    public object Declare(HyperParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Register(parameter);
        var registered = _byName[parameter.Name];
        if (!registered.IsActive(_values))
        {
            _values.Remove(registered.Name);
            return registered.DefaultValue;
        }

        if (_values.TryGetValue(registered.Name, out object? value) && registered.Contains(value))
        {
            return value;
        }

        _values[registered.Name] = registered.DefaultValue;
        return registered.DefaultValue;
    }

    /// <summary>
    /// Returns the value of an active parameter. A stored trial's value can be read without a definition, because
    /// another process's Build may have declared a parameter that this process never built.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name, and there is no value for it.</exception>
    /// <exception cref="InvalidOperationException">The parameter is inactive in this trial.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out var parameter))
        {
            if (_values.TryGetValue(name, out object? undefinedValue))
            {
                return HyperParameterValue.ConvertTo<T>(name, undefinedValue);
            }

            string known = _space.Count == 0 ? "none" : string.Join(", ", _space.Select(p => p.Name));
            throw new KeyNotFoundException(
                $"Hyperparameter '{name}' is not defined (defined: {known}). Declare it with an attribute or an hp.Int/Float/Choice/Boolean/Fixed call before reading it.");
        }

        if (!_values.TryGetValue(name, out object? value))
        {
            throw new InvalidOperationException(
                $"Hyperparameter '{name}' is inactive in this trial: it is used only when {string.Join(" and ", parameter.Conditions)}. " +
                $"Check hp.IsActive(\"{name}\") or the parent's value before reading it.");
        }

        return HyperParameterValue.ConvertTo<T>(name, value);
    }

    /// <summary>Whether a parameter with this name is defined and active in this trial.</summary>
    public bool IsActive(string name) => _values.ContainsKey(name);

    /// <summary>Returns the definition with this name, or null.</summary>
    public HyperParameter? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A deep copy: the same space and values, independent of this instance.</summary>
    public HyperParameters Copy() => new(_space, _values);

    /// <summary>
    /// Formats the active values as <c>name=value, ...</c> in declaration order, then any values without a definition
    /// in name order.
    /// </summary>
    public override string ToString() =>
        HyperParameterValue.Describe(_space.Where(p => _values.ContainsKey(p.Name)).Select(p => KeyValuePair.Create(p.Name, _values[p.Name]))
            .Concat(_values.Where(pair => !_byName.ContainsKey(pair.Key)).OrderBy(pair => pair.Key, StringComparer.Ordinal)));

    /// <summary>Adds the values of <paramref name="values"/> whose names have no value yet.</summary>
    internal void AddMissingValues(IReadOnlyDictionary<string, object> values)
    {
        foreach (var pair in values)
        {
            _values.TryAdd(pair.Key, pair.Value);
        }
    }

    /// <summary>
    /// Defines the parameters of <paramref name="parameters"/> that have a value here but no definition, as a search
    /// space that grew after these values were loaded defines them. Other parameters are left out, so no value is
    /// added.
    /// </summary>
    internal void DefineValued(IEnumerable<HyperParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (_values.ContainsKey(parameter.Name) && !_byName.ContainsKey(parameter.Name))
            {
                _space.Add(parameter);
                _byName.Add(parameter.Name, parameter);
            }
        }
    }

    /// <summary>Sets a value directly, bypassing the search algorithm; used to force conditional branches active.</summary>
    internal void SetValue(string name, object value)
    {
        _values[name] = value;
        EnsureActiveValues();
    }

    /// <summary>Gives active parameters without a value their default and drops values of inactive ones.</summary>
    internal void EnsureActiveValues()
    {
        foreach (var parameter in _space)
        {
            if (!parameter.IsActive(_values))
            {
                _values.Remove(parameter.Name);
            }
            else if (!_values.TryGetValue(parameter.Name, out object? value) || !parameter.Contains(value))
            {
                _values[parameter.Name] = parameter.DefaultValue;
            }
        }
    }

    private void Register(HyperParameter parameter)
    {
        if (_byName.TryGetValue(parameter.Name, out var existing))
        {
            if (!existing.Equals(parameter))
            {
                throw new ArgumentException(
                    $"Hyperparameter '{parameter.Name}' is already defined as {existing.Describe()}{ConditionText(existing)}; it cannot be redefined as " +
                    $"{parameter.Describe()}{ConditionText(parameter)}. Keep one definition, or give the second parameter another name.",
                    nameof(parameter));
            }

            return;
        }

        foreach (var condition in parameter.Conditions)
        {
            ValidateCondition($"Hyperparameter '{parameter.Name}'", condition);
        }

        _space.Add(parameter);
        _byName.Add(parameter.Name, parameter);
    }

    /// <summary>Checks that a condition's parent is defined and that it can take every listed value.</summary>
    /// <param name="subject">What the condition belongs to, such as <c>Hyperparameter 'dropout_rate'</c>.</param>
    /// <param name="condition">The condition to check.</param>
    private void ValidateCondition(string subject, Condition condition)
    {
        if (!_byName.TryGetValue(condition.ParentName, out var parent))
        {
            throw new ArgumentException(
                $"{subject} depends on '{condition.ParentName}', which is not defined. Declare '{condition.ParentName}' first.",
                nameof(condition));
        }

        foreach (object value in condition.ParentValues)
        {
            if (!HyperParameterValue.CanTake(parent, value))
            {
                throw new ArgumentException(
                    $"{subject} is active only when '{parent.Name}' is {SearchSpaceRules.FormatObject(value)}, a value that '{parent.Name}' " +
                    $"can never take ({parent.Describe()}), so it would never be tuned. List values that '{parent.Name}' can take.",
                    nameof(condition));
            }
        }
    }

    private static string ConditionText(HyperParameter parameter) =>
        parameter.Conditions.Count == 0 ? string.Empty : " when " + string.Join(" and ", parameter.Conditions);

    private object DeclareChoice(string name, object[] values, bool? ordered, object? @default) =>
        Declare(new ChoiceHyperParameter(name, values, ordered, @default, CurrentConditions()));

    private Condition[]? CurrentConditions() => _scope.Count == 0 ? null : _scope.ToArray();

    private static object[] Box<T>(IReadOnlyList<T> values)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Select(value => (object)value).ToArray();
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose()
        {
            _dispose?.Invoke();
            _dispose = null;
        }
    }
}
