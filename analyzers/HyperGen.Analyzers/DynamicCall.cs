using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
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
        private readonly CancellationToken _cancellationToken;
        private readonly string _name;

        /// <summary>Reads the call.</summary>
        public DynamicCall(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            _invocation = invocation;
            _cancellationToken = cancellationToken;
            var nameArgument = Find("name");
            _name = nameArgument is not null && TryGetConstant(nameArgument.Value, out var value) && value is string text
                ? text
                : nameArgument?.Syntax.ToString() ?? "?";
        }

        /// <summary>The called method, such as <c>Int</c> or <c>Choice</c>.</summary>
        public string MethodName => _invocation.TargetMethod.Name;

        /// <summary>The display of the called method for a message subject, such as <c>The hp.Int call</c>.</summary>
        public string CallSubject => ViolationDiagnostics.CallSubject(CallDisplay());

        /// <summary>Reads the name argument when it is a constant string, with its location.</summary>
        public bool TryGetConstantName(out string name, out Location location)
        {
            name = "";
            location = Location.None;
            if (Find("name") is not { } argument || !TryGetConstant(argument.Value, out var value) || value is not string text)
            {
                return false;
            }

            name = text;
            location = argument.Syntax.GetLocation();
            return true;
        }

        /// <summary>
        /// Reads an argument: <paramref name="isGiven"/> is false when the call omits it, and the method returns false
        /// when the argument is written but is not a constant.
        /// </summary>
        public bool TryGetArgument(string parameter, out object? value, out bool isGiven)
        {
            value = null;
            var argument = Find(parameter);
            isGiven = argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue;
            return !isGiven || TryGetConstant(argument!.Value, out value);
        }

        /// <summary>
        /// Reads the elements of the <c>values</c> argument when they are constants in a list whose elements are
        /// known at compile time (see <see cref="ChoiceList"/>).
        /// </summary>
        public List<object?>? ReadChoiceValues() => Find("values") is { } argument ? ReadElements(argument) : null;

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
            if (Find("values") is not { } argument || ReadElements(argument) is not { } values)
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
            // An empty or whitespace name would make a subject such as "Hyperparameter ''", so the call names itself.
            string subject = violation.Rule == SearchSpaceRule.NameEmpty
                ? CallSubject
                : ViolationDiagnostics.HyperParameterSubject(_name);
            return ViolationDiagnostics.Create(violation, subject, GetLocation(violation));
        }

        /// <summary>
        /// The called method as written, such as <c>hp.Int</c> when the receiver is a simple name, or the method name
        /// alone, such as <c>Int</c>.
        /// </summary>
        private string CallDisplay()
        {
            string method = _invocation.TargetMethod.Name;
            var expression = (_invocation.Syntax as InvocationExpressionSyntax)?.Expression;
            return expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
                ? receiver.Identifier.ValueText + "." + method
                : method;
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

        /// <summary>Returns the element at <paramref name="index"/> of a list written in the call, or null.</summary>
        private SyntaxNode? ElementSyntax(IArgumentOperation argument, int index)
        {
            var list = ChoiceList.Read(argument.Value, _invocation, _cancellationToken);
            return list is { IsInCall: true } && index < list.Elements.Count ? list.Elements[index].Syntax : null;
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

        /// <summary>Reads the elements of a choice list, all constants, or returns null.</summary>
        private List<object?>? ReadElements(IArgumentOperation argument)
        {
            if (ChoiceList.Read(argument.Value, _invocation, _cancellationToken) is not { } list)
            {
                return null;
            }

            var values = new List<object?>();
            foreach (var element in list.Elements)
            {
                if (!TryGetConstant(element, out var value))
                {
                    return null;
                }

                values.Add(value);
            }

            return values;
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
