using System;
using System.Globalization;
using System.Threading;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;

namespace HyperGen.Generators
{
    /// <summary>Checks bound attribute usages and converts their arguments to property types.</summary>
    internal static class AttributeArguments
    {
        /// <summary>
        /// Whether the attribute bound without errors: its class and constructor resolved, every constructor argument
        /// is present, no argument is erroneous (as after an argument of the wrong type), and its attribute list has
        /// no syntax error. The parser recovers <c>[Boolean(</c> as a valid <c>[Boolean()]</c>, so the syntax is
        /// checked as well as the binding.
        /// </summary>
        public static bool IsWellFormed(AttributeData attribute, CancellationToken cancellationToken)
        {
            if (attribute.AttributeClass is null or IErrorTypeSymbol || attribute.AttributeConstructor is null)
            {
                return false;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            if (syntax?.Parent is { ContainsDiagnostics: true } || syntax is { ContainsDiagnostics: true })
            {
                return false;
            }

            if (attribute.ConstructorArguments.Length != attribute.AttributeConstructor.Parameters.Length)
            {
                return false;
            }

            foreach (var argument in attribute.ConstructorArguments)
            {
                if (HasError(argument))
                {
                    return false;
                }
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (HasError(argument.Value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Converts a constant to a value of <paramref name="kind"/>: a string, int, double or bool of that type,
        /// or an int widened to double for a double. Null, arrays, enums and other types are rejected.
        /// </summary>
        public static bool TryConvert(ArgumentValue constant, ValueKind kind, out object value)
        {
            value = string.Empty;
            if (constant.Kind != ArgumentKind.Primitive || constant.Value is null)
            {
                return false;
            }

            object? converted = (kind, constant.Value) switch
            {
                (ValueKind.String, string text) => text,
                (ValueKind.Int, int integer) => integer,
                (ValueKind.Double, int integer) => (double)integer,
                (ValueKind.Double, double real) => real,
                (ValueKind.Boolean, bool flag) => flag,
                _ => null,
            };
            if (converted is null)
            {
                return false;
            }

            value = converted;
            return true;
        }

        /// <summary>
        /// Converts an <c>[ActiveWhen]</c> value to a value of the parent's <paramref name="kind"/>. Numbers compare
        /// by value, as at run time, so any numeric constant converts to a double parent, and a whole number within
        /// the int range (such as <c>2L</c> or <c>3.0</c>) converts to an int parent. Other values convert as in
        /// <see cref="TryConvert"/>.
        /// </summary>
        public static bool TryConvertConditionValue(ArgumentValue constant, ValueKind kind, out object value)
        {
            if (TryConvert(constant, kind, out value))
            {
                return true;
            }

            if (constant.Kind != ArgumentKind.Primitive || ToDouble(constant.Value) is not double number)
            {
                return false;
            }

            if (kind == ValueKind.Double)
            {
                value = number;
                return true;
            }

            bool isWholeInt = number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue;
            if (kind == ValueKind.Int && isWholeInt)
            {
                value = (int)number;
                return true;
            }

            return false;
        }

        /// <summary>Creates the model of a value returned by <see cref="TryConvert"/>.</summary>
        public static ConstantInfo ToConstant(ValueKind kind, object value)
        {
            string text = value switch
            {
                string s => s,
                int i => i.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => value.ToString() ?? string.Empty,
            };
            return new ConstantInfo(kind, text);
        }

        /// <summary>
        /// Returns a numeric constant as a double, as <c>Convert.ToDouble</c> does at run time, or null for a value
        /// that is not a number. A <c>char</c> is not a number here, as at run time.
        /// </summary>
        private static double? ToDouble(object? value) => value switch
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

        private static bool HasError(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Error)
            {
                return true;
            }

            if (constant.Kind != TypedConstantKind.Array || constant.IsNull)
            {
                return false;
            }

            foreach (var element in constant.Values)
            {
                if (HasError(element))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
