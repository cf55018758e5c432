using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Removes a choice value that repeats an earlier one (<see cref="DiagnosticIds.ChoiceDuplicateValue"/>). The
    /// value removed is the one the diagnostic points at. When the diagnostic covers the whole attribute or call, it
    /// is the first value equal to an earlier one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateChoiceCodeFixProvider)), Shared]
    public sealed class RemoveDuplicateChoiceCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ChoiceDuplicateValue);

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
                var duplicate = FindDuplicate(node, model, context.CancellationToken);
                if (duplicate is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove duplicate choice {duplicate.ToString().Trim()}",
                        token => Task.FromResult(context.Document.WithSyntaxRoot(Remove(root, duplicate))),
                        nameof(DiagnosticIds.ChoiceDuplicateValue)),
                    diagnostic);
            }
        }

        /// <summary>
        /// Returns the value to remove: an attribute argument, a call argument, or an element of an array or
        /// collection expression.
        /// </summary>
        private static SyntaxNode? FindDuplicate(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var values = FindValues(node, model, cancellationToken);
            if (values.Count == 0)
            {
                return null;
            }

            var pointed = values.FirstOrDefault(value => value.Span.Contains(node.Span));
            if (pointed is not null && values.IndexOf(pointed) > 0)
            {
                return pointed;
            }

            var seen = new List<object?>();
            foreach (var value in values)
            {
                var constant = model.GetConstantValue(ExpressionOf(value), cancellationToken);
                if (!constant.HasValue)
                {
                    continue;
                }

                if (seen.Any(previous => Equals(previous, constant.Value)))
                {
                    return value;
                }

                seen.Add(constant.Value);
            }

            return null;
        }

        private static List<SyntaxNode> FindValues(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var elements = node.AncestorsAndSelf()
                .Select(ancestor => ancestor switch
                {
                    InitializerExpressionSyntax initializer => initializer.Expressions.Cast<SyntaxNode>().ToList(),
                    CollectionExpressionSyntax collection => collection.Elements.Cast<SyntaxNode>().ToList(),
                    _ => null,
                })
                .FirstOrDefault(found => found is not null);
            if (elements is not null)
            {
                return elements;
            }

            var arguments = SearchArguments.Read(node, model, cancellationToken);
            if (arguments is null)
            {
                return new List<SyntaxNode>();
            }

            var inline = arguments.FindAll("values").Select(argument => argument.Syntax).ToList();
            if (inline.Count == 1 && arguments.FindAll("values")[0].Expression is var expression
                && expression.DescendantNodesAndSelf().FirstOrDefault(
                    child => child is InitializerExpressionSyntax || child is CollectionExpressionSyntax) is { } list)
            {
                // hp.Choice("name", new[] { ... }) or hp.Choice("name", [ ... ]): the values are the list's elements.
                return list is InitializerExpressionSyntax initializer
                    ? initializer.Expressions.Cast<SyntaxNode>().ToList()
                    : ((CollectionExpressionSyntax)list).Elements.Cast<SyntaxNode>().ToList();
            }

            return inline;
        }

        private static ExpressionSyntax ExpressionOf(SyntaxNode value) => value switch
        {
            AttributeArgumentSyntax attributeArgument => attributeArgument.Expression,
            ArgumentSyntax argument => argument.Expression,
            ExpressionElementSyntax element => element.Expression,
            _ => (ExpressionSyntax)value,
        };

        /// <summary>
        /// Removes the value with its separator. A last value takes the comma before it, so its trailing trivia (the
        /// space before a closing brace, say) moves to the value before it.
        /// </summary>
        private static SyntaxNode Remove(SyntaxNode root, SyntaxNode duplicate)
        {
            var siblings = duplicate.Parent!.ChildNodes().ToList();
            int index = siblings.IndexOf(duplicate);
            if (index > 0 && index == siblings.Count - 1)
            {
                var previous = siblings[index - 1];
                root = root.TrackNodes(duplicate, previous);
                var trackedPrevious = root.GetCurrentNode(previous)!;
                root = root.ReplaceNode(trackedPrevious, trackedPrevious.WithTrailingTrivia(duplicate.GetTrailingTrivia()));
                duplicate = root.GetCurrentNode(duplicate)!;
            }

            return root.RemoveNode(duplicate, SyntaxRemoveOptions.KeepNoTrivia) ?? root;
        }
    }
}
