// Compiled twice: by RoslynCodeTaskFactory from HyperGen.TorchSharp.targets, against the netstandard reference
// assemblies that MSBuild ships, and into the test project, which defines HYPERGEN_PATCHER_TESTS to leave out the
// MSBuild task class. Keep the code within the netstandard 2.0 API surface.
#nullable enable

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
#if !HYPERGEN_PATCHER_TESTS
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace HyperGen.TorchSharp.Build
{
#if !HYPERGEN_PATCHER_TESTS
    /// <summary>
    /// MSBuild task that marks the <c>GLIBCXX_3.4.32</c> requirement of each <c>libLibTorchSharp.so</c> as weak
    /// when the system libstdc++ does not define that version.
    /// </summary>
    public sealed class PatchLibTorchSharp : Task
    {
        /// <summary>Copies of <c>libLibTorchSharp.so</c> in the build or publish output.</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// Whether to patch even when the libstdc++ on the build machine defines <c>GLIBCXX_3.4.32</c>, for output
        /// that runs on an older system than the one that builds it.
        /// </summary>
        public bool Always { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            if (Files.Length == 0)
            {
                return true;
            }

            string? reason = FindPatchReason();
            if (reason == null)
            {
                return true;
            }

            foreach (ITaskItem file in Files)
            {
                PatchOne(file.GetMetadata("FullPath"), reason);
            }

            return !Log.HasLoggedErrors;
        }

        private string? FindPatchReason()
        {
            if (Always)
            {
                return "HyperGenPatchLibTorchSharp is set to 'always'";
            }

            string first = Files[0].GetMetadata("FullPath");
            ushort machine;
            try
            {
                machine = ElfImage.Load(first).Machine;
            }
            catch (InvalidDataException exception)
            {
                Log.LogWarning($"HyperGen.TorchSharp: left the file unchanged because it is invalid: {exception.Message}");

                return null;
            }

            string? libStdCxx = LibStdCxxLocator.Find(machine);
            if (libStdCxx == null)
            {
                Log.LogMessage(
                    MessageImportance.Low,
                    "No libstdc++.so.6 was found, so libLibTorchSharp.so is left unchanged.");

                return null;
            }

            if (LibStdCxxLocator.DefinesVersion(libStdCxx, LibTorchSharpPatcher.RequiredVersion))
            {
                return null;
            }

            return $"{libStdCxx} does not define {LibTorchSharpPatcher.RequiredVersion}";
        }

        private void PatchOne(string path, string reason)
        {
            PatchResult result;
            try
            {
                result = LibTorchSharpPatcher.PatchFile(path);
            }
            catch (InvalidDataException exception)
            {
                Log.LogWarning($"HyperGen.TorchSharp: left the file unchanged because it is invalid: {exception.Message}");

                return;
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                Log.LogError($"HyperGen.TorchSharp: failed to patch {path}: {exception.Message}");

                return;
            }

            switch (result.Outcome)
            {
                case PatchOutcome.Patched:
                    Log.LogMessage(
                        MessageImportance.High,
                        $"HyperGen.TorchSharp: marked the {LibTorchSharpPatcher.RequiredVersion} requirement of {path} "
                        + $"as weak because {reason}. The only symbol that needs it, "
                        + $"{LibTorchSharpPatcher.UnusedSymbol}, is never called. "
                        + "Set HyperGenPatchLibTorchSharp=false to turn this off.");
                    break;
                case PatchOutcome.UnexpectedSymbols:
                    Log.LogWarning(
                        $"HyperGen.TorchSharp: {path} needs {LibTorchSharpPatcher.RequiredVersion} for "
                        + $"{string.Join(", ", result.Symbols)}, not only for {LibTorchSharpPatcher.UnusedSymbol}, "
                        + $"so it was left unchanged and will fail to load because {reason}. "
                        + $"Install a libstdc++ that defines {LibTorchSharpPatcher.RequiredVersion} (GCC 13 or later).");
                    break;
                default:
                    Log.LogMessage(MessageImportance.Low, $"HyperGen.TorchSharp: {path}: {result.Outcome}.");
                    break;
            }
        }
    }
#endif

    /// <summary>Result of <see cref="LibTorchSharpPatcher.PatchFile"/> or <see cref="LibTorchSharpPatcher.Inspect"/>.</summary>
    public enum PatchOutcome
    {
        /// <summary>The requirement was strong and has now been marked weak.</summary>
        Patched,

        /// <summary>The requirement is strong and can be marked weak. Only <see cref="LibTorchSharpPatcher.Inspect"/> returns this.</summary>
        Patchable,

        /// <summary>The requirement is already weak, so nothing was written.</summary>
        AlreadyPatched,

        /// <summary>The file does not require the version from libstdc++.so.6 at all.</summary>
        NotRequired,

        /// <summary>Other symbols than the unused one need the version, so the file was left unchanged.</summary>
        UnexpectedSymbols,
    }

    /// <summary>Outcome of a patch, with the dynamic symbols that require the version.</summary>
    public sealed class PatchResult
    {
        /// <summary>Creates a result.</summary>
        public PatchResult(PatchOutcome outcome, IReadOnlyList<string> symbols, long flagsOffset)
        {
            Outcome = outcome;
            Symbols = symbols;
            FlagsOffset = flagsOffset;
        }

        /// <summary>What happened to the file.</summary>
        public PatchOutcome Outcome { get; }

        /// <summary>Names of the dynamic symbols that require the version, in symbol table order.</summary>
        public IReadOnlyList<string> Symbols { get; }

        /// <summary>File offset of the <c>vna_flags</c> field of the requirement, or -1 when there is none.</summary>
        public long FlagsOffset { get; }
    }

    /// <summary>
    /// Marks the <c>GLIBCXX_3.4.32</c> requirement of libLibTorchSharp.so as weak (<c>VER_FLG_WEAK</c>), so that
    /// the dynamic loader accepts a libstdc++ without that version.
    /// </summary>
    /// <remarks>
    /// libLibTorchSharp.so from TorchSharp 0.107.0 needs <c>GLIBCXX_3.4.32</c> (GCC 13) only for
    /// <c>std::ios_base_library_init()</c>, which it references but never calls. A weak version requirement
    /// turns the loader's fatal "version not found" error into no error at all, and the symbol is still bound
    /// lazily by name if a newer libstdc++ defines it. The patcher checks that this symbol is the only one with
    /// that requirement and rejects the file otherwise.
    /// </remarks>
    public static class LibTorchSharpPatcher
    {
        /// <summary>Symbol version that the libstdc++ of Debian 12 and Ubuntu 22.04 does not define.</summary>
        public const string RequiredVersion = "GLIBCXX_3.4.32";

        /// <summary>Library that defines <see cref="RequiredVersion"/>.</summary>
        public const string VersionFile = "libstdc++.so.6";

        /// <summary>Mangled name of <c>std::ios_base_library_init()</c>, the only symbol allowed to need the version.</summary>
        public const string UnusedSymbol = "_ZSt21ios_base_library_initv";

        /// <summary>File name of the library that the patcher is meant for.</summary>
        public const string FileName = "libLibTorchSharp.so";

        /// <summary>Inspects an ELF image without changing it.</summary>
        /// <exception cref="InvalidDataException">The image is not a valid little-endian ELF64 file.</exception>
        public static PatchResult Inspect(byte[] image)
        {
            var elf = new ElfImage(image);
            VersionNeed? need = elf.ReadVersionNeeds()
                .FirstOrDefault(n => n.File == VersionFile && n.Name == RequiredVersion);
            if (need == null)
            {
                return new PatchResult(PatchOutcome.NotRequired, Array.Empty<string>(), -1);
            }

            List<string> symbols = elf.ReadDynamicSymbolsWithVersion(need.Index);
            if (symbols.Count != 1 || symbols[0] != UnusedSymbol)
            {
                return new PatchResult(PatchOutcome.UnexpectedSymbols, symbols, need.FlagsOffset);
            }

            PatchOutcome outcome = (need.Flags & ElfImage.VersionFlagWeak) != 0
                ? PatchOutcome.AlreadyPatched
                : PatchOutcome.Patchable;

            return new PatchResult(outcome, symbols, need.FlagsOffset);
        }

        /// <summary>
        /// Patches the file at <paramref name="path"/> when it needs it. The new content goes to a temporary copy in
        /// the same folder that then replaces the file, so a hard link into the NuGet cache is broken, not written
        /// through.
        /// </summary>
        /// <exception cref="InvalidDataException">The file is not a valid little-endian ELF64 file.</exception>
        public static PatchResult PatchFile(string path)
        {
            PatchResult result;
            try
            {
                result = Inspect(File.ReadAllBytes(path));
            }
            catch (InvalidDataException exception)
            {
                throw new InvalidDataException($"{path}: {exception.Message}", exception);
            }

            if (result.Outcome != PatchOutcome.Patchable)
            {
                return result;
            }

            ReplaceWithPatchedCopy(path, result.FlagsOffset);

            return new PatchResult(PatchOutcome.Patched, result.Symbols, result.FlagsOffset);
        }

        private static void ReplaceWithPatchedCopy(string path, long flagsOffset)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

            // File.Copy keeps the permission bits, which File.WriteAllBytes would not.
            File.Copy(path, temporary);
            try
            {
                SetWeakFlag(temporary, flagsOffset);

                // MSBuild's Copy task skips a file whose size and time stamp match its source. Keeping the package's
                // time stamp therefore stops the next build from copying (and linking) the unpatched file again.
                File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));

                // On Unix, File.Replace without a backup is a rename(2), which replaces the directory entry
                // atomically and leaves any other hard link to the old inode untouched.
                File.Replace(temporary, path, null);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        private static void SetWeakFlag(string path, long flagsOffset)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            var field = new byte[2];
            stream.Position = flagsOffset;
            if (stream.Read(field, 0, 2) != 2)
            {
                throw new InvalidDataException($"{path} ended before vna_flags at offset {flagsOffset}.");
            }

            ushort flags = (ushort)(field[0] | (field[1] << 8) | ElfImage.VersionFlagWeak);
            field[0] = (byte)flags;
            field[1] = (byte)(flags >> 8);
            stream.Position = flagsOffset;
            stream.Write(field, 0, 2);
        }
    }

    /// <summary>Finds the libstdc++ that programs on this machine load and reads the versions it defines.</summary>
    public static class LibStdCxxLocator
    {
        private static readonly string[] StandardDirectories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        };

        /// <summary>
        /// Returns the path of libstdc++.so.6 for <paramref name="machine"/> (an ELF <c>e_machine</c> value), or
        /// null when none is found.
        /// </summary>
        /// <remarks>
        /// The candidates come in the order that decides which copy a .NET program loads. First comes the copy
        /// mapped into this process, because the .NET runtime (libcoreclr.so) links libstdc++ and loads it before
        /// any NuGet native library. Then come the <c>LD_LIBRARY_PATH</c> folders, the loader cache from
        /// <c>ldconfig -p</c> and the standard library folders. Candidates built for another machine are skipped.
        /// </remarks>
        public static string? Find(ushort machine)
        {
            return Candidates().FirstOrDefault(path => IsElfFor(path, machine));
        }

        /// <summary>
        /// Returns whether the library at <paramref name="path"/> defines <paramref name="version"/> in its
        /// <c>.gnu.version_d</c> section.
        /// </summary>
        /// <remarks>
        /// The loader resolves a version requirement only against these definitions, so reading them matches the
        /// loader's decision. A search for the version string in the file could also match unrelated text.
        /// </remarks>
        public static bool DefinesVersion(string path, string version)
        {
            return ElfImage.Load(path).ReadVersionDefinitions().Contains(version);
        }

        private static IEnumerable<string> Candidates()
        {
            foreach (string path in MappedLibraries())
            {
                yield return path;
            }

            string? libraryPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            foreach (string directory in (libraryPath ?? "").Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Path.Combine(directory, LibTorchSharpPatcher.VersionFile);
            }

            foreach (string path in LoaderCacheEntries())
            {
                yield return path;
            }

            foreach (string directory in StandardDirectories)
            {
                yield return Path.Combine(directory, LibTorchSharpPatcher.VersionFile);
            }
        }

        private static IEnumerable<string> MappedLibraries()
        {
            const string maps = "/proc/self/maps";
            if (!File.Exists(maps))
            {
                return Array.Empty<string>();
            }

            // A line that maps a file ends with its path, for example "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30".
            return File.ReadAllLines(maps)
                .Select(PathOfMapping)
                .Where(path => Path.GetFileName(path).StartsWith(LibTorchSharpPatcher.VersionFile, StringComparison.Ordinal))
                .Distinct();
        }

        private static string PathOfMapping(string line)
        {
            int start = line.IndexOf('/');

            return start < 0 ? "" : line.Substring(start);
        }

        private static IEnumerable<string> LoaderCacheEntries()
        {
            string output;
            try
            {
                var start = new ProcessStartInfo("ldconfig", "-p")
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                using Process process = Process.Start(start)!;
                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // ldconfig is not on PATH, as in some minimal containers.
                return Array.Empty<string>();
            }

            // Lines read "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".
            return output.Split('\n')
                .Where(line => line.TrimStart().StartsWith(LibTorchSharpPatcher.VersionFile + " ", StringComparison.Ordinal))
                .Select(line => line.Substring(line.IndexOf("=>", StringComparison.Ordinal) + 2).Trim())
                .ToList();
        }

        private static bool IsElfFor(string path, ushort machine)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            try
            {
                return ElfImage.Load(path).Machine == machine;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }
    }

    /// <summary>Version requirement read from one <c>Vernaux</c> entry of <c>.gnu.version_r</c>.</summary>
    internal sealed class VersionNeed
    {
        public VersionNeed(string file, string name, ushort index, ushort flags, long flagsOffset)
        {
            File = file;
            Name = name;
            Index = index;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>Library that must define the version, from <c>vn_file</c>.</summary>
        public string File { get; }

        /// <summary>Version name, from <c>vna_name</c>.</summary>
        public string Name { get; }

        /// <summary>Version index that <c>.gnu.version</c> entries use to refer to this requirement (<c>vna_other</c>).</summary>
        public ushort Index { get; }

        /// <summary>Value of <c>vna_flags</c>.</summary>
        public ushort Flags { get; }

        /// <summary>File offset of <c>vna_flags</c>.</summary>
        public long FlagsOffset { get; }
    }

    /// <summary>
    /// Reader for the parts of a little-endian ELF64 file that symbol versioning uses: the section header table,
    /// <c>.dynsym</c>, <c>.gnu.version</c>, <c>.gnu.version_r</c> and <c>.gnu.version_d</c>.
    /// </summary>
    /// <remarks>Field offsets and sizes follow the System V gABI and the LSB symbol versioning specification.</remarks>
    internal sealed class ElfImage
    {
        public const ushort VersionFlagWeak = 0x2;

        private const uint SectionTypeDynamicSymbols = 11;
        private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
        private const uint SectionTypeVersionNeeds = 0x6ffffffe;
        private const uint SectionTypeVersionSymbols = 0x6fffffff;
        private const int HeaderSize = 64;
        private const int SectionHeaderSize = 64;
        private const int SymbolSize = 24;
        private const int AuxiliaryVersionSize = 16;

        private readonly byte[] _image;
        private readonly List<Section> _sections;

        public ElfImage(byte[] image)
        {
            _image = image;
            CheckIdentification();
            Machine = ReadUInt16(18);
            _sections = ReadSections();
        }

        /// <summary>Target architecture (<c>e_machine</c>), for example 62 for x86-64.</summary>
        public ushort Machine { get; }

        public static ElfImage Load(string path)
        {
            try
            {
                return new ElfImage(System.IO.File.ReadAllBytes(path));
            }
            catch (InvalidDataException exception)
            {
                throw new InvalidDataException($"{path}: {exception.Message}", exception);
            }
        }

        /// <summary>Reads every <c>Vernaux</c> entry of every <c>Verneed</c> entry.</summary>
        public List<VersionNeed> ReadVersionNeeds()
        {
            var needs = new List<VersionNeed>();
            Section? section = FindSection(SectionTypeVersionNeeds);
            if (section == null)
            {
                return needs;
            }

            Section strings = SectionAt(section.Link);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                string file = ReadString(strings, ReadUInt32(entry + 4));
                ushort count = ReadUInt16(entry + 2);
                long auxiliary = entry + ReadUInt32(entry + 8);
                for (int j = 0; j < count; j++)
                {
                    CheckRange(auxiliary, AuxiliaryVersionSize, section);
                    string name = ReadString(strings, ReadUInt32(auxiliary + 8));
                    needs.Add(new VersionNeed(file, name, ReadUInt16(auxiliary + 6), ReadUInt16(auxiliary + 4), auxiliary + 4));
                    auxiliary += ReadUInt32(auxiliary + 12);
                }

                entry += ReadUInt32(entry + 12);
            }

            return needs;
        }

        /// <summary>Reads the names of every <c>Verdef</c> entry, including the file's own base version.</summary>
        public HashSet<string> ReadVersionDefinitions()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Section? section = FindSection(SectionTypeVersionDefinitions);
            if (section == null)
            {
                return names;
            }

            Section strings = SectionAt(section.Link);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                // The first Verdaux entry names the version, and later ones name its parents.
                long auxiliary = entry + ReadUInt32(entry + 12);
                CheckRange(auxiliary, 8, section);
                names.Add(ReadString(strings, ReadUInt32(auxiliary)));
                entry += ReadUInt32(entry + 16);
            }

            return names;
        }

        /// <summary>Reads the names of the dynamic symbols whose <c>.gnu.version</c> entry is <paramref name="index"/>.</summary>
        public List<string> ReadDynamicSymbolsWithVersion(ushort index)
        {
            Section? symbols = FindSection(SectionTypeDynamicSymbols);
            Section? versions = FindSection(SectionTypeVersionSymbols);
            if (symbols == null || versions == null)
            {
                throw new InvalidDataException("the file has version requirements but no .dynsym or .gnu.version section.");
            }

            Section strings = SectionAt(symbols.Link);
            long count = symbols.Size / SymbolSize;
            CheckRange(versions.Offset, count * 2, versions);
            var names = new List<string>();
            for (long i = 0; i < count; i++)
            {
                // Bit 15 marks a hidden symbol, and the low 15 bits are the version index.
                if ((ReadUInt16(versions.Offset + (i * 2)) & 0x7fff) == index)
                {
                    names.Add(ReadString(strings, ReadUInt32(symbols.Offset + (i * SymbolSize))));
                }
            }

            return names;
        }

        private void CheckIdentification()
        {
            if (_image.Length < HeaderSize
                || _image[0] != 0x7f || _image[1] != (byte)'E' || _image[2] != (byte)'L' || _image[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file (the first four bytes are not 0x7F 'E' 'L' 'F').");
            }

            if (_image[4] != 2 || _image[5] != 1)
            {
                throw new InvalidDataException(
                    $"not a little-endian ELF64 file (EI_CLASS is {_image[4]}, EI_DATA is {_image[5]}; expected 2 and 1).");
            }
        }

        private List<Section> ReadSections()
        {
            long tableOffset = (long)ReadUInt64(0x28);
            ushort entrySize = ReadUInt16(0x3a);
            ushort count = ReadUInt16(0x3c);
            if (count == 0)
            {
                throw new InvalidDataException("the file has no section header table.");
            }

            if (entrySize != SectionHeaderSize || tableOffset < 0 || tableOffset + ((long)count * entrySize) > _image.Length)
            {
                throw new InvalidDataException(
                    $"the section header table ({count} entries of {entrySize} bytes at offset {tableOffset}) "
                    + $"does not fit in the {_image.Length}-byte file.");
            }

            var sections = new List<Section>(count);
            for (int i = 0; i < count; i++)
            {
                long header = tableOffset + ((long)i * entrySize);
                var section = new Section(
                    type: ReadUInt32(header + 4),
                    offset: (long)ReadUInt64(header + 24),
                    size: (long)ReadUInt64(header + 32),
                    link: ReadUInt32(header + 40),
                    info: ReadUInt32(header + 44));
                // Type 8 (SHT_NOBITS, for example .bss) occupies no bytes in the file.
                if (section.Type != 8 && (section.Offset < 0 || section.Size < 0 || section.Offset + section.Size > _image.Length))
                {
                    throw new InvalidDataException($"section {i} extends past the end of the {_image.Length}-byte file.");
                }

                sections.Add(section);
            }

            return sections;
        }

        private Section? FindSection(uint type)
        {
            return _sections.FirstOrDefault(section => section.Type == type);
        }

        private Section SectionAt(uint index)
        {
            if (index >= _sections.Count)
            {
                throw new InvalidDataException($"section index {index} is out of range (the file has {_sections.Count} sections).");
            }

            return _sections[(int)index];
        }

        private string ReadString(Section table, uint offset)
        {
            long start = table.Offset + offset;
            long end = start;
            long limit = table.Offset + table.Size;
            while (end < limit && _image[end] != 0)
            {
                end++;
            }

            if (offset >= table.Size || end == limit)
            {
                throw new InvalidDataException($"string at offset {offset} is not terminated inside its string table.");
            }

            return Encoding.UTF8.GetString(_image, (int)start, (int)(end - start));
        }

        private static void CheckRange(long offset, long length, Section section)
        {
            if (offset < section.Offset || offset + length > section.Offset + section.Size)
            {
                throw new InvalidDataException(
                    $"an entry at offset {offset} extends past its section (offset {section.Offset}, size {section.Size}).");
            }
        }

        private ushort ReadUInt16(long offset)
        {
            CheckFileRange(offset, 2);

            return (ushort)(_image[offset] | (_image[offset + 1] << 8));
        }

        private uint ReadUInt32(long offset)
        {
            CheckFileRange(offset, 4);

            return (uint)(_image[offset] | (_image[offset + 1] << 8) | (_image[offset + 2] << 16) | (_image[offset + 3] << 24));
        }

        private ulong ReadUInt64(long offset)
        {
            return ReadUInt32(offset) | ((ulong)ReadUInt32(offset + 4) << 32);
        }

        private void CheckFileRange(long offset, int length)
        {
            if (offset < 0 || offset + length > _image.Length)
            {
                throw new InvalidDataException($"a read of {length} bytes at offset {offset} is past the end of the {_image.Length}-byte file.");
            }
        }

        private sealed class Section
        {
            public Section(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public long Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }
}
