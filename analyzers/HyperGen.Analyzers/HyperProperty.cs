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
                else if (read.ActiveWhen is null && known.IsActiveWhen(attribute.AttributeClass))
                {
                    read.ActiveWhen = AttributeUsage.Create(attribute, cancellationToken);
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
