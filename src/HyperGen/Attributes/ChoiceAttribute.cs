using System;

namespace HyperGen;

/// <summary>
/// Tunes a <see cref="string"/>, <see cref="int"/>, <see cref="double"/> or <see cref="bool"/> property over a list
/// of values, kept in the declared order. See <see cref="ChoiceHyperParameter"/>.
/// </summary>
/// <remarks>Put it on a <c>partial</c> get-only property of a <c>partial</c> HyperModel class. The values must
/// all have the property's type (int constants are accepted for a <see cref="double"/> property).</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ChoiceAttribute(params object[] values) : Attribute
{
    /// <summary>The values to choose from.</summary>
    public object[] Values { get; } = values;

    /// <summary>Whether the values have a meaningful order; true for numbers when not set.</summary>
    public bool Ordered { get; set; }

    /// <summary>The default value; the first value when not set.</summary>
    public object? Default { get; set; }

    /// <summary>The hyperparameter name; the property name in snake_case when not set.</summary>
    public string? Name { get; set; }
}
