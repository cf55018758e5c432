using System.IO;
using HyperGen.TorchSharp.Build;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class LibStdCxxLocatorTests
{
    private const ushort MachineX86_64 = 62;

    [Fact]
    public void Find_ReturnsExistingLibrary()
    {
        string? path = LibStdCxxLocator.Find(MachineX86_64);

        Assert.NotNull(path);
        Assert.True(File.Exists(path), $"{path} does not exist.");
        Assert.StartsWith(LibTorchSharpPatcher.VersionFile, Path.GetFileName(path));
    }

    [Fact]
    public void Find_SkipsOtherMachines()
    {
        const ushort machineRiscV = 243;

        Assert.Null(LibStdCxxLocator.Find(machineRiscV));
    }

    [Fact]
    public void DefinesVersion_FindsBaseVersion()
    {
        string path = LibStdCxxLocator.Find(MachineX86_64)!;

        Assert.True(LibStdCxxLocator.DefinesVersion(path, "GLIBCXX_3.4"));
        Assert.True(LibStdCxxLocator.DefinesVersion(path, "CXXABI_1.3"));
    }

    [Fact]
    public void DefinesVersion_RejectsUnknownVersion()
    {
        string path = LibStdCxxLocator.Find(MachineX86_64)!;

        Assert.False(LibStdCxxLocator.DefinesVersion(path, "GLIBCXX_99.0"));
    }
}
