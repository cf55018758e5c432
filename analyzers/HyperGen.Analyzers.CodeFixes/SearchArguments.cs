using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// The arguments of a search attribute (<c>[IntRange(1, 8, Step = 2)]</c>) or of a dynamic API call
    /// (<c>hp.Int("units", 1, 8, step: 2)</c>), keyed by the lower-case parameter or property name, so that one fix
    /// handles both forms: <c>min</c>, <c>max</c>, <c>step</c>, <c>sampling</c>, <c>default</c>, <c>name</c>,
    /// <c>values</c>.
    /// </summary>
    internal sealed class SearchArguments
    {
        private readonly Dictionary<string, List<SearchArgument>> _arguments;

        private SearchArguments(SyntaxNode owner, IMethodSymbol method, Dictionary<string, List<SearchArgument>> arguments)
        {
            Owner = owner;
            Method = method;
            _arguments = arguments;
        }

        /// <summary>The attribute or invocation that contains the arguments.</summary>
        public SyntaxNode Owner { get; }

        /// <summary>The attribute constructor or the dynamic API method.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Whether <see cref="Owner"/> is an attribute rather than a dynamic API call.</summary>
        public bool IsAttribute => Owner is AttributeSyntax;

        /// <summary>Whether the range is an integer range: <c>[IntRange]</c> or <c>hp.Int</c>.</summary>
        public bool HasIntegerRange => Method.Parameters.Any(parameter =>
            parameter.Name == "min"
            && (parameter.Type.SpecialType == SpecialType.System_Int32 || parameter.Type.SpecialType == SpecialType.System_Int64));

        /// <summary>Returns the single argument for <paramref name="key"/>, or null when it is absent.</summary>
        public SearchArgument? Find(string key) =>
            _arguments.TryGetValue(key, out var found) && found.Count > 0 ? found[0] : null;

        /// <summary>Returns every argument for <paramref name="key"/> in source order (the values of a choice).</summary>
        public IReadOnlyList<SearchArgument> FindAll(string key) =>
            _arguments.TryGetValue(key, out var found) ? found : (IReadOnlyList<SearchArgument>)Array.Empty<SearchArgument>();

        /// <summary>
        /// Finds the attribute or dynamic API call around <paramref name="node"/> and reads its arguments, or returns
        /// null when there is none or its target cannot be resolved.
        /// </summary>
        public static SearchArguments? Read(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var owner = node.AncestorsAndSelf()
                .FirstOrDefault(ancestor => ancestor is AttributeSyntax || ancestor is InvocationExpressionSyntax);
            if (owner is null || !(model.GetSymbolInfo(owner, cancellationToken).Symbol is IMethodSymbol method))
            {
                return null;
            }

            var arguments = new Dictionary<string, List<SearchArgument>>(StringComparer.Ordinal);
            var syntaxArguments = GetArguments(owner);
            for (int i = 0; i < syntaxArguments.Count; i++)
            {
                var argument = GetArgument(syntaxArguments[i], i, method.Parameters, model, cancellationToken);
                if (argument is null)
                {
                    continue;
                }

                if (!arguments.TryGetValue(argument.Key, out var list))
                {
                    list = new List<SearchArgument>();
                    arguments.Add(argument.Key, list);
                }

                list.Add(argument);
            }

            return new SearchArguments(owner, method, arguments);
        }

        private static IReadOnlyList<SyntaxNode> GetArguments(SyntaxNode owner) =>
            owner is AttributeSyntax attribute
                ? (IReadOnlyList<SyntaxNode>)(attribute.ArgumentList?.Arguments.ToList() ?? new List<AttributeArgumentSyntax>())
                : ((InvocationExpressionSyntax)owner).ArgumentList.Arguments.ToList();

        private static SearchArgument? GetArgument(
            SyntaxNode syntax,
            int position,
            ImmutableArray<IParameterSymbol> parameters,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            string? name;
            ExpressionSyntax expression;
            if (syntax is AttributeArgumentSyntax attributeArgument)
            {
                expression = attributeArgument.Expression;
                name = attributeArgument.NameEquals?.Name.Identifier.ValueText
                    ?? attributeArgument.NameColon?.Name.Identifier.ValueText
                    ?? PositionalName(parameters, position);
            }
            else
            {
                var argument = (ArgumentSyntax)syntax;
                expression = argument.Expression;
                name = argument.NameColon?.Name.Identifier.ValueText ?? PositionalName(parameters, position);
            }

            if (name is null)
            {
                return null;
            }

            var constant = model.GetConstantValue(expression, cancellationToken);
            return new SearchArgument(
                name.ToLowerInvariant(), syntax, expression, constant.HasValue ? constant.Value : null, constant.HasValue);
        }

        // A positional argument past the last parameter belongs to a params array (the values of a choice).
        private static string? PositionalName(ImmutableArray<IParameterSymbol> parameters, int position)
        {
            if (parameters.IsEmpty)
            {
                return null;
            }

            return position < parameters.Length ? parameters[position].Name : parameters[parameters.Length - 1].Name;
        }
    }

    /// <summary>One argument of a search attribute or dynamic API call, with its constant value when it has one.</summary>
    internal sealed class SearchArgument
    {
        /// <summary>Creates the argument.</summary>
        public SearchArgument(string key, SyntaxNode syntax, ExpressionSyntax expression, object? value, bool isConstant)
        {
            Key = key;
            Syntax = syntax;
            Expression = expression;
            Value = value;
            IsConstant = isConstant;
        }

        /// <summary>The lower-case parameter or property name.</summary>
        public string Key { get; }

        /// <summary>The whole argument: an <see cref="AttributeArgumentSyntax"/> or an <see cref="ArgumentSyntax"/>.</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>The argument's expression, without its name.</summary>
        public ExpressionSyntax Expression { get; }

        /// <summary>The constant value, or null when the expression is not constant.</summary>
        public object? Value { get; }

        /// <summary>Whether the expression is a compile-time constant.</summary>
        public bool IsConstant { get; }

        /// <summary>The constant as a double, or null when it is not a number.</summary>
        public double? AsDouble() => IsConstant && Value is IConvertible && !(Value is string) && !(Value is bool)
            ? Convert.ToDouble(Value, System.Globalization.CultureInfo.InvariantCulture)
            : (double?)null;
    }
}
