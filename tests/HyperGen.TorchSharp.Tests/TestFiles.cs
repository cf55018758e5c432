using System;
using System.IO;
using System.Linq;
using System.Reflection;
using HyperGen.TorchSharp.Build;
using TorchSharp;

namespace HyperGen.TorchSharp.Tests;

/// <summary>Paths to the files the tests work on, and a temporary folder that deletes itself.</summary>
internal static class TestFiles
{
    /// <summary>TorchSharp's version, which is also the version of its NuGet packages.</summary>
    public static string TorchSharpVersion { get; } = typeof(torch).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
        .InformationalVersion
        .Split('+')[0];

    /// <summary>Unpatched libLibTorchSharp.so in the NuGet cache, which tests read but never write.</summary>
    public static string PackagedLibTorchSharp { get; } = Path.Combine(
        ReadMetadata("NuGetPackageRoot"),
        "torchsharp",
        TorchSharpVersion,
        "runtimes",
        "linux-x64",
        "native",
        LibTorchSharpPatcher.FileName);

    /// <summary>Folder of HyperGen.TorchSharp.targets and LibTorchSharpPatcher.cs in the source tree.</summary>
    public static string TargetsDirectory { get; } = ReadMetadata("TorchSharpTargetsDirectory");

    /// <summary>Copies of libLibTorchSharp.so in this test project's build output.</summary>
    public static string[] OutputLibTorchSharpCopies()
    {
        return Directory
            .EnumerateFiles(AppContext.BaseDirectory, LibTorchSharpPatcher.FileName, SearchOption.AllDirectories)
            .ToArray();
    }

    /// <summary>Returns whether the libstdc++ that this process loaded lacks the version the patch is for.</summary>
    public static bool SystemLacksRequiredVersion()
    {
        ushort machine = 62; // EM_X86_64, the only machine TorchSharp-cpu ships Linux binaries for.
        string libStdCxx = LibStdCxxLocator.Find(machine)
            ?? throw new InvalidOperationException("No x86-64 libstdc++.so.6 was found on this machine.");

        return !LibStdCxxLocator.DefinesVersion(libStdCxx, LibTorchSharpPatcher.RequiredVersion);
    }

    private static string ReadMetadata(string key)
    {
        return typeof(TestFiles).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key)
            .Value!;
    }
}

/// <summary>New empty folder under the system temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hypergen-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Directory.Delete(Path, recursive: true);
    }
}
