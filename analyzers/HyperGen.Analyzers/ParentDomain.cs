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

        private ParentDomain(Type type, Func<object, bool> contains, IReadOnlyList<object?> examples)
        {
            Type = type;
            _contains = contains;
            Examples = SearchSpaceRules.FormatList(examples);
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

        /// <summary>Whether the parent can take <paramref name="constant"/>, converted to the parent's type.</summary>
        public bool CanTake(TypedConstant constant) =>
            SearchAttributeCheck.Convert(constant, Type) is { } value && _contains(value);

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

            object?[] examples = type == typeof(int) ? new object?[] { (int)low, (int)high } : new object?[] { low, high };
            return new ParentDomain(type, Contains, examples);
        }

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
