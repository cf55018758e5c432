using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace HyperGen.Analyzers.CodeFixes.Tests;

/// <summary>
/// Applies a code fix to a source in an <see cref="AdhocWorkspace"/> compiled against the .NET 10 reference
/// assemblies and the HyperGen runtime, without downloading anything.
/// </summary>
/// <remarks>
/// The input marks each diagnostic as <c>{|HG0101:text|}</c>; the harness creates a diagnostic with that ID on the
/// marked span, which is where the analyzers report it. Running the fixer on a hand-made diagnostic keeps each test
/// about the fix alone; <see cref="AnalyzerRunner"/> covers the analyzers.
/// </remarks>
internal static class CodeFixHarness
{
    private static readonly Regex Marker = new(@"\{\|(?<id>HG\d{4}):(?<text>.*?)\|\}", RegexOptions.Singleline);

    /// <summary>The .NET 10 reference assemblies plus the HyperGen runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(HyperModel<>).Assembly.Location),
    ];

    /// <summary>
    /// Applies the fix that <paramref name="provider"/> registers for the first marked diagnostic and asserts the
    /// result and, when given, the fix's title.
    /// </summary>
    public static async Task VerifyFixAsync(
        CodeFixProvider provider, string markedSource, string expectedSource, string? expectedTitle = null)
    {
        var (document, diagnostics) = CreateDocument(markedSource);
        var actions = await GetActionsAsync(provider, document, diagnostics[0]);
        var action = Assert.Single(actions);
        if (expectedTitle is not null)
        {
            Assert.Equal(expectedTitle, action.Title);
        }

        var fixedDocument = await ApplyAsync(action, document.Id);
        Assert.Equal(Normalize(expectedSource), Normalize(await TextOf(fixedDocument)));
    }

    /// <summary>Asserts that <paramref name="provider"/> registers no fix for the first marked diagnostic.</summary>
    public static async Task VerifyNoFixAsync(CodeFixProvider provider, string markedSource)
    {
        var (document, diagnostics) = CreateDocument(markedSource);
        Assert.Empty(await GetActionsAsync(provider, document, diagnostics[0]));
    }

    /// <summary>Fixes every marked diagnostic at once through the provider's fix-all provider.</summary>
    public static async Task VerifyFixAllAsync(CodeFixProvider provider, string markedSource, string expectedSource)
    {
        var (document, diagnostics) = CreateDocument(markedSource);
        var first = Assert.Single(await GetActionsAsync(provider, document, diagnostics[0]));
        var fixAllProvider = provider.GetFixAllProvider();
        Assert.NotNull(fixAllProvider);

        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            first.EquivalenceKey,
            diagnostics.Select(diagnostic => diagnostic.Id).Distinct(),
            new FixedDiagnosticProvider(diagnostics),
            CancellationToken.None);
        var action = await fixAllProvider.GetFixAsync(context);
        Assert.NotNull(action);

        var fixedDocument = await ApplyAsync(action, document.Id);
        Assert.Equal(Normalize(expectedSource), Normalize(await TextOf(fixedDocument)));
    }

    /// <summary>Creates the document without markers and the marked diagnostics, in source order.</summary>
    public static (Document Document, ImmutableArray<Diagnostic> Diagnostics) CreateDocument(string markedSource)
    {
        var spans = new List<(string Id, TextSpan Span)>();
        int removed = 0;
        string source = Marker.Replace(markedSource, match =>
        {
            int start = match.Index - removed;
            string text = match.Groups["text"].Value;
            spans.Add((match.Groups["id"].Value, new TextSpan(start, text.Length)));
            removed += match.Length - text.Length;
            return text;
        });
        Assert.NotEmpty(spans);

        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "CodeFixInput",
            "CodeFixInput",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References));
        var document = workspace.AddDocument(project.Id, "Input.cs", SourceText.From(source));
        var tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        var diagnostics = spans
            .Select(span => Diagnostic.Create(
                new DiagnosticDescriptor(span.Id, span.Id, span.Id, "HyperGen", DiagnosticSeverity.Error, true),
                Location.Create(tree, span.Span)))
            .ToImmutableArray();

        return (document, diagnostics);
    }

    private static async Task<List<CodeAction>> GetActionsAsync(
        CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(
            document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Document> ApplyAsync(CodeAction action, DocumentId documentId)
    {
        // GetOperationsAsync also runs the simplifier and formatter on annotated nodes, as the IDE does.
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return apply.ChangedSolution.GetDocument(documentId)!;
    }

    private static async Task<string> TextOf(Document document) => (await document.GetTextAsync()).ToString();

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private sealed class FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
