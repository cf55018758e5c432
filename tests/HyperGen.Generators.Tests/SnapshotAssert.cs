using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Compares generated text with a committed <c>Snapshots/&lt;name&gt;.verified.cs</c> file next to the test source.
/// With <c>HYPERGEN_ACCEPT_SNAPSHOTS=1</c> in the environment, the comparison is skipped and the file is overwritten
/// with the actual text, so that a reviewed change of output can be accepted in one run.
/// </summary>
internal static class SnapshotAssert
{
    /// <summary>The environment variable that accepts the actual output as the new snapshot.</summary>
    public const string AcceptVariable = "HYPERGEN_ACCEPT_SNAPSHOTS";

    /// <summary>Asserts that <paramref name="actual"/> equals the snapshot named <paramref name="name"/>.</summary>
    public static void Matches(string actual, string name, [CallerFilePath] string callerFilePath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFilePath)!, "Snapshots");
        string path = Path.Combine(directory, name + ".verified.cs");
        string normalized = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, normalized);
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail(
                $"Snapshot {path} is missing. Run the tests with {AcceptVariable}=1 to create it, then review it.");
        }

        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != normalized)
        {
            Assert.Fail(Describe(expected, normalized, path));
        }
    }

    /// <summary>Describes the first differing line of two texts.</summary>
    public static string Describe(string expected, string actual, string path)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        string expectedLine = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        string actualLine = line < actualLines.Length ? actualLines[line] : "<end of file>";
        return $"Generated output differs from {path} at line {line + 1}.\n" +
            $"expected: {expectedLine}\n" +
            $"actual:   {actualLine}\n" +
            $"If the change is intended, rerun with {AcceptVariable}=1 and review the diff of the snapshot.";
    }
}
