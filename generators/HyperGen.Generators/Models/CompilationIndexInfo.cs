using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Generators.Models
{
    /// <summary>
    /// The compilation-wide facts gathered from every file's <see cref="FileIndexInfo"/>, and the candidates that
    /// they send to the symbol parser.
    /// </summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="HasRuntime">Whether the compilation references the HyperGen runtime.</param>
    /// <param name="SymbolNames">
    /// The metadata names of the candidates to parse from symbols, each once, in ordinal order; empty without the
    /// runtime.
    /// </param>
    internal sealed record CompilationIndexInfo(bool HasRuntime, EquatableArray<string> SymbolNames)
    {
        /// <summary>Merges the facts of every file.</summary>
        public static CompilationIndexInfo Merge(IEnumerable<FileIndexInfo> files, bool hasRuntime)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var repeated = new SortedSet<string>(StringComparer.Ordinal);
            var aliases = new HashSet<string>(StringComparer.Ordinal);
            var candidates = new List<CandidateKey>();
            bool importsGlobally = false;
            bool declaresHyperGenTypeName = false;
            foreach (var file in files)
            {
                foreach (string name in file.PartialTypeNames)
                {
                    if (!seen.Add(name))
                    {
                        repeated.Add(name);
                    }
                }

                candidates.AddRange(file.Candidates);
                aliases.UnionWith(file.GlobalAliasNames);
                importsGlobally |= file.ImportsNamespaceGlobally;
                declaresHyperGenTypeName |= file.DeclaresHyperGenTypeName;
            }

            var symbolNames = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var candidate in hasRuntime ? candidates : [])
            {
                bool needsSymbols = candidate.Status == CandidateStatus.NeedsSymbols
                    || declaresHyperGenTypeName
                    || repeated.Contains(candidate.MetadataName)
                    || candidate.OtherAttributeNames.Any(aliases.Contains)
                    || (candidate.NeedsNamespaceImport && !importsGlobally);
                if (needsSymbols)
                {
                    symbolNames.Add(candidate.MetadataName);
                }
            }

            return new CompilationIndexInfo(hasRuntime, symbolNames.ToEquatableArray());
        }

        /// <summary>
        /// Returns the model that syntax read for <paramref name="candidate"/>, or null when the type gets its model
        /// from symbols or gets none.
        /// </summary>
        public HyperModelInfo? SelectSyntacticModel(ModelCandidate candidate) =>
            HasRuntime && candidate.Key.Status == CandidateStatus.Read && !IsSymbolName(candidate.Key.MetadataName)
                ? candidate.Model
                : null;

        /// <summary>Searches the ordinally sorted <see cref="SymbolNames"/>.</summary>
        private bool IsSymbolName(string metadataName)
        {
            int low = 0;
            int high = SymbolNames.Count - 1;
            while (low <= high)
            {
                int middle = low + ((high - low) / 2);
                int order = string.CompareOrdinal(SymbolNames[middle], metadataName);
                if (order == 0)
                {
                    return true;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return false;
        }
    }
}
