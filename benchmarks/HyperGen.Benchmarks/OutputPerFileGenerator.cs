using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Benchmarks;

/// <summary>
/// A baseline generator that takes each file's path as its input and writes one short file per input file, and does
/// nothing else. Roslyn still compares every input with the previous run's and carries every cached output over, so
/// its time per edit is the least a generator that writes one file per hypermodel spends on this corpus.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OutputPerFileGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var paths = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => node is CompilationUnitSyntax,
            static (syntax, _) => syntax.Node.SyntaxTree.FilePath);

        context.RegisterSourceOutput(paths, static (output, path) =>
            output.AddSource(path.Replace(".cs", ".g.cs", System.StringComparison.Ordinal), "// " + path));
    }
}
