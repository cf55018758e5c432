using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Reports <c>[ActiveWhen]</c> conditions the generator skips or that never hold: an unknown parent (HG0501), a
    /// value the parent never takes (HG0502), a cycle (HG0503), a continuous parent (HG0504), a parent declared later
    /// (HG0505), and a condition on a property without a search attribute (HG0506).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConditionAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ConditionParentNotFound,
            DiagnosticDescriptors.ConditionValueUnreachable,
            DiagnosticDescriptors.ConditionCycle,
            DiagnosticDescriptors.ConditionOnContinuousParent,
            DiagnosticDescriptors.ConditionParentDeclaredLater,
            DiagnosticDescriptors.ConditionWithoutSearchAttribute);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Create(start.Compilation) is { } known && known.ActiveWhen is not null)
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

            // Most types have no condition, so the properties of their base classes are not read.
            var own = HyperProperty.ReadAll(type, known, context.CancellationToken);
            if (!own.Exists(property => property.ActiveWhen is not null))
            {
                return;
            }

            var inherited = HyperProperty.ReadInherited(type, known, context.CancellationToken);
            for (int index = 0; index < own.Count; index++)
            {
                if (own[index].ActiveWhen is { } activeWhen && activeWhen.IsWellFormed())
                {
                    AnalyzeCondition(context, own, inherited, index, activeWhen);
                }
            }
        }

        private static void AnalyzeCondition(
            SymbolAnalysisContext context,
            List<HyperProperty> own,
            List<HyperProperty> inherited,
            int index,
            AttributeUsage activeWhen)
        {
            var property = own[index];
            string name = property.Symbol.Name;
            if (property.Searches.Count == 0)
            {
                Report(context, DiagnosticDescriptors.ConditionWithoutSearchAttribute, activeWhen.Location, name);
                return;
            }

            if (activeWhen.GetConstructorArgument(0).Value is not string parentName)
            {
                return;
            }

            var parentLocation = activeWhen.Positional(0, "parent");
            int parentIndex = FindIndex(own, parentName);
            var parent = parentIndex >= 0 ? own[parentIndex] : FindLast(inherited, parentName);
            if (parent is null || parent.Searches.Count == 0)
            {
                Report(context, DiagnosticDescriptors.ConditionParentNotFound, parentLocation, name, parentName);
                return;
            }

            if (parentIndex >= index && FindCycle(own, index) is { } cycle)
            {
                Report(context, DiagnosticDescriptors.ConditionCycle, parentLocation, name, cycle);
                return;
            }

            if (parentIndex > index)
            {
                Report(context, DiagnosticDescriptors.ConditionParentDeclaredLater, parentLocation, name, parentName);
                return;
            }

            AnalyzeValues(context, property, parent, activeWhen);
        }

        /// <summary>Reports a condition without values or with a value the parent never takes (HG0502, HG0504).</summary>
        private static void AnalyzeValues(
            SymbolAnalysisContext context, HyperProperty property, HyperProperty parent, AttributeUsage activeWhen)
        {
            if (ParentDomain.Read(parent) is not { } domain)
            {
                return;
            }

            string name = property.Symbol.Name;
            string parentName = parent.Symbol.Name;
            var values = activeWhen.GetConstructorArgument(1);
            if (values.Kind != TypedConstantKind.Array || values.IsNull || values.Values.IsEmpty)
            {
                var location = activeWhen.Syntax?.ArgumentList?.GetLocation() ?? activeWhen.Location;
                Report(context, DiagnosticDescriptors.ConditionValueUnreachable, location, name, parentName, "[]", domain.Examples);
                return;
            }

            var expressions = activeWhen.ParamsExpressions(1);
            for (int i = 0; i < values.Values.Length; i++)
            {
                var constant = values.Values[i];
                if (!domain.CanTake(constant))
                {
                    var location = i < expressions.Count ? expressions[i].GetLocation() : activeWhen.Location;
                    string shown = constant.IsNull ? "null" : SearchSpaceRules.FormatObject(constant.Value);
                    Report(context, DiagnosticDescriptors.ConditionValueUnreachable, location, name, parentName, shown, domain.Examples);
                    return;
                }
            }

            if (parent.Kind == SearchKind.FloatRange && parent.Search is { } search && !search.TryGetNamed("Step", out _))
            {
                string shown = SearchSpaceRules.FormatList(values.Values.Select(value => value.Value).ToList());
                Report(context, DiagnosticDescriptors.ConditionOnContinuousParent, activeWhen.Location, name, parentName, shown);
            }
        }

        /// <summary>
        /// Follows the parents within the class from the property at <paramref name="start"/>, and returns the
        /// cycle as <c>A → B → A</c> when the chain comes back to it, or null.
        /// </summary>
        private static string? FindCycle(List<HyperProperty> own, int start)
        {
            var chain = new List<string> { own[start].Symbol.Name };
            var visited = new HashSet<int> { start };
            for (int current = start; own[current].ActiveWhen?.GetConstructorArgument(0).Value is string parent;)
            {
                current = FindIndex(own, parent);
                if (current < 0)
                {
                    return null;
                }

                chain.Add(own[current].Symbol.Name);
                if (current == start)
                {
                    return string.Join(" -> ", chain);
                }

                if (!visited.Add(current))
                {
                    return null;
                }
            }

            return null;
        }

        private static int FindIndex(List<HyperProperty> properties, string name) =>
            properties.FindIndex(property => string.Equals(property.Symbol.Name, name, StringComparison.Ordinal));

        private static HyperProperty? FindLast(List<HyperProperty> properties, string name) =>
            properties.LastOrDefault(property => string.Equals(property.Symbol.Name, name, StringComparison.Ordinal));

        private static void Report(
            SymbolAnalysisContext context, DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, arguments));
    }
}
