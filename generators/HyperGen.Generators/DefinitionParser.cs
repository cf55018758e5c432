using System.Collections.Generic;
using HyperGen.Generators.Models;

namespace HyperGen.Generators
{
    /// <summary>
    /// Reads the arguments of each search attribute kind into a definition and validates it with
    /// <see cref="SearchSpaceRules"/>, the checks the runtime constructors apply. Each method returns null when the
    /// definition would be rejected at run time, when an argument has the wrong type, when an int argument does
    /// not fit in <see cref="int"/>, or when the sampling is undefined.
    /// </summary>
    /// <remarks>
    /// A rejected definition sets the <c>violation</c> output to the rules' message when a rule rejects it, and to
    /// null when an argument has the wrong type.
    /// </remarks>
    internal static class DefinitionParser
    {
        /// <summary>Parses <c>[IntRange(min, max)]</c> with its optional Step, Sampling and Default.</summary>
        public static HyperParameterInfo? ParseInt(
            AttributeArgumentList attribute, string name, EquatableArray<ConditionInfo> conditions, out string? violation)
        {
            violation = null;
            var arguments = attribute.ConstructorArguments;
            if (arguments[0].Value is not long min || arguments[1].Value is not long max)
            {
                return null;
            }

            if (!TryGetOptional(attribute, "Step", out long? step)
                || !TryGetOptional(attribute, "Default", out long? @default))
            {
                return null;
            }

            violation = SearchSpaceRules.FindIntOverflow(min, max, step, @default)?.Message;
            if (violation is not null || !TryGetSampling(attribute, out var sampling, out violation))
            {
                return null;
            }

            violation = SearchSpaceRules.CheckIntRange(name, min, max, step, sampling ?? Sampling.Linear, @default);
            if (violation is not null)
            {
                return null;
            }

            return new HyperParameterInfo(
                HyperParameterKind.Int,
                name,
                Constants(ValueKind.Int, (int)min, (int)max),
                step is long s ? Constant(ValueKind.Int, (int)s) : null,
                sampling,
                @default is long d ? Constant(ValueKind.Int, (int)d) : null,
                null,
                conditions);
        }

        /// <summary>Parses <c>[FloatRange(min, max)]</c> with its optional Step, Sampling and Default.</summary>
        public static HyperParameterInfo? ParseFloat(
            AttributeArgumentList attribute, string name, EquatableArray<ConditionInfo> conditions, out string? violation)
        {
            violation = null;
            var arguments = attribute.ConstructorArguments;
            if (arguments[0].Value is not double min || arguments[1].Value is not double max)
            {
                return null;
            }

            if (!TryGetOptional(attribute, "Step", out double? step)
                || !TryGetOptional(attribute, "Default", out double? @default))
            {
                return null;
            }

            if (!TryGetSampling(attribute, out var sampling, out violation))
            {
                return null;
            }

            var effectiveSampling = sampling ?? Sampling.Linear;
            violation = SearchSpaceRules.CheckFloatRange(name, min, max, step, effectiveSampling, @default);
            if (violation is not null)
            {
                return null;
            }

            return new HyperParameterInfo(
                HyperParameterKind.Float,
                name,
                Constants(ValueKind.Double, min, max),
                step is double s ? Constant(ValueKind.Double, s) : null,
                sampling,
                @default is double d ? Constant(ValueKind.Double, d) : null,
                null,
                conditions);
        }

        /// <summary>
        /// Parses <c>[Choice(values...)]</c> with its optional Ordered and Default. Every value must have the
        /// property's type (an int is widened for a double property). A <c>Default</c> of null counts as unset, as
        /// in the runtime constructor.
        /// </summary>
        public static HyperParameterInfo? ParseChoice(
            AttributeArgumentList attribute,
            string name,
            ValueKind type,
            EquatableArray<ConditionInfo> conditions,
            out string? violation)
        {
            violation = null;
            var values = ConvertAll(attribute.ConstructorArguments[0], type);
            if (values is null || !TryGetOptional(attribute, "Ordered", out bool? ordered))
            {
                return null;
            }

            object? @default = null;
            if (attribute.TryGetNamed("Default", out var given) && given.Value is not null)
            {
                if (!AttributeArguments.TryConvert(given, type, out object converted))
                {
                    return null;
                }

                @default = converted;
            }

            violation = SearchSpaceRules.CheckChoices(name, values, ordered, @default, @default is not null);
            if (violation is not null)
            {
                return null;
            }

            return new HyperParameterInfo(
                HyperParameterKind.Choice,
                name,
                Constants(type, values.ToArray()),
                null,
                null,
                @default is null ? null : AttributeArguments.ToConstant(type, @default),
                ordered,
                conditions);
        }

