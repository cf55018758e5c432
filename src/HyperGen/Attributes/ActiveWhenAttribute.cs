using System;

namespace HyperGen;

/// <summary>
/// Makes a hyperparameter property exist only in trials where another hyperparameter property of the same model
/// takes one of <paramref name="values"/> (KerasTuner's <c>parent_name</c> and <c>parent_values</c>). Reading the
/// property in a trial where it is inactive throws; in the generated <c>Values</c> record it is null.
/// </summary>
/// <param name="parent">The parent property, written as <c>nameof(Parent)</c>.</param>
/// <param name="values">The parent values that activate this property.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ActiveWhenAttribute(string parent, params object[] values) : Attribute
{
    /// <summary>The parent property name.</summary>
    public string Parent { get; } = parent;

    /// <summary>The parent values that activate the property.</summary>
    public object[] Values { get; } = values;
}
