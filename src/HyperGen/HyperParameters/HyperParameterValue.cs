using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HyperGen;

/// <summary>Helpers for hyperparameter values, which are always a <see cref="string"/>, <see cref="int"/>,
/// <see cref="double"/> or <see cref="bool"/>.</summary>
internal static class HyperParameterValue
{
    /// <summary>
    /// Value equality in which numbers of different types (int, long, double, float, ...) with the same numeric
    /// value are equal, so a condition on <c>2L</c> or <c>2.0</c> matches the int 2.
    /// </summary>
    public static bool AreEqual(object? left, object? right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return Convert.ToDouble(left, CultureInfo.InvariantCulture) == Convert.ToDouble(right, CultureInfo.InvariantCulture);
        }

        return Equals(left, right);
    }

    /// <summary>
    /// Whether <paramref name="parameter"/> can take <paramref name="value"/>: one of its grid values, or a number
    /// inside a continuous range.
    /// </summary>
    public static bool CanTake(HyperParameter parameter, object value)
    {
        if (parameter.IsFinite && parameter.Cardinality <= 100_000)
        {
            return parameter.GridValues().Any(candidate => AreEqual(candidate, value));
        }

        if (parameter is FloatHyperParameter range && IsNumber(value))
        {
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return parameter.Contains(number) || (range.Step is null && number >= range.Min && number <= range.Max);
        }

        if (parameter is IntHyperParameter && IsNumber(value))
        {
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue && parameter.Contains((int)number);
        }

        return false;
    }

    private static bool IsNumber(object? value) =>
        value is int or long or double or float or short or byte or sbyte or ushort or uint or ulong or decimal;

    /// <summary>Converts a stored value to <typeparamref name="T"/>, widening int to double where asked.</summary>
    public static T ConvertTo<T>(string name, object value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (typeof(T) == typeof(double) && value is int integer)
        {
            return (T)(object)(double)integer;
        }

        if (typeof(T) == typeof(int) && value is double real && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
        {
            return (T)(object)(int)real;
        }

        throw new InvalidCastException(
            $"Hyperparameter '{name}' has the {TypeName(value)} value {SearchSpaceRules.FormatObject(value)}, which cannot be read as {typeof(T).Name}. Read it as {TypeName(value)}.");
    }

    /// <summary>Formats values as <c>name=value, ...</c> in the given order, for logs and summaries.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, object>> values) =>
        string.Join(", ", values.Select(pair => pair.Key + "=" + SearchSpaceRules.FormatObject(pair.Value)));

    /// <summary>The C# keyword for a value's type.</summary>
    public static string TypeName(object value) => value switch
    {
        int => "int",
        double => "double",
        bool => "bool",
        string => "string",
        _ => value.GetType().Name,
    };
}
