using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HyperGen
{
    /// <summary>
    /// The rules that decide whether a hyperparameter definition is valid, and the grid arithmetic they rely on.
    /// </summary>
    /// <remarks>
    /// This file is the single source of these rules: the runtime throws <see cref="ArgumentException"/> with the
    /// returned message, and the compile-time tools link the same file, so a definition is rejected in the same way
    /// at run time and at build time. It therefore targets netstandard2.0 and uses nothing outside the BCL.
    /// Every check returns <see langword="null"/> when the definition is valid, or a message that names the
    /// parameter, the offending value and the fix.
    /// </remarks>
    internal static class SearchSpaceRules
    {
        /// <summary>Relative tolerance used when deciding whether a value lies on a step grid.</summary>
        public const double GridTolerance = 1e-9;

        /// <summary>Checks a hyperparameter name.</summary>
        public static string? CheckName(string? name)
        {
            if (name == null || name.Trim().Length == 0)
            {
                return "A hyperparameter name must not be null, empty or whitespace. Give the parameter a name such as 'units'.";
            }

            return null;
        }

        /// <summary>Checks an integer range, its step, sampling and default.</summary>
        public static string? CheckIntRange(string name, long min, long max, long? step, Sampling sampling, long? defaultValue)
        {
            return CheckIntBounds(name, min, max)
                ?? CheckIntStep(name, step, sampling)
                ?? CheckLogBounds(name, min, sampling)
                ?? CheckDefaultInRange(name, min, max, defaultValue, defaultValue.HasValue ? Format(defaultValue.Value) : null)
                ?? CheckDefaultOnGrid(name, min, max, step, sampling, defaultValue);
        }

        /// <summary>Checks a floating-point range, its step, sampling and default.</summary>
        public static string? CheckFloatRange(string name, double min, double max, double? step, Sampling sampling, double? defaultValue)
        {
            return CheckFinite(name, "min", min)
                ?? CheckFinite(name, "max", max)
                ?? (step.HasValue ? CheckFinite(name, "step", step.Value) : null)
                ?? (defaultValue.HasValue ? CheckFinite(name, "default", defaultValue.Value) : null)
                ?? CheckFloatBounds(name, min, max)
                ?? CheckFloatStep(name, step, sampling)
                ?? CheckLogBounds(name, min, sampling)
                ?? CheckDefaultInRange(name, min, max, defaultValue, defaultValue.HasValue ? Format(defaultValue.Value) : null)
                ?? CheckDefaultOnGrid(name, min, max, step, sampling, defaultValue);
        }

        /// <summary>
        /// Checks a list of choices: at least one value, every value non-null and of one type (string, int, double
        /// or bool), <paramref name="ordered"/> only for numbers, and a default that is one of the values.
        /// Duplicate values are allowed here; the analyzers warn about them.
        /// </summary>
        public static string? CheckChoices(string name, IReadOnlyList<object?> values, bool? ordered, object? defaultValue, bool hasDefault)
        {
            if (values.Count == 0)
            {
                return $"Hyperparameter '{name}': a choice needs at least one value. List the values to try, or use a fixed value.";
            }

            Type? first = null;
            foreach (var value in values)
            {
                if (value == null || !IsChoiceType(value.GetType()))
                {
                    return $"Hyperparameter '{name}': choice value {FormatObject(value)} is not a string, int, double or bool. Use values of one of those types.";
                }

                if (first == null)
                {
                    first = value.GetType();
                }
                else if (value.GetType() != first)
                {
                    return $"Hyperparameter '{name}': choice values mix {TypeName(first)} and {TypeName(value.GetType())} ({FormatList(values)}). Use values of one type.";
                }
            }

            if (ordered == true && first != typeof(int) && first != typeof(double))
            {
                return $"Hyperparameter '{name}': only numeric choices can be ordered, but the values are {TypeName(first!)}. Set ordered to false or omit it.";
            }

            if (hasDefault && !ContainsChoice(values, defaultValue))
            {
                return $"Hyperparameter '{name}': default {FormatObject(defaultValue)} is not one of the choices {FormatList(values)}. Use one of the listed values, or omit the default to use the first one.";
            }

            return null;
        }

        /// <summary>Checks the value of a fixed hyperparameter.</summary>
        public static string? CheckFixed(string name, object? value)
        {
            if (value == null || !IsChoiceType(value.GetType()))
            {
                return $"Hyperparameter '{name}': fixed value {FormatObject(value)} is not a string, int, double or bool. Use a value of one of those types.";
            }

            if (value is double d && (double.IsNaN(d) || double.IsInfinity(d)))
            {
                return $"Hyperparameter '{name}': fixed value {Format(d)} is not a finite number. Use a finite value.";
            }

            return null;
        }

        /// <summary>Whether <paramref name="type"/> is one of the value types a choice or fixed value may have.</summary>
        public static bool IsChoiceType(Type type) =>
            type == typeof(string) || type == typeof(int) || type == typeof(double) || type == typeof(bool);

        /// <summary>
        /// The number of points on a step grid from <paramref name="min"/> to <paramref name="max"/>. Linear grids
        /// are <c>min + i * step</c>; log and reverse-log grids are multiplicative. The maximum is on the grid when it
        /// lies within <see cref="GridTolerance"/> (relative) of a grid point, so <c>0, 0.2, ..., 1.0</c> has six
        /// points even though <c>1.0 / 0.2</c> is not exact in binary floating point.
        /// </summary>
        public static long GridCount(double min, double max, double step, Sampling sampling)
        {
            double steps = sampling == Sampling.Linear
                ? (max - min) / step
                : Math.Log(max / min) / Math.Log(step);

            return (long)Math.Floor(steps + GridTolerance * Math.Max(1.0, Math.Abs(steps))) + 1;
        }

        /// <summary>
        /// The <paramref name="index"/>-th point of a step grid, in ascending order. A point within the tolerance of
        /// <paramref name="max"/> is returned as <paramref name="max"/> exactly, and linear points are rounded to 15
        /// significant digits so that <c>0.6000000000000001</c> reads as <c>0.6</c>.
        /// </summary>
        public static double GridValue(double min, double max, double step, Sampling sampling, long index, long count)
        {
            switch (sampling)
            {
                case Sampling.Log:
                    return SnapToMax(min * Math.Pow(step, index), max);
                case Sampling.ReverseLog:
                    // Mirror of the log grid: index 0 is min, the last index is max.
                    return SnapToMax(max + min - min * Math.Pow(step, count - 1 - index), max);
                default:
                    return SnapToMax(Round15(min + index * step), max);
            }
        }

        /// <summary>The largest value on a step grid.</summary>
        public static double LargestGridValue(double min, double max, double step, Sampling sampling)
        {
            long count = GridCount(min, max, step, sampling);
            return GridValue(min, max, step, sampling, count - 1, count);
        }

        /// <summary>The index of the grid point equal to <paramref name="value"/> within the tolerance, or -1.</summary>
        public static long GridIndexOf(double min, double max, double step, Sampling sampling, double value)
        {
            long count = GridCount(min, max, step, sampling);
            double position;
            switch (sampling)
            {
                case Sampling.Log:
                    position = Math.Log(value / min) / Math.Log(step);
                    break;
                case Sampling.ReverseLog:
                    double mirrored = max + min - value;
                    if (mirrored <= 0)
                    {
                        return -1;
                    }

                    position = count - 1 - Math.Log(mirrored / min) / Math.Log(step);
                    break;
                default:
                    position = (value - min) / step;
                    break;
            }

            double nearest = Math.Round(position);
            if (nearest < 0 || nearest >= count)
            {
                return -1;
            }

            double point = GridValue(min, max, step, sampling, (long)nearest, count);
            double scale = Math.Max(Math.Max(Math.Abs(value), Math.Abs(point)), Math.Abs(step));
            return Math.Abs(point - value) <= GridTolerance * Math.Max(scale, double.Epsilon) ? (long)nearest : -1;
        }

        /// <summary>Formats a number the way messages and generated names show it (invariant, round-trip).</summary>
        public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Formats an integer for messages.</summary>
        public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Formats a choice, fixed or default value for messages: strings quoted, bools lower case.</summary>
        public static string FormatObject(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string s:
                    return "\"" + s + "\"";
                case bool b:
                    return b ? "true" : "false";
                case double d:
                    return Format(d);
                case float f:
                    return Format(f);
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>Formats a list of values as <c>[a, b, c]</c>.</summary>
        public static string FormatList(IReadOnlyList<object?> values)
        {
            var builder = new StringBuilder("[");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                builder.Append(FormatObject(values[i]));
            }

            return builder.Append(']').ToString();
        }

        /// <summary>Whether <paramref name="values"/> contains <paramref name="candidate"/>, comparing by value.</summary>
        public static bool ContainsChoice(IReadOnlyList<object?> values, object? candidate)
        {
            foreach (var value in values)
            {
                if (Equals(value, candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? CheckIntBounds(string name, long min, long max)
        {
            if (min > max)
            {
                return $"Hyperparameter '{name}': min {Format(min)} is greater than max {Format(max)}. Swap the bounds.";
            }

            return null;
        }

        private static string? CheckFloatBounds(string name, double min, double max)
        {
            if (min > max)
            {
                return $"Hyperparameter '{name}': min {Format(min)} is greater than max {Format(max)}. Swap the bounds.";
            }

            return null;
        }

        private static string? CheckIntStep(string name, long? step, Sampling sampling)
        {
            if (step.HasValue && step.Value <= 0)
            {
                return $"Hyperparameter '{name}': step {Format(step.Value)} must be positive. Use a step of 1 or more, or omit it.";
            }

            if (step.HasValue && sampling != Sampling.Linear && step.Value <= 1)
            {
                return MultiplicativeStepMessage(name, Format(step.Value), sampling);
            }

            return null;
        }

        private static string? CheckFloatStep(string name, double? step, Sampling sampling)
        {
            if (step.HasValue && step.Value <= 0)
            {
                return $"Hyperparameter '{name}': step {Format(step.Value)} must be positive. Use a positive step, or omit it for a continuous range.";
            }

            if (step.HasValue && sampling != Sampling.Linear && step.Value <= 1)
            {
                return MultiplicativeStepMessage(name, Format(step.Value), sampling);
            }

            return null;
        }

        private static string MultiplicativeStepMessage(string name, string step, Sampling sampling) =>
            $"Hyperparameter '{name}': with {sampling} sampling the step is a multiplier and must be greater than 1, but it is {step}. Use a step such as 2 or 10, or omit it.";

        private static string? CheckLogBounds(string name, double min, Sampling sampling)
        {
            if (sampling != Sampling.Linear && min <= 0)
            {
                return $"Hyperparameter '{name}': {sampling} sampling needs min > 0, but min is {Format(min)}. Use a positive min, or Linear sampling.";
            }

            return null;
        }

        private static string? CheckFinite(string name, string what, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return $"Hyperparameter '{name}': {what} is {Format(value)}, which is not a finite number. Use a finite {what}.";
            }

            return null;
        }

        private static string? CheckDefaultInRange(string name, double min, double max, double? defaultValue, string? shown)
        {
            if (defaultValue.HasValue && (defaultValue.Value < min || defaultValue.Value > max))
            {
                return $"Hyperparameter '{name}': default {shown} is outside the range [{Format(min)}, {Format(max)}]. Use a default within the range, or omit it to use min.";
            }

            return null;
        }

        private static string? CheckDefaultOnGrid(string name, double min, double max, double? step, Sampling sampling, double? defaultValue)
        {
            if (!step.HasValue || !defaultValue.HasValue || GridIndexOf(min, max, step.Value, sampling, defaultValue.Value) >= 0)
            {
                return null;
            }

            long count = GridCount(min, max, step.Value, sampling);
            string below = Format(NearestGridValue(min, max, step.Value, sampling, count, defaultValue.Value));
            return $"Hyperparameter '{name}': default {Format(defaultValue.Value)} is not on the grid of step {Format(step.Value)} from {Format(min)}. Use a grid value such as {below}, or omit the default.";
        }

        private static double NearestGridValue(double min, double max, double step, Sampling sampling, long count, double value)
        {
            double best = min;
            long probes = Math.Min(count, 100000);
            for (long i = 0; i < probes; i++)
            {
                double point = GridValue(min, max, step, sampling, i, count);
                if (Math.Abs(point - value) < Math.Abs(best - value))
                {
                    best = point;
                }
            }

            return best;
        }

        private static double SnapToMax(double value, double max)
        {
            double scale = Math.Max(Math.Abs(max), Math.Abs(value));
            return Math.Abs(value - max) <= GridTolerance * Math.Max(scale, double.Epsilon) ? max : value;
        }

        private static double Round15(double value)
        {
            if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
            {
                return value;
            }

            return double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        private static string TypeName(Type type)
        {
            if (type == typeof(string))
            {
                return "string";
            }

            if (type == typeof(int))
            {
                return "int";
            }

            if (type == typeof(double))
            {
                return "double";
            }

            if (type == typeof(bool))
            {
                return "bool";
            }

            return type.Name;
        }
    }
}
