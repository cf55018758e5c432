using System;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace HyperGen.TorchSharp;

/// <summary>Turns a failed TorchSharp load into a <see cref="TorchSharpLoadException"/> that names the cause and the fix.</summary>
internal static partial class TorchSharpLoadFailure
{
    private const string PatchedVersion = "GLIBCXX_3.4.32";

    /// <summary>Creates the exception for <paramref name="failure"/>, the exception TorchSharp threw.</summary>
    /// <remarks>
    /// TorchSharp's own message lists the files it tried but not the dynamic loader's error, so this loads
    /// LibTorchSharp again through <see cref="NativeLibrary"/>, whose exception contains the dlerror text.
    /// </remarks>
    public static TorchSharpLoadException Diagnose(Exception failure)
    {
        return Diagnose(failure, ReadLoaderError() ?? failure.ToString());
    }

    /// <summary>Creates the exception for <paramref name="failure"/> from the dynamic loader's error text.</summary>
    public static TorchSharpLoadException Diagnose(Exception failure, string loaderError)
    {
        Match version = MissingVersionPattern().Match(loaderError);
        if (version.Success)
        {
            return MissingVersion(version, failure);
        }

        Match library = MissingLibraryPattern().Match(loaderError);
        if (library.Success)
        {
            string file = library.Groups["file"].Value;

            return new TorchSharpLoadException(
                $"TorchSharp failed to load because the shared library {file} was not found. Check that the project "
                + "references the TorchSharp-cpu package and that its runtimes/<rid>/native folder reached the output.",
                failure)
            {
                MissingLibrary = file,
            };
        }

        return new TorchSharpLoadException(
            $"TorchSharp failed to load its native libraries: {FirstLine(failure.GetBaseException().Message)} "
            + "See the inner exception for the files it tried.",
            failure);
    }

    private static TorchSharpLoadException MissingVersion(Match match, Exception failure)
    {
        string provider = match.Groups["provider"].Value;
        string version = match.Groups["version"].Value;
        string consumer = match.Groups["consumer"].Value;
        string fix = version == PatchedVersion
            ? "Build the application through the HyperGen.TorchSharp build targets, which mark that requirement weak "
                + "in the output copy of libLibTorchSharp.so: a PackageReference to HyperGen.TorchSharp imports them, "
                + "and a ProjectReference needs an explicit <Import> of buildTransitive/HyperGen.TorchSharp.targets. "
                + "If HyperGenPatchLibTorchSharp is set to false, remove that setting. "
                + "Installing libstdc++ from GCC 13 or later also fixes it."
            : $"Install a libstdc++ (or other library) that defines {version}.";

        return new TorchSharpLoadException(
            $"TorchSharp failed to load because {consumer} requires the symbol version {version}, "
            + $"which {provider} does not define. {fix}",
            failure)
        {
            MissingSymbolVersion = version,
        };
    }

    private static string? ReadLoaderError()
    {
        try
        {
            NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);

            return null;
        }
        catch (DllNotFoundException exception)
        {
            return exception.Message;
        }
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n');

        return end < 0 ? text : text[..end].TrimEnd();
    }

    // glibc's message: "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)".
    [GeneratedRegex(@"(?<provider>[^\s:]+): version `(?<version>[^']+)' not found \(required by (?<consumer>[^)]+)\)")]
    private static partial Regex MissingVersionPattern();

    // glibc's message: "libc10.so: cannot open shared object file: No such file or directory".
    [GeneratedRegex(@"(?<file>[^\s:]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingLibraryPattern();
}
