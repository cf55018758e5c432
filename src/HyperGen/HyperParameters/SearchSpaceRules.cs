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

        /// <summary>The largest fraction of a step that <see cref="GridCount"/> rounds up to a whole step.</summary>
        private const double MaxGridSlack = 1e-3;

        /// <summary>The value types a choice or fixed value may have, as messages list them.</summary>
        public const string SupportedTypes = "string, int, double or bool";

        /// <summary>Checks a hyperparameter name.</summary>
        public static string? CheckName(string? name) => FindNameViolation(name)?.Message;

        /// <summary>Checks an integer range, its step, sampling and default.</summary>
        public static string? CheckIntRange(string name, long min, long max, long? step, Sampling sampling, long? defaultValue) =>
            FindIntRangeViolation(name, min, max, step, sampling, defaultValue)?.Message;

        /// <summary>Checks a floating-point range, its step, sampling and default.</summary>
        public static string? CheckFloatRange(string name, double min, double max, double? step, Sampling sampling, double? defaultValue) =>
            FindFloatRangeViolation(name, min, max, step, sampling, defaultValue)?.Message;

        /// <summary>
        /// Checks a list of choices: at least one value, every value non-null and of one type (string, int, double
        /// or bool), <paramref name="ordered"/> only for numbers, and a default that is one of the values.
        /// Duplicate values are allowed here; the analyzers warn about them.
        /// </summary>
        public static string? CheckChoices(string name, IReadOnlyList<object?> values, bool? ordered, object? defaultValue, bool hasDefault) =>
            FindChoiceViolation(name, values, ordered, defaultValue, hasDefault)?.Message;

        /// <summary>Checks the value of a fixed hyperparameter.</summary>
        public static string? CheckFixed(string name, object? value) => FindFixedViolation(name, value)?.Message;

        /// <summary>Finds the violation of <see cref="CheckName"/>, or returns null for a valid name.</summary>
        public static SearchSpaceViolation? FindNameViolation(string? name)
        {
            if (name == null || name.Trim().Length == 0)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.NameEmpty,
                    SearchSpaceArgument.Name,
                    "A hyperparameter name must not be null, empty or whitespace. Give the parameter a name such as 'units'.",
                    name ?? string.Empty);
            }

            return null;
        }

        /// <summary>
        /// Finds the first violation of <see cref="CheckIntRange"/>, the one whose message the runtime throws, or
        /// returns null for a valid range.
        /// </summary>
        public static SearchSpaceViolation? FindIntRangeViolation(string name, long min, long max, long? step, Sampling sampling, long? defaultValue)
        {
            return CheckIntBounds(name, min, max)
                ?? CheckIntStep(name, step, sampling)
                ?? CheckLogBounds(name, min, sampling)
                ?? CheckDefaultInRange(name, min, max, defaultValue, defaultValue.HasValue ? Format(defaultValue.Value) : null)
                ?? CheckDefaultOnGrid(name, min, max, step, sampling, defaultValue);
        }

        /// <summary>
        /// Finds the first violation of <see cref="CheckFloatRange"/>, the one whose message the runtime throws, or
        /// returns null for a valid range.
        /// </summary>
        public static SearchSpaceViolation? FindFloatRangeViolation(string name, double min, double max, double? step, Sampling sampling, double? defaultValue)
        {
            return CheckFinite(name, SearchSpaceArgument.Min, min)
                ?? CheckFinite(name, SearchSpaceArgument.Max, max)
                ?? (step.HasValue ? CheckFinite(name, SearchSpaceArgument.Step, step.Value) : null)
                ?? (defaultValue.HasValue ? CheckFinite(name, SearchSpaceArgument.Default, defaultValue.Value) : null)
                ?? CheckFloatBounds(name, min, max)
                ?? CheckFloatStep(name, step, sampling)
                ?? CheckLogBounds(name, min, sampling)
                ?? CheckFloatSpan(name, min, max, sampling)
                ?? CheckDefaultInRange(name, min, max, defaultValue, defaultValue.HasValue ? Format(defaultValue.Value) : null)
                ?? CheckDefaultOnGrid(name, min, max, step, sampling, defaultValue);
        }

        /// <summary>Finds the first violation of <see cref="CheckChoices"/>, or returns null for valid choices.</summary>
        public static SearchSpaceViolation? FindChoiceViolation(string name, IReadOnlyList<object?> values, bool? ordered, object? defaultValue, bool hasDefault)
        {
            if (values.Count == 0)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.ChoiceEmpty,
                    SearchSpaceArgument.Values,
                    $"Hyperparameter '{name}': a choice needs at least one value. List the values to try, or use a fixed value.");
            }

            Type? first = null;
            for (int i = 0; i < values.Count; i++)
            {
                var value = values[i];
                if (value == null || !IsChoiceType(value.GetType()))
                {
                    return new SearchSpaceViolation(
                        SearchSpaceRule.ValueTypeUnsupported,
                        SearchSpaceArgument.Values,
                        $"Hyperparameter '{name}': choice value {FormatObject(value)} is not a string, int, double or bool. Use values of one of those types.",
                        FormatObject(value),
                        SupportedTypes) { ValueIndex = i };
                }

                if (first == null)
                {
                    first = value.GetType();
                }
                else if (value.GetType() != first)
                {
                    return new SearchSpaceViolation(
                        SearchSpaceRule.ChoiceMixedTypes,
                        SearchSpaceArgument.Values,
                        $"Hyperparameter '{name}': choice values mix {TypeName(first)} and {TypeName(value.GetType())} ({FormatList(values)}). Use values of one type.",
                        TypeName(first),
                        TypeName(value.GetType()),
                        FormatList(values)) { ValueIndex = i };
                }
            }

            if (ordered == true && first != typeof(int) && first != typeof(double))
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.ChoiceOrderedNotNumeric,
                    SearchSpaceArgument.Ordered,
                    $"Hyperparameter '{name}': only numeric choices can be ordered, but the values are {TypeName(first!)}. Set ordered to false or omit it.",
                    TypeName(first!));
            }

            if (hasDefault && !ContainsChoice(values, defaultValue))
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.ChoiceDefaultNotListed,
                    SearchSpaceArgument.Default,
                    $"Hyperparameter '{name}': default {FormatObject(defaultValue)} is not one of the choices {FormatList(values)}. Use one of the listed values, or omit the default to use the first one.",
                    FormatObject(defaultValue),
                    FormatList(values));
            }

            return null;
        }

        /// <summary>Finds the violation of <see cref="CheckFixed"/>, or returns null for a valid value.</summary>
        public static SearchSpaceViolation? FindFixedViolation(string name, object? value)
        {
            if (value == null || !IsChoiceType(value.GetType()))
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.ValueTypeUnsupported,
                    SearchSpaceArgument.Value,
                    $"Hyperparameter '{name}': fixed value {FormatObject(value)} is not a string, int, double or bool. Use a value of one of those types.",
                    FormatObject(value),
                    SupportedTypes);
            }

            if (value is double d && (double.IsNaN(d) || double.IsInfinity(d)))
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.NotFinite,
                    SearchSpaceArgument.Value,
                    $"Hyperparameter '{name}': fixed value {Format(d)} is not a finite number. Use a finite value.",
                    "value",
                    Format(d));
            }

            return null;
        }

        /// <summary>
        /// Finds an <c>[IntRange]</c> argument outside the range of <see cref="int"/>, or returns null
        /// when all fit. The attribute takes <see cref="long"/> arguments so that this can be reported.
        /// </summary>
        public static SearchSpaceViolation? FindIntOverflow(long min, long max, long? step, long? defaultValue)
        {
            return CheckFitsInt(SearchSpaceArgument.Min, min)
                ?? CheckFitsInt(SearchSpaceArgument.Max, max)
                ?? (step.HasValue ? CheckFitsInt(SearchSpaceArgument.Step, step.Value) : null)
                ?? (defaultValue.HasValue ? CheckFitsInt(SearchSpaceArgument.Default, defaultValue.Value) : null);
        }

        /// <summary>
        /// Finds a sampling value that is not a member of <see cref="Sampling"/>, such as <c>(Sampling)7</c>, or
        /// returns null. The runtime constructors do not check this; the generator skips such a definition.
        /// </summary>
        public static SearchSpaceViolation? FindUndefinedSampling(int sampling)
        {
            if (Enum.IsDefined(typeof(Sampling), sampling))
            {
                return null;
            }

            string shown = "(Sampling)" + sampling.ToString(CultureInfo.InvariantCulture);
            return new SearchSpaceViolation(
                SearchSpaceRule.SamplingUndefined,
                SearchSpaceArgument.Sampling,
                $"Sampling {shown} is not a member of Sampling. Use Linear, Log or ReverseLog.",
                shown);
        }

        /// <summary>
        /// Finds a range that the runtime accepts but that probably does not do what its author meant: a single value, a
        /// step larger than the range, a step that does not divide the range, or a multiplier so large that the grid
        /// contains one value. Call it only for a range without a violation; returns null when there is nothing to warn about.
        /// Set <paramref name="isInteger"/> for an integer range, whose grid values are rounded as in
        /// <c>IntHyperParameter</c>.
        /// </summary>
        public static SearchSpaceViolation? FindRangeWarning(
            string name, double min, double max, double? step, Sampling sampling, bool isInteger)
        {
            if (min == max)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.SingleValueRange,
                    SearchSpaceArgument.Bounds,
                    $"Hyperparameter '{name}': min and max are both {Format(min)}. Use a fixed value or widen the range.",
                    Format(min));
            }

            if (!step.HasValue)
            {
                return null;
            }

            long count = GridCount(min, max, step.Value, sampling);
            if (count == 1)
            {
                return SingleGridValueWarning(name, min, max, step.Value, sampling, isInteger);
            }

            return sampling == Sampling.ReverseLog
                ? FindReverseLogGap(name, min, max, step.Value, count, isInteger)
                : FindUnreachableMax(name, min, max, step.Value, sampling, isInteger);
        }

        /// <summary>
        /// Warns when a linear or log grid stops short of max, naming its largest value, which is also the max that
        /// would make the step divide the range.
        /// </summary>
        private static SearchSpaceViolation? FindUnreachableMax(
            string name, double min, double max, double step, Sampling sampling, bool isInteger)
        {
            double largest = LargestGridValue(min, max, step, sampling);
            largest = isInteger ? Math.Round(largest) : largest;
            if (largest == max)
            {
                return null;
            }

            return new SearchSpaceViolation(
                SearchSpaceRule.StepDoesNotDivideRange,
                SearchSpaceArgument.Step,
                $"Hyperparameter '{name}': step {Format(step)} does not reach max {Format(max)}; the largest grid value is {Format(largest)}.",
                Format(step),
                Format(min),
                Format(max),
                Format(max),
                Format(largest),
                Format(largest));
        }

        /// <summary>
        /// Warns when a reverse-log grid starts above min. The grid mirrors the log grid, so it always ends at max,
        /// and its first value is <c>max + min - m</c>, where <c>m</c> is the log grid's largest value. Setting max
        /// to <c>m</c> makes the step divide the range.
        /// </summary>
        private static SearchSpaceViolation? FindReverseLogGap(
            string name, double min, double max, double step, long count, bool isInteger)
        {
            // The log grid's largest value snaps to max within the tolerance, so this also absorbs rounding.
            double logLargest = LargestGridValue(min, max, step, Sampling.Log);
            if (logLargest == max)
            {
                return null;
            }

            double smallest = GridValue(min, max, step, Sampling.ReverseLog, 0, count);
            smallest = isInteger ? Math.Round(smallest) : smallest;
            if (smallest == min)
            {
                return null;
            }

            string suggestedMax = Format(isInteger ? Math.Round(logLargest) : logLargest);
            return new SearchSpaceViolation(
                SearchSpaceRule.StepDoesNotDivideRange,
                SearchSpaceArgument.Step,
                $"Hyperparameter '{name}': with ReverseLog sampling, step {Format(step)} does not reach min {Format(min)}; the smallest grid value is {Format(smallest)}.",
                Format(step),
                Format(min),
                Format(max),
                Format(min),
                Format(smallest),
                suggestedMax);
        }

        /// <summary>
        /// Finds the first value listed a second time in a choice, or returns null when all values differ. The
        /// runtime accepts duplicates, which make a value more likely to be drawn.
        /// </summary>
        public static SearchSpaceViolation? FindDuplicateChoice(string name, IReadOnlyList<object?> values)
        {
            for (int i = 1; i < values.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (Equals(values[i], values[j]))
                    {
                        return new SearchSpaceViolation(
                            SearchSpaceRule.ChoiceDuplicate,
                            SearchSpaceArgument.Values,
                            $"Hyperparameter '{name}': choice value {FormatObject(values[i])} is listed more than once. Remove the duplicate.",
                            FormatObject(values[i])) { ValueIndex = i };
                    }
                }
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

            // The slack absorbs rounding in the division; capped so that grids of billions of steps gain no point.
            double slack = Math.Min(MaxGridSlack, GridTolerance * Math.Max(1.0, Math.Abs(steps)));
            return (long)Math.Floor(steps + slack) + 1;
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

        private static SearchSpaceViolation? CheckIntBounds(string name, long min, long max)
        {
            if (min > max)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.MinGreaterThanMax,
                    SearchSpaceArgument.Bounds,
                    $"Hyperparameter '{name}': min {Format(min)} is greater than max {Format(max)}. Swap the bounds.",
                    Format(min),
                    Format(max));
            }

            return null;
        }

        private static SearchSpaceViolation? CheckFloatBounds(string name, double min, double max)
        {
            if (min > max)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.MinGreaterThanMax,
                    SearchSpaceArgument.Bounds,
                    $"Hyperparameter '{name}': min {Format(min)} is greater than max {Format(max)}. Swap the bounds.",
                    Format(min),
                    Format(max));
            }

            return null;
        }

        private static SearchSpaceViolation? CheckIntStep(string name, long? step, Sampling sampling)
        {
            if (step.HasValue && step.Value <= 0)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.StepNotPositive,
                    SearchSpaceArgument.Step,
                    $"Hyperparameter '{name}': step {Format(step.Value)} must be positive. Use a step of 1 or more, or omit it.",
                    Format(step.Value));
            }

            if (step.HasValue && sampling != Sampling.Linear && step.Value <= 1)
            {
                return MultiplicativeStepViolation(name, Format(step.Value), sampling);
            }

            return null;
        }

        private static SearchSpaceViolation? CheckFloatStep(string name, double? step, Sampling sampling)
        {
            if (step.HasValue && step.Value <= 0)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.StepNotPositive,
                    SearchSpaceArgument.Step,
                    $"Hyperparameter '{name}': step {Format(step.Value)} must be positive. Use a positive step, or omit it for a continuous range.",
                    Format(step.Value));
            }

            if (step.HasValue && sampling != Sampling.Linear && step.Value <= 1)
            {
                return MultiplicativeStepViolation(name, Format(step.Value), sampling);
            }

            return null;
        }

        private static SearchSpaceViolation MultiplicativeStepViolation(string name, string step, Sampling sampling) =>
            new SearchSpaceViolation(
                SearchSpaceRule.MultiplicativeStepNotAboveOne,
                SearchSpaceArgument.Step,
                $"Hyperparameter '{name}': with {sampling} sampling the step is a multiplier and must be greater than 1, but it is {step}. Use a step such as 2 or 10, or omit it.",
                sampling.ToString(),
                step);

        private static SearchSpaceViolation? CheckLogBounds(string name, double min, Sampling sampling)
        {
            if (sampling != Sampling.Linear && min <= 0)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.LogMinNotPositive,
                    SearchSpaceArgument.Min,
                    $"Hyperparameter '{name}': {sampling} sampling needs min > 0, but min is {Format(min)}. Use a positive min, or Linear sampling.",
                    sampling.ToString(),
                    Format(min));
            }

            return null;
        }

        /// <summary>
        /// Rejects a range whose width (linear) or ratio (log and reverse-log) overflows a double, because sampling
        /// over it would return only one end of the range.
        /// </summary>
        private static SearchSpaceViolation? CheckFloatSpan(string name, double min, double max, Sampling sampling)
        {
            bool linear = sampling == Sampling.Linear;
            double span = linear ? max - min : max / min;
            if (!double.IsInfinity(span))
            {
                return null;
            }

            string what = linear ? "max - min" : "max / min";
            return new SearchSpaceViolation(
                SearchSpaceRule.NotFinite,
                SearchSpaceArgument.Max,
                $"Hyperparameter '{name}': {what} is {Format(span)}, which is not a finite number. Use a narrower range.",
                what,
                Format(span));
        }

        private static SearchSpaceViolation? CheckFinite(string name, SearchSpaceArgument argument, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                string what = ArgumentName(argument);
                return new SearchSpaceViolation(
                    SearchSpaceRule.NotFinite,
                    argument,
                    $"Hyperparameter '{name}': {what} is {Format(value)}, which is not a finite number. Use a finite {what}.",
                    what,
                    Format(value));
            }

            return null;
        }

        private static SearchSpaceViolation? CheckDefaultInRange(string name, double min, double max, double? defaultValue, string? shown)
        {
            if (defaultValue.HasValue && (defaultValue.Value < min || defaultValue.Value > max))
            {
                string nearest = Format(defaultValue.Value < min ? min : max);
                return new SearchSpaceViolation(
                    SearchSpaceRule.DefaultOutsideRange,
                    SearchSpaceArgument.Default,
                    $"Hyperparameter '{name}': default {shown} is outside the range [{Format(min)}, {Format(max)}]. Use a default within the range, or omit it to use min.",
                    shown ?? string.Empty,
                    Format(min),
                    Format(max),
                    nearest);
            }

            return null;
        }

        private static SearchSpaceViolation? CheckDefaultOnGrid(string name, double min, double max, double? step, Sampling sampling, double? defaultValue)
        {
            if (!step.HasValue || !defaultValue.HasValue || GridIndexOf(min, max, step.Value, sampling, defaultValue.Value) >= 0)
            {
                return null;
            }

            long count = GridCount(min, max, step.Value, sampling);
            string below = Format(NearestGridValue(min, max, step.Value, sampling, count, defaultValue.Value));
            return new SearchSpaceViolation(
                SearchSpaceRule.DefaultNotOnGrid,
                SearchSpaceArgument.Default,
                $"Hyperparameter '{name}': default {Format(defaultValue.Value)} is not on the grid of step {Format(step.Value)} from {Format(min)}. Use a grid value such as {below}, or omit the default.",
                Format(defaultValue.Value),
                Format(step.Value),
                Format(min),
                below);
        }

        private static SearchSpaceViolation SingleGridValueWarning(
            string name, double min, double max, double step, Sampling sampling, bool isInteger)
        {
            if (sampling == Sampling.Linear)
            {
                return new SearchSpaceViolation(
                    SearchSpaceRule.StepLargerThanRange,
                    SearchSpaceArgument.Step,
                    $"Hyperparameter '{name}': step {Format(step)} is larger than the range [{Format(min)}, {Format(max)}], so only {Format(min)} is reachable.",
                    Format(step),
                    Format(min),
                    Format(max),
                    Format(max - min));
            }

            double only = GridValue(min, max, step, sampling, 0, 1);
            string grid = FormatList(new object?[] { isInteger ? Math.Round(only) : only });
            return new SearchSpaceViolation(
                SearchSpaceRule.MultiplicativeStepReachesOnlyMin,
                SearchSpaceArgument.Step,
                $"Hyperparameter '{name}': with {sampling} sampling the step {Format(step)} is a multiplier, so the grid is {grid}.",
                sampling.ToString(),
                Format(step),
                Format(min),
                Format(max),
                grid);
        }

        private static SearchSpaceViolation? CheckFitsInt(SearchSpaceArgument argument, long value)
        {
            if (value >= int.MinValue && value <= int.MaxValue)
            {
                return null;
            }

            string what = ArgumentName(argument);
            return new SearchSpaceViolation(
                SearchSpaceRule.IntOutOfRange,
                argument,
                $"The {what} {Format(value)} is outside the range of int. Use a value from {int.MinValue} to {int.MaxValue}.",
                what,
                Format(value));
        }

        private static string ArgumentName(SearchSpaceArgument argument) =>
            argument.ToString().ToLowerInvariant();

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
    /// <summary>The rules of <see cref="SearchSpaceRules"/>; each maps to one analyzer diagnostic.</summary>
    internal enum SearchSpaceRule
    {
        /// <summary>The name is null, empty or whitespace.</summary>
        NameEmpty,

        /// <summary>min is greater than max.</summary>
        MinGreaterThanMax,

        /// <summary>The step is zero or negative.</summary>
        StepNotPositive,

        /// <summary>Log or reverse-log sampling with a step (a multiplier) of 1 or less.</summary>
        MultiplicativeStepNotAboveOne,

        /// <summary>Log or reverse-log sampling with min of zero or less.</summary>
        LogMinNotPositive,

        /// <summary>A bound, step, default or fixed value is NaN or infinite.</summary>
        NotFinite,

        /// <summary>An integer range argument does not fit in <see cref="int"/>.</summary>
        IntOutOfRange,

        /// <summary>A sampling value is not a member of <see cref="Sampling"/>.</summary>
        SamplingUndefined,

        /// <summary>The default lies outside [min, max].</summary>
        DefaultOutsideRange,

        /// <summary>The default is not on the step grid.</summary>
        DefaultNotOnGrid,

        /// <summary>A choice has no values.</summary>
        ChoiceEmpty,

        /// <summary>A choice or fixed value is null or not a string, int, double or bool.</summary>
        ValueTypeUnsupported,

        /// <summary>Choice values have different types.</summary>
        ChoiceMixedTypes,

        /// <summary>Non-numeric choices are ordered.</summary>
        ChoiceOrderedNotNumeric,

        /// <summary>The default of a choice is not one of its values.</summary>
        ChoiceDefaultNotListed,

        /// <summary>Warning: min equals max.</summary>
        SingleValueRange,

        /// <summary>Warning: a linear step larger than the range, so only min is reachable.</summary>
        StepLargerThanRange,

        /// <summary>
        /// Warning: the step does not divide the range, so a linear or log grid never reaches max and a reverse-log
        /// grid never reaches min.
        /// </summary>
        StepDoesNotDivideRange,

        /// <summary>Warning: a multiplicative step so large that the grid has one value.</summary>
        MultiplicativeStepReachesOnlyMin,

        /// <summary>Warning: a choice lists a value twice.</summary>
        ChoiceDuplicate,
    }

    /// <summary>The argument of a definition that a <see cref="SearchSpaceViolation"/> is about.</summary>
    internal enum SearchSpaceArgument
    {
        /// <summary>The hyperparameter name.</summary>
        Name,

        /// <summary>The minimum.</summary>
        Min,

        /// <summary>The maximum.</summary>
        Max,

        /// <summary>Both bounds together.</summary>
        Bounds,

        /// <summary>The step.</summary>
        Step,

        /// <summary>The sampling.</summary>
        Sampling,

        /// <summary>The default value.</summary>
        Default,

        /// <summary>The list of choices; <see cref="SearchSpaceViolation.ValueIndex"/> points to one of them.</summary>
        Values,

        /// <summary>The ordered flag of a choice.</summary>
        Ordered,

        /// <summary>The value of a fixed hyperparameter.</summary>
        Value,
    }

    /// <summary>
    /// A broken rule: which rule, which argument, the message the runtime throws (or would show, for a warning), and
    /// the formatted values that the analyzer messages insert after their subject, in the order each rule documents.
    /// </summary>
    internal sealed class SearchSpaceViolation
    {
        /// <summary>Creates a violation.</summary>
        public SearchSpaceViolation(
            SearchSpaceRule rule, SearchSpaceArgument argument, string message, params string[] arguments)
        {
            Rule = rule;
            Argument = argument;
            Message = message;
            Arguments = arguments;
        }

        /// <summary>The broken rule.</summary>
        public SearchSpaceRule Rule { get; }

        /// <summary>The argument at fault.</summary>
        public SearchSpaceArgument Argument { get; }

        /// <summary>The message, naming the hyperparameter, the value and the fix.</summary>
        public string Message { get; }

        /// <summary>The values the message is about, formatted as in <see cref="Message"/>.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The index of the choice value at fault, or -1 when the violation is not about one value.</summary>
        public int ValueIndex { get; set; } = -1;
    }
}
