using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Checks one search attribute on one property and returns the first problem as a diagnostic, or null. The
    /// order follows the runtime: the first violation the runtime would throw is the one reported, and warnings are
    /// reported only for a definition without violations.
    /// </summary>
    internal sealed class SearchAttributeCheck
    {
        private readonly IPropertySymbol _property;
        private readonly AttributeUsage _attribute;
        private readonly string _subject;

        /// <summary>Creates a check of <paramref name="attribute"/> on <paramref name="property"/>.</summary>
        public SearchAttributeCheck(IPropertySymbol property, AttributeUsage attribute)
        {
            _property = property;
            _attribute = attribute;
            _subject = ViolationDiagnostics.PropertySubject(property.Name);
        }

        /// <summary>
        /// The value type of the property, <see cref="int"/>, <see cref="double"/>, <see cref="bool"/> or a
        /// non-nullable <see cref="string"/>, or null for any other type.
        /// </summary>
        public static Type? GetValueType(IPropertySymbol property) => property.Type.SpecialType switch
        {
            SpecialType.System_Int32 => typeof(int),
            SpecialType.System_Double => typeof(double),
            SpecialType.System_Boolean => typeof(bool),
            SpecialType.System_String when property.NullableAnnotation != NullableAnnotation.Annotated =>
                typeof(string),
            _ => null,
        };

        /// <summary>
        /// Converts an attribute constant to a value of <paramref name="type"/> as the generator does: the same
        /// type, or an int widened to double. Returns null for null, arrays, enums and other types.
        /// </summary>
        public static object? Convert(TypedConstant constant, Type type)
        {
            if (constant.Kind != TypedConstantKind.Primitive || constant.Value is null)
            {
                return null;
            }

            if (type == typeof(double) && constant.Value is int integer)
            {
                return (double)integer;
            }

            return constant.Value.GetType() == type ? constant.Value : null;
        }

        /// <summary>Runs the check that the attribute's <paramref name="kind"/> requires.</summary>
        public Diagnostic? Check(SearchKind kind) => kind switch
        {
            SearchKind.IntRange => CheckIntRange(),
            SearchKind.FloatRange => CheckFloatRange(),
            SearchKind.Choice => CheckChoice(),
            SearchKind.Boolean => CheckBoolean(),
            _ => CheckFixed(),
        };

        /// <summary>Checks <c>[IntRange]</c>.</summary>
        public Diagnostic? CheckIntRange()
        {
            if (GetValueType(_property) != typeof(int))
            {
                return TypeMismatch("[IntRange]", SuggestRangeFix("int", "[FloatRange]", "double"));
            }

            if (_attribute.GetConstructorArgument(0).Value is not long min
                || _attribute.GetConstructorArgument(1).Value is not long max
                || !TryGetNamed("Step", out long? step)
                || !TryGetNamed("Default", out long? @default))
            {
                return null;
            }

            var violation = SearchSpaceRules.FindIntOverflow(min, max, step, @default)
                ?? FindUndefinedSampling(out var sampling)
                ?? SearchSpaceRules.FindIntRangeViolation(_property.Name, min, max, step, sampling, @default)
                ?? SearchSpaceRules.FindRangeWarning(_property.Name, min, max, step, sampling, isInteger: true);
            return Report(violation);
        }

        /// <summary>Checks <c>[FloatRange]</c>.</summary>
        public Diagnostic? CheckFloatRange()
        {
            if (GetValueType(_property) != typeof(double))
            {
                return TypeMismatch("[FloatRange]", SuggestRangeFix("double", "[IntRange]", "int"));
            }

            if (_attribute.GetConstructorArgument(0).Value is not double min
                || _attribute.GetConstructorArgument(1).Value is not double max
                || !TryGetNamed("Step", out double? step)
                || !TryGetNamed("Default", out double? @default))
            {
                return null;
            }

            var violation = FindUndefinedSampling(out var sampling)
                ?? SearchSpaceRules.FindFloatRangeViolation(_property.Name, min, max, step, sampling, @default)
                ?? SearchSpaceRules.FindRangeWarning(_property.Name, min, max, step, sampling, isInteger: false);
            return Report(violation);
        }

        /// <summary>Checks <c>[Boolean]</c>.</summary>
        public Diagnostic? CheckBoolean() =>
            GetValueType(_property) == typeof(bool)
                ? null
                : TypeMismatch("[Boolean]", "change the property type to bool");

        /// <summary>Checks <c>[Fixed]</c>: a value of the property's type that the runtime accepts.</summary>
        public Diagnostic? CheckFixed()
        {
            if (GetValueType(_property) is not { } type)
            {
                return TypeMismatch("[Fixed]", "use a non-nullable string, int, double or bool property");
            }

            var constant = _attribute.GetConstructorArgument(0);
            if (Convert(constant, type) is not { } value)
            {
                string shown = constant.IsNull ? "null" : constant.ToCSharpString();
                return TypeMismatch("the [Fixed] value " + shown, "use a value of type '" + TypeDisplay() + "'");
            }

            return Report(SearchSpaceRules.FindFixedViolation(_property.Name, value));
        }

        /// <summary>
        /// Checks <c>[Choice]</c>: values of one supported type, then the shared choice rules (no values, mixed
        /// types, ordered non-numbers, default not listed), then values of the property's type, then duplicates.
        /// </summary>
        public Diagnostic? CheckChoice()
        {
            if (GetValueType(_property) is not { } type)
            {
                return TypeMismatch("[Choice]", "use a non-nullable string, int, double or bool property");
            }

            var array = _attribute.GetConstructorArgument(0);
            if (array.Kind != TypedConstantKind.Array || !TryGetNamed("Ordered", out bool? ordered))
            {
                return null;
            }

            var values = ReadChoiceValues(array, type);
            var unsupported = FindUnsupported(values, array);
            if (unsupported is not null)
            {
                return Report(unsupported);
            }

            object? @default = ReadChoiceDefault(type);
            var violation = SearchSpaceRules.FindChoiceViolation(_property.Name, values, ordered, @default, @default is not null)
                ?? FindOtherType(values, type)
                ?? SearchSpaceRules.FindDuplicateChoice(_property.Name, values);
            return Report(violation);
        }

        /// <summary>Reads the values, widening ints to double for a double property so that 1 and 2.5 mix well.</summary>
        private static List<object?> ReadChoiceValues(TypedConstant array, Type type)
        {
            var values = new List<object?>();
            if (array.IsNull)
            {
                return values;
            }

            foreach (var constant in array.Values)
            {
                object? value = constant.Kind == TypedConstantKind.Primitive ? constant.Value : null;
                values.Add(type == typeof(double) && value is int integer ? (double)integer : value);
            }

            return values;
        }

        /// <summary>
        /// Finds a null value or a value of a type a choice never has (such as a float or an enum), which cannot be
        /// converted to the property type.
        /// </summary>
        private SearchSpaceViolation? FindUnsupported(List<object?> values, TypedConstant array)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i] is null || !SearchSpaceRules.IsChoiceType(values[i]!.GetType()))
                {
                    var constant = array.Values[i];
                    string shown = constant.IsNull ? "null" : constant.ToCSharpString();
                    return new SearchSpaceViolation(
                        SearchSpaceRule.ValueTypeUnsupported,
                        SearchSpaceArgument.Values,
                        "Choice value " + shown + " is not of the property type.",
                        shown,
                        TypeDisplay()) { ValueIndex = i };
                }
            }

            return null;
        }

        /// <summary>Finds a value whose type is supported but is not the property type, such as "a" for int.</summary>
        private SearchSpaceViolation? FindOtherType(List<object?> values, Type type)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i] is { } value && value.GetType() != type)
                {
                    string shown = SearchSpaceRules.FormatObject(value);
                    return new SearchSpaceViolation(
                        SearchSpaceRule.ValueTypeUnsupported,
                        SearchSpaceArgument.Values,
                        "Choice value " + shown + " is not of the property type.",
                        shown,
                        TypeDisplay()) { ValueIndex = i };
                }
            }

            return null;
        }

        /// <summary>Reads <c>Default</c>; null counts as unset, as in the runtime constructor.</summary>
        private object? ReadChoiceDefault(Type type)
        {
            if (!_attribute.TryGetNamed("Default", out var constant) || constant.IsNull)
            {
                return null;
            }

            return Convert(constant, type) ?? constant.Value;
        }

        private SearchSpaceViolation? FindUndefinedSampling(out Sampling sampling)
        {
            sampling = Sampling.Linear;
            if (!_attribute.TryGetNamed("Sampling", out var constant) || constant.Value is not int raw)
            {
                return null;
            }

            sampling = (Sampling)raw;
            return SearchSpaceRules.FindUndefinedSampling(raw);
        }

        /// <summary>
        /// Reads an optional named argument: true with null when it is not set, false when it has another type.
        /// </summary>
        private bool TryGetNamed<T>(string name, out T? value)
            where T : struct
        {
            value = null;
            if (!_attribute.TryGetNamed(name, out var constant))
            {
                return true;
            }

            if (constant.Value is not T typed)
            {
                return false;
            }

            value = typed;
            return true;
        }

        private Diagnostic? Report(SearchSpaceViolation? violation) =>
            violation is null
                ? null
                : ViolationDiagnostics.Create(
                    violation, _subject, _attribute.GetLocation(violation.Argument, violation.ValueIndex));

        private Diagnostic TypeMismatch(string what, string fix) =>
            Diagnostic.Create(
                DiagnosticDescriptors.AttributeTypeMismatch,
                _attribute.Location,
                _property.Name,
                TypeDisplay(),
                what,
                fix);

        /// <summary>
        /// Suggests the fix for a range attribute on a property of another type: change the type to
        /// <paramref name="type"/>, and name <paramref name="other"/> only for a property it fits, or nearly fits.
        /// </summary>
        private string SuggestRangeFix(string type, string other, string otherType)
        {
            string fix = "change the property type to " + type;
            return (_property.Type.SpecialType, otherType) switch
            {
                (SpecialType.System_Double, "double") or (SpecialType.System_Int32, "int") =>
                    fix + ", or use " + other + " for " + otherType,
                (SpecialType.System_Single, "double") => fix + ", or change it to double and use " + other,
                _ => fix,
            };
        }

        private string TypeDisplay() => _property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
    }
}
