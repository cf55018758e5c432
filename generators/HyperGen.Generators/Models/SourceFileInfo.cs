using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HyperGen.Generators.Models
{
    /// <summary>
    /// One source file of the compilation as text: the first step of the pipeline, so that a later step reads a file
    /// again only when its text changed.
    /// </summary>
    /// <remarks>
    /// The text compares by reference: an unchanged syntax tree keeps its <see cref="SourceText"/> instance from
    /// one compilation to the next, and comparing by reference costs nothing, whatever the file's size. The file is
    /// parsed again from the text, so no syntax node outlives the step that reads it.
    /// </remarks>
    /// <param name="Path">The file path.</param>
    /// <param name="Text">The file's text.</param>
    /// <param name="Options">The options the file was parsed with, which decide its preprocessor branches.</param>
    internal sealed record SourceFileInfo(string Path, SourceText Text, ParseOptions Options)
    {
        /// <inheritdoc />
        public bool Equals(SourceFileInfo? other) =>
            other is not null
            && string.Equals(Path, other.Path, StringComparison.Ordinal)
            && ReferenceEquals(Text, other.Text)
            && (ReferenceEquals(Options, other.Options) || Options.Equals(other.Options));

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);
    }
}
