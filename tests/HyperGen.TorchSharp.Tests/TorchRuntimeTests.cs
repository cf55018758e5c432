using System;
using System.IO;
using System.Linq;
using HyperGen.TorchSharp.Build;
using TorchSharp;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class TorchRuntimeTests
{
    private const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    [Fact]
    public void OutputCopy_IsPatchedOnlyWhenNeeded()
    {
        PatchOutcome expected = TestFiles.SystemLacksRequiredVersion()
            ? PatchOutcome.AlreadyPatched
            : PatchOutcome.Patchable;
        string[] copies = TestFiles.OutputLibTorchSharpCopies();

        Assert.NotEmpty(copies);
        foreach (string copy in copies)
        {
            Assert.Equal(expected, LibTorchSharpPatcher.Inspect(File.ReadAllBytes(copy)).Outcome);
        }
    }

    [Fact]
    public void OutputCopy_LeavesNuGetCacheUnpatched()
    {
        PatchResult result = LibTorchSharpPatcher.Inspect(File.ReadAllBytes(TestFiles.PackagedLibTorchSharp));

        Assert.Equal(PatchOutcome.Patchable, result.Outcome);
    }

    [Fact]
    public void Initialize_LoadsTorchSharp()
    {
        TorchRuntime.Initialize();

        using torch.Tensor left = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using torch.Tensor right = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using torch.Tensor product = left.matmul(right);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Initialize_SetsNativeWaitPolicy()
    {
        string? initial = ReadInitialEnvironmentVariable(WaitPolicyVariable);

        TorchRuntime.Initialize();

        Assert.Equal(initial ?? "PASSIVE", Libc.GetEnvironmentVariable(WaitPolicyVariable));
    }

    [Fact]
    public void Initialize_SetsOneIntraOpThread()
    {
        TorchRuntime.Initialize();

        Assert.Equal(1, torch.get_num_threads());
    }

    [Fact]
    public void Initialize_RejectsZeroThreads()
    {
        var options = new TorchRuntimeOptions { IntraOpThreads = 0 };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Initialize(options));

        Assert.Contains("IntraOpThreads", exception.Message);
    }

    // /proc/self/environ keeps the environment the process started with, before any setenv call.
    private static string? ReadInitialEnvironmentVariable(string name)
    {
        string prefix = name + "=";

        return File.ReadAllText("/proc/self/environ")
            .Split('\0')
            .Where(entry => entry.StartsWith(prefix, StringComparison.Ordinal))
            .Select(entry => entry[prefix.Length..])
            .FirstOrDefault();
    }
}
