using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// The elements of the <c>values</c> argument of a dynamic <c>Choice</c> call, for the list forms whose elements
    /// are known at compile time: a collection expression, an array creation with an initializer or of length zero, a
    /// new <c>List&lt;T&gt;</c> with a collection initializer or none, or a private static readonly field that one of
    /// these initializes.
    /// </summary>
    /// <remarks>
    /// A field is read only when the analyzer can see every use of it: it is declared in the syntax tree of the call,
    /// and each reference to it in its class is the <c>values</c> argument of a <c>Choice</c> call. So no code assigns
    /// the field or changes its elements, apart from reflection. The runtime's <c>Choice</c> overloads take an
    /// <c>IReadOnlyList&lt;T&gt;</c> and no <c>params</c> array, so a list is always one argument.
    /// </remarks>
    internal sealed class ChoiceList
    {
        private ChoiceList(IReadOnlyList<IOperation> elements, bool isInCall)
        {
            Elements = elements;
            IsInCall = isInCall;
        }

        /// <summary>The element values, before any conversion to the element type is looked through.</summary>
        public IReadOnlyList<IOperation> Elements { get; }

        /// <summary>
        /// Whether the elements are written in the call, so that a diagnostic can point at one. The elements of a
        /// field are written in its initializer, which several calls can share.
        /// </summary>
        public bool IsInCall { get; }

        /// <summary>
        /// Reads the list that <paramref name="values"/> passes to <paramref name="choice"/>, or returns null when its
        /// elements are not known at compile time.
        /// </summary>
        public static ChoiceList? Read(IOperation values, IInvocationOperation choice, CancellationToken cancellationToken)
        {
            var operation = Unwrap(values);
            if (operation is IFieldReferenceOperation reference)
            {
                var initializer = ReadFieldInitializer(reference.Field, choice, cancellationToken);
                return initializer is not null && FindElements(Unwrap(initializer)) is { } fieldElements
                    ? new ChoiceList(fieldElements, isInCall: false)
                    : null;
            }

            return FindElements(operation) is { } elements ? new ChoiceList(elements, isInCall: true) : null;
        }

        /// <summary>Returns the operation that conversions, such as from an array to a list interface, wrap.</summary>
        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static IReadOnlyList<IOperation>? FindElements(IOperation operation) => operation switch
        {
            ICollectionExpressionOperation expression => expression.Elements,
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IArrayCreationOperation { DimensionSizes: { Length: 1 } sizes } when IsZero(sizes[0]) =>
                Array.Empty<IOperation>(),
            IObjectCreationOperation creation => FindListElements(creation),
            _ => null,
        };

        private static bool IsZero(IOperation size) =>
            size.ConstantValue.HasValue && size.ConstantValue.Value is int length && length == 0;

        /// <summary>
        /// Returns the values that the collection initializer of <c>new List&lt;T&gt;()</c> or
        /// <c>new List&lt;T&gt;(capacity)</c> adds, no values without an initializer, or null for any other creation.
        /// </summary>
        private static IReadOnlyList<IOperation>? FindListElements(IObjectCreationOperation creation)
        {
            if (creation.Type is not INamedTypeSymbol type || !IsGenericList(type) || creation.Constructor is not { } constructor)
            {
                return null;
            }

            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Type.SpecialType != SpecialType.System_Int32)
                {
                    return null;
                }
            }

            if (creation.Initializer is null)
            {
                return Array.Empty<IOperation>();
            }

            var elements = new List<IOperation>();
            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is not IInvocationOperation { Arguments.Length: 1 } add
                    || add.TargetMethod.Name != "Add"
                    || !SymbolEqualityComparer.Default.Equals(add.TargetMethod.ContainingType, type))
                {
                    return null;
                }

                elements.Add(add.Arguments[0].Value);
            }

            return elements;
        }

        private static bool IsGenericList(INamedTypeSymbol type) =>
            type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                == "global::System.Collections.Generic.List<T>";

        /// <summary>
        /// Returns the initializer of a private static readonly <paramref name="field"/> that is declared in the tree
        /// of <paramref name="choice"/> and that its class uses only as the values of <c>Choice</c> calls, or null.
        /// </summary>
        private static IOperation? ReadFieldInitializer(
            IFieldSymbol field, IInvocationOperation choice, CancellationToken cancellationToken)
        {
            if (!field.IsStatic || !field.IsReadOnly || field.DeclaredAccessibility != Accessibility.Private)
            {
                return null;
            }

            var model = choice.SemanticModel;
            if (model is null
                || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
                {
                    Initializer: { } initializer,
                } declarator
                || declarator.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            if (!IsOnlyChoiceValues(field, model, choice.TargetMethod.ContainingType, cancellationToken))
            {
                return null;
            }

            return (model.GetOperation(initializer, cancellationToken) as IFieldInitializerOperation)?.Value;
        }

        /// <summary>
        /// Whether every reference to <paramref name="field"/> in its class is the <c>values</c> argument of a
        /// <c>Choice</c> call of <paramref name="hyperParameters"/>. A private field can be referenced only inside
        /// its class, so the syntax of the class's declarations contains every reference. A reference in another
        /// tree cannot be bound here, so it fails the check.
        /// </summary>
        private static bool IsOnlyChoiceValues(
            IFieldSymbol field, SemanticModel model, INamedTypeSymbol hyperParameters, CancellationToken cancellationToken)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    if (name.SyntaxTree != model.SyntaxTree)
                    {
                        return false;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, field))
                    {
                        continue;
                    }

                    if (!IsChoiceValues(name, model, hyperParameters, cancellationToken))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsChoiceValues(
            IdentifierNameSyntax name, SemanticModel model, INamedTypeSymbol hyperParameters, CancellationToken cancellationToken)
        {
            // In Model.Field, the reference is the member access, not the name.
            SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            var parent = model.GetOperation(expression, cancellationToken)?.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parameter.Name: "values", Parent: IInvocationOperation call }
                && call.TargetMethod.Name == "Choice"
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, hyperParameters);
        }
    }
}
