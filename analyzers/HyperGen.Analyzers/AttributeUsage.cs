using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// One application of an attribute: its bound data and, when it is written in source, its syntax, so that a
    /// diagnostic can point at the argument at fault.
    /// </summary>
    internal sealed class AttributeUsage
    {
        private AttributeUsage(AttributeData data, AttributeSyntax? syntax)
        {
            Data = data;
            Syntax = syntax;
        }

        /// <summary>The bound attribute.</summary>
        public AttributeData Data { get; }

        /// <summary>The attribute as written, or null for an attribute read from metadata.</summary>
        public AttributeSyntax? Syntax { get; }

        /// <summary>The location of the whole attribute, or <see cref="Location.None"/> without syntax.</summary>
        public Location Location => Syntax?.GetLocation() ?? Location.None;

        /// <summary>Reads <paramref name="data"/> with its syntax.</summary>
        public static AttributeUsage Create(AttributeData data, CancellationToken cancellationToken) =>
            new AttributeUsage(data, data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);

        /// <summary>
        /// Whether the attribute bound without errors: class and constructor resolved, every constructor argument
        /// present and no argument erroneous, and no syntax error. The compiler reports the broken ones, and
        /// analyzing their recovered arguments would only add noise.
        /// </summary>
        public bool IsWellFormed()
        {
            if (Data.AttributeClass is null or IErrorTypeSymbol || Data.AttributeConstructor is null)
            {
                return false;
            }

            if (Syntax is null || Syntax.ContainsDiagnostics || Syntax.Parent is { ContainsDiagnostics: true })
            {
                return Syntax is null && HasNoErrors();
            }

            return Data.ConstructorArguments.Length == Data.AttributeConstructor.Parameters.Length && HasNoErrors();
        }

        /// <summary>Finds a named argument, which exists only when the usage sets it.</summary>
        public bool TryGetNamed(string name, out TypedConstant value)
        {
            foreach (var argument in Data.NamedArguments)
            {
                if (argument.Key == name)
                {
                    value = argument.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        /// <summary>Returns the constructor argument at <paramref name="index"/>, or a default constant.</summary>
        public TypedConstant GetConstructorArgument(int index) =>
            index < Data.ConstructorArguments.Length ? Data.ConstructorArguments[index] : default;

        /// <summary>
        /// Returns the location of the argument a violation is about: a positional argument by index, a named
        /// argument by property name, one element of a <c>params</c> list, or the argument list for both bounds.
        /// Falls back to the whole attribute.
        /// </summary>
        public Location GetLocation(SearchSpaceArgument argument, int valueIndex = -1)
        {
            switch (argument)
            {
                case SearchSpaceArgument.Min:
                    return Positional(0, "min");
                case SearchSpaceArgument.Max:
                    return Positional(1, "max");
                case SearchSpaceArgument.Bounds:
                    return Syntax?.ArgumentList?.GetLocation() ?? Location;
                case SearchSpaceArgument.Value:
                    return Positional(0, "value");
                case SearchSpaceArgument.Values:
                    return ValueLocation(valueIndex);
                default:
                    return Named(argument.ToString());
            }
        }

        /// <summary>Returns the location of the named argument <paramref name="name"/>, or of the attribute.</summary>
        public Location Named(string name)
        {
            foreach (var argument in Arguments())
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }

            return Location;
        }

        /// <summary>
        /// Returns the location of the positional argument at <paramref name="index"/>, or of the one written as
        /// <c>parameter: value</c>, or of the attribute.
        /// </summary>
        public Location Positional(int index, string parameter)
        {
            var positional = PositionalArguments();
            foreach (var argument in positional)
            {
                if (argument.NameColon?.Name.Identifier.ValueText == parameter)
                {
                    return argument.GetLocation();
                }
            }

            return index < positional.Count ? positional[index].GetLocation() : Location;
        }

        /// <summary>
        /// Returns the expressions of a <c>params</c> list that starts at <paramref name="first"/>: the written
        /// arguments, or the elements of one array or collection expression passed in their place.
        /// </summary>
        public IReadOnlyList<ExpressionSyntax> ParamsExpressions(int first)
        {
            var positional = PositionalArguments();
            var expressions = new List<ExpressionSyntax>();
            if (positional.Count == first + 1 && ElementsOf(positional[first].Expression) is { } elements)
            {
                return elements;
            }

            for (int i = first; i < positional.Count; i++)
            {
                expressions.Add(positional[i].Expression);
            }

            return expressions;
        }

        private Location ValueLocation(int valueIndex)
        {
            var values = ParamsExpressions(0);
            return valueIndex >= 0 && valueIndex < values.Count ? values[valueIndex].GetLocation() : Location;
        }

        private static IReadOnlyList<ExpressionSyntax>? ElementsOf(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return initializer.Expressions;
                case ImplicitArrayCreationExpressionSyntax array:
                    return array.Initializer.Expressions;
                case CollectionExpressionSyntax collection:
                    var elements = new List<ExpressionSyntax>();
                    foreach (var element in collection.Elements)
                    {
                        if (element is ExpressionElementSyntax value)
                        {
                            elements.Add(value.Expression);
                        }
                    }

                    return elements;
                default:
                    return null;
            }
        }

        private IEnumerable<AttributeArgumentSyntax> Arguments() =>
            Syntax?.ArgumentList?.Arguments ?? default(SeparatedSyntaxList<AttributeArgumentSyntax>);

        private List<AttributeArgumentSyntax> PositionalArguments()
        {
            var positional = new List<AttributeArgumentSyntax>();
            foreach (var argument in Arguments())
            {
                if (argument.NameEquals is null)
                {
                    positional.Add(argument);
                }
            }

            return positional;
        }

        private bool HasNoErrors()
        {
            foreach (var argument in Data.ConstructorArguments)
            {
                if (HasError(argument))
                {
                    return false;
                }
            }

            foreach (var argument in Data.NamedArguments)
            {
                if (HasError(argument.Value))
                {
                    return false;
                }
            }

            return true;
        }

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
