using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators
{
    /// <summary>
    /// Reads one attributed property into a hyperparameter definition, or rejects it. A rejected property gets no
    /// generated code and no diagnostic here. The analyzers report it, applying the same <c>SearchSpaceRules</c>.
    /// </summary>
    internal static class HyperParameterParser
    {
        /// <summary>
        /// Parses <paramref name="property"/> and adds it to <paramref name="scope"/> when it is valid: a partial,
        /// get-only instance property with exactly one search attribute whose arguments fit the property type and
        /// pass the runtime rules, a hyperparameter name not yet used, and an <c>[ActiveWhen]</c> parent (if any)
        /// that is an earlier valid property of the class or of a base class.
        /// </summary>
        public static void ParseInto(
            IPropertySymbol property, KnownSymbols known, ParameterScope scope, CancellationToken cancellationToken)
        {
            if (!IsCandidate(property) || GetValueKind(property) is not ValueKind type)
            {
                return;
            }

            if (!TryGetAttributes(property, known, cancellationToken, out var search, out var kind, out var activeWhen))
            {
                return;
            }

            string? name = ReadName(search, property.Name);
            if (name is null || scope.ContainsHyperParameter(name))
            {
                return;
            }

            if (!TryParseConditions(activeWhen, name, scope, out var conditions))
            {
                return;
            }

            var definition = ParseDefinition(kind, search, name, type, conditions);
            if (definition is null)
            {
                return;
            }

            string modifiers = GetModifiers(property, cancellationToken);
            var parsed = new HyperPropertyInfo(Identifiers.Escape(property.Name), modifiers, type, definition);
            scope.Add(property.Name, parsed);
        }

        /// <summary>
        /// Whether the property can be implemented: a get-only, non-static, non-ref, non-indexer property that is a
        /// partial definition without an implementation. A property read from a referenced assembly (a base class
        /// compiled earlier) has no partial parts and only needs the shape.
        /// </summary>
        private static bool IsCandidate(IPropertySymbol property)
        {
            if (property.IsStatic || property.IsIndexer || property.GetMethod is null || property.SetMethod is not null)
            {
                return false;
            }

            if (property.RefKind != RefKind.None || !property.ExplicitInterfaceImplementations.IsEmpty)
            {
                return false;
            }

            if (property.DeclaringSyntaxReferences.IsEmpty)
            {
                return true;
            }

            return property.IsPartialDefinition && property.PartialImplementationPart is null;
        }

        /// <summary>Returns the property's value type, or null for <c>string?</c> and any other type.</summary>
        private static ValueKind? GetValueKind(IPropertySymbol property) => property.Type.SpecialType switch
        {
            SpecialType.System_Int32 => ValueKind.Int,
            SpecialType.System_Double => ValueKind.Double,
            SpecialType.System_Boolean => ValueKind.Boolean,
            SpecialType.System_String when property.NullableAnnotation != NullableAnnotation.Annotated =>
                ValueKind.String,
            _ => null,
        };

        /// <summary>
        /// Finds the one search attribute and the optional <c>[ActiveWhen]</c>; fails on none, several, or one that
        /// did not bind.
        /// </summary>
        private static bool TryGetAttributes(
            IPropertySymbol property,
            KnownSymbols known,
            CancellationToken cancellationToken,
            out AttributeData search,
            out HyperParameterKind kind,
            out AttributeData? activeWhen)
        {
            var searches = new List<(AttributeData Attribute, HyperParameterKind Kind)>();
            var conditions = new List<AttributeData>();
            foreach (var attribute in property.GetAttributes())
            {
                if (known.GetSearchKind(attribute.AttributeClass) is HyperParameterKind found)
                {
                    searches.Add((attribute, found));
                }
                else if (known.IsActiveWhen(attribute.AttributeClass))
                {
                    conditions.Add(attribute);
                }
            }

            search = searches.Count == 1 ? searches[0].Attribute : null!;
            kind = searches.Count == 1 ? searches[0].Kind : default;
            activeWhen = conditions.Count == 1 ? conditions[0] : null;
            return searches.Count == 1
                && conditions.Count <= 1
                && AttributeArguments.IsWellFormed(search, cancellationToken)
                && (activeWhen is null || AttributeArguments.IsWellFormed(activeWhen, cancellationToken));
        }

        /// <summary>
        /// Returns the <c>Name</c> argument, else the snake_case property name, or null when the name is invalid.
        /// </summary>
        private static string? ReadName(AttributeData attribute, string propertyName)
        {
            string name = HyperParameterNames.ToSnakeCase(propertyName);
            if (AttributeArguments.TryGetNamed(attribute, "Name", out var argument) && argument.Value is not null)
            {
                if (argument.Value is not string given)
                {
                    return null;
                }

                name = given;
            }

            return SearchSpaceRules.CheckName(name) is null ? name : null;
        }

        /// <summary>
        /// Resolves <c>[ActiveWhen(nameof(Parent), values...)]</c> to the parent's hyperparameter name, converting
        /// each value to the parent's type. Succeeds with no conditions when there is no attribute.
        /// </summary>
        private static bool TryParseConditions(
            AttributeData? activeWhen, string name, ParameterScope scope, out EquatableArray<ConditionInfo> conditions)
        {
            conditions = EquatableArray<ConditionInfo>.Empty;
            if (activeWhen is null)
            {
                return true;
            }

            var arguments = activeWhen.ConstructorArguments;
            if (arguments[0].Value is not string parentProperty || arguments[1].Kind != TypedConstantKind.Array)
            {
                return false;
            }

            if (arguments[1].IsNull || arguments[1].Values.IsEmpty)
            {
                return false;
            }

            if (!scope.TryGetProperty(parentProperty, out var parent) || parent.Definition.Name == name)
            {
                return false;
            }

            var values = new List<ConstantInfo>();
            foreach (var constant in arguments[1].Values)
            {
                if (!AttributeArguments.TryConvert(constant, parent.Type, out object value))
                {
                    return false;
                }

                values.Add(AttributeArguments.ToConstant(parent.Type, value));
            }

            conditions = new[] { new ConditionInfo(parent.Definition.Name, values.ToEquatableArray()) }
                .ToEquatableArray();
            return true;
        }

        private static HyperParameterInfo? ParseDefinition(
            HyperParameterKind kind,
            AttributeData attribute,
            string name,
            ValueKind type,
            EquatableArray<ConditionInfo> conditions) => kind switch
        {
            HyperParameterKind.Int when type == ValueKind.Int =>
                DefinitionParser.ParseInt(attribute, name, conditions),
            HyperParameterKind.Float when type == ValueKind.Double =>
                DefinitionParser.ParseFloat(attribute, name, conditions),
            HyperParameterKind.Choice => DefinitionParser.ParseChoice(attribute, name, type, conditions),
            HyperParameterKind.Boolean when type == ValueKind.Boolean =>
                DefinitionParser.ParseBoolean(attribute, name, conditions),
            HyperParameterKind.Fixed => DefinitionParser.ParseFixed(attribute, name, type, conditions),
            _ => null,
        };

        /// <summary>
        /// Returns the declaration's modifiers in source order, because the implementing part must repeat them.
        /// A property from a referenced assembly is never implemented here and gets an empty string.
        /// </summary>
        private static string GetModifiers(IPropertySymbol property, CancellationToken cancellationToken)
        {
            var reference = property.DeclaringSyntaxReferences.FirstOrDefault();
            if (reference?.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                return string.Empty;
            }

            return string.Join(" ", declaration.Modifiers.Select(modifier => modifier.Text));
        }
    }
}
