using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Replaces a range attribute whose min equals its max (<see cref="DiagnosticIds.MinEqualsMax"/>) by
    /// <c>[Fixed(value)]</c>, keeping its <c>Name</c>. The value keeps the min's expression when that is an
    /// <c>int</c> or <c>double</c>; otherwise (a <c>long</c> constant, say) it becomes a literal, because a fixed
    /// value must be a string, int, double or bool. Dynamic API calls are left alone: <c>hp.Int</c> returns an int
    /// while <c>hp.Fixed</c> is generic, so rewriting the call could change the type of the expression.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWithFixedCodeFixProvider)), Shared]
    public sealed class ReplaceWithFixedCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.MinEqualsMax);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var arguments = SearchArguments.Read(node, model, context.CancellationToken);
                var min = arguments?.Find("min");
                if (arguments?.Owner is not AttributeSyntax attribute || min is null || !min.IsConstant)
                {
                    continue;
                }

                var value = FixedValue(min, model, arguments.HasIntegerRange, context.CancellationToken);
                var fixedAttribute = CreateFixed(value, arguments.Find("name")).WithTriviaFrom(attribute);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Replace with [Fixed({value})]",
                        token => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute))),
                        nameof(DiagnosticIds.MinEqualsMax)),
                    diagnostic);
            }
        }

        private static ExpressionSyntax FixedValue(
            SearchArgument min, SemanticModel model, bool integerRange, CancellationToken cancellationToken)
        {
            var type = model.GetTypeInfo(min.Expression, cancellationToken).Type?.SpecialType;
            if (type == SpecialType.System_Int32 || type == SpecialType.System_Double)
            {
                return min.Expression.WithoutTrivia();
            }

            var number = min.AsDouble() ?? 0;
            var literal = integerRange
                ? SyntaxFactory.Literal((int)number)
                : SyntaxFactory.Literal(number);
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, literal);
        }

        private static AttributeSyntax CreateFixed(ExpressionSyntax value, SearchArgument? name)
        {
            var arguments = new List<AttributeArgumentSyntax> { SyntaxFactory.AttributeArgument(value) };
            if (name?.Syntax is AttributeArgumentSyntax nameArgument)
            {
                arguments.Add(nameArgument.WithoutTrivia());
            }

            // The simplifier shortens the name to Fixed where the HyperGen namespace is in scope.
            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::HyperGen.Fixed"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(arguments)));

            return attribute.NormalizeWhitespace().WithAdditionalAnnotations(Simplifier.Annotation);
        }
    }
}
