using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
                    var methodNames = GetMethodNames(hyperParameters);
                    var redeclarations = new DynamicRedeclarationCheck(known);

                    // One walk over each tree's syntax, which binds only the calls written with a method name of
                    // HyperParameters. An operation action makes the analyzer driver build the operation tree of every
                    // method body in the compilation, and a syntax node action measured slower than this walk in
                    // benchmarks/HyperGen.Benchmarks.
                    start.RegisterSemanticModelAction(
                        model => AnalyzeTree(model, hyperParameters, methodNames, redeclarations));
                }
            });
        }

        /// <summary>Returns the names of the ordinary methods that <paramref name="hyperParameters"/> declares.</summary>
        private static HashSet<string> GetMethodNames(INamedTypeSymbol hyperParameters)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in hyperParameters.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    names.Add(method.Name);
                }
            }

            return names;
        }

        /// <summary>
        /// Returns the method name that an invocation is written with, such as <c>Int</c> in <c>hp.Int(...)</c>,
        /// <c>hp?.Int(...)</c> or <c>Fixed&lt;int&gt;(...)</c>, or null when the invoked expression has another form.
        /// </summary>
        private static string? GetWrittenMethodName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };

        private static void AnalyzeTree(
            SemanticModelAnalysisContext context,
            INamedTypeSymbol hyperParameters,
            HashSet<string> methodNames,
            DynamicRedeclarationCheck redeclarations)
        {
            // A call of a HyperParameters method is written with one of its method names, so a call written with
            // another name is skipped without binding. An invocation whose method name is not written out, such as
            // GetHandler()(), is always bound.
            var root = context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken);
            foreach (var node in root.DescendantNodes(context.FilterSpan ?? root.FullSpan))
            {
                if (node is InvocationExpressionSyntax syntax
                    && (GetWrittenMethodName(syntax.Expression) is not { } written || methodNames.Contains(written)))
                {
                    AnalyzeInvocation(context, syntax, hyperParameters, redeclarations);
                }
            }
        }

        private static void AnalyzeInvocation(
            SemanticModelAnalysisContext context,
            InvocationExpressionSyntax syntax,
            INamedTypeSymbol hyperParameters,
            DynamicRedeclarationCheck redeclarations)
        {
            var model = context.SemanticModel;
            if (model.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, hyperParameters))
            {
                return;
            }

            var call = new DynamicCall(invocation, context.CancellationToken);
            if (call.FindNameViolation() is { } nameViolation)
            {
                context.ReportDiagnostic(call.CreateDiagnostic(nameViolation));
                return;
            }

            var containingSymbol = model.GetEnclosingSymbol(syntax.SpanStart, context.CancellationToken);
            if (redeclarations.Check(call, containingSymbol, context.CancellationToken) is { } redeclaration)
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
