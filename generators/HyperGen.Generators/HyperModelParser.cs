using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators
{
    /// <summary>
    /// Turns a hypermodel class into a <see cref="HyperModelInfo"/>. Symbols are read here and in no later step.
    /// </summary>
    internal static class HyperModelParser
    {
        /// <summary>
        /// Parses the source type with the given metadata name from its symbols, for a type whose syntax alone cannot
        /// give its model.
        /// </summary>
        /// <returns>
        /// The type's model, or null when the compilation has no such source type, lacks the HyperGen runtime, or the
        /// type cannot get generated code.
        /// </returns>
        public static HyperModelInfo? Parse(
            Compilation compilation, string metadataName, CancellationToken cancellationToken)
        {
            var known = new KnownSymbols(compilation);
            if (known.HyperModelType is null
                || compilation.Assembly.GetTypeByMetadataName(metadataName) is not { } type)
            {
                return null;
            }

            if (IsGeneratedHyperModel(type, known, cancellationToken))
            {
                return ParseModel(type, known, cancellationToken);
            }

            if (FindFirstAttributedProperty(type, known) is not null
                && IsPartialNonHyperModel(type, known, cancellationToken))
            {
                return ParseNonHyperModel(type, known, cancellationToken);
            }

            return null;
        }

        private static HyperModelInfo ParseModel(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            // Base classes first, so that inherited parents and names are known when the class's properties are read.
            var scope = new ParameterScope();
            foreach (var baseType in GetContributingBases(type, known, cancellationToken))
            {
                ParseProperties(baseType, known, scope, cancellationToken);
            }

            int inherited = scope.Properties.Count;
            int inheritedInvalid = scope.InvalidProperties.Count;
            ParseProperties(type, known, scope, cancellationToken);

            return new HyperModelInfo(
                GetHintName(type),
                GetNamespace(type),
                GetTypeDeclarations(type),
                scope.Properties.Skip(inherited).ToEquatableArray(),
                scope.InvalidProperties.Skip(inheritedInvalid).ToEquatableArray(),
                // NOTE: a class that overrides DeclareHyperParameters itself gets no generated override, so its
                // attribute hyperparameters stay undeclared unless that override declares them.
                type.GetMembers("DeclareHyperParameters").IsEmpty,
                ParseValuesRecord(type, known, scope, cancellationToken));
        }

        /// <summary>
        /// Creates the model of a partial class or struct that has attributed properties but does not derive from
        /// <c>HyperModel&lt;TModel&gt;</c>. It has throwing accessors only, because a <c>DeclareHyperParameters</c>
        /// override or a <c>Values</c> record would not compile without the base class.
        /// </summary>
        private static HyperModelInfo ParseNonHyperModel(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            var scope = new ParameterScope();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IPropertySymbol property && known.HasSearchOrConditionAttribute(property))
                {
                    HyperParameterParser.AddOutsideHyperModel(property, scope, cancellationToken);
                }
            }

            return new HyperModelInfo(
                GetHintName(type),
                GetNamespace(type),
                GetTypeDeclarations(type),
                EquatableArray<HyperPropertyInfo>.Empty,
                scope.InvalidProperties.ToEquatableArray(),
                OverridesDeclareHyperParameters: false,
                Values: null);
        }

        private static void ParseProperties(
            INamedTypeSymbol type, KnownSymbols known, ParameterScope scope, CancellationToken cancellationToken)
        {
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IPropertySymbol property && known.HasSearchOrConditionAttribute(property))
                {
                    HyperParameterParser.ParseInto(property, known, scope, cancellationToken);
                }
            }
        }

        /// <summary>
        /// Returns the base classes whose attributed properties are hyperparameters of <paramref name="type"/>,
        /// the one nearest <c>HyperModel&lt;TModel&gt;</c> first: classes from referenced assemblies, and source
        /// classes that get generated code themselves.
        /// </summary>
        private static List<INamedTypeSymbol> GetContributingBases(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            var bases = new List<INamedTypeSymbol>();
            var current = type.BaseType;
            for (; current is not null && !IsHyperModelDefinition(current, known); current = current.BaseType)
            {
                bool fromMetadata = current.DeclaringSyntaxReferences.IsEmpty;
                if (fromMetadata || IsGeneratedHyperModel(current, known, cancellationToken))
                {
                    bases.Add(current);
                }
            }

            bases.Reverse();
            return bases;
        }

        /// <summary>
        /// Creates the <c>Values</c> record model, or returns null when the class declares a member named
        /// <c>Values</c>. A property hiding an inherited one of the same name keeps the inherited record parameter.
        /// </summary>
        private static ValuesRecordInfo? ParseValuesRecord(
            INamedTypeSymbol type, KnownSymbols known, ParameterScope scope, CancellationToken cancellationToken)
        {
            if (!type.GetMembers("Values").IsEmpty)
            {
                return null;
            }

            bool hidesInherited = HasInheritedValues(type, known, cancellationToken);
            return new ValuesRecordInfo(hidesInherited, CreateValuesParameters(scope.Properties));
        }

        /// <summary>
        /// Creates the <c>Values</c> record's parameters from the properties of a class and its bases, base classes
        /// first. A property hiding an inherited one of the same name keeps the inherited record parameter.
        /// </summary>
        public static EquatableArray<ValuesParameterInfo> CreateValuesParameters(
            IEnumerable<HyperPropertyInfo> properties)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var parameters = new List<ValuesParameterInfo>();
            foreach (var property in properties)
            {
                if (names.Add(property.PropertyName))
                {
                    parameters.Add(new ValuesParameterInfo(
                        property.PropertyName, property.Type, property.Definition.Name, property.IsConditional));
                }
            }

            return parameters.ToEquatableArray();
        }

        /// <summary>
        /// Whether a base class has an accessible member named <c>Values</c>, or is a source hypermodel that will get
        /// a generated <c>Values</c> record (generated members are not in the compilation the generator reads).
        /// </summary>
        private static bool HasInheritedValues(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                var members = current.GetMembers("Values");
                if (members.Any(member => known.Compilation.IsSymbolAccessibleWithin(member, type)))
                {
                    return true;
                }

                bool fromSource = !current.DeclaringSyntaxReferences.IsEmpty;
                if (fromSource && members.IsEmpty && IsGeneratedHyperModel(current, known, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the generator writes a hypermodel file for <paramref name="type"/>: a class deriving from
        /// <c>HyperModel&lt;TModel&gt;</c>, declared partial together with every containing type, with at least one
        /// property carrying a search attribute or <c>[ActiveWhen]</c>.
        /// </summary>
        private static bool IsGeneratedHyperModel(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (type.TypeKind != TypeKind.Class || type.IsStatic || !DerivesFromHyperModel(type, known))
            {
                return false;
            }

            return IsPartialWithContainingTypes(type, cancellationToken)
                && FindFirstAttributedProperty(type, known) is not null;
        }

        /// <summary>
        /// Whether <paramref name="type"/> is a class or struct that does not derive from
        /// <c>HyperModel&lt;TModel&gt;</c>, declared partial together with every containing type, so that its
        /// attributed partial properties can get throwing accessors.
        /// </summary>
        private static bool IsPartialNonHyperModel(
            INamedTypeSymbol type, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (known.HyperModelType is null || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }

            return !DerivesFromHyperModel(type, known) && IsPartialWithContainingTypes(type, cancellationToken);
        }

        private static bool DerivesFromHyperModel(INamedTypeSymbol type, KnownSymbols known)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (IsHyperModelDefinition(current, known))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHyperModelDefinition(INamedTypeSymbol type, KnownSymbols known) =>
            known.HyperModelType is not null
            && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.HyperModelType);

        private static bool IsPartialWithContainingTypes(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaringSyntaxReferences.IsEmpty)
                {
                    return false;
                }

                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                        || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Returns the first property, in member order, that carries a search attribute or <c>[ActiveWhen]</c>.
        /// </summary>
        private static IPropertySymbol? FindFirstAttributedProperty(INamedTypeSymbol type, KnownSymbols known)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && known.HasSearchOrConditionAttribute(property))
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>
        /// Builds the hint name from the fully qualified metadata name, such as <c>Samples.Outer+Model`1.g.cs</c>;
        /// <c>+</c> separates nested types as in metadata, so different nestings cannot collide.
        /// </summary>
        private static string GetHintName(INamedTypeSymbol type)
        {
            var builder = new StringBuilder();
            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                builder.Append(type.ContainingNamespace.ToDisplayString()).Append('.');
            }

            var chain = new List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                chain.Add(current.MetadataName);
            }

            chain.Reverse();
            return builder.Append(string.Join("+", chain)).Append(".g.cs").ToString();
        }

        private static string GetNamespace(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            var current = type.ContainingNamespace;
            for (; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                parts.Add(Identifiers.Escape(current.Name));
            }

            parts.Reverse();
            return string.Join(".", parts);
        }

        /// <summary>Returns the declarations to repeat, outermost containing type first and the class last.</summary>
        private static EquatableArray<TypeDeclarationInfo> GetTypeDeclarations(INamedTypeSymbol type)
        {
            var declarations = new List<TypeDeclarationInfo>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                declarations.Add(new TypeDeclarationInfo(GetKeyword(current), GetNameWithTypeParameters(current)));
            }

            declarations.Reverse();
            return declarations.ToEquatableArray();
        }

        private static string GetKeyword(INamedTypeSymbol type) => type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };

        private static string GetNameWithTypeParameters(INamedTypeSymbol type)
        {
            string name = Identifiers.Escape(type.Name);
            if (type.TypeParameters.IsEmpty)
            {
                return name;
            }

            var parameters = type.TypeParameters.Select(parameter => Identifiers.Escape(parameter.Name));
            return name + "<" + string.Join(", ", parameters) + ">";
        }
    }
}
