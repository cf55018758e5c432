using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Moves an invalid range default to the nearest valid value: a default outside the range to the nearer bound
    /// (<see cref="DiagnosticIds.DefaultOutsideRange"/>, which reuses the bound's expression), and a default between
    /// grid points to the nearest grid value (<see cref="DiagnosticIds.DefaultNotOnGrid"/>, computed with the grid
    /// arithmetic of <see cref="SearchSpaceRules"/>, on a tie the lower value).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveDefaultCodeFixProvider)), Shared]
    public sealed class MoveDefaultCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.DefaultOutsideRange, DiagnosticIds.DefaultNotOnGrid);

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
                var defaultArgument = arguments?.Find("default");
                if (arguments is null || defaultArgument is null)
                {
                    continue;
                }

                var replacement = diagnostic.Id == DiagnosticIds.DefaultOutsideRange
                    ? NearestBound(arguments, defaultArgument)
                    : NearestGridValue(arguments, defaultArgument);
                if (replacement is null)
                {
                    continue;
                }

                string title = diagnostic.Id == DiagnosticIds.DefaultOutsideRange
                    ? $"Move the default into the range ({replacement})"
                    : $"Move the default onto the grid ({replacement})";
                var newExpression = replacement.WithTriviaFrom(defaultArgument.Expression);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        token => Task.FromResult(context.Document.WithSyntaxRoot(
                            root.ReplaceNode(defaultArgument.Expression, newExpression))),
                        nameof(MoveDefaultCodeFixProvider)),
                    diagnostic);
            }
        }

        /// <summary>Returns the expression of the bound nearer the default, or null when a value is not constant.</summary>
        private static ExpressionSyntax? NearestBound(SearchArguments arguments, SearchArgument defaultArgument)
        {
            var min = arguments.Find("min");
            var max = arguments.Find("max");
            double? value = defaultArgument.AsDouble();
            if (min?.AsDouble() is not { } low || max?.AsDouble() is not { } high || value is null)
            {
                return null;
            }

            var bound = value < low ? min : max;
            return bound.Expression.WithoutTrivia();
        }

        /// <summary>
        /// Returns a literal of the grid value nearest the default, or null when the range has no step or a value is
        /// not constant.
        /// </summary>
        private static ExpressionSyntax? NearestGridValue(SearchArguments arguments, SearchArgument defaultArgument)
        {
            double? min = arguments.Find("min")?.AsDouble();
            double? max = arguments.Find("max")?.AsDouble();
            double? step = arguments.Find("step")?.AsDouble();
            double? value = defaultArgument.AsDouble();
            var sampling = ReadSampling(arguments.Find("sampling"));
            if (min is null || max is null || step is null || value is null || sampling is null || step <= 0)
            {
                return null;
            }

            double nearest = GridMath.Nearest(min.Value, max.Value, step.Value, sampling.Value, value.Value);
            return arguments.HasIntegerRange
                ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, IntegerLiteral(nearest))
                : SyntaxFactory.LiteralExpression(
                    SyntaxKind.NumericLiteralExpression,
                    SyntaxFactory.Literal(FormatDouble(nearest), nearest));
        }

        private static Sampling? ReadSampling(SearchArgument? argument)
        {
            if (argument is null)
            {
                return Sampling.Linear;
            }

            return argument.IsConstant && argument.Value is int raw && Enum.IsDefined(typeof(Sampling), raw)
                ? (Sampling)raw
                : (Sampling?)null;
        }

        /// <summary>Returns an int literal, or a long literal when the value does not fit in an int.</summary>
        private static SyntaxToken IntegerLiteral(double value)
        {
            long rounded = (long)Math.Round(value);
            return rounded >= int.MinValue && rounded <= int.MaxValue
                ? SyntaxFactory.Literal((int)rounded)
                : SyntaxFactory.Literal(rounded);
        }

        /// <summary>Formats a double as a C# literal that reads back to the same value and looks like a double.</summary>
        private static string FormatDouble(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }
    }
}
