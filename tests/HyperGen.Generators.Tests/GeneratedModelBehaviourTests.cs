using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Emits the generated code into an assembly, loads it into a collectible context, and checks the declared search
/// space and the property and record values through the runtime API.
/// </summary>
public sealed class GeneratedModelBehaviourTests
{
    [Fact]
    public void DeclareHyperParameters_DeclaresRangesInOrder()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["IntRange"], TestSources.Cases["FloatRange"]);
        var space = Declare(loaded.Create("Samples.IntModel"));

        Assert.Equal(["layers", "hidden_units", "batch_size", "offset"], space.Space.Select(p => p.Name));
        var units = Assert.IsType<IntHyperParameter>(space.Find("hidden_units"));
        Assert.Equal((32, 512, 32, 64), (units.Min, units.Max, units.Step, units.Default));
        var batch = Assert.IsType<IntHyperParameter>(space.Find("batch_size"));
        Assert.Equal(Sampling.Log, batch.Sampling);
        var rate = Assert.IsType<FloatHyperParameter>(Declare(loaded.Create("Samples.FloatModel")).Find("lr"));
        Assert.Equal((1e-5, 0.1, Sampling.Log, 1e-3), (rate.Min, rate.Max, rate.Sampling, rate.Default));
        Assert.Null(rate.Step);
    }

    [Fact]
    public void DeclareHyperParameters_DeclaresChoicesAndFixedValues()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["Choice"], TestSources.Cases["BooleanAndFixed"]);
        var choices = Declare(loaded.Create("Samples.ChoiceModel"));
        var switches = Declare(loaded.Create("Samples.SwitchModel"));

        var optimizer = Assert.IsType<ChoiceHyperParameter>(choices.Find("opt"));
        Assert.Equal(["adam", "sgd"], optimizer.Values);
        Assert.Equal("sgd", optimizer.Default);
        var scale = Assert.IsType<ChoiceHyperParameter>(choices.Find("scale"));
        Assert.Equal([0.5, 1.0, 2.25], scale.Values);
        Assert.All(scale.Values, value => Assert.IsType<double>(value));
        Assert.True(Assert.IsType<BooleanHyperParameter>(switches.Find("batch_norm")).Default);
        Assert.Equal(3.0, Assert.IsType<FixedHyperParameter>(switches.Find("gamma")).Value);
        Assert.Equal(10, Assert.IsType<FixedHyperParameter>(switches.Find("classes")).Value);
    }

    [Fact]
    public void Conditions_UseParentValueType()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["ActiveWhen"]);
        var space = Declare(loaded.Create("Samples.ConditionalModel"));

        var condition = Assert.Single(space.Find("variant")!.Conditions);
        Assert.Equal("scale", condition.ParentName);
        Assert.IsType<double>(Assert.Single(condition.ParentValues));
        Assert.Equal([2, 3], Assert.Single(space.Find("second_layer_units")!.Conditions).ParentValues);
        Assert.Equal("opt", Assert.Single(space.Find("momentum")!.Conditions).ParentName);
    }

    [Fact]
    public void DeclareHyperParameters_DeclaresBaseClassFirst()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["DerivedHyperModel"]);
        var space = Declare(loaded.Create("Samples.DerivedModel"));

        Assert.Equal(["optimizer", "momentum", "layers", "amsgrad"], space.Space.Select(p => p.Name));
        Assert.Equal("optimizer", Assert.Single(space.Find("amsgrad")!.Conditions).ParentName);
    }

    [Fact]
    public void Properties_ReadCurrentTrialValues()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["ActiveWhen"]);
        var model = loaded.Create("Samples.ConditionalModel");
        var space = Declare(model);

        using (HyperParameters.Use(space))
        {
            Assert.Equal(false, Read(model, "UseDropout"));
            Assert.Equal("adam", Read(model, "Optimizer"));
            Assert.Equal(1, Read(model, "Layers"));
        }

        var outside = Assert.Throws<TargetInvocationException>(() => Read(model, "Layers"));
        Assert.IsType<InvalidOperationException>(outside.InnerException);
        Assert.Contains("'Layers'", outside.InnerException!.Message);
    }

    [Fact]
    public void ValuesRecord_ReadsActiveValuesAndNullsInactive()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["ActiveWhen"]);
        var model = loaded.Create("Samples.ConditionalModel");
        var space = Declare(model);
        var values = model.GetType().GetNestedType("Values")!;

        object record = values.GetMethod("FromHyperParameters")!.Invoke(null, [space])!;

        Assert.Equal(false, values.GetProperty("UseDropout")!.GetValue(record));
        Assert.Null(values.GetProperty("DropoutRate")!.GetValue(record));
        Assert.Null(values.GetProperty("Momentum")!.GetValue(record));
        Assert.Equal("adam", values.GetProperty("Optimizer")!.GetValue(record));
        Assert.Equal(typeof(double?), values.GetProperty("Momentum")!.PropertyType);
    }

    [Fact]
    public void ValuesRecord_OfDerivedModel_HidesBaseRecord()
    {
        using var loaded = LoadedModels.Load(TestSources.Cases["DerivedHyperModel"]);
        var derived = loaded.Create("Samples.DerivedModel").GetType().GetNestedType("Values")!;

        var parameters = derived.GetConstructors().Single().GetParameters().Select(p => p.Name);

        Assert.Equal(["Optimizer", "Momentum", "Layers", "UseAmsGrad"], parameters);
    }

    private static HyperParameters Declare(HyperModel<object> model)
    {
        var space = new HyperParameters();
        model.DeclareHyperParameters(space);
        return space;
    }

    private static object? Read(object model, string property) =>
        model.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.GetValue(model);

    /// <summary>An assembly compiled from test sources plus generated code, in a collectible load context.</summary>
    private sealed class LoadedModels : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Assembly _assembly;

        private LoadedModels(AssemblyLoadContext context, Assembly assembly)
        {
            _context = context;
            _assembly = assembly;
        }

        public static LoadedModels Load(params string[] sources)
        {
            var output = GeneratorHarness.Run(sources);
            using var image = new MemoryStream();
            var result = output.Compilation.Emit(image);
            Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
            image.Position = 0;

            // HyperGen itself resolves from the default context, so the test and the models share its types.
            var context = new AssemblyLoadContext("GeneratedModels", isCollectible: true);
            return new LoadedModels(context, context.LoadFromStream(image));
        }

        public HyperModel<object> Create(string typeName) =>
            (HyperModel<object>)Activator.CreateInstance(_assembly.GetType(typeName, throwOnError: true)!)!;

        public void Dispose() => _context.Unload();
    }
}
