using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// The identity of a configuration: its tuned, active parameter names and values, in the oracle's declaration order.
/// Two configurations are the same trial exactly when their keys are equal.
/// </summary>
/// <remarks>
/// <para>The key compares names ordinally and values with their type: the int 1 differs from the double 1.0. Doubles
/// are equal when their bits are, every NaN is equal to every NaN, and 0.0 differs from -0.0, which is how their
/// round-trip ("R") text compares. Values of any other type compare by their <see cref="object.ToString"/> text.</para>
/// <para>An oracle's space only grows at its end, so the names of any two of its configurations appear in one
/// relative order. Comparing the pairs position by position therefore compares them as sets, without sorting.</para>
/// <para>A key is immutable and computes its hash code once.</para>
/// </remarks>
internal sealed class ConfigurationKey : IEquatable<ConfigurationKey>
{
    private readonly string[] _names;
    private readonly object[] _values;
    private readonly int _count;
    private readonly int _hashCode;

    /// <summary>Creates a key from the first <paramref name="count"/> names and values, keeping both arrays.</summary>
    /// <param name="names">The parameter names, in the oracle's declaration order.</param>
    /// <param name="values">The value of each name, at the same index.</param>
    /// <param name="count">How many entries of <paramref name="names"/> and <paramref name="values"/> are used.</param>
    public ConfigurationKey(string[] names, object[] values, int count)
    {
        _names = names;
        _values = values;
        _count = count;
        var hash = new HashCode();
        for (int i = 0; i < count; i++)
        {
            hash.Add(StringComparer.Ordinal.GetHashCode(names[i]));
            hash.Add(ValueHashCode(values[i]));
        }

        _hashCode = hash.ToHashCode();
    }

    /// <inheritdoc />
    public bool Equals(ConfigurationKey? other)
    {
        if (other is null || other._count != _count || other._hashCode != _hashCode)
        {
            return false;
        }

        for (int i = 0; i < _count; i++)
        {
            bool sameName = string.Equals(_names[i], other._names[i], StringComparison.Ordinal);
            if (!sameName || !ValuesEqual(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConfigurationKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

    private static bool ValuesEqual(object left, object right) => (left, right) switch
    {
        (int l, int r) => l == r,
        (double l, double r) => DoubleBits(l) == DoubleBits(r),
        (bool l, bool r) => l == r,
        (string l, string r) => string.Equals(l, r, StringComparison.Ordinal),
        _ => !IsKnownType(left)
            && !IsKnownType(right)
            && string.Equals(OtherText(left), OtherText(right), StringComparison.Ordinal),
    };

    private static int ValueHashCode(object value) => value switch
    {
        int i => i,
        double d => DoubleBits(d).GetHashCode(),
        bool b => b ? 1 : 0,
        string s => StringComparer.Ordinal.GetHashCode(s),
        _ => StringComparer.Ordinal.GetHashCode(OtherText(value)),
    };

    private static bool IsKnownType(object value) => value is int or double or bool or string;

    /// <summary>The bits of a double, with every NaN mapped to one value.</summary>
    private static long DoubleBits(double value) =>
        double.IsNaN(value) ? long.MinValue : BitConverter.DoubleToInt64Bits(value);

    private static string OtherText(object value) => value.ToString() ?? string.Empty;
}
