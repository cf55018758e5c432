using System;

namespace HyperGen;

/// <summary>Gives a property a value that every trial records but no search changes.</summary>
/// <remarks>Put it on a <c>partial</c> get-only property of a <c>partial</c> HyperModel class; the value must have
/// the property's type (string, int, double or bool).</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FixedAttribute(object value) : Attribute
{
    /// <summary>The value.</summary>
    public object Value { get; } = value;

    /// <summary>The hyperparameter name; the property name in snake_case when not set.</summary>
    public string? Name { get; set; }
}
