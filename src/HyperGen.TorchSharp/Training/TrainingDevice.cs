namespace HyperGen.TorchSharp;

/// <summary>Where a <see cref="TorchHyperModel"/> trains.</summary>
public enum TrainingDevice
{
    /// <summary>CUDA when <c>torch.cuda.is_available()</c> returns true, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU, even when a GPU is available.</summary>
    Cpu,

    /// <summary>The first CUDA device; training fails when CUDA is not available.</summary>
    Cuda,
}
