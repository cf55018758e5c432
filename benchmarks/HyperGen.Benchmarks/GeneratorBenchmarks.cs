extern alias generators;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using HyperModelGenerator = generators::HyperGen.Generators.HyperModelGenerator;

namespace HyperGen.Benchmarks;

/// <summary>
/// Times the generator over <see cref="HyperModelCorpus.ModelCount"/> hypermodels: a new driver over a compilation
/// that has never been bound (cold), and the same driver rerun after one line of one file changed (incremental).
/// Two baselines run the same cases: <see cref="AttributeLookupGenerator"/>, the cost of finding the attributed
/// properties through <c>ForAttributeWithMetadataName</c> alone, and <see cref="OutputPerFileGenerator"/>, the cost
/// of one cached output per file. The first hundred or so runs of a process execute Roslyn's code before the JIT has
/// optimized it and take about ten times as long, so 200 warm-up runs precede the measured ones: the figures are an
/// IDE's steady state, where the generator runs on every edit of a long session.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 200, iterationCount: 60)]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _baseCompilation = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _driver = null!;
    private int _version;

    /// <summary>The generator under test.</summary>
    [Params(GeneratorKind.HyperModel, GeneratorKind.AttributeLookupOnly, GeneratorKind.OutputPerFileOnly)]
    public GeneratorKind Generator { get; set; }

    /// <summary>Builds the corpus once.</summary>
    [GlobalSetup]
    public void CreateCorpus() => _baseCompilation = HyperModelCorpus.CreateCompilation();

    /// <summary>Gives the cold run a copy of the compilation without cached symbols or bound trees.</summary>
    [IterationSetup(Target = nameof(Cold))]
    public void PrepareCold() => _compilation = _baseCompilation.Clone();

    /// <summary>Runs a new driver over the whole compilation.</summary>
    [Benchmark]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(_compilation);

    /// <summary>Runs the driver once, so that the edit benchmarks start from a warm driver.</summary>
    [GlobalSetup(Targets = [nameof(EditAttributeArgument), nameof(EditMethodBody)])]
    public void WarmDriver()
    {
        CreateCorpus();
        _compilation = _baseCompilation;
        _driver = CreateDriver().RunGenerators(_compilation);
    }

    /// <summary>Changes the maximum of one model's integer range, so that model's output changes.</summary>
    [IterationSetup(Target = nameof(EditAttributeArgument))]
    public void PrepareAttributeEdit() =>
        _compilation = HyperModelCorpus.ReplaceEditedTree(_compilation, editAttribute: true, _version++);

    /// <summary>Changes a constant in one model's file, which leaves every model unchanged.</summary>
    [IterationSetup(Target = nameof(EditMethodBody))]
    public void PrepareBodyEdit() =>
        _compilation = HyperModelCorpus.ReplaceEditedTree(_compilation, editAttribute: false, _version++);

    /// <summary>Reruns the warm driver after an attribute argument changed.</summary>
    [Benchmark]
    public GeneratorDriver EditAttributeArgument() => _driver = _driver.RunGenerators(_compilation);

    /// <summary>Reruns the warm driver after a line outside the attributes changed.</summary>
    [Benchmark]
    public GeneratorDriver EditMethodBody() => _driver = _driver.RunGenerators(_compilation);

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [Generator switch
            {
                GeneratorKind.HyperModel => new HyperModelGenerator().AsSourceGenerator(),
                GeneratorKind.AttributeLookupOnly => new AttributeLookupGenerator().AsSourceGenerator(),
                _ => new OutputPerFileGenerator().AsSourceGenerator(),
            }],
            parseOptions: HyperModelCorpus.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}

/// <summary>The generators that <see cref="GeneratorBenchmarks"/> compares.</summary>
public enum GeneratorKind
{
    /// <summary>The HyperGen generator.</summary>
    HyperModel,

    /// <summary>The <see cref="AttributeLookupGenerator"/> baseline.</summary>
    AttributeLookupOnly,

    /// <summary>The <see cref="OutputPerFileGenerator"/> baseline.</summary>
    OutputPerFileOnly,
}
