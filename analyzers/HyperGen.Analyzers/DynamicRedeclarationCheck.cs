using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Finds dynamic calls inside a hypermodel, such as <c>hp.Int("learning_rate", 1, 2)</c>, that reuse the name of
    /// an attribute hyperparameter of the model or of its base hypermodels with another definition (HG0402). The
    /// runtime accepts a second declaration of a name only when it equals the first, so such a call throws.
    /// </summary>
    /// <remarks>
    /// Only certain differences are reported: another kind (Int, Float, Choice, Boolean or Fixed), or a constant
    /// argument that differs from the attribute's. An optional argument that only one side gives, a non-constant
    /// argument, <c>ordered</c>, conditions, and numbers that are equal but of different types are not compared,
    /// because the runtime may normalize them. One instance serves one compilation and is safe to share between
    /// threads.
    /// </remarks>
    internal sealed class DynamicRedeclarationCheck
    {
        private static readonly HyperParameterScope NoHyperParameters = new();

        private readonly KnownTypes _known;
        private readonly ConcurrentDictionary<INamedTypeSymbol, HyperParameterScope> _scopesByType =
            new(SymbolEqualityComparer.Default);

        /// <summary>Creates a check for one compilation.</summary>
        public DynamicRedeclarationCheck(KnownTypes known)
        {
            _known = known;
        }

        /// <summary>
        /// Returns HG0402 at the name argument when <paramref name="call"/>, made in a member of
        /// <paramref name="containingSymbol"/>, redefines an attribute hyperparameter of that hypermodel, or null. A
        /// call without a containing symbol is not checked.
        /// </summary>
        public Diagnostic? Check(DynamicCall call, ISymbol? containingSymbol, CancellationToken cancellationToken)
        {
            var type = containingSymbol as INamedTypeSymbol ?? containingSymbol?.ContainingType;
            if (type is null || !call.TryGetConstantName(out var name, out var location))
            {
                return null;
            }

            var scope = _scopesByType.GetOrAdd(type, key => ReadAttributeHyperParameters(key, cancellationToken));
            if (!scope.TryFind(name, out var declared) || !Differs(call, declared.Property))
            {
                return null;
            }

            string fix = "the definitions differ, so the runtime rejects the call; pass a unique name, or read '"
                + declared.Owner + "' instead";
            return Diagnostic.Create(
                DiagnosticDescriptors.NameDuplicate, location, call.CallSubject, name, declared.Owner, fix);
        }

        /// <summary>
        /// Reads the attribute hyperparameters that the generator declares for <paramref name="type"/>, base classes
        /// first, or none when the type is not a hypermodel.
        /// </summary>
        private HyperParameterScope ReadAttributeHyperParameters(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (!_known.DerivesFromHyperModel(type))
            {
                return NoHyperParameters;
            }

            var scope = HyperParameterScope.ReadInherited(type, _known, cancellationToken);
            foreach (var property in HyperProperty.ReadAll(type, _known, cancellationToken))
            {
                scope.TryDeclare(property, property.Symbol.Name, cancellationToken);
            }

            return scope;
        }

        /// <summary>Whether the call certainly defines the hyperparameter differently from the attribute.</summary>
        private static bool Differs(DynamicCall call, HyperProperty property)
        {
            SearchKind? callKind = call.MethodName switch
            {
                "Int" => SearchKind.IntRange,
                "Float" => SearchKind.FloatRange,
                "Choice" => SearchKind.Choice,
                "Boolean" => SearchKind.Boolean,
                "Fixed" => SearchKind.Fixed,
                _ => null,
            };
            if (callKind is null || property.Kind is not SearchKind kind || property.Search is not { } search)
            {
                return false;
            }

            if (callKind != kind)
            {
                return true;
            }

            return kind switch
            {
                SearchKind.IntRange or SearchKind.FloatRange => RangeDiffers(call, search),
                SearchKind.Choice => ChoiceDiffers(call, search),
                SearchKind.Boolean => BooleanDiffers(call, search),
                _ => call.TryGetArgument("value", out var value, out bool given)
                    && given
                    && ValuesDiffer(value, search.GetConstructorArgument(0)),
            };
        }

        private static bool RangeDiffers(DynamicCall call, AttributeUsage search)
        {
            if (GivenDiffers(call, "min", search.GetConstructorArgument(0))
                || GivenDiffers(call, "max", search.GetConstructorArgument(1))
                || NamedDiffers(call, "step", search, "Step")
                || NamedDiffers(call, "default", search, "Default"))
            {
                return true;
            }

            // Sampling is never null, and both sides default to Linear (0).
            object attributeSampling = search.TryGetNamed("Sampling", out var named) && named.Value is int raw ? raw : 0;
            return call.TryGetArgument("sampling", out var sampling, out bool given)
                && ValuesDiffer(given ? sampling : 0, attributeSampling);
        }

        private static bool ChoiceDiffers(DynamicCall call, AttributeUsage search)
        {
            if (NamedDiffers(call, "default", search, "Default"))
            {
                return true;
            }

            var array = search.GetConstructorArgument(0);
            if (call.ReadChoiceValues() is not { } values || array.Kind != TypedConstantKind.Array || array.IsNull)
            {
                return false;
            }

            if (values.Count != array.Values.Length)
            {
                return true;
            }

            for (int i = 0; i < values.Count; i++)
            {
                if (ValuesDiffer(values[i], array.Values[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BooleanDiffers(DynamicCall call, AttributeUsage search)
        {
            // Both sides default to false.
            object attributeDefault = search.TryGetNamed("Default", out var named) && named.Value is bool value && value;
            return call.TryGetArgument("default", out var @default, out bool given)
                && ValuesDiffer(given ? @default : false, attributeDefault);
        }

        private static bool GivenDiffers(DynamicCall call, string parameter, TypedConstant attributeValue) =>
            call.TryGetArgument(parameter, out var value, out bool given) && given && ValuesDiffer(value, attributeValue);

        private static bool NamedDiffers(DynamicCall call, string parameter, AttributeUsage search, string property) =>
            search.TryGetNamed(property, out var attributeValue) && GivenDiffers(call, parameter, attributeValue);

        private static bool ValuesDiffer(object? callValue, TypedConstant attributeValue) =>
            attributeValue.Kind == TypedConstantKind.Primitive && ValuesDiffer(callValue, attributeValue.Value);

        /// <summary>
        /// Whether two constants certainly differ: numbers by value, other values with <see cref="object.Equals(object)"/>.
        /// A null on either side is not compared.
        /// </summary>
        private static bool ValuesDiffer(object? callValue, object? attributeValue)
        {
            if (callValue is null || attributeValue is null)
            {
                return false;
            }

            if (IsNumber(callValue) && IsNumber(attributeValue))
            {
                return Convert.ToDouble(callValue, CultureInfo.InvariantCulture)
                    != Convert.ToDouble(attributeValue, CultureInfo.InvariantCulture);
            }

            return !callValue.Equals(attributeValue);
        }

        private static bool IsNumber(object value) => value is int or long or double or float;
    }
}
