using Microsoft.CodeAnalysis;

namespace HyperGen.Analyzers
{
    /// <summary>
    /// Every diagnostic the HyperGen analyzers report. Messages start with a subject such as <c>Property 'Units'</c>
    /// (attributes) or <c>Hyperparameter 'units'</c> (calls such as <c>hp.Int</c>, or <c>The hp.Int call</c> when the
    /// call's name is empty), then name the values and the fix.
    /// </summary>
    /// <remarks>
    /// Each ID is listed in <c>AnalyzerReleases.Unshipped.md</c> and documented in <c>docs/diagnostics/HGxxxx.md</c>.
    /// Severities can be changed with <c>dotnet_diagnostic.HGxxxx.severity</c> in <c>.editorconfig</c>.
    /// </remarks>
    public static class DiagnosticDescriptors
    {
        /// <summary>Category of rules about the shape of hypermodel classes and properties.</summary>
        public const string DeclarationCategory = "HyperGen.Declaration";

        /// <summary>Category of rules about bounds, steps and sampling of numeric ranges.</summary>
        public const string RangeCategory = "HyperGen.Range";

        /// <summary>Category of rules about default values.</summary>
        public const string DefaultCategory = "HyperGen.Default";

        /// <summary>Category of rules about choice lists.</summary>
        public const string ChoiceCategory = "HyperGen.Choice";

        /// <summary>Category of rules about hyperparameter names.</summary>
        public const string NameCategory = "HyperGen.Name";

        /// <summary>Category of rules about <c>[ActiveWhen]</c> conditions.</summary>
        public const string ConditionCategory = "HyperGen.Condition";

        /// <summary>
        /// The address of the diagnostics documentation; a diagnostic's page is this prefix, its ID and <c>.md</c>.
        /// </summary>
        public const string HelpLinkPrefix = "https://github.com/hypergen/hypergen/blob/main/docs/diagnostics/";

