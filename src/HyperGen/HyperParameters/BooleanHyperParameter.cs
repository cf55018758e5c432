using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>A true or false switch; the default is false unless one is given.</summary>
public sealed class BooleanHyperParameter : HyperParameter
{
    private static readonly object[] s_values = [false, true];

    /// <summary>Creates a boolean.</summary>
    public BooleanHyperParameter(string name, bool defaultValue = false, IReadOnlyList<Condition>? conditions = null)
        : base(name, conditions)
    {
        Default = defaultValue;
    }

    /// <summary>The default value.</summary>
    public bool Default { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(bool);

    /// <inheritdoc />
    public override object DefaultValue => Default;

    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long? Cardinality => 2;

    /// <inheritdoc />
    public override IReadOnlyList<object> GridValues() => s_values;

    /// <inheritdoc />
    public override object FromUnit(double unit) => ClampUnit(unit) >= 0.5;

    /// <inheritdoc />
    public override double ToUnit(object value) => value is true ? 0.75 : 0.25;

    /// <inheritdoc />
    public override bool Contains(object value) => value is bool;

    /// <inheritdoc />
    public override string Describe() => $"Boolean(default={(Default ? "true" : "false")})";
}
