using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// The definition of one hyperparameter: its name, the values it can take, its default and the conditions under
/// which it is active. Definitions are immutable and compare by value.
/// </summary>
/// <remarks>
/// Values are always a <see cref="string"/>, <see cref="int"/>, <see cref="double"/> or <see cref="bool"/>.
/// Sampling maps a uniform draw <c>u</c> in [0, 1) to a value (<see cref="FromUnit"/>) and a value back to the
/// centre of its share of [0, 1) (<see cref="ToUnit"/>), as KerasTuner's <c>prob_to_value</c> and
/// <c>value_to_prob</c> do, so that every search algorithm works in one unit cube.
/// </remarks>
public abstract class HyperParameter : IEquatable<HyperParameter>
{
    private readonly Condition[] _conditions;

    private protected HyperParameter(string name, IReadOnlyList<Condition>? conditions)
    {
        string? nameError = SearchSpaceRules.CheckName(name);
        if (nameError != null)
        {
            throw new ArgumentException(nameError, nameof(name));
        }

        Name = name;
        _conditions = conditions?.ToArray() ?? [];
        foreach (var condition in _conditions)
        {
            if (condition.ParentName == name)
            {
                throw new ArgumentException(
                    $"Hyperparameter '{name}' has a condition on itself. Make it depend on another parameter.",
                    nameof(conditions));
            }
        }
    }

    /// <summary>The name, unique within a search space.</summary>
    public string Name { get; }

    /// <summary>Conditions that must all hold for the parameter to be active; empty for an unconditional one.</summary>
    public IReadOnlyList<Condition> Conditions => _conditions;

    /// <summary>The CLR type of the values: string, int, double or bool.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The value used when no search algorithm chooses one.</summary>
    public abstract object DefaultValue { get; }

    /// <summary>Whether the parameter takes a finite set of values (<see cref="GridValues"/> lists them).</summary>
    public abstract bool IsFinite { get; }

    /// <summary>The number of distinct values, or <see langword="null"/> when the range is continuous.</summary>
    public abstract long? Cardinality { get; }

    /// <summary>Whether a search algorithm chooses this parameter's value; false only for fixed values.</summary>
    public virtual bool IsTunable => true;

    /// <summary>Every value of a finite parameter in ascending or declared order.</summary>
    /// <exception cref="InvalidOperationException">The parameter is continuous.</exception>
    public abstract IReadOnlyList<object> GridValues();

    /// <summary>Maps <paramref name="unit"/> in [0, 1) to a value (values outside are clamped).</summary>
    public abstract object FromUnit(double unit);

    /// <summary>Maps a value to the centre of its share of [0, 1).</summary>
    public abstract double ToUnit(object value);

    /// <summary>Whether <paramref name="value"/> is a value this parameter can take.</summary>
    public abstract bool Contains(object value);

    /// <summary>A canonical description such as <c>Int(32, 512, step=32)</c>, without the name or conditions.</summary>
    public abstract string Describe();

    /// <summary>Whether every condition holds for <paramref name="values"/>.</summary>
    public bool IsActive(IReadOnlyDictionary<string, object> values)
    {
        // A loop over the array, not All with a lambda, so that this check allocates nothing.
        foreach (var condition in _conditions)
        {
            if (!condition.IsSatisfied(values))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(HyperParameter? other) =>
        other is not null
        && GetType() == other.GetType()
        && Name == other.Name
        && Describe() == other.Describe()
        && Conditions.SequenceEqual(other.Conditions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HyperParameter);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Describe());

    /// <summary>Formats the parameter as <c>name: Int(...) when parent in [...]</c>.</summary>
    public override string ToString()
    {
        string text = $"{Name}: {Describe()}";
        return Conditions.Count == 0 ? text : text + " when " + string.Join(" and ", Conditions);
    }

    private protected static double ClampUnit(double unit)
    {
        if (double.IsNaN(unit) || unit < 0)
        {
            return 0;
        }

        return unit >= 1 ? Math.BitDecrement(1.0) : unit;
    }

    private protected static long Bucket(double unit, long count) =>
        Math.Min(count - 1, (long)Math.Floor(ClampUnit(unit) * count));

    private protected static double BucketCentre(long index, long count) => (index + 0.5) / count;
}
