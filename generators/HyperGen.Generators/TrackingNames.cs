namespace HyperGen.Generators
{
    /// <summary>
    /// Names of the incremental pipeline steps, so that tests can read each step's run reasons from
    /// <c>GeneratorRunResult.TrackedSteps</c>.
    /// </summary>
    internal static class TrackingNames
    {
        /// <summary>Every source file as its text.</summary>
        public const string Files = nameof(Files);

        /// <summary>Each file's candidates and compilation-wide facts, read from its syntax.</summary>
        public const string FileModels = nameof(FileModels);

        /// <summary>The compilation-wide facts of all files.</summary>
        public const string Index = nameof(Index);

        /// <summary>Whether the compilation references the HyperGen runtime.</summary>
        public const string Runtime = nameof(Runtime);

        /// <summary>
        /// Each candidate's model read from syntax, or null when it comes from symbols or there is none: an input of
        /// the source output.
        /// </summary>
        public const string Models = nameof(Models);

        /// <summary>The metadata names of the types to parse from symbols.</summary>
        public const string SymbolCandidates = nameof(SymbolCandidates);

        /// <summary>The models parsed from symbols, the other input of the source output.</summary>
        public const string SymbolModels = nameof(SymbolModels);

        /// <summary>Every name above, for tests that inspect all tracked steps.</summary>
        public static readonly string[] All =
        [
            Files, FileModels, Index, Runtime, Models, SymbolCandidates, SymbolModels,
        ];
    }
}
