using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// The attribute hyperparameters that the generator declares for one hypermodel, collected in the generator's
    /// order: the properties of the contributing base classes, the base nearest <c>HyperModel&lt;TModel&gt;</c> first,
    /// then the properties of the class itself in member order.
    /// </summary>
    /// <remarks>
    /// A property declares a hyperparameter when <see cref="HyperProperty.IsDeclaredByGenerator"/> holds, its name is
    /// valid and not taken yet, and its <c>[ActiveWhen]</c>, if it has one, names a property declared before it and
    /// lists values that all convert to that parent's type. A property rejected for any of these reasons takes no name
    /// and cannot be a parent, so a property conditioned on it is rejected too. A base class contributes when it comes
    /// from a referenced assembly, or when it and every type containing it are declared partial. A scope is filled by
    /// one thread and only read after that.
    /// </remarks>
    internal sealed class HyperParameterScope
    {
        private readonly Dictionary<string, HyperProperty> _byPropertyName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DeclaredHyperParameter> _byName = new(StringComparer.Ordinal);

        /// <summary>Creates a scope with the hyperparameters that <paramref name="type"/> inherits.</summary>
        public static HyperParameterScope ReadInherited(
            INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
        {
            var bases = new List<INamedTypeSymbol>();
            for (var current = type.BaseType; current is not null && !known.IsHyperModel(current); current = current.BaseType)
            {
                bool fromMetadata = current.DeclaringSyntaxReferences.IsEmpty;
                if (fromMetadata || HyperModelDeclarationAnalyzer.FindNonPartial(current, cancellationToken) is null)
                {
                    bases.Add(current);
                }
            }

            bases.Reverse();
            var scope = new HyperParameterScope();
            foreach (var baseType in bases)
            {
                foreach (var property in HyperProperty.ReadAll(baseType, known, cancellationToken))
                {
                    scope.TryDeclare(property, baseType.Name + "." + property.Symbol.Name, cancellationToken);
                }
            }

            return scope;
        }

        /// <summary>
        /// Whether the generator would declare <paramref name="property"/> at this point if its name were free: its
        /// attribute and shape are valid, its name is valid, and its condition resolves in this scope.
        /// </summary>
        public bool CanDeclare(HyperProperty property, CancellationToken cancellationToken)
        {
            if (!property.IsDeclaredByGenerator(cancellationToken) || property.ActiveWhenCount > 1)
            {
                return false;
            }

            if (property.GetHyperParameterName() is not { } name || SearchSpaceRules.FindNameViolation(name) is not null)
            {
                return false;
            }

            // The generator also rejects a condition whose parent has the property's own hyperparameter name. That
            // parent is declared already, so the name clash rejects the property first and is the one to report.
            return property.ActiveWhen is not { } activeWhen || CanResolve(activeWhen);
        }

        /// <summary>
        /// Declares the hyperparameter of <paramref name="property"/>, which <paramref name="owner"/> names in
        /// messages, when <see cref="CanDeclare"/> returns true and the name is free. Returns whether it was declared.
        /// </summary>
        public bool TryDeclare(HyperProperty property, string owner, CancellationToken cancellationToken)
        {
            if (!CanDeclare(property, cancellationToken) || _byName.ContainsKey(property.GetHyperParameterName()!))
            {
                return false;
            }

            Declare(property, owner);
            return true;
        }

        /// <summary>
        /// Declares the hyperparameter of <paramref name="property"/>, for which <see cref="CanDeclare"/> returns
        /// true and whose name is free. A later property of the same property name becomes the parent that conditions
        /// find.
        /// </summary>
        public void Declare(HyperProperty property, string owner)
        {
            _byName.Add(property.GetHyperParameterName()!, new DeclaredHyperParameter(property, owner));
            _byPropertyName[property.Symbol.Name] = property;
        }

        /// <summary>Finds the declared hyperparameter named <paramref name="name"/>.</summary>
        public bool TryFind(string name, out DeclaredHyperParameter declared) => _byName.TryGetValue(name, out declared!);

        /// <summary>
        /// Whether a condition resolves as the generator resolves it: a parent property name, at least one value,
        /// a parent declared in this scope, and values that each convert to the parent's type. A value that converts
        /// but that the parent never takes still resolves, because the generator accepts it.
        /// </summary>
        private bool CanResolve(AttributeUsage activeWhen)
        {
            var values = activeWhen.GetConstructorArgument(1);
            if (!activeWhen.IsWellFormed()
                || activeWhen.GetConstructorArgument(0).Value is not string parentName
                || values.Kind != TypedConstantKind.Array
                || values.IsNull
                || values.Values.IsEmpty)
            {
                return false;
            }

            if (!_byPropertyName.TryGetValue(parentName, out var parent)
                || SearchAttributeCheck.GetValueType(parent.Symbol) is not { } type)
            {
                return false;
            }

            foreach (var value in values.Values)
            {
                if (ParentDomain.ConvertByValue(value, type) is null)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// A declared attribute hyperparameter with the name that messages use for its property, such as <c>Units</c>, or
    /// <c>BaseModel.Units</c> for an inherited one.
    /// </summary>
    internal sealed class DeclaredHyperParameter
    {
        /// <summary>Creates the entry of <paramref name="property"/>.</summary>
        public DeclaredHyperParameter(HyperProperty property, string owner)
        {
            Property = property;
            Owner = owner;
        }

        /// <summary>The declaring property.</summary>
        public HyperProperty Property { get; }

        /// <summary>The property's name in messages.</summary>
        public string Owner { get; }
    }
}
