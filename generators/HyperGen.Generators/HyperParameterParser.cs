using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators
{
    /// <summary>
    /// Reads one attributed property into a hyperparameter definition, or rejects it. A rejected partial property
    /// gets an accessor that throws and no hyperparameter, and no diagnostic here. The analyzers report it, applying
    /// the same <c>SearchSpaceRules</c>.
    /// </summary>
    internal static class HyperParameterParser
    {
        /// <summary>
        /// Formats a declared type fully qualified, with <c>global::</c>, keywords for special types and the
        /// nullable annotations of reference types.
        /// </summary>
        private static readonly SymbolDisplayFormat DeclaredTypeFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>
        /// Parses <paramref name="property"/> and adds it to <paramref name="scope"/>. It is valid when it is a
        /// partial, get-only instance property with exactly one search attribute whose arguments fit the property type
        /// and pass the runtime rules, a hyperparameter name not yet used, and an <c>[ActiveWhen]</c> parent (if any)
        /// that is an earlier valid property of the class or of a base class. An invalid property that can still be
        /// implemented is added as invalid, and any other property is ignored.
        /// </summary>
        public static void ParseInto(
            IPropertySymbol property, KnownSymbols known, ParameterScope scope, CancellationToken cancellationToken)
        {
            if (!IsCandidate(property))
            {
                return;
            }

            // [ActiveWhen] alone declares no hyperparameter, and the analyzers' HG0506 reports it.
            if (!known.HasSearchAttribute(property))
            {
                AddInvalidDefinition(property, scope, CreateConditionOnlyMessage(property), cancellationToken);
                return;
            }

            // A static property or one with a setter gets throwing accessors even when its attribute is valid, so that
            // the compiler reports no missing implementation part (CS9248) and the analyzers' HG0004 or HG0005 shows.
            string? shapeViolation = DescribeShapeViolation(property);
            if (shapeViolation is not null)
            {
                AddInvalidDefinition(property, scope, CreateShapeMessage(property, shapeViolation), cancellationToken);
                return;
            }

            var parsed = Parse(property, known, scope, cancellationToken, out string? violation);
            if (parsed is not null)
            {
                scope.Add(property.Name, parsed);
                return;
            }

            AddInvalidDefinition(property, scope, CreateAttributeMessage(property, violation), cancellationToken);
        }

        /// <summary>
        /// Adds an attributed property of a type that does not derive from <c>HyperModel&lt;TModel&gt;</c> as invalid,
        /// so that it gets throwing accessors and the build reports the analyzers' HG0002 instead of CS9248.
        /// </summary>
        public static void AddOutsideHyperModel(
            IPropertySymbol property, ParameterScope scope, CancellationToken cancellationToken)
        {
            if (IsCandidate(property))
            {
                AddInvalidDefinition(property, scope, CreateNotHyperModelMessage(property), cancellationToken);
            }
        }

        /// <summary>
        /// Adds <paramref name="property"/> as invalid when it is a partial definition in source. A property from a
        /// referenced assembly is implemented there already.
        /// </summary>
        private static void AddInvalidDefinition(
            IPropertySymbol property, ParameterScope scope, string message, CancellationToken cancellationToken)
        {
            if (!property.IsPartialDefinition)
            {
                return;
            }

            string type = property.Type.ToDisplayString(DeclaredTypeFormat);
            string modifiers = GetModifiers(property, cancellationToken);
            var accessors = GetAccessors(property, cancellationToken);
            scope.AddInvalid(
                new InvalidPropertyInfo(Identifiers.Escape(property.Name), modifiers, type, accessors, message));
        }

        /// <summary>
        /// Returns the property with its definition, or null when it is invalid. Then <paramref name="violation"/>
        /// is the rules' message, or null when the property is invalid for a reason that the rules do not check.
        /// </summary>
        private static HyperPropertyInfo? Parse(
            IPropertySymbol property,
            KnownSymbols known,
            ParameterScope scope,
            CancellationToken cancellationToken,
            out string? violation)
        {
            violation = null;
            if (GetValueKind(property) is not ValueKind type)
            {
                return null;
            }

            if (!TryGetAttributes(property, known, cancellationToken, out var search, out var kind, out var activeWhen))
            {
                return null;
            }

            return ParseAttributes(
                property.Name,
                GetModifiers(property, cancellationToken),
                type,
                kind,
                AttributeArgumentList.From(search),
                activeWhen is null ? null : AttributeArgumentList.From(activeWhen),
                scope,
                out violation);
        }

        /// <summary>
        /// Reads a get-only instance property of <paramref name="type"/> from its one search attribute and its
        /// optional <c>[ActiveWhen]</c>, whichever way their arguments were read. Returns null when the property is
        /// invalid; then <paramref name="violation"/> is the rules' message, or null when the property is invalid for
        /// a reason that the rules do not check.
        /// </summary>
        /// <param name="propertyName">The property name as <c>nameof</c> returns it, without <c>@</c>.</param>
        /// <param name="modifiers">The declaration's modifiers in source order.</param>
        /// <param name="type">The property type.</param>
        /// <param name="kind">The search attribute's definition kind.</param>
        /// <param name="search">The search attribute's arguments.</param>
        /// <param name="activeWhen">The <c>[ActiveWhen]</c> arguments, or null when there is none.</param>
        /// <param name="scope">The properties parsed before this one, base classes first.</param>
        /// <param name="violation">The rules' message when a rule rejects the property.</param>
        public static HyperPropertyInfo? ParseAttributes(
            string propertyName,
            string modifiers,
            ValueKind type,
            HyperParameterKind kind,
            AttributeArgumentList search,
            AttributeArgumentList? activeWhen,
            ParameterScope scope,
            out string? violation)
        {
            string? name = ReadName(search, propertyName, out violation);
            if (name is null || scope.ContainsHyperParameter(name))
            {
                return null;
            }

            if (!TryParseConditions(activeWhen, name, scope, out var conditions))
            {
                return null;
            }

            var definition = ParseDefinition(kind, search, name, type, conditions, out violation);
            if (definition is null)
            {
                return null;
            }

            return new HyperPropertyInfo(Identifiers.Escape(propertyName), modifiers, type, definition);
        }

        /// <summary>
        /// Returns what makes the property's shape invalid for a hyperparameter, such as <c>is static</c> or
        /// <c>has a 'set' accessor</c>, or null for a get-only instance property.
        /// </summary>
        private static string? DescribeShapeViolation(IPropertySymbol property)
        {
            var violations = new List<string>();
            if (property.IsStatic)
            {
                violations.Add("is static");
            }

            if (property.SetMethod is { } setter)
            {
                violations.Add(setter.IsInitOnly ? "has an 'init' accessor" : "has a 'set' accessor");
            }

            if (property.GetMethod is null)
            {
                violations.Add("has no 'get' accessor");
            }

            return violations.Count == 0 ? null : string.Join(" and ", violations);
        }

        /// <summary>
        /// Creates the throwing accessors' message for an invalid search attribute. It names the property and
        /// includes the rules' message when there is one.
        /// </summary>
        private static string CreateAttributeMessage(IPropertySymbol property, string? violation)
        {
            string message = $"The search attribute of property '{GetFullName(property)}' is invalid, so the property "
                + "has no hyperparameter and no value.";
            if (violation is not null)
            {
                message += " " + violation;
            }

            return message + " The HG diagnostic reported by the build explains the error and how to fix it.";
        }

        /// <summary>Creates the throwing accessors' message for a property that is static or has a setter.</summary>
        private static string CreateShapeMessage(IPropertySymbol property, string shapeViolation) =>
            $"The property '{GetFullName(property)}' has a search attribute but {shapeViolation}, so it has no "
            + "hyperparameter and no value. A hyperparameter property must be a get-only instance property. The HG "
            + "diagnostic reported by the build explains the error and how to fix it.";

        /// <summary>Creates the throwing accessors' message for a property with <c>[ActiveWhen]</c> only.</summary>
        private static string CreateConditionOnlyMessage(IPropertySymbol property) =>
            $"The property '{GetFullName(property)}' has [ActiveWhen] but no search attribute, so it has no "
            + "hyperparameter and no value. Add a search attribute such as [IntRange] or [Choice], or remove "
            + "[ActiveWhen]. The HG diagnostic reported by the build explains the error and how to fix it.";

        /// <summary>
        /// Creates the throwing accessors' message for an attributed property of a type that is not a hypermodel.
        /// </summary>
        private static string CreateNotHyperModelMessage(IPropertySymbol property) =>
            $"The property '{GetFullName(property)}' has a HyperGen attribute, but its type "
            + $"'{property.ContainingType.ToDisplayString()}' does not derive from HyperModel<TModel>, so the "
            + "property has no hyperparameter and no value. Derive the type from HyperModel<TModel>, or remove the "
            + "attribute. The HG diagnostic reported by the build explains the error and how to fix it.";

        private static string GetFullName(IPropertySymbol property) =>
            property.ContainingType.ToDisplayString() + "." + property.Name;

        /// <summary>
        /// Whether the property can be implemented: a non-ref, non-indexer property that is a partial definition
        /// without an implementation. A property read from a referenced assembly (a base class compiled earlier) has
        /// no partial parts and only needs the shape.
        /// </summary>
        private static bool IsCandidate(IPropertySymbol property)
        {
            if (property.IsIndexer || property.RefKind != RefKind.None)
            {
                return false;
            }

            if (!property.ExplicitInterfaceImplementations.IsEmpty)
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
        private static string? ReadName(AttributeArgumentList attribute, string propertyName, out string? violation)
        {
            violation = null;
            string name = HyperParameterNames.ToSnakeCase(propertyName);
            if (attribute.TryGetNamed("Name", out var argument) && argument.Value is not null)
            {
                if (argument.Value is not string given)
                {
                    return null;
                }

                name = given;
            }

            violation = SearchSpaceRules.CheckName(name);
            return violation is null ? name : null;
        }

        /// <summary>
        /// Resolves <c>[ActiveWhen(nameof(Parent), values...)]</c> to the parent's hyperparameter name, converting
        /// each value to the parent's type (numbers by value, so <c>2L</c> becomes the int <c>2</c>). Succeeds with no conditions when there is no attribute.
        /// </summary>
        private static bool TryParseConditions(
            AttributeArgumentList? activeWhen,
            string name,
            ParameterScope scope,
            out EquatableArray<ConditionInfo> conditions)
        {
            conditions = EquatableArray<ConditionInfo>.Empty;
            if (activeWhen is null)
            {
                return true;
            }

            var arguments = activeWhen.ConstructorArguments;
            if (arguments[0].Value is not string parentProperty || arguments[1].Kind != ArgumentKind.Array)
            {
                return false;
            }

            if (arguments[1].IsNull || arguments[1].Values.Count == 0)
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
                if (!AttributeArguments.TryConvertConditionValue(constant, parent.Type, out object value))
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
            AttributeArgumentList attribute,
            string name,
            ValueKind type,
            EquatableArray<ConditionInfo> conditions,
            out string? violation)
        {
            violation = null;
            return kind switch
            {
                HyperParameterKind.Int when type == ValueKind.Int =>
                    DefinitionParser.ParseInt(attribute, name, conditions, out violation),
                HyperParameterKind.Float when type == ValueKind.Double =>
                    DefinitionParser.ParseFloat(attribute, name, conditions, out violation),
                HyperParameterKind.Choice =>
                    DefinitionParser.ParseChoice(attribute, name, type, conditions, out violation),
                HyperParameterKind.Boolean when type == ValueKind.Boolean =>
                    DefinitionParser.ParseBoolean(attribute, name, conditions, out violation),
                HyperParameterKind.Fixed =>
                    DefinitionParser.ParseFixed(attribute, name, type, conditions, out violation),
                _ => null,
            };
        }

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

        /// <summary>
        /// Returns the declaration's accessors in source order, each with its modifiers, because the implementing
        /// part must repeat their accessibility. A declaration without an accessor list gets a lone <c>get</c>.
        /// </summary>
        private static EquatableArray<string> GetAccessors(
            IPropertySymbol property, CancellationToken cancellationToken)
        {
            var reference = property.DeclaringSyntaxReferences.FirstOrDefault();
            if (reference?.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } list })
            {
                return new[] { "get" }.ToEquatableArray();
            }

            return list.Accessors.Select(FormatAccessor).ToEquatableArray();
        }

        private static string FormatAccessor(AccessorDeclarationSyntax accessor)
        {
            var words = accessor.Modifiers.Select(modifier => modifier.Text).Append(accessor.Keyword.Text);
            return string.Join(" ", words);
        }
    }
}
