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
using Microsoft.CodeAnalysis.Simplification;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>
    /// Makes a class with search attributes derive from <c>HyperModel&lt;object&gt;</c>
    /// (<see cref="DiagnosticIds.ClassNotHyperModel"/>). <c>object</c> is a placeholder that the user replaces by the
    /// type <c>Build</c> returns, so the fix's title names it. The fix is offered only when the class has no base class,
    /// because C# allows one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddHyperModelBaseCodeFixProvider)), Shared]
    public sealed class AddHyperModelBaseCodeFixProvider : CodeFixProvider
    {
        /// <summary>The title of the fix.</summary>
        public const string Title = "Derive from HyperModel<object> (replace 'object' with the type Build returns)";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ClassNotHyperModel);

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
                var type = node.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
                if (type is null || HasBaseClass(type, model, context.CancellationToken))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        token => AddBaseAsync(context.Document, root, type),
                        nameof(DiagnosticIds.ClassNotHyperModel)),
                    diagnostic);
            }
        }

        private static bool HasBaseClass(ClassDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = model.GetDeclaredSymbol(type, cancellationToken);
            return symbol?.BaseType is { SpecialType: not SpecialType.System_Object };
        }

        private static Task<Document> AddBaseAsync(Document document, SyntaxNode root, ClassDeclarationSyntax type)
        {
            // The simplifier shortens the name to HyperModel<object> where the HyperGen namespace is in scope.
            var baseType = SyntaxFactory.SimpleBaseType(
                SyntaxFactory.ParseTypeName("global::HyperGen.HyperModel<object>")
                    .WithAdditionalAnnotations(Simplifier.Annotation));

            ClassDeclarationSyntax newType;
            if (type.BaseList is null)
            {
                // The base list goes after the identifier or type parameters, which keep their trailing trivia after it.
                var last = type.TypeParameterList?.GetLastToken() ?? type.Identifier;
                var baseList = SyntaxFactory.BaseList(SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(baseType))
                    .WithColonToken(SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(last.TrailingTrivia);
                newType = type
                    .ReplaceToken(last, last.WithTrailingTrivia(SyntaxTriviaList.Empty))
                    .WithBaseList(baseList);
            }
            else
            {
                // Interfaces only: the base class comes first.
                newType = type.WithBaseList(type.BaseList.WithTypes(type.BaseList.Types.Insert(0, baseType)));
            }

            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, newType)));
        }
    }
}
