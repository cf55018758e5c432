using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>A value that is recorded with every trial but never tuned.</summary>
public sealed class FixedHyperParameter : HyperParameter
{
    /// <summary>Creates a fixed value.</summary>
    /// <exception cref="ArgumentException">The value is null, not finite, or not a string, int, double or bool.</exception>
    public FixedHyperParameter(string name, object value, IReadOnlyList<Condition>? conditions = null)
        : base(name, conditions)
    {
        string? error = SearchSpaceRules.CheckFixed(name, value);
        if (error != null)
        {
            throw new ArgumentException(error, name);
        }

        Value = value;
    }

    /// <summary>The value.</summary>
    public object Value { get; }

    /// <inheritdoc />
    public override Type ValueType => Value.GetType();

    /// <inheritdoc />
    public override object DefaultValue => Value;

    /// <inheritdoc />
    public override bool IsTunable => false;

    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long? Cardinality => 1;

    /// <inheritdoc />
    public override IReadOnlyList<object> GridValues() => [Value];

    /// <inheritdoc />
    public override object FromUnit(double unit) => Value;

    /// <inheritdoc />
    public override double ToUnit(object value) => 0.5;

    /// <inheritdoc />
    public override bool Contains(object value) => HyperParameterValue.AreEqual(Value, value) && value.GetType() == Value.GetType();

    /// <inheritdoc />
    public override string Describe() => $"Fixed({SearchSpaceRules.FormatObject(Value)})";
}
