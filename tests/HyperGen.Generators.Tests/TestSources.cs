using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Generators.Tests;

/// <summary>
/// Valid hypermodel sources shared by the snapshot, compilation and behaviour tests. Each compiles without warnings
/// once the generated code is added.
/// </summary>
internal static class TestSources
{
    /// <summary>The <c>Build</c> override every test hypermodel needs.</summary>
    public const string Build = "public override object Build(HyperParameters hyperParameters) => new object();";

    /// <summary>The sources by case name; the name is also the snapshot file name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Cases = new SortedDictionary<string, string>
    {
        ["IntRange"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class IntModel : HyperModel<object>
            {
                [IntRange(1, 8)]
                public partial int Layers { get; }

                [IntRange(32, 512, Step = 32, Sampling = Sampling.Linear, Default = 64, Name = "hidden_units")]
                public partial int Units { get; }

                [IntRange(2, 256, Step = 2, Sampling = Sampling.Log)]
                public partial int BatchSize { get; }

                [IntRange(-5, 5, Default = 0)]
                internal partial int Offset { get; }

                {{Build}}
            }
            """,
        ["FloatRange"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class FloatModel : HyperModel<object>
            {
                [FloatRange(0, 1)]
                public partial double Dropout { get; }

                [FloatRange(1e-5, 1e-1, Sampling = Sampling.Log, Default = 1e-3, Name = "lr")]
                public partial double LearningRate { get; }

                [FloatRange(0.1, 0.9, Step = 0.2, Sampling = Sampling.Linear)]
                public partial double Momentum { get; }

                [FloatRange(1, 100, Step = 10, Sampling = Sampling.ReverseLog)]
                protected partial double Beta { get; }

                {{Build}}
            }
            """,
        ["Choice"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class ChoiceModel : HyperModel<object>
            {
                [Choice("relu", "tanh", "gelu")]
                public partial string Activation { get; }

                [Choice("adam", "sgd", Default = "sgd", Ordered = false, Name = "opt")]
                public partial string Optimizer { get; }

                [Choice(16, 32, 64, Ordered = true, Default = 32)]
                public partial int Filters { get; }

                [Choice(0.5, 1, 2.25)]
                public partial double Scale { get; }

                [Choice(true, false, Default = false)]
                public partial bool Shuffle { get; }

                {{Build}}
            }
            """,
        ["BooleanAndFixed"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class SwitchModel : HyperModel<object>
            {
                [Boolean]
                public partial bool UseBias { get; }

                [Boolean(Default = true, Name = "batch_norm")]
                public partial bool BatchNormalization { get; }

                [Fixed("cross_entropy")]
                public partial string Loss { get; }

                [Fixed(10, Name = "classes")]
                public partial int ClassCount { get; }

                [Fixed(3)]
                public partial double Gamma { get; }

                [Fixed(false)]
                public partial bool Verbose { get; }

                {{Build}}
            }
            """,
        ["ActiveWhen"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class ConditionalModel : HyperModel<object>
            {
                [Boolean]
                public partial bool UseDropout { get; }

                [ActiveWhen(nameof(UseDropout), true)]
                [FloatRange(0.1, 0.5)]
                public partial double DropoutRate { get; }

                [Choice("adam", "sgd", Name = "opt")]
                public partial string Optimizer { get; }

                [ActiveWhen(nameof(Optimizer), "sgd")]
                [FloatRange(0, 0.99)]
                public partial double Momentum { get; }

                [IntRange(1, 3)]
                public partial int Layers { get; }

                [ActiveWhen(nameof(Layers), 2, 3)]
                [IntRange(8, 64)]
                public partial int SecondLayerUnits { get; }

                [Choice(0.5, 1.0)]
                public partial double Scale { get; }

                [ActiveWhen(nameof(Scale), 1)]
                [Choice("a", "b")]
                public partial string Variant { get; }

                {{Build}}
            }
            """,
        ["FileScopedNamespace"] = $$"""
            using HyperGen;

            namespace Samples.Vision.Models;

            internal partial class FileScopedModel : HyperModel<object>
            {
                [IntRange(1, 4)]
                public partial int Depth { get; }

                {{Build}}
            }
            """,
        ["BlockNamespaces"] = $$"""
            using HyperGen;

            namespace Outer
            {
                namespace Inner.Deep
                {
                    public partial class BlockModel : HyperModel<object>
                    {
                        [IntRange(1, 4)]
                        public partial int Depth { get; }

                        {{Build}}
                    }
                }
            }
            """,
        ["GlobalNamespace"] = $$"""
            using HyperGen;

            public partial class GlobalModel : HyperModel<object>
            {
                [Boolean]
                public partial bool Flag { get; }

                {{Build}}
            }
            """,
        ["NestedTypes"] = $$"""
            using HyperGen;

            namespace Samples;

            public static partial class Experiments
            {
                internal partial struct Holder
                {
                    public partial record Settings
                    {
                        private sealed partial class NestedModel : HyperModel<object>
                        {
                            [IntRange(1, 4)]
                            public partial int Depth { get; }

                            {{Build}}
                        }
                    }
                }
            }
            """,
        ["DerivedHyperModel"] = $$"""
            using HyperGen;

            namespace Samples;

            public abstract partial class BaseModel : HyperModel<object>
            {
                [Choice("adam", "sgd")]
                public partial string Optimizer { get; }

                [ActiveWhen(nameof(Optimizer), "sgd")]
                [FloatRange(0, 0.9)]
                public partial double Momentum { get; }
            }

            public abstract partial class Intermediate : BaseModel
            {
            }

            public partial class DerivedModel : Intermediate
            {
                [IntRange(1, 4)]
                public partial int Layers { get; }

                [ActiveWhen(nameof(Optimizer), "adam")]
                [Boolean(Name = "amsgrad")]
                public partial bool UseAmsGrad { get; }

                {{Build}}
            }
            """,
        ["GenericHyperModel"] = $$"""
            using System.Collections.Generic;
            using HyperGen;

            namespace Samples;

            public sealed class Network
            {
            }

            public partial class NetworkModel : HyperModel<Network>
            {
                [IntRange(1, 4)]
                public partial int Layers { get; }

                public override Network Build(HyperParameters hyperParameters) => new Network();
            }

            public partial class ListModel<TItem> : HyperModel<List<TItem>>
            {
                [IntRange(0, 16)]
                public partial int Capacity { get; }

                public override List<TItem> Build(HyperParameters hyperParameters) => new List<TItem>(Capacity);
            }
            """,
        ["NamesAndEscaping"] = $$"""
            using HyperGen;

            namespace Samples;

            public partial class NamingModel : HyperModel<object>
            {
                [IntRange(1, 10)]
                public partial int HTTPTimeout { get; }

                [IntRange(1, 10)]
                public partial int Layer2Units { get; }

                [Boolean]
                public partial bool @class { get; }

                [Choice("say \"hi\"", "C:\\path", "line\nbreak", "tab\there", "caf\u00e9 \u2028",
                    Name = "quote\"and\\slash")]
                public partial string Text { get; }

                [FloatRange(-1e300, 1.5e300, Default = 1)]
                public partial double Wide { get; }

                {{Build}}
            }
            """,
    };

    /// <summary>The case names, as xUnit member data.</summary>
    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(name => new object[] { name });
}
