using BenchmarkDotNet.Running;

namespace HyperGen.Benchmarks;

/// <summary>Runs the benchmarks selected on the command line, for example <c>--filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Passes the command line to BenchmarkDotNet's switcher.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
