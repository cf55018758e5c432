using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Reports calls of the dynamic API, such as <c>hp.Int("units", 512, 32)</c>, whose constant arguments the
    /// runtime would reject or that define a suspicious range (HG01xx, HG02xx, HG03xx, HG0401), or that redefine an
    /// attribute hyperparameter of the hypermodel they are in (HG0402). Calls with a non-constant bound, step, default
    /// or choice value are not checked.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DynamicHyperParameterAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MinGreaterThanMax,
            DiagnosticDescriptors.MinEqualsMax,
            DiagnosticDescriptors.StepNotPositive,
            DiagnosticDescriptors.StepLargerThanRange,
            DiagnosticDescriptors.StepDoesNotDivideRange,
            DiagnosticDescriptors.StepDoesNotDivideReverseLogRange,
            DiagnosticDescriptors.LogSamplingMinNotPositive,
            DiagnosticDescriptors.LogSamplingStepNotAboveOne,
            DiagnosticDescriptors.LogSamplingStepLooksAdditive,
            DiagnosticDescriptors.ValueNotFinite,
            DiagnosticDescriptors.SamplingUndefined,
            DiagnosticDescriptors.DefaultOutsideRange,
            DiagnosticDescriptors.DefaultNotOnGrid,
            DiagnosticDescriptors.ChoiceDefaultNotListed,
            DiagnosticDescriptors.ChoiceEmpty,
            DiagnosticDescriptors.ChoiceDuplicateValue,
            DiagnosticDescriptors.ChoiceValueTypeMismatch,
            DiagnosticDescriptors.NameEmpty,
            DiagnosticDescriptors.NameDuplicate);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Create(start.Compilation) is { HyperParameters: { } hyperParameters } known)
                {
                    var redeclarations = new DynamicRedeclarationCheck(known);
                    start.RegisterOperationAction(
                        operation => AnalyzeInvocation(operation, hyperParameters, redeclarations),
                        OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeInvocation(
            OperationAnalysisContext context, INamedTypeSymbol hyperParameters, DynamicRedeclarationCheck redeclarations)
        {
            if (context.Operation is not IInvocationOperation invocation
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, hyperParameters))
            {
                return;
            }

            var call = new DynamicCall(invocation);
            if (call.FindNameViolation() is { } nameViolation)
            {
                context.ReportDiagnostic(call.CreateDiagnostic(nameViolation));
                return;
            }

            if (redeclarations.Check(call, context.ContainingSymbol, context.CancellationToken) is { } redeclaration)
            {
                context.ReportDiagnostic(redeclaration);
            }

            var violation = invocation.TargetMethod.Name switch
            {
                "Int" => call.CheckInt(),
                "Float" => call.CheckFloat(),
                "Choice" => call.CheckChoice(),
                "Fixed" => call.CheckFixed(),
                _ => null,
            };
            if (violation is not null)
            {
                context.ReportDiagnostic(call.CreateDiagnostic(violation));
            }
        }
    }
}
