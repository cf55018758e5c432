using System;
using System.Collections.Generic;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;

namespace HyperGen.Generators
{
    /// <summary>
    /// Reads the arguments of each search attribute kind into a definition and validates it with
    /// <see cref="SearchSpaceRules"/>, the checks the runtime constructors apply. Each method returns null when the
    /// definition would be rejected at run time, when an argument has the wrong type, or when an int argument does
    /// not fit in <see cref="int"/>.
    /// </summary>
    internal static class DefinitionParser
    {
        /// <summary>Parses <c>[IntRange(min, max)]</c> with its optional Step, Sampling and Default.</summary>
        public static HyperParameterInfo? ParseInt(
            AttributeData attribute, string name, EquatableArray<ConditionInfo> conditions)
        {
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

            if (!TryGetSampling(attribute, out var sampling) || !FitInt(min, max, step, @default))
            {
                return null;
            }

            if (SearchSpaceRules.CheckIntRange(name, min, max, step, sampling ?? Sampling.Linear, @default) is not null)
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
            AttributeData attribute, string name, EquatableArray<ConditionInfo> conditions)
        {
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

            if (!TryGetSampling(attribute, out var sampling))
            {
                return null;
            }

            var effectiveSampling = sampling ?? Sampling.Linear;
            if (SearchSpaceRules.CheckFloatRange(name, min, max, step, effectiveSampling, @default) is not null)
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
            AttributeData attribute, string name, ValueKind type, EquatableArray<ConditionInfo> conditions)
        {
            var values = ConvertAll(attribute.ConstructorArguments[0], type);
            if (values is null || !TryGetOptional(attribute, "Ordered", out bool? ordered))
            {
                return null;
            }

            object? @default = null;
            if (AttributeArguments.TryGetNamed(attribute, "Default", out var given) && given.Value is not null)
            {
                if (!AttributeArguments.TryConvert(given, type, out object converted))
                {
                    return null;
                }

                @default = converted;
            }

            if (SearchSpaceRules.CheckChoices(name, values, ordered, @default, @default is not null) is not null)
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
            AttributeData attribute, string name, EquatableArray<ConditionInfo> conditions)
        {
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
            AttributeData attribute, string name, ValueKind type, EquatableArray<ConditionInfo> conditions)
        {
            if (!AttributeArguments.TryConvert(attribute.ConstructorArguments[0], type, out object value))
            {
                return null;
            }

            if (SearchSpaceRules.CheckFixed(name, value) is not null)
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
        private static bool TryGetOptional<T>(AttributeData attribute, string name, out T? value)
            where T : struct
        {
            value = null;
            if (!AttributeArguments.TryGetNamed(attribute, name, out var argument))
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

        /// <summary>Reads the optional Sampling argument and fails on an undefined enum value.</summary>
        private static bool TryGetSampling(AttributeData attribute, out Sampling? sampling)
        {
            sampling = null;
            if (!AttributeArguments.TryGetNamed(attribute, "Sampling", out var argument))
            {
                return true;
            }

            if (argument.Kind != TypedConstantKind.Enum || argument.Value is not int raw)
            {
                return false;
            }

            if (!Enum.IsDefined(typeof(Sampling), raw))
            {
                return false;
            }

            sampling = (Sampling)raw;
            return true;
        }

        private static bool FitInt(long min, long max, long? step, long? @default) =>
            FitsInt(min)
            && FitsInt(max)
            && (step is not long s || FitsInt(s))
            && (@default is not long d || FitsInt(d));

        private static bool FitsInt(long value) => value >= int.MinValue && value <= int.MaxValue;

        /// <summary>
        /// Converts a <c>params object[]</c> argument, or returns null when a value does not fit the type.
        /// </summary>
        private static List<object?>? ConvertAll(TypedConstant array, ValueKind type)
        {
            if (array.Kind != TypedConstantKind.Array || array.IsNull)
            {
                return null;
            }

            var values = new List<object?>(array.Values.Length);
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
