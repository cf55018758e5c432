using System;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class TorchSharpLoadFailureTests
{
    private static readonly Exception Failure = new TypeInitializationException("TorchSharp.torch", new NotSupportedException());

    [Fact]
    public void Diagnose_NamesMissingVersionAndFix()
    {
        const string loaderError = "/work/app/runtimes/linux-x64/native/libLibTorchSharp.so: "
            + "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found "
            + "(required by /work/app/runtimes/linux-x64/native/libLibTorchSharp.so)";

        TorchSharpLoadException exception = TorchSharpLoadFailure.Diagnose(Failure, loaderError);

        Assert.Equal("GLIBCXX_3.4.32", exception.MissingSymbolVersion);
        Assert.Contains("/lib/x86_64-linux-gnu/libstdc++.so.6 does not define", exception.Message);
        Assert.Contains("HyperGenPatchLibTorchSharp", exception.Message);
        Assert.Contains("GCC 13", exception.Message);
        Assert.Same(Failure, exception.InnerException);
    }

    [Fact]
    public void Diagnose_OtherVersionOmitsPatchAdvice()
    {
        const string loaderError = "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.99' not found "
            + "(required by /work/app/libtorch_cpu.so)";

        TorchSharpLoadException exception = TorchSharpLoadFailure.Diagnose(Failure, loaderError);

        Assert.Equal("GLIBC_2.99", exception.MissingSymbolVersion);
        Assert.DoesNotContain("HyperGenPatchLibTorchSharp", exception.Message);
    }

    [Fact]
    public void Diagnose_NamesMissingLibrary()
    {
        const string loaderError = "libc10.so: cannot open shared object file: No such file or directory";

        TorchSharpLoadException exception = TorchSharpLoadFailure.Diagnose(Failure, loaderError);

        Assert.Equal("libc10.so", exception.MissingLibrary);
        Assert.Contains("libc10.so was not found", exception.Message);
    }

    [Fact]
    public void Diagnose_FallsBackToTorchSharpMessage()
    {
        TorchSharpLoadException exception = TorchSharpLoadFailure.Diagnose(Failure, "unrecognized loader error");

        Assert.Null(exception.MissingSymbolVersion);
        Assert.Null(exception.MissingLibrary);
        Assert.Contains("See the inner exception", exception.Message);
    }
}
