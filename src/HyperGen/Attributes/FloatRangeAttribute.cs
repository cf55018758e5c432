using System;

namespace HyperGen;

/// <summary>
/// Tunes a <see cref="double"/> property over <c>[min, max]</c>, both inclusive; continuous unless <see cref="Step"/>
/// is set. See <see cref="FloatHyperParameter"/> for the sampling and grid rules.
/// </summary>
/// <remarks>Put it on a <c>partial</c> get-only property of a <c>partial</c> HyperModel class.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FloatRangeAttribute(double min, double max) : Attribute
{
    /// <summary>The smallest value.</summary>
    public double Min { get; } = min;

    /// <summary>The largest value.</summary>
    public double Max { get; } = max;

    /// <summary>The grid step; a multiplier greater than 1 with log or reverse-log sampling.</summary>
    public double Step { get; set; }

    /// <summary>How values are sampled; linear by default.</summary>
    public Sampling Sampling { get; set; }

    /// <summary>The default value; <see cref="Min"/> when not set.</summary>
    public double Default { get; set; }

    /// <summary>The hyperparameter name; the property name in snake_case when not set.</summary>
    public string? Name { get; set; }
}
