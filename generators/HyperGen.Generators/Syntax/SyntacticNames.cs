using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators.Syntax
{
    /// <summary>Recognizes HyperGen's type names in syntax, as written, before anything is bound.</summary>
    internal static class SyntacticNames
    {
        /// <summary>The namespace of every HyperGen type.</summary>
        public const string Namespace = "HyperGen";

        /// <summary>How a name refers to a HyperGen type.</summary>
        public enum TypeNameForm
        {
            /// <summary>Not the type: another name, or a qualifier syntax cannot resolve.</summary>
            None,

            /// <summary>The simple name, which binds to HyperGen's type when the namespace is imported.</summary>
            Unqualified,

            /// <summary><c>HyperGen.Name</c> or <c>global::HyperGen.Name</c>.</summary>
            Qualified,

            /// <summary>The simple name behind another qualifier, such as an alias: only symbols can tell.</summary>
            OtherQualifier,
        }

        /// <summary>What an attribute's name says about its class.</summary>
        /// <param name="Form">How the name refers to a HyperGen attribute, or None for any other name.</param>
        /// <param name="Kind">The search attribute kind, or null for <c>[ActiveWhen]</c> or another attribute.</param>
        /// <param name="SimpleName">The rightmost identifier as written.</param>
        public readonly record struct AttributeName(TypeNameForm Form, HyperParameterKind? Kind, string SimpleName)
        {
            /// <summary>Whether the name is <c>ActiveWhen</c> or <c>ActiveWhenAttribute</c>.</summary>
            public bool IsActiveWhen => Form != TypeNameForm.None && Kind is null;
        }

        /// <summary>Whether <paramref name="name"/> is the simple name of a HyperGen type that user code names.</summary>
        public static bool IsHyperGenTypeName(string name) =>
            name is Namespace or "HyperModel" or "Sampling"
            || ReadAttributeKind(name, out _);

        /// <summary>Classifies an attribute's name.</summary>
        public static AttributeName ReadAttribute(NameSyntax name)
        {
            var (form, simpleName) = Split(name);
            if (simpleName is null || !ReadAttributeKind(simpleName, out var kind))
            {
                return new AttributeName(TypeNameForm.None, null, simpleName ?? string.Empty);
            }

            return new AttributeName(form, kind, simpleName);
        }

        /// <summary>
        /// Classifies a reference to the HyperGen type <paramref name="simpleName"/>: a name, as in a base list, or a
        /// member access, as <c>HyperGen.Sampling</c> is in <c>HyperGen.Sampling.Log</c>.
        /// </summary>
        public static TypeNameForm ReadTypeName(ExpressionSyntax expression, string simpleName)
        {
            var (form, name) = expression switch
            {
                NameSyntax nameSyntax => Split(nameSyntax),
                MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access =>
                    (access.Expression is NameSyntax qualifier ? ReadQualifier(qualifier) : TypeNameForm.OtherQualifier,
                        access.Name.Identifier.ValueText),
                _ => (TypeNameForm.None, null),
            };
            return name == simpleName ? form : TypeNameForm.None;
        }

        /// <summary>
        /// Splits a name into its rightmost identifier (a generic name's identifier, without type arguments) and the
        /// form of its qualifier.
        /// </summary>
        private static (TypeNameForm Form, string? SimpleName) Split(NameSyntax name) => name switch
        {
            SimpleNameSyntax simple => (TypeNameForm.Unqualified, simple.Identifier.ValueText),
            QualifiedNameSyntax qualified => (ReadQualifier(qualified.Left), qualified.Right.Identifier.ValueText),
            AliasQualifiedNameSyntax aliased => (TypeNameForm.OtherQualifier, aliased.Name.Identifier.ValueText),
            _ => (TypeNameForm.None, null),
        };

        private static TypeNameForm ReadQualifier(NameSyntax qualifier) => qualifier switch
        {
            IdentifierNameSyntax { Identifier.ValueText: Namespace } => TypeNameForm.Qualified,
            AliasQualifiedNameSyntax
            {
                Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword,
                Name: IdentifierNameSyntax { Identifier.ValueText: Namespace },
            } => TypeNameForm.Qualified,
            _ => TypeNameForm.OtherQualifier,
        };

        /// <summary>
        /// Maps an attribute name, with or without the <c>Attribute</c> suffix, to its kind; <c>ActiveWhen</c> maps
        /// to a null kind.
        /// </summary>
        private static bool ReadAttributeKind(string name, out HyperParameterKind? kind)
        {
            const string Suffix = "Attribute";
            string stem = name.EndsWith(Suffix, System.StringComparison.Ordinal)
                ? name.Substring(0, name.Length - Suffix.Length)
                : name;
            kind = stem switch
            {
                "IntRange" => HyperParameterKind.Int,
                "FloatRange" => HyperParameterKind.Float,
                "Choice" => HyperParameterKind.Choice,
                "Boolean" => HyperParameterKind.Boolean,
                "Fixed" => HyperParameterKind.Fixed,
                _ => null,
            };
            return kind is not null || stem == "ActiveWhen";
        }
    }
}
