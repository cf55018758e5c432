using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers
{
    /// <summary>A property with its search attributes and its <c>[ActiveWhen]</c> attribute, as written.</summary>
    internal sealed class HyperProperty
    {
        private HyperProperty(IPropertySymbol symbol)
        {
            Symbol = symbol;
        }

        /// <summary>The property.</summary>
        public IPropertySymbol Symbol { get; }

        /// <summary>The search attributes with their kinds, in source order.</summary>
        public List<(AttributeUsage Usage, SearchKind Kind)> Searches { get; } = new();

        /// <summary>The first <c>[ActiveWhen]</c> attribute, or null.</summary>
        public AttributeUsage? ActiveWhen { get; private set; }

        /// <summary>
        /// The number of <c>[ActiveWhen]</c> attributes. The attribute allows one, and the generator rejects a
        /// property with more.
        /// </summary>
        public int ActiveWhenCount { get; private set; }

        /// <summary>The one search attribute, or null when there is none or more than one.</summary>
        public AttributeUsage? Search => Searches.Count == 1 ? Searches[0].Usage : null;

        /// <summary>The kind of the one search attribute, or null.</summary>
        public SearchKind? Kind => Searches.Count == 1 ? Searches[0].Kind : null;

        /// <summary>Reads the HyperGen attributes of <paramref name="property"/>.</summary>
        public static HyperProperty Read(IPropertySymbol property, KnownTypes known, CancellationToken cancellationToken)
        {
            var read = new HyperProperty(property);
            foreach (var attribute in property.GetAttributes())
            {
                if (known.GetSearchKind(attribute.AttributeClass) is SearchKind kind)
                {
                    read.Searches.Add((AttributeUsage.Create(attribute, cancellationToken), kind));
                }
                else if (known.IsActiveWhen(attribute.AttributeClass))
                {
                    read.ActiveWhen ??= AttributeUsage.Create(attribute, cancellationToken);
                    read.ActiveWhenCount++;
                }
            }

            return read;
        }

        /// <summary>
        /// Returns the hyperparameter name: the <c>Name</c> argument when it is a string, else the snake_case
        /// property name, as the generator derives it.
        /// </summary>
        public string? GetHyperParameterName()
        {
            var search = Search;
            if (search is not null && search.TryGetNamed("Name", out var name) && !name.IsNull)
            {
                return name.Value as string;
            }

            return HyperGen.Generators.HyperParameterNames.ToSnakeCase(Symbol.Name);
        }

        /// <summary>
        /// Whether the generator declares this property's hyperparameter, apart from its name and its
        /// <c>[ActiveWhen]</c>: one well-formed search attribute on a partial, get-only instance property, with
        /// arguments that fit the property type and break none of the shared rules. A warning, such as a duplicate
        /// choice, does not stop the declaration.
        /// </summary>
        public bool IsDeclaredByGenerator(CancellationToken cancellationToken)
        {
            if (Search is not { } search || Kind is not SearchKind kind || !search.IsWellFormed())
            {
                return false;
            }

            if (Symbol.IsStatic || Symbol.IsIndexer || Symbol.GetMethod is null || Symbol.SetMethod is not null)
            {
                return false;
            }

            if (Symbol.RefKind != RefKind.None || !IsPartialWithoutUserBody(Symbol, cancellationToken))
            {
                return false;
            }

            var problem = new SearchAttributeCheck(Symbol, search).Check(kind);
            return problem is null || problem.Descriptor.DefaultSeverity != DiagnosticSeverity.Error;
        }

        /// <summary>
        /// Whether the property is a partial definition whose implementation, if any, is generated code: the
        /// generator's own implementation is fine, one written by hand replaces it. A property from a referenced
        /// assembly counts as one, because it was checked when that assembly was built.
        /// </summary>
        public static bool IsPartialWithoutUserBody(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.DeclaringSyntaxReferences.IsEmpty || !property.IsPartialDefinition)
            {
                return property.DeclaringSyntaxReferences.IsEmpty;
            }

            return property.PartialImplementationPart is not { } implementation
                || GeneratedCode.IsGenerated(implementation, cancellationToken);
        }

        /// <summary>Returns the location of the property's name in its first declaration.</summary>
        public static Location GetIdentifierLocation(IPropertySymbol property, CancellationToken cancellationToken)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration)
                {
                    return declaration.Identifier.GetLocation();
                }
            }

            return property.Locations.Length > 0 ? property.Locations[0] : Location.None;
        }

        /// <summary>
        /// Returns the properties of <paramref name="type"/> that have a search or <c>[ActiveWhen]</c> attribute, in
        /// member order. An implementation part of a partial property is skipped, because its definition part
        /// carries the attributes of both.
        /// </summary>
        public static List<HyperProperty> ReadAll(
            INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
        {
            var properties = new List<HyperProperty>();
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.PartialDefinitionPart is not null)
                {
                    continue;
                }

                var read = Read(property, known, cancellationToken);
                if (read.Searches.Count > 0 || read.ActiveWhen is not null)
                {
                    properties.Add(read);
                }
            }

            return properties;
        }

        /// <summary>
        /// Returns the hyperparameter properties of the base classes of <paramref name="type"/>, the base nearest
        /// <c>HyperModel&lt;TModel&gt;</c> first, as the generator declares them.
        /// </summary>
        public static List<HyperProperty> ReadInherited(
            INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
        {
            var bases = new List<INamedTypeSymbol>();
            for (var current = type.BaseType; current is not null && !known.IsHyperModel(current); current = current.BaseType)
            {
                bases.Add(current);
            }

            bases.Reverse();
            var properties = new List<HyperProperty>();
            foreach (var baseType in bases)
            {
                properties.AddRange(ReadAll(baseType, known, cancellationToken));
            }

            return properties;
        }
    }
}
