using System;
using System.Collections.Generic;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators.Syntax
{
    /// <summary>
    /// Reads the arguments of a HyperGen attribute from syntax, converted to the parameter types as the compiler
    /// would bind them, when every argument is a literal the reader can evaluate alone: numbers (with a sign),
    /// strings, <c>true</c>, <c>false</c>, <c>null</c>, <c>nameof(Identifier)</c> and <c>Sampling</c> members.
    /// Anything else (a constant, a cast, arithmetic, a named constructor argument) is left to the symbols.
    /// </summary>
    internal static class SyntacticArguments
    {
        private enum ParameterType
        {
            Long,
            Double,
            Bool,
            String,
            Object,
            Sampling,
        }

        /// <summary>Reads the arguments of one HyperGen attribute usage.</summary>
        /// <param name="attribute">The attribute usage.</param>
        /// <param name="kind">The search attribute's kind, or null for <c>[ActiveWhen]</c>.</param>
        /// <param name="usesUnqualifiedName">
        /// Set when an argument names <c>Sampling</c> without its namespace, so the namespace must be imported.
        /// </param>
        /// <returns>The arguments, or null when syntax alone cannot give them exactly.</returns>
        public static AttributeArgumentList? TryRead(
            AttributeSyntax attribute, HyperParameterKind? kind, ref bool usesUnqualifiedName)
        {
            var (positional, isParams) = GetConstructor(kind);
            var constructorArguments = new List<ArgumentValue>();
            var named = new List<KeyValuePair<string, ArgumentValue>>();
            var paramsValues = new List<ArgumentValue>();
            int position = 0;
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameColon is not null)
                {
                    return null;
                }

                if (argument.NameEquals is { } nameEquals)
                {
                    string name = nameEquals.Name.Identifier.ValueText;
                    if (GetNamedType(kind, name) is not ParameterType namedType
                        || !TryConvert(argument.Expression, namedType, ref usesUnqualifiedName, out var namedValue))
                    {
                        return null;
                    }

                    named.Add(new KeyValuePair<string, ArgumentValue>(name, namedValue));
                    continue;
                }

                if (named.Count > 0)
                {
                    return null;
                }

                var type = position < positional.Length ? positional[position] : ParameterType.Object;
                if (position >= positional.Length && !isParams)
                {
                    return null;
                }

                if (!TryConvert(argument.Expression, type, ref usesUnqualifiedName, out var value))
                {
                    return null;
                }

                (position < positional.Length ? constructorArguments : paramsValues).Add(value);
                position++;
            }

            if (constructorArguments.Count != positional.Length)
            {
                return null;
            }

            // A lone params argument that is null, or an array, binds as the array itself; the symbols handle it.
            if (isParams && paramsValues.Count == 1 && paramsValues[0].IsNull)
            {
                return null;
            }

            if (isParams)
            {
                constructorArguments.Add(ArgumentValue.Array(paramsValues));
            }

            return new AttributeArgumentList(constructorArguments, named);
        }

        private static (ParameterType[] Positional, bool IsParams) GetConstructor(HyperParameterKind? kind) =>
            kind switch
            {
                HyperParameterKind.Int => ([ParameterType.Long, ParameterType.Long], false),
                HyperParameterKind.Float => ([ParameterType.Double, ParameterType.Double], false),
                HyperParameterKind.Choice => ([], true),
                HyperParameterKind.Boolean => ([], false),
                HyperParameterKind.Fixed => ([ParameterType.Object], false),
                _ => ([ParameterType.String], true),
            };

        private static ParameterType? GetNamedType(HyperParameterKind? kind, string name) => (kind, name) switch
        {
            (HyperParameterKind.Int, "Step" or "Default") => ParameterType.Long,
            (HyperParameterKind.Float, "Step" or "Default") => ParameterType.Double,
            (HyperParameterKind.Int or HyperParameterKind.Float, "Sampling") => ParameterType.Sampling,
            (HyperParameterKind.Choice, "Ordered") => ParameterType.Bool,
            (HyperParameterKind.Choice, "Default") => ParameterType.Object,
            (HyperParameterKind.Boolean, "Default") => ParameterType.Bool,
            (not null, "Name") => ParameterType.String,
            _ => null,
        };

        private static bool TryConvert(
            ExpressionSyntax expression, ParameterType type, ref bool usesUnqualifiedName, out ArgumentValue value)
        {
            value = ArgumentValue.Other;
            if (type == ParameterType.Sampling)
            {
                if (!TryReadSampling(expression, ref usesUnqualifiedName, out int member))
                {
                    return false;
                }

                value = ArgumentValue.Enum(member);
                return true;
            }

            if (!TryEvaluate(expression, out object? constant))
            {
                return false;
            }

            object? converted = (type, constant) switch
            {
                (ParameterType.Long, int i) => (long)i,
                (ParameterType.Long, uint u) => (long)u,
                (ParameterType.Long, long l) => l,
                (ParameterType.Double, int i) => (double)i,
                (ParameterType.Double, uint u) => (double)u,
                (ParameterType.Double, long l) => (double)l,
                (ParameterType.Double, ulong ul) => (double)ul,
                (ParameterType.Double, float f) => (double)f,
                (ParameterType.Double, double d) => d,
                (ParameterType.Bool, bool b) => b,
                (ParameterType.String, string s) => s,
                (ParameterType.Object, int or uint or long or ulong or float or double or bool or string) => constant,
                _ => null,
            };
            bool isNullReference = constant is null && type is ParameterType.String or ParameterType.Object;
            if (converted is null && !isNullReference)
            {
                return false;
            }

            value = ArgumentValue.Primitive(converted);
            return true;
        }

        /// <summary>
        /// Evaluates a literal, a signed numeric literal, or <c>nameof</c> of a simple name, with the type the
        /// compiler gives it.
        /// </summary>
        private static bool TryEvaluate(ExpressionSyntax expression, out object? value)
        {
            value = null;
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return TryEvaluate(parenthesized.Expression, out value);

                case LiteralExpressionSyntax literal:
                    switch (literal.Kind())
                    {
                        case SyntaxKind.NumericLiteralExpression:
                            value = literal.Token.Value;
                            return value is int or uint or long or ulong or float or double;
                        case SyntaxKind.StringLiteralExpression:
                            value = literal.Token.ValueText;
                            return true;
                        case SyntaxKind.TrueLiteralExpression:
                            value = true;
                            return true;
                        case SyntaxKind.FalseLiteralExpression:
                            value = false;
                            return true;
                        case SyntaxKind.NullLiteralExpression:
                            return true;
                        default:
                            return false;
                    }

                case PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } unary
                    when operand.IsKind(SyntaxKind.NumericLiteralExpression):
                    return unary.Kind() switch
                    {
                        SyntaxKind.UnaryPlusExpression => TryEvaluate(operand, out value),
                        SyntaxKind.UnaryMinusExpression => TryNegate(operand.Token.Value, out value),
                        _ => false,
                    };

                case InvocationExpressionSyntax
                {
                    Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" },
                    ArgumentList.Arguments: { Count: 1 } arguments,
                }
                    when arguments[0] is { NameColon: null, RefKindKeyword.RawKind: 0, Expression: IdentifierNameSyntax name }:
                    value = name.Identifier.ValueText;
                    return true;

                default:
                    return false;
            }
        }

        /// <summary>
        /// Negates a numeric literal as C# does: <c>-2147483648</c> is the int minimum and
        /// <c>-9223372036854775808</c> the long minimum, other uint literals become long, and a ulong cannot be negated.
        /// </summary>
        private static bool TryNegate(object? literal, out object? value)
        {
            value = literal switch
            {
                int i => -i,
                uint u when u == 2147483648u => int.MinValue,
                uint u => -(long)u,
                long l => -l,
                ulong ul when ul == 9223372036854775808ul => long.MinValue,
                float f => -f,
                double d => -d,
                _ => null,
            };
            return value is not null;
        }

        /// <summary>
        /// Reads <c>Sampling.Member</c>, <c>HyperGen.Sampling.Member</c> or <c>global::HyperGen.Sampling.Member</c>
        /// for a member that <see cref="Sampling"/> defines.
        /// </summary>
        private static bool TryReadSampling(ExpressionSyntax expression, ref bool usesUnqualifiedName, out int member)
        {
            member = 0;
            if (expression is not MemberAccessExpressionSyntax
                {
                    RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax memberName,
                } access)
            {
                return false;
            }

            switch (SyntacticNames.ReadTypeName(access.Expression, "Sampling"))
            {
                case SyntacticNames.TypeNameForm.Unqualified:
                    usesUnqualifiedName = true;
                    break;
                case SyntacticNames.TypeNameForm.Qualified:
                    break;
                default:
                    return false;
            }

            if (!Enum.TryParse(memberName.Identifier.ValueText, ignoreCase: false, out Sampling sampling)
                || !Enum.IsDefined(typeof(Sampling), sampling)
                || memberName.Identifier.ValueText != sampling.ToString())
            {
                return false;
            }

            member = (int)sampling;
            return true;
        }
    }
}
