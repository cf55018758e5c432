using System;
using System.Collections.Generic;
using System.Globalization;

namespace HyperGen;

/// <summary>
/// A floating-point range, both bounds inclusive. Without a step it is continuous. With a step, linear grids are
/// <c>min + i * step</c> and include <c>max</c> when it lies on the grid within a relative tolerance of 1e-9
/// (KerasTuner drops 1.0 from <c>Float(0, 1, step=0.2)</c>; this type does not); log and reverse-log grids are
/// multiplicative and need a step greater than 1.
/// </summary>
public sealed class FloatHyperParameter : HyperParameter
{
    /// <summary>Creates a floating-point range.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message names the value and the fix.</exception>
    public FloatHyperParameter(
        string name,
        double min,
        double max,
        double? step = null,
        Sampling sampling = Sampling.Linear,
        double? defaultValue = null,
        IReadOnlyList<Condition>? conditions = null)
        : base(name, conditions)
    {
        string? error = SearchSpaceRules.CheckFloatRange(name, min, max, step, sampling, defaultValue);
        if (error != null)
        {
            throw new ArgumentException(error, name);
        }

        Min = min;
        Max = max;
        Step = step;
        Sampling = sampling;
        Default = defaultValue ?? min;
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>The grid step, or null for a continuous range.</summary>
    public double? Step { get; }

    /// <summary>How values are sampled.</summary>
    public Sampling Sampling { get; }

    /// <summary>The default value: the given one, else <see cref="Min"/>.</summary>
    public double Default { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(double);

    /// <inheritdoc />
    public override object DefaultValue => Default;

    /// <inheritdoc />
    public override bool IsFinite => Step.HasValue || Min == Max;

    /// <inheritdoc />
    public override long? Cardinality => Min == Max
        ? 1
        : Step.HasValue ? SearchSpaceRules.GridCount(Min, Max, Step.Value, Sampling) : null;

    /// <inheritdoc />
    public override IReadOnlyList<object> GridValues()
    {
        if (!IsFinite)
        {
            throw new InvalidOperationException(
                $"Hyperparameter '{Name}' is a continuous range and has no grid. Give it a step to make it finite.");
        }

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
        if (IsFinite)
        {
            long count = Cardinality!.Value;
            return ValueAt(Bucket(unit, count), count);
        }

        double u = ClampUnit(unit);
        double value = Sampling switch
        {
            Sampling.Log => Min * Math.Pow(Max / Min, u),
            Sampling.ReverseLog => Max + Min - Min * Math.Pow(Max / Min, 1 - u),
            _ => Min + u * (Max - Min),
        };
        return Math.Clamp(value, Min, Max);
    }

    /// <inheritdoc />
    public override double ToUnit(object value)
    {
        double v = HyperParameterValue.ConvertTo<double>(Name, value);
        if (IsFinite)
        {
            long count = Cardinality!.Value;
            long index = Step.HasValue ? Math.Max(0, SearchSpaceRules.GridIndexOf(Min, Max, Step.Value, Sampling, v)) : 0;
            return BucketCentre(index, count);
        }

        double unit = Sampling switch
        {
            Sampling.Log => Math.Log(v / Min) / Math.Log(Max / Min),
            Sampling.ReverseLog => 1 - Math.Log((Max + Min - v) / Min) / Math.Log(Max / Min),
            _ => (v - Min) / (Max - Min),
        };
        return Math.Clamp(unit, 0, 1);
    }

    /// <inheritdoc />
    public override bool Contains(object value)
    {
        if (value is not double v || double.IsNaN(v) || v < Min || v > Max)
        {
            return false;
        }

        return !Step.HasValue || SearchSpaceRules.GridIndexOf(Min, Max, Step.Value, Sampling, v) >= 0;
    }

    /// <inheritdoc />
    public override string Describe()
    {
        string text = $"Float({Format(Min)}, {Format(Max)}";
        if (Step.HasValue)
        {
            text += $", step={Format(Step.Value)}";
        }

        if (Sampling != Sampling.Linear)
        {
            text += $", sampling={Sampling}";
        }

        return text + $", default={Format(Default)})";
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private double ValueAt(long index, long count) =>
        Step.HasValue ? SearchSpaceRules.GridValue(Min, Max, Step.Value, Sampling, index, count) : Min;
}
