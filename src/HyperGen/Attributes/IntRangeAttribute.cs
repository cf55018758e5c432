using System;

namespace HyperGen;

/// <summary>
/// Tunes an <see cref="int"/> property over <c>[min, max]</c>, both inclusive. Without <see cref="Step"/>, linear
/// ranges step by 1. See <see cref="IntHyperParameter"/> for the sampling rules.
/// </summary>
/// <remarks>
/// Put it on a <c>partial</c> get-only property of a <c>partial</c> class that derives from <c>HyperModel&lt;TModel&gt;</c>;
/// the source generator implements the property. Bounds are <see cref="long"/> so that the analyzers can report
/// bounds outside <see cref="int"/> instead of a compiler overflow error.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class IntRangeAttribute(long min, long max) : Attribute
{
    /// <summary>The smallest value.</summary>
    public long Min { get; } = min;

    /// <summary>The largest value.</summary>
    public long Max { get; } = max;

    /// <summary>The grid step; a multiplier greater than 1 with log or reverse-log sampling.</summary>
    public long Step { get; set; }

    /// <summary>How values are sampled; linear by default.</summary>
    public Sampling Sampling { get; set; }

    /// <summary>The default value; <see cref="Min"/> when not set.</summary>
    public long Default { get; set; }

    /// <summary>The hyperparameter name; the property name in snake_case when not set.</summary>
    public string? Name { get; set; }
}
