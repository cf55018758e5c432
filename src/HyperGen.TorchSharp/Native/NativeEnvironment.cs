using System;
using System.Runtime.InteropServices;

namespace HyperGen.TorchSharp;

/// <summary>
/// Reads and writes the C library's environment, which native libraries such as libgomp read. On Linux,
/// <see cref="Environment.SetEnvironmentVariable(string, string?)"/> changes only a copy that .NET keeps.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Whether the process environment is the C library's <c>environ</c> (Linux and macOS).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Returns the value of <paramref name="name"/> in the native environment, or null when it is unset.</summary>
    public static string? Get(string name)
    {
        ThrowIfUnsupported();

        return Marshal.PtrToStringUTF8(GetEnv(name));
    }

    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> in the native environment and in .NET's copy, so that
    /// native libraries loaded later and child processes started by <see cref="System.Diagnostics.Process"/> see it.
    /// </summary>
    /// <exception cref="InvalidOperationException">setenv failed.</exception>
    public static void Set(string name, string value)
    {
        ThrowIfUnsupported();
        if (SetEnv(name, value, overwrite: 1) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException(
                $"setenv(\"{name}\", \"{value}\") failed with errno {error}: {Marshal.GetPInvokeErrorMessage(error)}.");
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    private static void ThrowIfUnsupported()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The native environment is only reachable through libc on Linux and macOS.");
        }
    }

    // The .NET native library loader maps the name "libc" to libc.so.6 on Linux, where "libc.so" is a linker script
    // that dlopen rejects, and to the system C library on macOS.
    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
