using System;
using System.IO;
using System.Linq;
using TorchSharp;

namespace HyperGen.TorchSharp;

/// <summary>
/// Prepares the process for TorchSharp: sets the native environment that libtorch's OpenMP runtime reads, loads
/// TorchSharp's native libraries and sets libtorch's thread count.
/// </summary>
/// <remarks>
/// Call <see cref="Initialize"/> once, before any other TorchSharp call, because libgomp reads
/// <c>OMP_WAIT_POLICY</c> only when it loads. Spinning OpenMP threads compete with every other busy process: on a
/// two-core Debian 12 machine with one core busy, a 64-256-10 MLP (batch 32) trained about 4 times slower with two
/// spinning intra-op threads than with one thread.
/// </remarks>
public static class TorchRuntime
{
    private const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Applies <paramref name="options"/> and loads TorchSharp's native libraries. Only the first successful call in
    /// a process does anything, so later calls return at once and ignore their options.
    /// </summary>
    /// <param name="options">Settings to apply, or null for the defaults of <see cref="TorchRuntimeOptions"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TorchRuntimeOptions.IntraOpThreads"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">
    /// TorchSharp was loaded before this call, <c>OMP_WAIT_POLICY</c> is unset and more than one intra-op thread is
    /// requested, so OpenMP threads would spin. Detected on Linux only. With one thread, a late call only skips the
    /// wait policy.
    /// </exception>
    /// <exception cref="TorchSharpLoadException">TorchSharp's native libraries failed to load.</exception>
    public static void Initialize(TorchRuntimeOptions? options = null)
    {
        options ??= new TorchRuntimeOptions();
        if (options.IntraOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.IntraOpThreads,
                "IntraOpThreads must be at least 1, or null to keep libtorch's default.");
        }

        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            SetWaitPolicy(options);
            LoadTorchSharp();
            if (options.IntraOpThreads is int threads)
            {
                torch.set_num_threads(threads);
            }

            _initialized = true;
        }
    }

    private static void SetWaitPolicy(TorchRuntimeOptions options)
    {
        string? value = options.OmpWaitPolicy;
        if (value is null || !NativeEnvironment.IsSupported || NativeEnvironment.Get(WaitPolicyVariable) is not null)
        {
            return;
        }

        if (!IsTorchSharpLoaded())
        {
            NativeEnvironment.Set(WaitPolicyVariable, value);

            return;
        }

        // libgomp has already read the variable. With one intra-op thread there are no OpenMP workers to spin.
        if (options.IntraOpThreads != 1)
        {
            throw new InvalidOperationException(
                $"TorchSharp was loaded before TorchRuntime.Initialize, so {WaitPolicyVariable}={value} can no longer "
                + "take effect: libgomp reads it only when it loads. Call TorchRuntime.Initialize before any other "
                + $"TorchSharp call, set {WaitPolicyVariable} in the environment that starts the process, "
                + $"or set {nameof(TorchRuntimeOptions.IntraOpThreads)} to 1.");
        }
    }

    private static void LoadTorchSharp()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception exception) when (exception is TypeInitializationException
            or DllNotFoundException
            or EntryPointNotFoundException
            or BadImageFormatException
            or NotSupportedException)
        {
            throw TorchSharpLoadFailure.Diagnose(exception);
        }
    }

    private static bool IsTorchSharpLoaded()
    {
        // NOTE: Only Linux exposes the mapped libraries in /proc/self/maps, so on macOS a late call goes undetected.
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            return false;
        }

        return File.ReadLines(maps).Any(line => line.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal));
    }
}
