using System;
using System.Runtime.InteropServices;

namespace HyperGen.TorchSharp.Tests;

/// <summary>C library calls the tests use to check native state independently of the code under test.</summary>
internal static partial class Libc
{
    /// <summary>Returns the native value of <paramref name="name"/>, or null when it is unset.</summary>
    public static string? GetEnvironmentVariable(string name)
    {
        return Marshal.PtrToStringUTF8(GetEnv(name));
    }

    /// <summary>Creates <paramref name="newPath"/> as a hard link to <paramref name="existingPath"/>.</summary>
    public static void CreateHardLink(string existingPath, string newPath)
    {
        if (Link(existingPath, newPath) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"link(\"{existingPath}\", \"{newPath}\") failed with errno {error}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existingPath, string newPath);
}
