using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// One of a list of values of one type (string, int, double or bool), kept in declared order. The default is the
/// first value unless one is given. <see cref="Ordered"/> defaults to true for numbers: an ordered choice may be
/// modelled as a position on a line, an unordered one only as a category. Booleans stay booleans (KerasTuner turns
/// <c>[True, False]</c> into <c>[1, 0]</c>).
/// </summary>
public sealed class ChoiceHyperParameter : HyperParameter
{
    private readonly object[] _values;

    /// <summary>Creates a choice.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message names the value and the fix.</exception>
    public ChoiceHyperParameter(
        string name,
        IReadOnlyList<object> values,
        bool? ordered = null,
        object? defaultValue = null,
        IReadOnlyList<Condition>? conditions = null)
        : base(name, conditions)
    {
        ArgumentNullException.ThrowIfNull(values);
        IReadOnlyList<object?> candidates = values.ToArray();
        string? error = SearchSpaceRules.CheckChoices(name, candidates, ordered, defaultValue, defaultValue != null);
        if (error != null)
        {
            throw new ArgumentException(error, name);
        }

        _values = values.ToArray();
        ValueType = _values[0].GetType();
        Ordered = ordered ?? (ValueType == typeof(int) || ValueType == typeof(double));
        Default = defaultValue ?? _values[0];
    }

    /// <summary>The values in declared order.</summary>
    public IReadOnlyList<object> Values => _values;

    /// <summary>Whether the values have a meaningful order.</summary>
    public bool Ordered { get; }

    /// <summary>The default value: the given one, else the first value.</summary>
    public object Default { get; }

    /// <inheritdoc />
    public override Type ValueType { get; }

    /// <inheritdoc />
    public override object DefaultValue => Default;

    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long? Cardinality => _values.Length;

    /// <inheritdoc />
    public override IReadOnlyList<object> GridValues() => _values;

    /// <inheritdoc />
    public override object FromUnit(double unit) => _values[(int)Bucket(unit, _values.Length)];

    /// <inheritdoc />
    public override double ToUnit(object value)
    {
        int index = Array.FindIndex(_values, candidate => HyperParameterValue.AreEqual(candidate, value));
        return BucketCentre(Math.Max(0, index), _values.Length);
    }

    /// <inheritdoc />
    public override bool Contains(object value) => value.GetType() == ValueType && SearchSpaceRules.ContainsChoice(_values, value);

    /// <inheritdoc />
    public override string Describe() =>
        $"Choice({SearchSpaceRules.FormatList(_values)}, ordered={(Ordered ? "true" : "false")}, default={SearchSpaceRules.FormatObject(Default)})";
}
