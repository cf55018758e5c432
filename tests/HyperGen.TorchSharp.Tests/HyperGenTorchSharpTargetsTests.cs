using System;
using System.IO;
using System.Linq;
using HyperGen.TorchSharp.Build;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

/// <summary>Builds and runs a scratch console project that imports HyperGen.TorchSharp.targets.</summary>
[Trait("Category", "Build")]
public sealed class HyperGenTorchSharpTargetsTests : IDisposable
{
    private const string PatchMessage = "marked the GLIBCXX_3.4.32 requirement";
    private const int LoadFailureExitCode = 3;

    private const string ProgramSource = """
        using System;
        using HyperGen.TorchSharp;
        using TorchSharp;

        try
        {
            TorchRuntime.Initialize();
            using torch.Tensor product = torch.ones(2, 2).matmul(torch.ones(2, 2));
            Console.WriteLine($"sum={product.sum().item<float>()}");

            return 0;
        }
        catch (TorchSharpLoadException exception)
        {
            Console.WriteLine(exception.Message);

            return 3;
        }
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly bool _systemLacksVersion = TestFiles.SystemLacksRequiredVersion();

    public void Dispose()
    {
        _directory.Dispose();
    }

    [Fact]
    public void Build_PatchesOutputOnceAndRuns()
    {
        (int exitCode, string output) = Build();
        Assert.True(exitCode == 0, output);
        Assert.Equal(_systemLacksVersion, output.Contains(PatchMessage, StringComparison.Ordinal));

        (int rebuildExitCode, string rebuildOutput) = Build();
        Assert.True(rebuildExitCode == 0, rebuildOutput);
        Assert.DoesNotContain(PatchMessage, rebuildOutput);
        Assert.All(OutputCopies(), copy => Assert.Equal(ExpectedOutcome(), Inspect(copy)));

        (int runExitCode, string runOutput) = Run();
        Assert.True(runExitCode == 0, runOutput);
        Assert.Contains("sum=8", runOutput);
    }

    [Fact]
    public void Build_WithPatchDisabled_LeavesOutputUnpatched()
    {
        (int exitCode, string output) = Build("-p:HyperGenPatchLibTorchSharp=false");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(PatchMessage, output);
        Assert.All(OutputCopies(), copy => Assert.Equal(PatchOutcome.Patchable, Inspect(copy)));

        (int runExitCode, string runOutput) = Run();
        if (_systemLacksVersion)
        {
            Assert.Equal(LoadFailureExitCode, runExitCode);
            Assert.Contains(LibTorchSharpPatcher.RequiredVersion, runOutput);
            Assert.Contains("HyperGenPatchLibTorchSharp", runOutput);
        }
        else
        {
            Assert.True(runExitCode == 0, runOutput);
        }
    }

    private PatchOutcome ExpectedOutcome()
    {
        return _systemLacksVersion ? PatchOutcome.AlreadyPatched : PatchOutcome.Patchable;
    }

    private (int ExitCode, string Output) Build(params string[] properties)
    {
        WriteProject();

        return DotnetCli.Run(
            _directory.Path,
            ["build", "Scratch.csproj", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. properties]);
    }

    private (int ExitCode, string Output) Run()
    {
        return DotnetCli.Run(_directory.Path, Path.Combine(OutputDirectory(), "Scratch.dll"));
    }

    private void WriteProject()
    {
        string targets = Path.Combine(TestFiles.TargetsDirectory, "HyperGen.TorchSharp.targets");
        string library = Path.Combine(AppContext.BaseDirectory, "HyperGen.TorchSharp.dll");
        string project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TorchSharp-cpu" Version="{TestFiles.TorchSharpVersion}" />
                <Reference Include="{library}" />
              </ItemGroup>
              <Import Project="{targets}" />
            </Project>
            """;
        File.WriteAllText(Path.Combine(_directory.Path, "Scratch.csproj"), project);
        File.WriteAllText(Path.Combine(_directory.Path, "Program.cs"), ProgramSource);
    }

    private string OutputDirectory()
    {
        return Path.Combine(_directory.Path, "bin", "Debug", "net10.0");
    }

    private string[] OutputCopies()
    {
        string[] copies = Directory.GetFiles(OutputDirectory(), LibTorchSharpPatcher.FileName, SearchOption.AllDirectories);
        Assert.NotEmpty(copies);

        return copies;
    }

    private static PatchOutcome Inspect(string path)
    {
        return LibTorchSharpPatcher.Inspect(File.ReadAllBytes(path)).Outcome;
    }
}
