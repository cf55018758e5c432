using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>The kinds of search attribute, one per attribute class.</summary>
    internal enum SearchKind
    {
        /// <summary><c>[IntRange]</c>.</summary>
        IntRange,

        /// <summary><c>[FloatRange]</c>.</summary>
        FloatRange,

        /// <summary><c>[Choice]</c>.</summary>
        Choice,

        /// <summary><c>[Boolean]</c>.</summary>
        Boolean,

        /// <summary><c>[Fixed]</c>.</summary>
        Fixed,
    }

    /// <summary>
    /// The HyperGen runtime types the analyzers recognize, resolved once per compilation. A compilation without the
    /// runtime has no <see cref="KnownTypes"/>, and the analyzers do nothing in it.
    /// </summary>
    internal sealed class KnownTypes
    {
        private KnownTypes(Compilation compilation)
        {
            IntRange = compilation.GetTypeByMetadataName("HyperGen.IntRangeAttribute");
            FloatRange = compilation.GetTypeByMetadataName("HyperGen.FloatRangeAttribute");
            Choice = compilation.GetTypeByMetadataName("HyperGen.ChoiceAttribute");
            Boolean = compilation.GetTypeByMetadataName("HyperGen.BooleanAttribute");
            Fixed = compilation.GetTypeByMetadataName("HyperGen.FixedAttribute");
            ActiveWhen = compilation.GetTypeByMetadataName("HyperGen.ActiveWhenAttribute");
            HyperModel = compilation.GetTypeByMetadataName("HyperGen.HyperModel`1");
            HyperParameters = compilation.GetTypeByMetadataName("HyperGen.HyperParameters");
        }

        /// <summary><c>IntRangeAttribute</c>, or null.</summary>
        public INamedTypeSymbol? IntRange { get; }

        /// <summary><c>FloatRangeAttribute</c>, or null.</summary>
        public INamedTypeSymbol? FloatRange { get; }

        /// <summary><c>ChoiceAttribute</c>, or null.</summary>
        public INamedTypeSymbol? Choice { get; }

        /// <summary><c>BooleanAttribute</c>, or null.</summary>
        public INamedTypeSymbol? Boolean { get; }

        /// <summary><c>FixedAttribute</c>, or null.</summary>
        public INamedTypeSymbol? Fixed { get; }

        /// <summary><c>ActiveWhenAttribute</c>, or null.</summary>
        public INamedTypeSymbol? ActiveWhen { get; }

        /// <summary>The unbound <c>HyperModel&lt;TModel&gt;</c>, or null.</summary>
        public INamedTypeSymbol? HyperModel { get; }

        /// <summary><c>HyperParameters</c>, the class of the dynamic API, or null.</summary>
        public INamedTypeSymbol? HyperParameters { get; }

        /// <summary>Resolves the types, or returns null when the compilation does not reference HyperGen.</summary>
        public static KnownTypes? Create(Compilation compilation)
        {
            var known = new KnownTypes(compilation);
            bool any = known.IntRange is not null || known.FloatRange is not null || known.Choice is not null
                || known.Boolean is not null || known.Fixed is not null || known.HyperParameters is not null;
            return any ? known : null;
        }

        /// <summary>Returns the search kind of an attribute class, or null for any other class.</summary>
        public SearchKind? GetSearchKind(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null)
            {
                return null;
            }

            if (Is(attributeClass, IntRange))
            {
                return SearchKind.IntRange;
            }

            if (Is(attributeClass, FloatRange))
            {
                return SearchKind.FloatRange;
            }

            if (Is(attributeClass, Choice))
            {
                return SearchKind.Choice;
            }

            if (Is(attributeClass, Boolean))
            {
                return SearchKind.Boolean;
            }

            return Is(attributeClass, Fixed) ? SearchKind.Fixed : null;
        }

        /// <summary>Whether <paramref name="attributeClass"/> is <c>ActiveWhenAttribute</c>.</summary>
        public bool IsActiveWhen(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && Is(attributeClass, ActiveWhen);

        /// <summary>Whether <paramref name="type"/> derives, directly or not, from <c>HyperModel&lt;TModel&gt;</c>.</summary>
        public bool DerivesFromHyperModel(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (IsHyperModel(current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is a constructed or unbound <c>HyperModel&lt;TModel&gt;</c>.</summary>
        public bool IsHyperModel(INamedTypeSymbol type) =>
            HyperModel is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, HyperModel);

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
