using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Makes a hyperparameter active only when its parent takes one of the listed values (KerasTuner's
/// <c>parent_name</c> and <c>parent_values</c>). An inactive hyperparameter has no value in a trial.
/// </summary>
public sealed class Condition : IEquatable<Condition>
{
    private readonly object[] _parentValues;

    /// <summary>Creates a condition on <paramref name="parentName"/>.</summary>
    /// <exception cref="ArgumentException">The parent name is empty, or no parent value is given.</exception>
    public Condition(string parentName, IReadOnlyList<object> parentValues)
    {
        ArgumentNullException.ThrowIfNull(parentValues);
        string? nameError = SearchSpaceRules.CheckName(parentName);
        if (nameError != null)
        {
            throw new ArgumentException("Condition parent: " + nameError, nameof(parentName));
        }

        if (parentValues.Count == 0)
        {
            throw new ArgumentException(
                $"The condition on parent '{parentName}' lists no values. List the parent values that activate the parameter.",
                nameof(parentValues));
        }

        ParentName = parentName;
        _parentValues = parentValues.ToArray();
    }

    /// <summary>The name of the parent hyperparameter.</summary>
    public string ParentName { get; }

    /// <summary>The parent values for which the condition holds.</summary>
    public IReadOnlyList<object> ParentValues => _parentValues;

    /// <summary>
    /// Whether the condition holds for <paramref name="values"/>: the parent has a value and it equals one of
    /// <see cref="ParentValues"/>. Numbers compare by value, so the int 2 matches the double 2.0.
    /// </summary>
    public bool IsSatisfied(IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(ParentName, out object? parentValue))
        {
            return false;
        }

        // A loop over the array, not Any with a lambda, so that this check allocates nothing.
        foreach (object candidate in _parentValues)
        {
            if (HyperParameterValue.AreEqual(candidate, parentValue))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(Condition? other) =>
        other is not null
        && ParentName == other.ParentName
        && ParentValues.Count == other.ParentValues.Count
        && ParentValues.Zip(other.ParentValues).All(pair => HyperParameterValue.AreEqual(pair.First, pair.Second));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Condition);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ParentName);

    /// <summary>Formats the condition as <c>parent in [a, b]</c>.</summary>
    public override string ToString() => $"{ParentName} in {SearchSpaceRules.FormatList(ParentValues)}";
}