        /// <summary>HG0001: a class with search attributes, or a containing type, is not partial.</summary>
        public static readonly DiagnosticDescriptor ClassNotPartial = new DiagnosticDescriptor(
            DiagnosticIds.ClassNotPartial,
            title: "Hypermodel class is not partial",
            messageFormat: "Class '{0}' has search attributes, but '{1}' is not partial; add the 'partial' modifier "
                + "to '{1}'",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator implements search-attribute properties in another part of the class, so the "
                + "class and every type containing it must be declared partial.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ClassNotPartial + ".md");

        /// <summary>HG0002: a class with search attributes does not derive from <c>HyperModel&lt;T&gt;</c>.</summary>
        public static readonly DiagnosticDescriptor ClassNotHyperModel = new DiagnosticDescriptor(
            DiagnosticIds.ClassNotHyperModel,
            title: "Class with search attributes is not a hypermodel",
            messageFormat: "Class '{0}' has search attributes but does not derive from HyperModel<TModel>; derive "
                + "it from HyperModel<TModel>, such as HyperModel<object>",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Search attributes take effect only in classes that derive from HyperModel<TModel>.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ClassNotHyperModel + ".md");

        /// <summary>HG0003: a search-attribute property is not a partial property without a body.</summary>
        public static readonly DiagnosticDescriptor PropertyNotPartial = new DiagnosticDescriptor(
            DiagnosticIds.PropertyNotPartial,
            title: "Hyperparameter property is not a partial declaration",
            messageFormat: "Property '{0}' has a search attribute but is not a partial property without a body; "
                + "declare it as 'public partial {1} {0} {{ get; }}' and let the generator implement it",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator implements a search-attribute property, so it must be a partial property "
                + "declaration without an implementation.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.PropertyNotPartial + ".md");

        /// <summary>HG0004: a search-attribute property is static.</summary>
        public static readonly DiagnosticDescriptor PropertyStatic = new DiagnosticDescriptor(
            DiagnosticIds.PropertyStatic,
            title: "Hyperparameter property is static",
            messageFormat: "Property '{0}' is static, but hyperparameters are read per trial from an instance; "
                + "remove the 'static' modifier",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A hyperparameter property returns the current trial's value, so it must be an instance "
                + "property.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.PropertyStatic + ".md");

        /// <summary>HG0005: a search-attribute property has a setter or init accessor.</summary>
        public static readonly DiagnosticDescriptor PropertyHasSetter = new DiagnosticDescriptor(
            DiagnosticIds.PropertyHasSetter,
            title: "Hyperparameter property has a setter",
            messageFormat: "Property '{0}' has a '{1}' accessor, but the tuner sets hyperparameter values; remove "
                + "the '{1}' accessor",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A hyperparameter property is read-only: the tuner chooses its value for each trial.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.PropertyHasSetter + ".md");

        /// <summary>HG0006: a search attribute or its value does not fit the property type.</summary>
        public static readonly DiagnosticDescriptor AttributeTypeMismatch = new DiagnosticDescriptor(
            DiagnosticIds.AttributeTypeMismatch,
            title: "Search attribute does not fit the property type",
            messageFormat: "Property '{0}' of type '{1}' cannot take {2}; {3}",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "[IntRange] needs an int property, [FloatRange] a double, [Boolean] a bool, and [Choice] "
                + "and [Fixed] a non-nullable string, int, double or bool property with values of that type.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.AttributeTypeMismatch + ".md");

        /// <summary>HG0007: a property has two search attributes.</summary>
        public static readonly DiagnosticDescriptor MultipleSearchAttributes = new DiagnosticDescriptor(
            DiagnosticIds.MultipleSearchAttributes,
            title: "Property has more than one search attribute",
            messageFormat: "Property '{0}' has both [{1}] and [{2}], but a property takes one search attribute; "
                + "keep one of them",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Each hyperparameter property is defined by exactly one search attribute.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.MultipleSearchAttributes + ".md");

        /// <summary>HG0008: the class overrides <c>DeclareHyperParameters</c> itself.</summary>
        public static readonly DiagnosticDescriptor DeclareHyperParametersOverridden = new DiagnosticDescriptor(
            DiagnosticIds.DeclareHyperParametersOverridden,
            title: "Hypermodel overrides DeclareHyperParameters",
            messageFormat: "Class '{0}' overrides DeclareHyperParameters, so the generated override that declares "
                + "its attribute hyperparameters is not emitted; declare them in your override, or remove it",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The generator declares attribute hyperparameters in a DeclareHyperParameters override and "
                + "skips it when the class already has one.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.DeclareHyperParametersOverridden + ".md");

        /// <summary>HG0009: the class declares a member named <c>Values</c>.</summary>
        public static readonly DiagnosticDescriptor ValuesMemberDeclared = new DiagnosticDescriptor(
            DiagnosticIds.ValuesMemberDeclared,
            title: "Hypermodel declares a member named Values",
            messageFormat: "Class '{0}' declares a member named 'Values', so the typed Values record is not "
                + "generated; rename the member to get the record",
            category: DeclarationCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The generator adds a nested record named Values and skips it when the name is taken.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ValuesMemberDeclared + ".md");

        /// <summary>HG0101: min is greater than max.</summary>
        public static readonly DiagnosticDescriptor MinGreaterThanMax = new DiagnosticDescriptor(
            DiagnosticIds.MinGreaterThanMax,
            title: "Range minimum is greater than its maximum",
            messageFormat: "{0}: min {1} is greater than max {2}; swap the bounds",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A range runs from min to max, both inclusive, so min must not exceed max.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.MinGreaterThanMax + ".md");

        /// <summary>HG0102: min equals max.</summary>
        public static readonly DiagnosticDescriptor MinEqualsMax = new DiagnosticDescriptor(
            DiagnosticIds.MinEqualsMax,
            title: "Range has a single value",
            messageFormat: "{0}: min and max are both {1}, so the range has one value; use a fixed value or widen "
                + "the range",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A range whose bounds are equal has nothing to tune.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.MinEqualsMax + ".md");

        /// <summary>HG0103: the step is zero or negative.</summary>
        public static readonly DiagnosticDescriptor StepNotPositive = new DiagnosticDescriptor(
            DiagnosticIds.StepNotPositive,
            title: "Range step is not positive",
            messageFormat: "{0}: step {1} is not positive; use a positive step, or omit it",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The step is the distance between grid values and must be greater than zero.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.StepNotPositive + ".md");

        /// <summary>HG0104: the step is larger than the range.</summary>
        public static readonly DiagnosticDescriptor StepLargerThanRange = new DiagnosticDescriptor(
            DiagnosticIds.StepLargerThanRange,
            title: "Range step is larger than the range",
            messageFormat: "{0}: step {1} is larger than the range [{2}, {3}], so only {2} is reachable; use a step "
                + "of at most {4}",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "With a step larger than max - min the grid contains only min.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.StepLargerThanRange + ".md");

        /// <summary>HG0105: the step does not divide the range.</summary>
        public static readonly DiagnosticDescriptor StepDoesNotDivideRange = new DiagnosticDescriptor(
            DiagnosticIds.StepDoesNotDivideRange,
            title: "Range step does not divide the range",
            messageFormat: "{0}: step {1} does not divide the range [{2}, {3}], so {4} is not on the grid and the "
                + "nearest grid value is {5}; set max to {6}, or use a step that divides the range",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Linear grids are min, min + step, ... and log grids min, min * step, ..., so max is never "
                + "tried when the step does not divide the range. A reverse-log grid mirrors the log grid: it ends "
                + "at max and never tries min.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.StepDoesNotDivideRange + ".md");

        /// <summary>
        /// HG0105 for a reverse-log grid, whose gap falls near min: the same ID, category and severity as
        /// <see cref="StepDoesNotDivideRange"/>, with a message that explains why min is the value missed.
        /// </summary>
        public static readonly DiagnosticDescriptor StepDoesNotDivideReverseLogRange = new DiagnosticDescriptor(
            DiagnosticIds.StepDoesNotDivideRange,
            title: "Range step does not divide the range",
            messageFormat: "{0}: step {1} does not divide the range [{2}, {3}]; the reverse-log grid is mirrored from "
                + "max, so the gap falls near min, where {4} is not on the grid and the nearest grid value is {5}; set "
                + "max to {6}, or use a step that divides the range",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: StepDoesNotDivideRange.Description.ToString(),
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.StepDoesNotDivideRange + ".md");

        /// <summary>HG0106: log or reverse-log sampling with min at or below zero.</summary>
        public static readonly DiagnosticDescriptor LogSamplingMinNotPositive = new DiagnosticDescriptor(
            DiagnosticIds.LogSamplingMinNotPositive,
            title: "Log sampling needs a positive minimum",
            messageFormat: "{0}: {1} sampling needs min > 0, but min is {2}; use a positive min, or Linear sampling",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Log and reverse-log sampling work on the logarithm of the value, which exists only for "
                + "positive values.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.LogSamplingMinNotPositive + ".md");

        /// <summary>HG0107: log or reverse-log sampling with a step of 1 or less.</summary>
        public static readonly DiagnosticDescriptor LogSamplingStepNotAboveOne = new DiagnosticDescriptor(
            DiagnosticIds.LogSamplingStepNotAboveOne,
            title: "Log sampling step is not a multiplier above 1",
            messageFormat: "{0}: with {1} sampling the step is a multiplier and must be greater than 1, but it is "
                + "{2}; use a step such as 2 or 10, or omit it",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "With log or reverse-log sampling the grid is min, min * step, min * step^2, ..., so the "
                + "step must be greater than 1.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.LogSamplingStepNotAboveOne + ".md");

        /// <summary>HG0108: a log grid whose multiplier is so large that only min is on it.</summary>
        public static readonly DiagnosticDescriptor LogSamplingStepLooksAdditive = new DiagnosticDescriptor(
            DiagnosticIds.LogSamplingStepLooksAdditive,
            title: "Log sampling step reaches only the minimum",
            messageFormat: "{0}: with {1} sampling the step {2} is a multiplier, so the grid from {3} to {4} has "
                + "only the values {5}; use a multiplier such as 2 or 10, or Linear sampling for an additive step",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "With log or reverse-log sampling the step multiplies; a step meant as an additive "
                + "distance usually leaves only min on the grid.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.LogSamplingStepLooksAdditive + ".md");

        /// <summary>HG0109: an int bound, step or default is outside the range of int.</summary>
        public static readonly DiagnosticDescriptor IntValueOutOfRange = new DiagnosticDescriptor(
            DiagnosticIds.IntValueOutOfRange,
            title: "Integer range value does not fit in int",
            messageFormat: "{0}: {1} {2} is outside the range of int; use a value from -2147483648 to 2147483647",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "[IntRange] takes long arguments so that the analyzer can report this, but the values must "
                + "fit in int.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.IntValueOutOfRange + ".md");

        /// <summary>HG0110: a bound, step, default or fixed value is NaN or infinite.</summary>
        public static readonly DiagnosticDescriptor ValueNotFinite = new DiagnosticDescriptor(
            DiagnosticIds.ValueNotFinite,
            title: "Value is not a finite number",
            messageFormat: "{0}: {1} is {2}, which is not a finite number; use a finite {1}",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Bounds, steps, defaults and fixed values must be finite numbers.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ValueNotFinite + ".md");

        /// <summary>HG0111: a sampling value is not a member of <c>Sampling</c>.</summary>
        public static readonly DiagnosticDescriptor SamplingUndefined = new DiagnosticDescriptor(
            DiagnosticIds.SamplingUndefined,
            title: "Sampling value is not defined",
            messageFormat: "{0}: sampling {1} is not a member of Sampling; use Sampling.Linear, Sampling.Log or "
                + "Sampling.ReverseLog",
            category: RangeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Only the members of the Sampling enum have a defined meaning.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.SamplingUndefined + ".md");

        /// <summary>HG0201: the default lies outside the range.</summary>
        public static readonly DiagnosticDescriptor DefaultOutsideRange = new DiagnosticDescriptor(
            DiagnosticIds.DefaultOutsideRange,
            title: "Default is outside the range",
            messageFormat: "{0}: default {1} is outside the range [{2}, {3}]; use a default within the range, such "
                + "as {4}, or omit it to use min",
            category: DefaultCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The default is a value of the range and must lie between min and max.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.DefaultOutsideRange + ".md");

        /// <summary>HG0202: the default is not on the step grid.</summary>
        public static readonly DiagnosticDescriptor DefaultNotOnGrid = new DiagnosticDescriptor(
            DiagnosticIds.DefaultNotOnGrid,
            title: "Default is not on the step grid",
            messageFormat: "{0}: default {1} is not on the grid of step {2} from {3}; use a grid value such as {4}, "
                + "or omit the default",
            category: DefaultCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "With a step, only grid values are ever tried, so the default must be one of them.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.DefaultNotOnGrid + ".md");

        /// <summary>HG0203: the default of a choice is not one of its values.</summary>
        public static readonly DiagnosticDescriptor ChoiceDefaultNotListed = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceDefaultNotListed,
            title: "Choice default is not one of the values",
            messageFormat: "{0}: default {1} is not one of the choices {2}; use one of the listed values, or omit "
                + "the default to use the first one",
            category: DefaultCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The default of a choice must be one of its values.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceDefaultNotListed + ".md");

        /// <summary>HG0301: a choice has no values.</summary>
        public static readonly DiagnosticDescriptor ChoiceEmpty = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceEmpty,
            title: "Choice has no values",
            messageFormat: "{0}: the choice has no values; list the values to try, or use a fixed value",
            category: ChoiceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A choice needs at least one value.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceEmpty + ".md");

        /// <summary>HG0302: a choice lists a value more than once.</summary>
        public static readonly DiagnosticDescriptor ChoiceDuplicateValue = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceDuplicateValue,
            title: "Choice lists a value twice",
            messageFormat: "{0}: choice value {1} is listed more than once; remove the duplicate",
            category: ChoiceCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A duplicated value is drawn more often than the others and wastes grid-search trials.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceDuplicateValue + ".md");

        /// <summary>HG0303: a choice mixes values of different types.</summary>
        public static readonly DiagnosticDescriptor ChoiceMixedTypes = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceMixedTypes,
            title: "Choice values have different types",
            messageFormat: "{0}: choice values mix {1} and {2} ({3}); use values of one type",
            category: ChoiceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "All values of a choice have one type: string, int, double or bool.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceMixedTypes + ".md");

        /// <summary>HG0304: a choice or fixed value cannot be converted to the expected type.</summary>
        public static readonly DiagnosticDescriptor ChoiceValueTypeMismatch = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceValueTypeMismatch,
            title: "Value has an unsupported type",
            messageFormat: "{0}: value {1} is not {2}; use {2} values",
            category: ChoiceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Choice and fixed values are strings, ints, doubles or bools, and in an attribute they "
                + "have the property's type (an int is accepted for a double property).",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceValueTypeMismatch + ".md");

        /// <summary>HG0305: <c>Ordered = true</c> on non-numeric choices.</summary>
        public static readonly DiagnosticDescriptor ChoiceOrderedNotNumeric = new DiagnosticDescriptor(
            DiagnosticIds.ChoiceOrderedNotNumeric,
            title: "Non-numeric choice is ordered",
            messageFormat: "{0}: only numeric choices can be ordered, but the values are {1}; set Ordered to false "
                + "or omit it",
            category: ChoiceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Ordered choices are treated as numbers by the search algorithms, so only int and double "
                + "values can be ordered.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ChoiceOrderedNotNumeric + ".md");

        /// <summary>HG0401: a hyperparameter name is empty or whitespace.</summary>
        public static readonly DiagnosticDescriptor NameEmpty = new DiagnosticDescriptor(
            DiagnosticIds.NameEmpty,
            title: "Hyperparameter name is empty",
            messageFormat: "{0}: the hyperparameter name \"{1}\" is empty or whitespace; give a name such as "
                + "\"units\"",
            category: NameCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Hyperparameters are stored and looked up by name, so the name must contain a visible "
                + "character.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.NameEmpty + ".md");

        /// <summary>
        /// HG0402: two hyperparameters of one model have the same name, or a call such as <c>hp.Int</c> in a
        /// hypermodel redefines an attribute hyperparameter of that model.
        /// </summary>
        public static readonly DiagnosticDescriptor NameDuplicate = new DiagnosticDescriptor(
            DiagnosticIds.NameDuplicate,
            title: "Hyperparameter name is used twice",
            messageFormat: "{0}: hyperparameter name \"{1}\" is already used by '{2}'; {3}",
            category: NameCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Each hyperparameter of a model, including those declared in base classes, needs a unique "
                + "name. A call such as hp.Int in a hypermodel may declare a name that an attribute property already "
                + "declares only with the same definition, because the runtime rejects a second, different one.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.NameDuplicate + ".md");

        /// <summary>HG0501: an <c>[ActiveWhen]</c> parent is not a hyperparameter property.</summary>
        public static readonly DiagnosticDescriptor ConditionParentNotFound = new DiagnosticDescriptor(
            DiagnosticIds.ConditionParentNotFound,
            title: "ActiveWhen parent is not a hyperparameter",
            messageFormat: "Property '{0}': [ActiveWhen] parent '{1}' is not a hyperparameter property of this "
                + "model; name a property with a search attribute, written as nameof(Parent)",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The parent of a condition must be a property of the model, or of a base class, that has a "
                + "search attribute.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionParentNotFound + ".md");

        /// <summary>HG0502: an <c>[ActiveWhen]</c> value is one the parent can never take.</summary>
        public static readonly DiagnosticDescriptor ConditionValueUnreachable = new DiagnosticDescriptor(
            DiagnosticIds.ConditionValueUnreachable,
            title: "ActiveWhen value is never taken by the parent",
            messageFormat: "Property '{0}': parent '{1}' never takes {2}, so '{0}' would never be active; use "
                + "values the parent can take, such as {3}",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A condition lists parent values that activate the property; a value the parent cannot "
                + "take never matches, and a condition without values never holds.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionValueUnreachable + ".md");

        /// <summary>HG0503: conditions form a cycle.</summary>
        public static readonly DiagnosticDescriptor ConditionCycle = new DiagnosticDescriptor(
            DiagnosticIds.ConditionCycle,
            title: "ActiveWhen conditions form a cycle",
            messageFormat: "Property '{0}': the [ActiveWhen] conditions form a cycle ({1}); remove one of the "
                + "conditions",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A property cannot depend, directly or through other properties, on itself.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionCycle + ".md");

        /// <summary>HG0504: a condition on a continuous <c>[FloatRange]</c> parent.</summary>
        public static readonly DiagnosticDescriptor ConditionOnContinuousParent = new DiagnosticDescriptor(
            DiagnosticIds.ConditionOnContinuousParent,
            title: "ActiveWhen parent is a continuous range",
            messageFormat: "Property '{0}': parent '{1}' is a [FloatRange] without a step, so it rarely equals {2} "
                + "exactly; give the parent a Step, or make it a [Choice]",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A continuous parent almost never takes one exact value, so the property is almost never "
                + "active.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionOnContinuousParent + ".md");

        /// <summary>HG0505: the parent is declared after the property in the same class.</summary>
        public static readonly DiagnosticDescriptor ConditionParentDeclaredLater = new DiagnosticDescriptor(
            DiagnosticIds.ConditionParentDeclaredLater,
            title: "ActiveWhen parent is declared after the property",
            messageFormat: "Property '{0}': parent '{1}' is declared after it; declare '{1}' before '{0}'",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Hyperparameters are declared in member order, and a parent must be declared before the "
                + "properties that depend on it.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionParentDeclaredLater + ".md");

        /// <summary>HG0506: <c>[ActiveWhen]</c> without a search attribute.</summary>
        public static readonly DiagnosticDescriptor ConditionWithoutSearchAttribute = new DiagnosticDescriptor(
            DiagnosticIds.ConditionWithoutSearchAttribute,
            title: "ActiveWhen without a search attribute",
            messageFormat: "Property '{0}' has [ActiveWhen] but no search attribute; add a search attribute such as "
                + "[IntRange], or remove [ActiveWhen]",
            category: ConditionCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "[ActiveWhen] makes a hyperparameter conditional, so the property must be a hyperparameter.",
            helpLinkUri: HelpLinkPrefix + DiagnosticIds.ConditionWithoutSearchAttribute + ".md");
    }
}
