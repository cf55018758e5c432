using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// One call of the dynamic API with its constant arguments, checked with the rules the runtime applies.
    /// Each check returns the first violation, or a warning for a valid range, or null when the call is valid or an
    /// argument it needs is not a constant.
    /// </summary>
    internal sealed class DynamicCall
    {
        private readonly IInvocationOperation _invocation;
        private readonly string _name;

        /// <summary>Reads the call.</summary>
        public DynamicCall(IInvocationOperation invocation)
        {
            _invocation = invocation;
            var nameArgument = Find("name");
            _name = nameArgument is not null && TryGetConstant(nameArgument.Value, out var value) && value is string text
                ? text
                : nameArgument?.Syntax.ToString() ?? "?";
        }

        /// <summary>Finds an empty or whitespace constant name.</summary>
        public SearchSpaceViolation? FindNameViolation()
        {
            var argument = Find("name");
            if (argument is null || !TryGetConstant(argument.Value, out var value) || value is not string and not null)
            {
                return null;
            }

            return SearchSpaceRules.FindNameViolation(value as string);
        }

        /// <summary>Checks <c>Int(name, min, max, step, sampling, default)</c>.</summary>
        public SearchSpaceViolation? CheckInt()
        {
            if (!TryGetNumber("min", out var min) || !TryGetNumber("max", out var max)
                || !TryGetOptionalNumber("step", out var step) || !TryGetOptionalNumber("default", out var @default)
                || !TryGetSampling(out var sampling, out var samplingViolation))
            {
                return null;
            }

            return samplingViolation
                ?? SearchSpaceRules.FindIntRangeViolation(_name, (long)min, (long)max, (long?)step, sampling, (long?)@default)
                ?? SearchSpaceRules.FindRangeWarning(_name, min, max, step, sampling, isInteger: true);
        }

        /// <summary>Checks <c>Float(name, min, max, step, sampling, default)</c>.</summary>
        public SearchSpaceViolation? CheckFloat()
        {
            if (!TryGetNumber("min", out var min) || !TryGetNumber("max", out var max)
                || !TryGetOptionalNumber("step", out var step) || !TryGetOptionalNumber("default", out var @default)
                || !TryGetSampling(out var sampling, out var samplingViolation))
            {
                return null;
            }

            return samplingViolation
                ?? SearchSpaceRules.FindFloatRangeViolation(_name, min, max, step, sampling, @default)
                ?? SearchSpaceRules.FindRangeWarning(_name, min, max, step, sampling, isInteger: false);
        }

        /// <summary>Checks <c>Choice(name, values, default, ordered)</c> with a constant collection of values.</summary>
        public SearchSpaceViolation? CheckChoice()
        {
            if (Find("values") is not { } argument || ReadElements(argument.Value) is not { } values)
            {
                return null;
            }

            if (!TryGetOptional("ordered", out var ordered) || !TryGetOptional("default", out var @default))
            {
                return null;
            }

            return SearchSpaceRules.FindChoiceViolation(_name, values, ordered as bool?, @default, @default is not null)
                ?? SearchSpaceRules.FindDuplicateChoice(_name, values);
        }

        /// <summary>Checks <c>Fixed(name, value)</c> with a constant value.</summary>
        public SearchSpaceViolation? CheckFixed()
        {
            if (Find("value") is not { } argument || !TryGetConstant(argument.Value, out var value))
            {
                return null;
            }

            return SearchSpaceRules.FindFixedViolation(_name, value);
        }

        /// <summary>Creates the diagnostic at the argument the violation is about, or at the argument list.</summary>
        public Diagnostic CreateDiagnostic(SearchSpaceViolation violation)
        {
            string subject = ViolationDiagnostics.HyperParameterSubject(_name);
            return ViolationDiagnostics.Create(violation, subject, GetLocation(violation));
        }

        private Location GetLocation(SearchSpaceViolation violation)
        {
            string? parameter = violation.Argument switch
            {
                SearchSpaceArgument.Bounds => null,
                SearchSpaceArgument.Default => "default",
                _ => violation.Argument.ToString().ToLowerInvariant(),
            };
            var argument = parameter is null ? null : Find(parameter);
            if (argument is not null && violation.ValueIndex >= 0 && ElementSyntax(argument, violation.ValueIndex) is { } element)
            {
                return element.GetLocation();
            }

            if (argument is not null && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                return argument.Syntax.GetLocation();
            }

            var list = (_invocation.Syntax as InvocationExpressionSyntax)?.ArgumentList;
            return list?.GetLocation() ?? _invocation.Syntax.GetLocation();
        }

        private static SyntaxNode? ElementSyntax(IArgumentOperation argument, int index)
        {
            var collection = Unwrap(argument.Value);
            IReadOnlyList<IOperation>? elements = collection switch
            {
                ICollectionExpressionOperation expression => expression.Elements,
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                _ => null,
            };
            return elements is not null && index < elements.Count ? elements[index].Syntax : null;
        }

        private IArgumentOperation? Find(string parameter)
        {
            foreach (var argument in _invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameter)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>Reads the elements of a collection expression or an array creation, all constants, or null.</summary>
        private static List<object?>? ReadElements(IOperation operation)
        {
            IReadOnlyList<IOperation>? elements = Unwrap(operation) switch
            {
                ICollectionExpressionOperation expression => expression.Elements,
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                _ => null,
            };
            if (elements is null)
            {
                return null;
            }

            var values = new List<object?>();
            foreach (var element in elements)
            {
                if (!TryGetConstant(element, out var value))
                {
                    return null;
                }

                values.Add(value);
            }

            return values;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// Reads a constant, looking through conversions (such as int to <c>int?</c> or to object) that have no
        /// constant value themselves; the value keeps the type the runtime would see.
        /// </summary>
        private static bool TryGetConstant(IOperation? operation, out object? value)
        {
            for (var current = operation; current is not null; current = (current as IConversionOperation)?.Operand)
            {
                if (current.ConstantValue.HasValue)
                {
                    value = current.ConstantValue.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        private bool TryGetNumber(string parameter, out double value)
        {
            value = 0;
            if (Find(parameter) is not { } argument || !TryGetConstant(argument.Value, out var constant))
            {
                return false;
            }

            return TryToDouble(constant, out value);
        }

        private bool TryGetOptionalNumber(string parameter, out double? value)
        {
            value = null;
            if (!TryGetOptional(parameter, out var constant))
            {
                return false;
            }

            if (constant is null)
            {
                return true;
            }

            bool read = TryToDouble(constant, out var number);
            value = number;
            return read;
        }

        /// <summary>Reads an optional argument: null when omitted or null, false when it is not a constant.</summary>
        private bool TryGetOptional(string parameter, out object? value)
        {
            value = null;
            var argument = Find(parameter);
            if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return true;
            }

            return TryGetConstant(argument.Value, out value);
        }

        private bool TryGetSampling(out Sampling sampling, out SearchSpaceViolation? violation)
        {
            sampling = Sampling.Linear;
            violation = null;
            if (!TryGetOptional("sampling", out var constant))
            {
                return false;
            }

            if (constant is int raw)
            {
                sampling = (Sampling)raw;
                violation = SearchSpaceRules.FindUndefinedSampling(raw);
            }

            return true;
        }

        private static bool TryToDouble(object? constant, out double value)
        {
            value = 0;
            if (constant is not (int or long or double or float))
            {
                return false;
            }

            value = Convert.ToDouble(constant, CultureInfo.InvariantCulture);
            return true;
        }
    }
}
