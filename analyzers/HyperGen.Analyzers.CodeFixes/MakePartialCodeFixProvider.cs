using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Adds the <c>partial</c> modifier to a hypermodel class and every type that contains it
    /// (<see cref="DiagnosticIds.ClassNotPartial"/>), or to a search-attribute property
    /// (<see cref="DiagnosticIds.PropertyNotPartial"/>). A property loses its accessor bodies and initializer, because
    /// a partial property declaration has neither and the generator supplies the implementation.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ClassNotPartial, DiagnosticIds.PropertyNotPartial);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.Id == DiagnosticIds.ClassNotPartial
                    && node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Make '{type.Identifier.ValueText}' partial",
                            token => MakeTypesPartialAsync(context.Document, root, type),
                            nameof(DiagnosticIds.ClassNotPartial)),
                        diagnostic);
                }
                else if (diagnostic.Id == DiagnosticIds.PropertyNotPartial
                    && node.AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault() is { } property)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Make '{property.Identifier.ValueText}' partial",
                            token => ReplaceAsync(context.Document, root, property, MakePropertyPartial(property)),
                            nameof(DiagnosticIds.PropertyNotPartial)),
                        diagnostic);
                }
            }
        }

        private static Task<Document> ReplaceAsync(
            Document document, SyntaxNode root, SyntaxNode oldNode, SyntaxNode newNode) =>
            Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode)));

        /// <summary>Makes the class and every type that contains it partial.</summary>
        private static Task<Document> MakeTypesPartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax type)
        {
            var notPartial = type.AncestorsAndSelf()
                .OfType<TypeDeclarationSyntax>()
                .Where(container => !IsPartial(container.Modifiers));
            var newRoot = root.ReplaceNodes(notPartial, (original, rewritten) => AddPartial((TypeDeclarationSyntax)rewritten));

            return Task.FromResult(document.WithSyntaxRoot(newRoot));
        }

        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Count > 0)
            {
                return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword));
            }

            // Without modifiers the keyword's leading trivia (indentation, attributes' line break) moves to partial.
            var keyword = type.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        private static PropertyDeclarationSyntax MakePropertyPartial(PropertyDeclarationSyntax property)
        {
            var result = property;
            if (!IsPartial(property.Modifiers))
            {
                result = AddPartial(result);
            }

            if (result.ExpressionBody is not null || result.Initializer is not null || HasAccessorBodies(result))
            {
                result = WithoutBodies(result);
            }

            return result;
        }

        private static PropertyDeclarationSyntax AddPartial(PropertyDeclarationSyntax property)
        {
            if (property.Modifiers.Count > 0)
            {
                return property.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword));
            }

            var type = property.Type;
            var partial = SyntaxFactory.Token(type.GetLeadingTrivia(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return property
                .WithType(type.WithLeadingTrivia(SyntaxTriviaList.Empty))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        private static bool HasAccessorBodies(PropertyDeclarationSyntax property) =>
            property.AccessorList?.Accessors.Any(accessor => accessor.Body is not null || accessor.ExpressionBody is not null) == true;

        /// <summary>Replaces bodies by semicolons, an expression body by <c>{ get; }</c>, and drops an initializer.</summary>
        private static PropertyDeclarationSyntax WithoutBodies(PropertyDeclarationSyntax property)
        {
            var semicolon = SyntaxFactory.Token(SyntaxKind.SemicolonToken);
            var accessors = property.AccessorList?.Accessors
                .Select(accessor => accessor
                    .WithBody(null)
                    .WithExpressionBody(null)
                    .WithSemicolonToken(semicolon))
                .ToList()
                ?? new List<AccessorDeclarationSyntax>
                {
                    SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration).WithSemicolonToken(semicolon),
                };

            var trailing = property.GetTrailingTrivia();
            var accessorList = SyntaxFactory.AccessorList(SyntaxFactory.List(accessors))
                .NormalizeWhitespace(indentation: string.Empty, eol: " ", elasticTrivia: false);
            var identifier = property.Identifier.WithTrailingTrivia(SyntaxFactory.Space);

            return property
                .WithIdentifier(identifier)
                .WithExpressionBody(null)
                .WithInitializer(null)
                .WithSemicolonToken(default)
                .WithAccessorList(accessorList.WithTrailingTrivia(trailing));
        }

        private static bool IsPartial(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.PartialKeyword);
    }
}
