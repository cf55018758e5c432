using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Reports an empty <c>Name</c> on a search attribute (HG0401) and two hyperparameters of one model with the
    /// same name (HG0402), counting base classes first, as the generator declares them. A property that the generator
    /// does not declare, because its attribute, its shape or its <c>[ActiveWhen]</c> is invalid, takes no name (see
    /// <see cref="HyperParameterScope"/>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HyperParameterNameAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.NameEmpty,
            DiagnosticDescriptors.NameDuplicate);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Create(start.Compilation) is { } known)
                {
                    start.RegisterSymbolAction(symbol => AnalyzeType(symbol, known), SymbolKind.NamedType);
                }
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
        {
            // Generated code is analysed so that hypermodels with generated implementation parts are seen, but a
            // symbol declared only in generated code is not the user's to fix.
            if (GeneratedCode.IsGenerated(context.Symbol, context.CancellationToken))
            {
                return;
            }

            if (context.Symbol is not INamedTypeSymbol type)
            {
                return;
            }

            var own = HyperProperty.ReadAll(type, known, context.CancellationToken);
            if (!own.Exists(property => property.Search is not null))
            {
                return;
            }

            var scope = HyperParameterScope.ReadInherited(type, known, context.CancellationToken);
            foreach (var property in own)
            {
                if (property.Search is { } search)
                {
                    AnalyzeName(context, property, search, scope);
                }
            }
        }

        private static void AnalyzeName(
            SymbolAnalysisContext context, HyperProperty property, AttributeUsage search, HyperParameterScope scope)
        {
            string? name = property.GetHyperParameterName();
            if (name is null)
            {
                return;
            }

            if (SearchSpaceRules.FindNameViolation(name) is { } violation)
            {
                string subject = ViolationDiagnostics.PropertySubject(property.Symbol.Name);
                context.ReportDiagnostic(ViolationDiagnostics.Create(violation, subject, search.Named("Name")));
                return;
            }

            if (!scope.CanDeclare(property, context.CancellationToken))
            {
                return;
            }

            if (scope.TryFind(name, out var declared))
            {
                var location = search.Syntax is null ? search.Location : search.Named("Name");
                string subject = ViolationDiagnostics.PropertySubject(property.Symbol.Name);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NameDuplicate, location, subject, name, declared.Owner, "set Name to a unique value"));
                return;
            }

            scope.Declare(property, property.Symbol.Name);
        }
    }
}
