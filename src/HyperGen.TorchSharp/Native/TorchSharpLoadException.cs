using System;

namespace HyperGen.TorchSharp;

/// <summary>
/// Exception that <see cref="TorchRuntime.Initialize"/> throws when TorchSharp's native libraries fail to load.
/// The message names the missing library or symbol version and the fix. The inner exception is TorchSharp's own.
/// </summary>
public sealed class TorchSharpLoadException : Exception
{
    /// <summary>Creates an exception with a message and the exception TorchSharp threw.</summary>
    public TorchSharpLoadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public TorchSharpLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the default message.</summary>
    public TorchSharpLoadException()
        : base("TorchSharp's native libraries failed to load.")
    {
    }

    /// <summary>
    /// Symbol version that the dynamic loader did not find, such as <c>GLIBCXX_3.4.32</c>, or null when the failure
    /// had another cause.
    /// </summary>
    public string? MissingSymbolVersion { get; init; }

    /// <summary>File name of a shared library that the dynamic loader did not find, or null.</summary>
    public string? MissingLibrary { get; init; }
}
