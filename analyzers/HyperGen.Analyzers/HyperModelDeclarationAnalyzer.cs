using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Reports hypermodel classes and properties that the generator cannot implement (HG0001 to HG0005, HG0007) and
    /// members that make it skip part of its output (HG0008, HG0009).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HyperModelDeclarationAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ClassNotPartial,
            DiagnosticDescriptors.ClassNotHyperModel,
            DiagnosticDescriptors.PropertyNotPartial,
            DiagnosticDescriptors.PropertyStatic,
            DiagnosticDescriptors.PropertyHasSetter,
            DiagnosticDescriptors.MultipleSearchAttributes,
            DiagnosticDescriptors.DeclareHyperParametersOverridden,
            DiagnosticDescriptors.ValuesMemberDeclared);

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
                    // action for a partial property that has no implementation part.
                    start.RegisterSymbolAction(
                        symbol =>
                        {
                            AnalyzeType(symbol, known);
                            AnalyzeProperties(symbol, known);
                        },
                        SymbolKind.NamedType);
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

            if (context.Symbol is not INamedTypeSymbol type || !HasSearchProperty(type, known, context.CancellationToken))
            {
                return;
            }

            var location = GetIdentifierLocation(type, context.CancellationToken);
            if (IsKnownNotHyperModel(type, known))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClassNotHyperModel, location, type.Name));
            }

            if (FindNonPartial(type, context.CancellationToken) is { } nonPartial)
            {
                context.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.ClassNotPartial, location, type.Name, nonPartial.Name));
            }

            if (HasUserMember(type, "DeclareHyperParameters", context.CancellationToken))
            {
                context.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.DeclareHyperParametersOverridden, location, type.Name));
            }

            if (HasUserMember(type, "Values", context.CancellationToken))
            {
                context.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.ValuesMemberDeclared, location, type.Name));
            }
        }

        private static void AnalyzeProperties(SymbolAnalysisContext context, KnownTypes known)
        {
            if (context.Symbol is not INamedTypeSymbol type || GeneratedCode.IsGenerated(type, context.CancellationToken))
            {
                return;
            }

            foreach (var member in type.GetMembers())
            {
                // Generated code is analysed so that hypermodels with generated implementation parts are seen, but
                // a property declared only in generated code is not the user's to fix.
                if (member is IPropertySymbol property
                    && property.PartialDefinitionPart is null
                    && !GeneratedCode.IsGenerated(property, context.CancellationToken))
                {
                    AnalyzeProperty(context, property, known);
                }
            }
        }

        private static void AnalyzeProperty(SymbolAnalysisContext context, IPropertySymbol property, KnownTypes known)
        {

            var read = HyperProperty.Read(property, known, context.CancellationToken);
            if (read.Searches.Count == 0)
            {
                return;
            }

            if (read.Searches.Count > 1)
            {
                var (first, second) = (read.Searches[0], read.Searches[1]);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MultipleSearchAttributes,
                    second.Usage.Location,
                    property.Name,
                    AttributeName(first.Kind),
                    AttributeName(second.Kind)));
            }

            var location = HyperProperty.GetIdentifierLocation(property, context.CancellationToken);
            ReportShape(context, property, location);
        }

        /// <summary>Reports a property that is not partial, is static, or has a setter (HG0003 to HG0005).</summary>
        private static void ReportShape(SymbolAnalysisContext context, IPropertySymbol property, Location location)
        {
            if (!HyperProperty.IsPartialWithoutUserBody(property, context.CancellationToken))
            {
                string type = property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                context.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.PropertyNotPartial, location, property.Name, type));
            }

            if (property.IsStatic)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PropertyStatic, location, property.Name));
            }

            if (property.SetMethod is { } setter)
            {
                string accessor = setter.IsInitOnly ? "init" : "set";
                context.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.PropertyHasSetter, location, property.Name, accessor));
            }
        }

        /// <summary>
        /// Whether the type is certainly not a hypermodel: not a class, or a class whose base classes all resolved
        /// and none is <c>HyperModel&lt;TModel&gt;</c>. An unresolved base is left to the compiler's error.
        /// </summary>
        private static bool IsKnownNotHyperModel(INamedTypeSymbol type, KnownTypes known)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                return true;
            }

            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current is IErrorTypeSymbol || current.TypeKind == TypeKind.Error)
                {
                    return false;
                }
            }

            return known.HyperModel is not null && !known.DerivesFromHyperModel(type);
        }

        private static bool HasSearchProperty(INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
        {
            foreach (var property in HyperProperty.ReadAll(type, known, cancellationToken))
            {
                if (property.Searches.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Returns the type, or the first type containing it, that has a declaration without partial.</summary>
        internal static INamedTypeSymbol? FindNonPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                        && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        return current;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether the type declares a member of this name outside generated code.</summary>
        private static bool HasUserMember(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (!member.IsImplicitlyDeclared && !GeneratedCode.IsGenerated(member, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static Location GetIdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is BaseTypeDeclarationSyntax declaration
                    && !GeneratedCode.IsGenerated(reference.SyntaxTree, cancellationToken))
                {
                    return declaration.Identifier.GetLocation();
                }
            }

            return type.Locations.Length > 0 ? type.Locations[0] : Location.None;
        }

        private static string AttributeName(SearchKind kind) => kind.ToString();
    }
}
