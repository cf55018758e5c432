using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Swaps the min and max expressions of a range whose min is greater than its max
    /// (<see cref="DiagnosticIds.MinGreaterThanMax"/>), in an attribute or a dynamic API call. Argument names such as
    /// <c>min:</c> stay where they are, so only the values move.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwapMinMaxCodeFixProvider)), Shared]
    public sealed class SwapMinMaxCodeFixProvider : CodeFixProvider
    {
        /// <summary>The title of the fix.</summary>
        public const string Title = "Swap min and max";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.MinGreaterThanMax);

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
                var max = arguments?.Find("max");
                if (min is null || max is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        token => Task.FromResult(context.Document.WithSyntaxRoot(Swap(root, min, max))),
                        nameof(DiagnosticIds.MinGreaterThanMax)),
                    diagnostic);
            }
        }

        private static SyntaxNode Swap(SyntaxNode root, SearchArgument min, SearchArgument max) =>
            root.ReplaceNodes(
                new[] { min.Expression, max.Expression },
                (original, _) => original == min.Expression
                    ? max.Expression.WithTriviaFrom(min.Expression)
                    : min.Expression.WithTriviaFrom(max.Expression));
    }
}
