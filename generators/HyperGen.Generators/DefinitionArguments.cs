using System.Collections.Generic;
using System.Linq;
using HyperGen.Generators.Models;

namespace HyperGen.Generators
{
    /// <summary>
    /// Builds the constructor arguments of a runtime definition, such as
    /// <c>"units", 32, 512, step: 32, conditions: new global::HyperGen.Condition[] { ... }</c>. Optional arguments
    /// are passed by name and only when the attribute usage sets them.
    /// </summary>
    internal static class DefinitionArguments
    {
        /// <summary>Returns the arguments in constructor order, each as C# source text.</summary>
        public static IReadOnlyList<string> Create(HyperParameterInfo definition)
        {
            var arguments = new List<string> { CSharpLiterals.String(definition.Name) };
            switch (definition.Kind)
            {
                case HyperParameterKind.Int:
                case HyperParameterKind.Float:
                    arguments.AddRange(definition.Values.Select(CSharpLiterals.Format));
                    AddNamed(arguments, "step", definition.Step);
                    AddSampling(arguments, definition.Sampling);
                    AddNamed(arguments, "defaultValue", definition.Default);
                    break;
                case HyperParameterKind.Choice:
                    arguments.Add(ObjectArray(definition.Values));
                    AddOrdered(arguments, definition.Ordered);
                    AddNamed(arguments, "defaultValue", definition.Default);
                    break;
                case HyperParameterKind.Boolean:
                    AddNamed(arguments, "defaultValue", definition.Default);
                    break;
                default:
                    arguments.Add(CSharpLiterals.Format(definition.Values[0]));
                    break;
            }

            if (definition.Conditions.Count > 0)
            {
                arguments.Add("conditions: " + Conditions(definition.Conditions));
            }

            return arguments;
        }

        private static void AddNamed(List<string> arguments, string parameter, ConstantInfo? value)
        {
            if (value is not null)
            {
                arguments.Add($"{parameter}: {CSharpLiterals.Format(value)}");
            }
        }

        private static void AddSampling(List<string> arguments, Sampling? sampling)
        {
            if (sampling is Sampling value)
            {
                arguments.Add($"sampling: global::HyperGen.Sampling.{value}");
            }
        }

        private static void AddOrdered(List<string> arguments, bool? ordered)
        {
            if (ordered is bool value)
            {
                arguments.Add("ordered: " + (value ? "true" : "false"));
            }
        }

        private static string ObjectArray(EquatableArray<ConstantInfo> values) =>
            "new object[] { " + string.Join(", ", values.Select(CSharpLiterals.Format)) + " }";

        private static string Conditions(EquatableArray<ConditionInfo> conditions)
        {
            var created = conditions.Select(condition =>
                $"new global::HyperGen.Condition({CSharpLiterals.String(condition.ParentName)}, " +
                $"{ObjectArray(condition.ParentValues)})");
            return "new global::HyperGen.Condition[] { " + string.Join(", ", created) + " }";
        }
    }
}
