using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// The values an <c>[ActiveWhen]</c> parent can take, read from its search attribute, so that a condition value
    /// it never takes can be reported.
    /// </summary>
    internal sealed class ParentDomain
    {
        private readonly Func<object, bool> _contains;

        /// <summary>The number of grid values that a message lists before it elides the rest.</summary>
        private const int ListedGridValues = 3;

        private ParentDomain(Type type, Func<object, bool> contains, IReadOnlyList<object?> examples)
            : this(type, contains, SearchSpaceRules.FormatList(examples))
        {
        }

        private ParentDomain(Type type, Func<object, bool> contains, string examples)
        {
            Type = type;
            _contains = contains;
            Examples = examples;
        }

        /// <summary>The parent's value type.</summary>
        public Type Type { get; }

        /// <summary>Some values the parent takes, formatted as a list for messages.</summary>
        public string Examples { get; }

        /// <summary>
        /// Reads the domain of <paramref name="parent"/>, or returns null when its definition is not readable or
        /// not valid (other diagnostics report that).
        /// </summary>
        public static ParentDomain? Read(HyperProperty parent)
        {
            if (parent.Search is not { } search || !search.IsWellFormed()
                || SearchAttributeCheck.GetValueType(parent.Symbol) is not { } type)
            {
                return null;
            }

            return parent.Kind switch
            {
                SearchKind.IntRange when type == typeof(int) => ReadRange(search, type),
                SearchKind.FloatRange when type == typeof(double) => ReadRange(search, type),
                SearchKind.Boolean when type == typeof(bool) =>
                    new ParentDomain(type, value => value is bool, new object?[] { true, false }),
                SearchKind.Choice => ReadChoice(search, type),
                SearchKind.Fixed => ReadFixed(search, type),
                _ => null,
            };
        }

        /// <summary>
        /// Whether the parent can take <paramref name="constant"/>. Numbers compare by value, as at run time, so
        /// <c>2L</c> and <c>2.0</c> match the int <c>2</c>.
        /// </summary>
        public bool CanTake(TypedConstant constant) => ConvertByValue(constant, Type) is { } value && _contains(value);

        /// <summary>
        /// Converts a condition value to the parent's type as the generator does: any number to a double, a whole
        /// number within the int range to an int, and any other value only when it has the parent's type. Returns
        /// null otherwise.
        /// </summary>
        public static object? ConvertByValue(TypedConstant constant, Type type)
        {
            if (SearchAttributeCheck.Convert(constant, type) is { } exact)
            {
                return exact;
            }

            if (constant.Kind != TypedConstantKind.Primitive || ToNumber(constant.Value) is not double number)
            {
                return null;
            }

            if (type == typeof(double))
            {
                return number;
            }

            bool isWholeInt = number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue;
            return type == typeof(int) && isWholeInt ? (int)number : null;
        }

        /// <summary>Returns a numeric constant as a double, or null for a value that is not a number.</summary>
        private static double? ToNumber(object? value) => value switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            ushort us => us,
            uint ui => ui,
            ulong ul => ul,
            _ => null,
        };

        private static ParentDomain? ReadRange(AttributeUsage search, Type type)
        {
            double? min = AsDouble(search.GetConstructorArgument(0).Value);
            double? max = AsDouble(search.GetConstructorArgument(1).Value);
            if (min is not double low || max is not double high || low > high)
            {
                return null;
            }

            var sampling = search.TryGetNamed("Sampling", out var raw) && raw.Value is int s ? (Sampling)s : Sampling.Linear;
            double? step = search.TryGetNamed("Step", out var given) ? AsDouble(given.Value) : null;
            step ??= type == typeof(int) && sampling == Sampling.Linear ? 1 : null;
            if (step is <= 0 || (step is <= 1 && sampling != Sampling.Linear) || (sampling != Sampling.Linear && low <= 0))
            {
                return null;
            }

            bool Contains(object value)
            {
                double v = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return v >= low && v <= high
                    && (step is not double grid || SearchSpaceRules.GridIndexOf(low, high, grid, sampling, v) >= 0);
            }

            string examples = step is double gridStep
                ? FormatGrid(low, high, gridStep, sampling, type)
                : SearchSpaceRules.FormatList(new[] { ToParentType(low, type), ToParentType(high, type) });
            return new ParentDomain(type, Contains, examples);
        }

        /// <summary>
        /// Formats the first grid values of a range, such as <c>[-5, 0, 5]</c>, or <c>[0, 1, 2, ..., 10]</c> when the
        /// grid has more values than a message lists.
        /// </summary>
        private static string FormatGrid(double low, double high, double step, Sampling sampling, Type type)
        {
            long count = SearchSpaceRules.GridCount(low, high, step, sampling);
            var listed = new List<object?>();
            for (long i = 0; i < Math.Min(count, ListedGridValues); i++)
            {
                listed.Add(ToParentType(SearchSpaceRules.GridValue(low, high, step, sampling, i, count), type));
            }

            string formatted = SearchSpaceRules.FormatList(listed);
            if (count <= ListedGridValues)
            {
                return formatted;
            }

            object? last = ToParentType(SearchSpaceRules.GridValue(low, high, step, sampling, count - 1, count), type);
            string tail = count == ListedGridValues + 1 ? ", " : ", ..., ";
            return formatted.Substring(0, formatted.Length - 1) + tail + SearchSpaceRules.FormatObject(last) + "]";
        }

        private static object? ToParentType(double value, Type type) =>
            type == typeof(int) ? (int)Math.Round(value) : value;

        private static ParentDomain? ReadChoice(AttributeUsage search, Type type)
        {
            var array = search.GetConstructorArgument(0);
            if (array.Kind != TypedConstantKind.Array || array.IsNull)
            {
                return null;
            }

            var values = new List<object?>();
            foreach (var constant in array.Values)
            {
                values.Add(SearchAttributeCheck.Convert(constant, type));
            }

            return new ParentDomain(type, value => SearchSpaceRules.ContainsChoice(values, value), values);
        }

        private static ParentDomain? ReadFixed(AttributeUsage search, Type type)
        {
            if (SearchAttributeCheck.Convert(search.GetConstructorArgument(0), type) is not { } fixedValue)
            {
                return null;
            }

            return new ParentDomain(type, value => Equals(value, fixedValue), new[] { fixedValue });
        }

        private static double? AsDouble(object? value) => value switch
        {
            long l => l,
            int i => i,
            double d => d,
            _ => null,
        };
    }
}
