using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Reports search attributes whose arguments the runtime would reject or that do not fit the property type:
    /// ranges, steps, sampling, defaults, choice lists and fixed values (HG0006, HG01xx, HG02xx, HG03xx). The
    /// validity rules are those of <see cref="SearchSpaceRules"/>, which the runtime constructors also apply.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SearchAttributeAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.AttributeTypeMismatch,
            DiagnosticDescriptors.MinGreaterThanMax,
            DiagnosticDescriptors.MinEqualsMax,
            DiagnosticDescriptors.StepNotPositive,
            DiagnosticDescriptors.StepLargerThanRange,
            DiagnosticDescriptors.StepDoesNotDivideRange,
            DiagnosticDescriptors.StepDoesNotDivideReverseLogRange,
            DiagnosticDescriptors.LogSamplingMinNotPositive,
            DiagnosticDescriptors.LogSamplingStepNotAboveOne,
            DiagnosticDescriptors.LogSamplingStepLooksAdditive,
            DiagnosticDescriptors.IntValueOutOfRange,
            DiagnosticDescriptors.ValueNotFinite,
            DiagnosticDescriptors.SamplingUndefined,
            DiagnosticDescriptors.DefaultOutsideRange,
            DiagnosticDescriptors.DefaultNotOnGrid,
            DiagnosticDescriptors.ChoiceDefaultNotListed,
            DiagnosticDescriptors.ChoiceEmpty,
            DiagnosticDescriptors.ChoiceDuplicateValue,
            DiagnosticDescriptors.ChoiceMixedTypes,
            DiagnosticDescriptors.ChoiceValueTypeMismatch,
            DiagnosticDescriptors.ChoiceOrderedNotNumeric);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Create(start.Compilation) is { } known)
                {
                    // Properties are visited through their type: the compiler does not raise a property symbol
                    // action for a partial property that has no implementation part, which is exactly the case of
                    // a property the generator skipped because its attribute is invalid.
                    start.RegisterSymbolAction(symbol => AnalyzeType(symbol, known), SymbolKind.NamedType);
                }
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
        {
            // Generated code is analysed so that hypermodels with generated implementation parts are seen, but a
            // symbol declared only in generated code is not the user's to fix.
            if (context.Symbol is not INamedTypeSymbol type || GeneratedCode.IsGenerated(type, context.CancellationToken))
            {
                return;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && property.PartialDefinitionPart is null)
                {
                    AnalyzeProperty(context, property, known);
                }
            }
        }

        private static void AnalyzeProperty(SymbolAnalysisContext context, IPropertySymbol property, KnownTypes known)
        {
            if (GeneratedCode.IsGenerated(property, context.CancellationToken))
            {
                return;
            }

            var read = HyperProperty.Read(property, known, context.CancellationToken);
            if (read.Search is not { } search || read.Kind is not SearchKind kind || !search.IsWellFormed())
            {
                return;
            }

            var diagnostic = new SearchAttributeCheck(property, search).Check(kind);
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
