using System;

namespace HyperGen;

/// <summary>Tunes a <see cref="bool"/> property over true and false.</summary>
/// <remarks>Put it on a <c>partial</c> get-only property of a <c>partial</c> HyperModel class.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class BooleanAttribute : Attribute
{
    /// <summary>The default value; false when not set.</summary>
    public bool Default { get; set; }

    /// <summary>The hyperparameter name; the property name in snake_case when not set.</summary>
    public string? Name { get; set; }
}