        /// <summary>Parses <c>[Boolean]</c> with its optional Default.</summary>
        public static HyperParameterInfo? ParseBoolean(
            AttributeArgumentList attribute, string name, EquatableArray<ConditionInfo> conditions, out string? violation)
        {
            violation = null;
            if (!TryGetOptional(attribute, "Default", out bool? @default))
            {
                return null;
            }

            return new HyperParameterInfo(
                HyperParameterKind.Boolean,
                name,
                EquatableArray<ConstantInfo>.Empty,
                null,
                null,
                @default is bool d ? Constant(ValueKind.Boolean, d) : null,
                null,
                conditions);
        }

        /// <summary>
        /// Parses <c>[Fixed(value)]</c>; the value must have the property's type (an int widens to double).
        /// </summary>
        public static HyperParameterInfo? ParseFixed(
            AttributeArgumentList attribute,
            string name,
            ValueKind type,
            EquatableArray<ConditionInfo> conditions,
            out string? violation)
        {
            violation = null;
            if (!AttributeArguments.TryConvert(attribute.ConstructorArguments[0], type, out object value))
            {
                return null;
            }

            violation = SearchSpaceRules.CheckFixed(name, value);
            if (violation is not null)
            {
                return null;
            }

            return new HyperParameterInfo(
                HyperParameterKind.Fixed,
                name,
                Constants(type, value),
                null,
                null,
                null,
                null,
                conditions);
        }

        /// <summary>
        /// Reads an optional named argument of type <typeparamref name="T"/>: true with null when the usage does not
        /// set it, false when it is set to a value of another type.
        /// </summary>
        private static bool TryGetOptional<T>(AttributeArgumentList attribute, string name, out T? value)
            where T : struct
        {
            value = null;
            if (!attribute.TryGetNamed(name, out var argument))
            {
                return true;
            }

            if (argument.Value is not T typed)
            {
                return false;
            }

            value = typed;
            return true;
        }

        /// <summary>
        /// Reads the optional Sampling argument. Fails on an argument of another type, and on an undefined enum value
        /// with the rules' message in <paramref name="violation"/>.
        /// </summary>
        private static bool TryGetSampling(AttributeArgumentList attribute, out Sampling? sampling, out string? violation)
        {
            sampling = null;
            violation = null;
            if (!attribute.TryGetNamed("Sampling", out var argument))
            {
                return true;
            }

            if (argument.Kind != ArgumentKind.Enum || argument.Value is not int raw)
            {
                return false;
            }

            violation = SearchSpaceRules.FindUndefinedSampling(raw)?.Message;
            if (violation is not null)
            {
                return false;
            }

            sampling = (Sampling)raw;
            return true;
        }

        /// <summary>
        /// Converts a <c>params object[]</c> argument, or returns null when a value does not fit the type.
        /// </summary>
        private static List<object?>? ConvertAll(ArgumentValue array, ValueKind type)
        {
            if (array.Kind != ArgumentKind.Array || array.IsNull)
            {
                return null;
            }

            var values = new List<object?>(array.Values.Count);
            foreach (var constant in array.Values)
            {
                if (!AttributeArguments.TryConvert(constant, type, out object value))
                {
                    return null;
                }

                values.Add(value);
            }

            return values;
        }

        private static ConstantInfo Constant(ValueKind kind, object value) =>
            AttributeArguments.ToConstant(kind, value);

        private static EquatableArray<ConstantInfo> Constants(ValueKind kind, params object?[] values)
        {
            var constants = new List<ConstantInfo>(values.Length);
            foreach (var value in values)
            {
                constants.Add(AttributeArguments.ToConstant(kind, value!));
            }

            return constants.ToEquatableArray();
        }
    }
}
