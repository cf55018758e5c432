using System;
using System.IO;
using System.Linq;
using HyperGen.TorchSharp.Build;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class LibTorchSharpPatcherTests : IDisposable
{
    private const int VersionFlagWeak = 0x2;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        _directory.Dispose();
    }

    [Fact]
    public void PatchFile_SetsOnlyWeakFlag()
    {
        string path = CopyPackagedLibrary();
        byte[] before = File.ReadAllBytes(path);

        PatchResult result = LibTorchSharpPatcher.PatchFile(path);

        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(PatchOutcome.Patched, result.Outcome);
        Assert.Equal(new[] { LibTorchSharpPatcher.UnusedSymbol }, result.Symbols);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal(new[] { (int)result.FlagsOffset }, changed);
        Assert.Equal(before[result.FlagsOffset] | VersionFlagWeak, after[result.FlagsOffset]);
    }

    [Fact]
    public void PatchFile_SecondRunIsNoOp()
    {
        string path = CopyPackagedLibrary();
        LibTorchSharpPatcher.PatchFile(path);
        byte[] once = File.ReadAllBytes(path);

        PatchResult result = LibTorchSharpPatcher.PatchFile(path);

        Assert.Equal(PatchOutcome.AlreadyPatched, result.Outcome);
        Assert.Equal(once, File.ReadAllBytes(path));
    }

    [Fact]
    public void PatchFile_BreaksHardLink()
    {
        string original = CopyPackagedLibrary();
        string linked = Path.Combine(_directory.Path, "linked", LibTorchSharpPatcher.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(linked)!);
        Libc.CreateHardLink(original, linked);

        PatchResult result = LibTorchSharpPatcher.PatchFile(linked);

        Assert.Equal(PatchOutcome.Patched, result.Outcome);
        Assert.Equal(File.ReadAllBytes(TestFiles.PackagedLibTorchSharp), File.ReadAllBytes(original));
        Assert.Equal(PatchOutcome.AlreadyPatched, LibTorchSharpPatcher.Inspect(File.ReadAllBytes(linked)).Outcome);
    }

    [Fact]
    public void PatchFile_KeepsTimestamp()
    {
        string path = CopyPackagedLibrary();
        var timestamp = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, timestamp);

        LibTorchSharpPatcher.PatchFile(path);

        Assert.Equal(timestamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void PatchFile_RemovesTemporaryFile()
    {
        string path = CopyPackagedLibrary();

        LibTorchSharpPatcher.PatchFile(path);

        Assert.Equal(new[] { path }, Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void PatchFile_RejectsNonElfFile()
    {
        string path = Path.Combine(_directory.Path, LibTorchSharpPatcher.FileName);
        File.WriteAllText(path, "/* GNU ld script */ INPUT(libc.so.6)");

        var exception = Assert.Throws<InvalidDataException>(() => LibTorchSharpPatcher.PatchFile(path));

        Assert.Contains("not an ELF file", exception.Message);
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void PatchFile_RejectsTruncatedFile()
    {
        string path = Path.Combine(_directory.Path, LibTorchSharpPatcher.FileName);
        File.WriteAllBytes(path, File.ReadAllBytes(TestFiles.PackagedLibTorchSharp).AsSpan(0, 4096).ToArray());

        var exception = Assert.Throws<InvalidDataException>(() => LibTorchSharpPatcher.PatchFile(path));

        Assert.Contains("section header table", exception.Message);
    }

    [Fact]
    public void PatchFile_RejectsElf32File()
    {
        byte[] image = File.ReadAllBytes(TestFiles.PackagedLibTorchSharp);
        image[4] = 1; // EI_CLASS = ELFCLASS32
        string path = Path.Combine(_directory.Path, LibTorchSharpPatcher.FileName);
        File.WriteAllBytes(path, image);

        var exception = Assert.Throws<InvalidDataException>(() => LibTorchSharpPatcher.PatchFile(path));

        Assert.Contains("ELF64", exception.Message);
    }

    [Fact]
    public void PatchFile_LeavesFileWithOtherSymbolsUnchanged()
    {
        byte[] image = File.ReadAllBytes(TestFiles.PackagedLibTorchSharp);
        PatchResult original = LibTorchSharpPatcher.Inspect(image);
        ushort index = BitConverter.ToUInt16(image, (int)original.FlagsOffset + 2); // vna_other follows vna_flags.
        (long versions, long size) = FindSection(image, SectionTypeVersionSymbols);

        // Give the first other versioned symbol the same version index as the unused one.
        long entry = Enumerable.Range(1, (int)(size / 2) - 1)
            .Select(i => versions + (i * 2L))
            .First(offset => IsOtherVersion(BitConverter.ToUInt16(image, (int)offset), index));
        BitConverter.GetBytes(index).CopyTo(image, entry);
        string path = Path.Combine(_directory.Path, LibTorchSharpPatcher.FileName);
        File.WriteAllBytes(path, image);

        PatchResult result = LibTorchSharpPatcher.PatchFile(path);

        Assert.Equal(PatchOutcome.UnexpectedSymbols, result.Outcome);
        Assert.Equal(2, result.Symbols.Count);
        Assert.Contains(LibTorchSharpPatcher.UnusedSymbol, result.Symbols);
        Assert.Equal(image, File.ReadAllBytes(path));
    }

    [Fact]
    public void Inspect_ReportsLibraryWithoutRequirement()
    {
        string libc10 = TestFiles.OutputLibTorchSharpCopies()
            .Select(path => Path.Combine(Path.GetDirectoryName(path)!, "libc10.so"))
            .First(File.Exists);

        PatchResult result = LibTorchSharpPatcher.Inspect(File.ReadAllBytes(libc10));

        Assert.Equal(PatchOutcome.NotRequired, result.Outcome);
        Assert.Empty(result.Symbols);
    }

    private string CopyPackagedLibrary()
    {
        string path = Path.Combine(_directory.Path, LibTorchSharpPatcher.FileName);
        File.Copy(TestFiles.PackagedLibTorchSharp, path);

        return path;
    }

    // Version index 0 marks a local symbol and 1 a global one without a version.
    private static bool IsOtherVersion(ushort value, ushort index)
    {
        return value > 1 && value != index;
    }

    // Returns sh_offset and sh_size of the first section of the given type in a little-endian ELF64 image.
    private static (long Offset, long Size) FindSection(byte[] image, uint type)
    {
        long table = BitConverter.ToInt64(image, 0x28);
        int count = BitConverter.ToUInt16(image, 0x3c);
        for (int i = 0; i < count; i++)
        {
            int header = (int)(table + (i * 64L));
            if (BitConverter.ToUInt32(image, header + 4) == type)
            {
                return (BitConverter.ToInt64(image, header + 24), BitConverter.ToInt64(image, header + 32));
            }
        }

        throw new InvalidOperationException($"The image has no section of type 0x{type:x}.");
    }
}
