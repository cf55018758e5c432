using Xunit;

namespace HyperGen.Generators.Tests;

/// <summary>Compares the generated source of each shared test case with its committed snapshot.</summary>
public sealed class GeneratorSnapshotTests
{
    [Theory]
    [MemberData(nameof(TestSources.CaseNames), MemberType = typeof(TestSources))]
    public void Generator_MatchesSnapshot(string caseName)
    {
        var output = GeneratorHarness.Run(TestSources.Cases[caseName]);

        SnapshotAssert.Matches(output.CombinedText, caseName);
    }

    [Fact]
    public void SnapshotAssert_ReportsFirstDifferingLine()
    {
        string message = SnapshotAssert.Describe("a\nb\nc", "a\nx\nc", "Expected.verified.cs");

        Assert.Contains("at line 2", message);
        Assert.Contains("expected: b", message);
        Assert.Contains("actual:   x", message);
    }
}
