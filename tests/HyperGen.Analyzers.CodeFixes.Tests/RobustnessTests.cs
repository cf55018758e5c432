using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using HyperGen.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HyperGen.Analyzers.CodeFixes.Tests;

/// <summary>
/// Feeds the generator and the analyzers broken versions of valid hypermodels, as an editor does while the user
/// types, and checks that neither throws.
/// </summary>
public sealed class RobustnessTests
{
    private const int Seed = 20251204;
    private const int MutationsPerSource = 24;

    private static readonly string[] SearchAttributeNames = ["IntRange", "FloatRange", "Choice", "Boolean", "Fixed", "ActiveWhen"];
    private static readonly string[] Numbers = ["0", "-1", "1", "2147483648", "1e308", "-0.0", "0.5", "long.MaxValue", "double.NaN"];

    [Fact]
    public void Analyzers_AreLoaded() => Assert.NotEmpty(AnalyzerRunner.Analyzers);

    [Fact]
    public async Task Analyzers_ReportInvalidRange()
    {
        // Guards the mutation test against analyzers that run but never report, which would also raise no exception.
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync("""
            using HyperGen;

            public partial class Model : HyperModel<object>
            {
                [IntRange(8, 1)]
                public partial int Layers { get; }

                public override object Build(HyperParameters hyperParameters) => new object();
            }
            """);

        Assert.Contains(diagnostics, diagnostic => diagnostic.Id == "HG0101");
    }

