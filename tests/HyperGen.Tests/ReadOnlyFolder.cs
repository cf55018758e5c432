using System.Diagnostics;
using Xunit;

namespace HyperGen.Tests;

/// <summary>
/// A folder made read-only for this process: mode 0555, or, when the process ignores modes (root does), the
/// immutable attribute set with <c>chattr +i</c>, which stops root too. Disposing makes it writable again.
/// </summary>
internal sealed class ReadOnlyFolder : IDisposable
{
    private const UnixFileMode ReadAndExecute = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
        | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _path;
    private readonly bool _immutable;

    private ReadOnlyFolder(string path, bool immutable)
    {
        _path = path;
        _immutable = immutable;
    }

    /// <summary>Why no folder can be made read-only here, or null when one can.</summary>
    public static string? UnavailableReason { get; } = Probe();

    /// <summary>Makes <paramref name="path"/> read-only.</summary>
    /// <exception cref="InvalidOperationException">Neither the mode nor the immutable attribute stops writes.</exception>
    public static ReadOnlyFolder Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException("Unix file modes do not exist on Windows.");
        }

        File.SetUnixFileMode(path, ReadAndExecute);
        if (!CanCreateFileIn(path))
        {
            return new ReadOnlyFolder(path, immutable: false);
        }

        if (Chattr("+i", path) && !CanCreateFileIn(path))
        {
            return new ReadOnlyFolder(path, immutable: true);
        }

        Chattr("-i", path);
        File.SetUnixFileMode(path, ReadAndExecute | UnixFileMode.UserWrite);
        throw new InvalidOperationException($"Neither mode 0555 nor chattr +i stops this process from writing to '{path}'.");
    }

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr("-i", _path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, ReadAndExecute | UnixFileMode.UserWrite);
        }
    }

    private static string? Probe()
    {
        string path = Directory.CreateTempSubdirectory("hypergen-read-only-").FullName;
        try
        {
            using (Create(path))
            {
            }

            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    private static bool CanCreateFileIn(string path)
    {
        string probe = Path.Combine(path, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs chattr and returns false when it is missing or the file system does not support the attribute.</summary>
    private static bool Chattr(string change, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [change, path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that is skipped, with the reason, where no folder can be made read-only.</summary>
internal sealed class ReadOnlyFolderFactAttribute : FactAttribute
{
    public ReadOnlyFolderFactAttribute()
    {
        Skip = ReadOnlyFolder.UnavailableReason!;
    }
}
