namespace HyperGen.TorchSharp;

/// <summary>Process-wide settings that <see cref="TorchRuntime.Initialize"/> applies before libtorch loads.</summary>
public sealed class TorchRuntimeOptions
{
    /// <summary>
    /// Value for the native <c>OMP_WAIT_POLICY</c> variable, which libgomp (libtorch's OpenMP runtime) reads once
    /// when it loads. The default, <c>PASSIVE</c>, makes idle OpenMP threads sleep instead of spinning. Null leaves
    /// the variable alone. A value already set in the native environment is never overwritten.
    /// </summary>
    public string? OmpWaitPolicy { get; init; } = "PASSIVE";

    /// <summary>
    /// Number of threads libtorch uses inside one operator (<c>torch.set_num_threads</c>). The default is 1: for a
    /// 64-256-10 MLP with batch 32 on two cores, one thread trained as fast as or faster than two in every measured
    /// load, and it leaves the other cores to parallel trials. Raise it for large models. Null keeps libtorch's
    /// default of one thread per physical core.
    /// </summary>
    public int? IntraOpThreads { get; init; } = 1;
}