    [Theory]
    [InlineData("public partial int [|Layers|] { get; set; }", "HG0005")]
    [InlineData("public partial int [|Layers|] { get; init; }", "HG0005")]
    [InlineData("public static partial int [|Layers|] { get; }", "HG0004")]
    public async Task GeneratedThrowingAccessors_KeepShapeDiagnostic(string declaration, string expectedId)
    {
        // The generator implements these properties with throwing accessors, which must not hide the analyzers'
        // diagnostic behind a missing implementation part (CS9248) or turn it into HG0003.
        int start = declaration.IndexOf("[|", StringComparison.Ordinal);
        int end = declaration.IndexOf("|]", StringComparison.Ordinal) - 2;
        string member = declaration.Replace("[|", "").Replace("|]", "");
        const string Prefix = "using HyperGen;\n\npublic partial class Model : HyperModel<object>\n{\n    [IntRange(1, 8)]\n    ";
        const string Suffix = "\n\n    public override object Build(HyperParameters hyperParameters) => new object();\n}\n";
        string source = Prefix + member + Suffix;

        var diagnostics = await AnalyzerRunner.GetAllDiagnosticsAsync(source);

        var reported = Assert.Single(diagnostics, diagnostic => diagnostic.Id == expectedId);
        Assert.Equal(Prefix.Length + start, reported.Location.SourceSpan.Start);
        Assert.Equal(end - start, reported.Location.SourceSpan.Length);
        Assert.Equal("Input.cs", reported.Location.SourceTree?.FilePath);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "CS9248");
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "HG0003");
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
            && diagnostic.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""
        using HyperGen;

        public partial class Settings
        {
            [IntRange(1, 8)]
            public partial int Layers { get; }
        }
        """, "HG0002")]
    [InlineData("""
        using HyperGen;

        public partial class Model : HyperModel<object>
        {
            [Boolean]
            public partial bool UseDropout { get; }

            [ActiveWhen(nameof(UseDropout), true)]
            public partial double Dropout { get; }

            public override object Build(HyperParameters hyperParameters) => new object();
        }
        """, "HG0506")]
    public async Task GeneratedThrowingAccessors_KeepDeclarationDiagnostic(string source, string expectedId)
    {
        // The generator implements a search property of a class that is not a hypermodel, and an [ActiveWhen]
        // property without a search attribute, with throwing accessors, so that CS9248 does not hide the HG error.
        var diagnostics = await AnalyzerRunner.GetAllDiagnosticsAsync(source);

        Assert.Single(diagnostics, diagnostic => diagnostic.Id == expectedId);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "CS9248");
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
            && diagnostic.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutatedSamples_RaiseNoExceptions()
    {
        var random = new Random(Seed);
        var variants = CreateVariants(random).ToList();
        Assert.True(variants.Count >= 300, $"only {variants.Count} variants");

        var failures = new List<string>();
        foreach (var (description, source) in variants)
        {
            foreach (string failure in await AnalyzerRunner.FindFailuresAsync(source))
            {
                failures.Add($"{description}: {failure}\n--- source ---\n{source}\n");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    private static IEnumerable<(string Description, string Source)> CreateVariants(Random random)
    {
        var sources = TestSources.Cases.ToList();
        sources.Add(new("DigitsModel", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inputs", "DigitsModel.cs.txt"))));
        foreach (var (name, source) in sources)
        {
            for (int i = 0; i < MutationsPerSource; i++)
            {
                yield return Mutate(name, source, i, random);
            }
        }
    }

    private static (string Description, string Source) Mutate(string name, string source, int index, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().ToList();
        var token = tokens[random.Next(tokens.Count)];
        switch (index % 6)
        {
            case 0:
                int offset = random.Next(source.Length);
                return ($"{name} truncated at {offset}", source[..offset]);
            case 1:
                return ($"{name} without token '{token.Text}' at {token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length));
            case 2:
                return ($"{name} with token '{token.Text}' doubled at {token.SpanStart}", source.Insert(token.SpanStart, token.Text + " "));
            case 3:
                return ReplaceNumber(name, source, tokens, random);
            case 4:
                return RemovePartial(name, source, tokens, random);
            default:
                return ReplaceAttributeName(name, source, tokens, random);
        }
    }

    private static (string, string) ReplaceNumber(string name, string source, List<SyntaxToken> tokens, Random random)
    {
        var numbers = tokens.Where(token => token.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
        if (numbers.Count < 2)
        {
            return ($"{name} truncated at 100", source[..Math.Min(100, source.Length)]);
        }

        var first = numbers[random.Next(numbers.Count)];
        var second = numbers[random.Next(numbers.Count)];
        if (random.Next(2) == 0 && first != second)
        {
            // Swap two numbers: the later one is replaced first, so the earlier offset stays valid.
            var (early, late) = first.SpanStart < second.SpanStart ? (first, second) : (second, first);
            var builder = new StringBuilder(source);
            builder.Remove(late.SpanStart, late.Span.Length).Insert(late.SpanStart, early.Text);
            builder.Remove(early.SpanStart, early.Span.Length).Insert(early.SpanStart, late.Text);
            return ($"{name} with {early.Text} and {late.Text} swapped", builder.ToString());
        }

        string replacement = Numbers[random.Next(Numbers.Length)];
        return ($"{name} with {first.Text} replaced by {replacement}",
            source.Remove(first.SpanStart, first.Span.Length).Insert(first.SpanStart, replacement));
    }

    private static (string, string) RemovePartial(string name, string source, List<SyntaxToken> tokens, Random random)
    {
        var partials = tokens.Where(token => token.IsKind(SyntaxKind.PartialKeyword)).ToList();
        var removed = partials[random.Next(partials.Count)];
        return ($"{name} without partial at {removed.SpanStart}", source.Remove(removed.SpanStart, removed.Span.Length));
    }

    private static (string, string) ReplaceAttributeName(string name, string source, List<SyntaxToken> tokens, Random random)
    {
        var attributes = tokens.Where(token => SearchAttributeNames.Contains(token.Text) && token.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax).ToList();
        if (attributes.Count == 0)
        {
            return ($"{name} truncated at 50", source[..Math.Min(50, source.Length)]);
        }

        var target = attributes[random.Next(attributes.Count)];
        string replacement = SearchAttributeNames[random.Next(SearchAttributeNames.Length)];
        return ($"{name} with [{target.Text}] replaced by [{replacement}]",
            source.Remove(target.SpanStart, target.Span.Length).Insert(target.SpanStart, replacement));
    }
}
