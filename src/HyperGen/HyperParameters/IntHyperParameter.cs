using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// An integer range, both bounds inclusive. Without a step, linear sampling uses a step of 1; log and reverse-log
/// sampling without a step draw a continuous value and round it down, so every integer in the range can occur.
/// With a step, linear grids are <c>min + i * step</c> and log grids <c>min * step^i</c> (step &gt; 1). Values are
/// always <see cref="int"/>, never floating point.
/// </summary>
public sealed class IntHyperParameter : HyperParameter
{
    /// <summary>Creates an integer range.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message names the value and the fix.</exception>
    public IntHyperParameter(
        string name,
        int min,
        int max,
        int? step = null,
        Sampling sampling = Sampling.Linear,
        int? defaultValue = null,
        IReadOnlyList<Condition>? conditions = null)
        : base(name, conditions)
    {
        string? error = SearchSpaceRules.CheckIntRange(name, min, max, step, sampling, defaultValue);
        if (error != null)
        {
            throw new ArgumentException(error, name);
        }

        Min = min;
        Max = max;
        Step = step ?? (sampling == Sampling.Linear ? 1 : null);
        Sampling = sampling;
        Default = defaultValue ?? min;
    }

    /// <summary>The smallest value.</summary>
    public int Min { get; }

    /// <summary>The largest value the range may reach (reached only when it lies on the grid).</summary>
    public int Max { get; }

    /// <summary>The step: 1 for linear ranges declared without one, null for continuous log ranges.</summary>
    public int? Step { get; }

    /// <summary>How values are sampled.</summary>
    public Sampling Sampling { get; }

    /// <summary>The default value: the given one, else <see cref="Min"/>.</summary>
    public int Default { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(int);

    /// <inheritdoc />
    public override object DefaultValue => Default;

    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override long? Cardinality => Step.HasValue
        ? SearchSpaceRules.GridCount(Min, Max, Step.Value, Sampling)
        : (long)Max - Min + 1;

    /// <inheritdoc />
    public override IReadOnlyList<object> GridValues()
    {
        long count = Cardinality!.Value;
        var values = new object[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = ValueAt(i, count);
        }

        return values;
    }

    /// <inheritdoc />
    public override object FromUnit(double unit)
    {
        if (Step.HasValue || Min == Max)
        {
            long count = Cardinality!.Value;
            return ValueAt(Bucket(unit, count), count);
        }

        // Continuous log draw over [min, max + 1), rounded down, so max is as likely as its share of the range.
        double u = ClampUnit(unit);
        double upper = Max + 1.0;
        double value = Sampling == Sampling.Log
            ? Min * Math.Pow(upper / Min, u)
            : upper + Min - Min * Math.Pow(upper / Min, 1 - u);
        return (int)Math.Clamp(Math.Floor(value), Min, Max);
    }

    /// <inheritdoc />
    public override double ToUnit(object value)
    {
        int v = HyperParameterValue.ConvertTo<int>(Name, value);
        if (Step.HasValue || Min == Max)
        {
            long count = Cardinality!.Value;
            long index = Math.Max(0, SearchSpaceRules.GridIndexOf(Min, Max, Step ?? 1, Sampling, v));
            return BucketCentre(index, count);
        }

        double upper = Max + 1.0;
        double centre = v + 0.5;
        return Sampling == Sampling.Log
            ? Math.Log(centre / Min) / Math.Log(upper / Min)
            : 1 - Math.Log((upper + Min - centre) / Min) / Math.Log(upper / Min);
    }

    /// <inheritdoc />
    public override bool Contains(object value)
    {
        if (value is not int v || v < Min || v > Max)
        {
            return false;
        }

        return !Step.HasValue || SearchSpaceRules.GridIndexOf(Min, Max, Step.Value, Sampling, v) >= 0;
    }

    /// <inheritdoc />
    public override string Describe()
    {
        string text = $"Int({Min}, {Max}";
        if (Step.HasValue)
        {
            text += $", step={Step.Value}";
        }

        if (Sampling != Sampling.Linear)
        {
            text += $", sampling={Sampling}";
        }

        return text + $", default={Default})";
    }

    private int ValueAt(long index, long count) =>
        Step.HasValue
            ? (int)Math.Round(SearchSpaceRules.GridValue(Min, Max, Step.Value, Sampling, index, count))
            : (int)(Min + index);
}
