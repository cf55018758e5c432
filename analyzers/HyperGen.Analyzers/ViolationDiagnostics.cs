using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>Turns a <see cref="SearchSpaceViolation"/> from the shared rules into a diagnostic.</summary>
    internal static class ViolationDiagnostics
    {
        /// <summary>The subject that starts a message about a property, such as <c>Property 'Units'</c>.</summary>
        public static string PropertySubject(string propertyName) => "Property '" + propertyName + "'";

        /// <summary>The subject that starts a message about a call, such as <c>Hyperparameter 'units'</c>.</summary>
        public static string HyperParameterSubject(string name) => "Hyperparameter '" + name + "'";

        /// <summary>
        /// The subject that starts a message about a call whose name cannot serve as the subject, such as
        /// <c>The hp.Int call</c>.
        /// </summary>
        public static string CallSubject(string method) => "The " + method + " call";

        /// <summary>Returns the descriptor that reports <paramref name="rule"/>.</summary>
        public static DiagnosticDescriptor GetDescriptor(SearchSpaceRule rule) => rule switch
        {
            SearchSpaceRule.NameEmpty => DiagnosticDescriptors.NameEmpty,
            SearchSpaceRule.MinGreaterThanMax => DiagnosticDescriptors.MinGreaterThanMax,
            SearchSpaceRule.StepNotPositive => DiagnosticDescriptors.StepNotPositive,
            SearchSpaceRule.MultiplicativeStepNotAboveOne => DiagnosticDescriptors.LogSamplingStepNotAboveOne,
            SearchSpaceRule.LogMinNotPositive => DiagnosticDescriptors.LogSamplingMinNotPositive,
            SearchSpaceRule.NotFinite => DiagnosticDescriptors.ValueNotFinite,
            SearchSpaceRule.IntOutOfRange => DiagnosticDescriptors.IntValueOutOfRange,
            SearchSpaceRule.SamplingUndefined => DiagnosticDescriptors.SamplingUndefined,
            SearchSpaceRule.DefaultOutsideRange => DiagnosticDescriptors.DefaultOutsideRange,
            SearchSpaceRule.DefaultNotOnGrid => DiagnosticDescriptors.DefaultNotOnGrid,
            SearchSpaceRule.ChoiceEmpty => DiagnosticDescriptors.ChoiceEmpty,
            SearchSpaceRule.ValueTypeUnsupported => DiagnosticDescriptors.ChoiceValueTypeMismatch,
            SearchSpaceRule.ChoiceMixedTypes => DiagnosticDescriptors.ChoiceMixedTypes,
            SearchSpaceRule.ChoiceOrderedNotNumeric => DiagnosticDescriptors.ChoiceOrderedNotNumeric,
            SearchSpaceRule.ChoiceDefaultNotListed => DiagnosticDescriptors.ChoiceDefaultNotListed,
            SearchSpaceRule.SingleValueRange => DiagnosticDescriptors.MinEqualsMax,
            SearchSpaceRule.StepLargerThanRange => DiagnosticDescriptors.StepLargerThanRange,
            SearchSpaceRule.StepDoesNotDivideRange => DiagnosticDescriptors.StepDoesNotDivideRange,
            SearchSpaceRule.MultiplicativeStepReachesOnlyMin => DiagnosticDescriptors.LogSamplingStepLooksAdditive,
            SearchSpaceRule.ChoiceDuplicate => DiagnosticDescriptors.ChoiceDuplicateValue,

            // A rule added to the shared rules must get its own descriptor, never borrow another's.
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "No diagnostic reports this search space rule."),
        };

        /// <summary>
        /// Returns the descriptor for <paramref name="violation"/>. A step that does not divide the range leaves a
        /// gap at max on linear and log grids, and a gap at min only on reverse-log grids. So a violation whose missed
        /// value (argument 3) is min (argument 1) gets the reverse-log message.
        /// </summary>
        private static DiagnosticDescriptor SelectDescriptor(SearchSpaceViolation violation) =>
            violation.Rule == SearchSpaceRule.StepDoesNotDivideRange
                && violation.Arguments.Count > 3
                && violation.Arguments[3] == violation.Arguments[1]
                ? DiagnosticDescriptors.StepDoesNotDivideReverseLogRange
                : GetDescriptor(violation.Rule);

        /// <summary>
        /// Creates the diagnostic for <paramref name="violation"/> at <paramref name="location"/>; the message
        /// arguments are the subject followed by the violation's formatted values.
        /// </summary>
        public static Diagnostic Create(SearchSpaceViolation violation, string subject, Location location)
        {
            var arguments = new List<object> { subject };
            foreach (var value in violation.Arguments)
            {
                arguments.Add(value);
            }

            return Diagnostic.Create(SelectDescriptor(violation), location, arguments.ToArray());
        }
    }
}
