using Microsoft.CodeAnalysis;

namespace HyperGen.Generators
{
    /// <summary>The runtime types the parser recognizes, resolved once per transform from the compilation.</summary>
    internal sealed class KnownSymbols
    {
        /// <summary>Metadata name of <c>IntRangeAttribute</c>.</summary>
        public const string IntRangeAttribute = "HyperGen.IntRangeAttribute";

        /// <summary>Metadata name of <c>FloatRangeAttribute</c>.</summary>
        public const string FloatRangeAttribute = "HyperGen.FloatRangeAttribute";

        /// <summary>Metadata name of <c>ChoiceAttribute</c>.</summary>
        public const string ChoiceAttribute = "HyperGen.ChoiceAttribute";

        /// <summary>Metadata name of <c>BooleanAttribute</c>.</summary>
        public const string BooleanAttribute = "HyperGen.BooleanAttribute";

        /// <summary>Metadata name of <c>FixedAttribute</c>.</summary>
        public const string FixedAttribute = "HyperGen.FixedAttribute";

        /// <summary>Metadata name of <c>ActiveWhenAttribute</c>.</summary>
        public const string ActiveWhenAttribute = "HyperGen.ActiveWhenAttribute";

        /// <summary>Metadata name of <c>HyperModel&lt;TModel&gt;</c>.</summary>
        public const string HyperModel = "HyperGen.HyperModel`1";

        private readonly INamedTypeSymbol? _intRange;
        private readonly INamedTypeSymbol? _floatRange;
        private readonly INamedTypeSymbol? _choice;
        private readonly INamedTypeSymbol? _boolean;
        private readonly INamedTypeSymbol? _fixed;

        /// <summary>Resolves the types in <paramref name="compilation"/>. A type it lacks stays null.</summary>
        public KnownSymbols(Compilation compilation)
        {
            _intRange = compilation.GetTypeByMetadataName(IntRangeAttribute);
            _floatRange = compilation.GetTypeByMetadataName(FloatRangeAttribute);
            _choice = compilation.GetTypeByMetadataName(ChoiceAttribute);
            _boolean = compilation.GetTypeByMetadataName(BooleanAttribute);
            _fixed = compilation.GetTypeByMetadataName(FixedAttribute);
            ActiveWhen = compilation.GetTypeByMetadataName(ActiveWhenAttribute);
            HyperModelType = compilation.GetTypeByMetadataName(HyperModel);
            Compilation = compilation;
        }

        /// <summary>The compilation the symbols come from.</summary>
        public Compilation Compilation { get; }

        /// <summary><c>ActiveWhenAttribute</c>.</summary>
        public INamedTypeSymbol? ActiveWhen { get; }

        /// <summary>The unbound <c>HyperModel&lt;TModel&gt;</c>.</summary>
        public INamedTypeSymbol? HyperModelType { get; }

        /// <summary>Returns the definition kind for a search attribute class, or null for any other class.</summary>
        public Models.HyperParameterKind? GetSearchKind(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null)
            {
                return null;
            }

            if (Is(attributeClass, _intRange))
            {
                return Models.HyperParameterKind.Int;
            }

            if (Is(attributeClass, _floatRange))
            {
                return Models.HyperParameterKind.Float;
            }

            if (Is(attributeClass, _choice))
            {
                return Models.HyperParameterKind.Choice;
            }

            if (Is(attributeClass, _boolean))
            {
                return Models.HyperParameterKind.Boolean;
            }

            return Is(attributeClass, _fixed) ? Models.HyperParameterKind.Fixed : null;
        }

        /// <summary>Whether <paramref name="property"/> carries at least one search attribute.</summary>
        public bool HasSearchAttribute(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (GetSearchKind(attribute.AttributeClass) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="property"/> carries a search attribute or <c>[ActiveWhen]</c>.</summary>
        public bool HasSearchOrConditionAttribute(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (GetSearchKind(attribute.AttributeClass) is not null || IsActiveWhen(attribute.AttributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is <c>ActiveWhenAttribute</c>.</summary>
        public bool IsActiveWhen(INamedTypeSymbol? type) => type is not null && Is(type, ActiveWhen);

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
