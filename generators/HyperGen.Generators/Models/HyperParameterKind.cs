namespace HyperGen.Generators.Models
{
    /// <summary>The runtime definition type that a search attribute becomes.</summary>
    internal enum HyperParameterKind
    {
        /// <summary><c>IntRange</c>, emitted as <c>IntHyperParameter</c>.</summary>
        Int,

        /// <summary><c>FloatRange</c>, emitted as <c>FloatHyperParameter</c>.</summary>
        Float,

        /// <summary><c>Choice</c>, emitted as <c>ChoiceHyperParameter</c>.</summary>
        Choice,

        /// <summary><c>Boolean</c>, emitted as <c>BooleanHyperParameter</c>.</summary>
        Boolean,

        /// <summary><c>Fixed</c>, emitted as <c>FixedHyperParameter</c>.</summary>
        Fixed,
    }
}
