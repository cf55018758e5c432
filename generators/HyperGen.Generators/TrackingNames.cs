namespace HyperGen.Generators
{
    /// <summary>
    /// Names of the incremental pipeline steps, so that tests can read each step's run reasons from
    /// <c>GeneratorRunResult.TrackedSteps</c>.
    /// </summary>
    internal static class TrackingNames
    {
        /// <summary>Models found through <c>[IntRange]</c> properties.</summary>
        public const string IntRangeModels = nameof(IntRangeModels);

        /// <summary>Models found through <c>[FloatRange]</c> properties.</summary>
        public const string FloatRangeModels = nameof(FloatRangeModels);

        /// <summary>Models found through <c>[Choice]</c> properties.</summary>
        public const string ChoiceModels = nameof(ChoiceModels);

        /// <summary>Models found through <c>[Boolean]</c> properties.</summary>
        public const string BooleanModels = nameof(BooleanModels);

        /// <summary>Models found through <c>[Fixed]</c> properties.</summary>
        public const string FixedModels = nameof(FixedModels);

        /// <summary>Models found through <c>[ActiveWhen]</c> properties.</summary>
        public const string ActiveWhenModels = nameof(ActiveWhenModels);

        /// <summary>All models, without duplicates, ordered by hint name.</summary>
        public const string AllModels = nameof(AllModels);

        /// <summary>One model per hypermodel class, the input of the source output.</summary>
        public const string Models = nameof(Models);

        /// <summary>Every name above, for tests that inspect all tracked steps.</summary>
        public static readonly string[] All =
        [
            IntRangeModels, FloatRangeModels, ChoiceModels, BooleanModels, FixedModels, ActiveWhenModels, AllModels,
            Models,
        ];
    }
}
