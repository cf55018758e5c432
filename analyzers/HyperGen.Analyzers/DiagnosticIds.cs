namespace HyperGen.Analyzers
{
    /// <summary>
    /// The IDs of every HyperGen diagnostic. IDs never change meaning once published: code fixes, suppressions and
    /// <c>.editorconfig</c> severities refer to them. The hundreds digit is the category.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>A class with search attributes, or a type containing it, is not <c>partial</c>.</summary>
        public const string ClassNotPartial = "HG0001";

        /// <summary>A class with search attributes does not derive from <c>HyperModel&lt;TModel&gt;</c>.</summary>
        public const string ClassNotHyperModel = "HG0002";

        /// <summary>A property with a search attribute is not a <c>partial</c> property without a body.</summary>
        public const string PropertyNotPartial = "HG0003";

        /// <summary>A property with a search attribute is static.</summary>
        public const string PropertyStatic = "HG0004";

        /// <summary>A property with a search attribute has a <c>set</c> or <c>init</c> accessor.</summary>
        public const string PropertyHasSetter = "HG0005";

        /// <summary>A search attribute, or the value it carries, does not fit the property type.</summary>
        public const string AttributeTypeMismatch = "HG0006";

        /// <summary>A property has two search attributes.</summary>
        public const string MultipleSearchAttributes = "HG0007";

        /// <summary>A hypermodel overrides <c>DeclareHyperParameters</c>, so no registration is generated.</summary>
        public const string DeclareHyperParametersOverridden = "HG0008";

        /// <summary>A hypermodel declares a member named <c>Values</c>, so no <c>Values</c> record is generated.</summary>
        public const string ValuesMemberDeclared = "HG0009";

        /// <summary>The minimum of a range is greater than its maximum.</summary>
        public const string MinGreaterThanMax = "HG0101";

        /// <summary>The minimum of a range equals its maximum.</summary>
        public const string MinEqualsMax = "HG0102";

        /// <summary>The step of a range is zero or negative.</summary>
        public const string StepNotPositive = "HG0103";

        /// <summary>The step of a linear range is larger than the range, so only the minimum is reachable.</summary>
        public const string StepLargerThanRange = "HG0104";

        /// <summary>The step does not divide the range, so the maximum is not reachable.</summary>
        public const string StepDoesNotDivideRange = "HG0105";

        /// <summary>Log or reverse-log sampling with a minimum of zero or less.</summary>
        public const string LogSamplingMinNotPositive = "HG0106";

        /// <summary>Log or reverse-log sampling with a step (a multiplier) of 1 or less.</summary>
        public const string LogSamplingStepNotAboveOne = "HG0107";

        /// <summary>Log or reverse-log sampling with a multiplier so large that the grid holds only the minimum.</summary>
        public const string LogSamplingStepLooksAdditive = "HG0108";

        /// <summary>An <c>[IntRange]</c> bound, step or default is outside the range of <c>int</c>.</summary>
        public const string IntValueOutOfRange = "HG0109";

        /// <summary>A bound, step, default or fixed value is NaN or infinite.</summary>
        public const string ValueNotFinite = "HG0110";

        /// <summary>A sampling value is not a member of the <c>Sampling</c> enum.</summary>
        public const string SamplingUndefined = "HG0111";

        /// <summary>The default lies outside the range.</summary>
        public const string DefaultOutsideRange = "HG0201";

        /// <summary>The default is not on the step grid.</summary>
        public const string DefaultNotOnGrid = "HG0202";

        /// <summary>The default of a choice is not one of its values.</summary>
        public const string ChoiceDefaultNotListed = "HG0203";

        /// <summary>A choice has no values.</summary>
        public const string ChoiceEmpty = "HG0301";

        /// <summary>A choice lists one value more than once.</summary>
        public const string ChoiceDuplicateValue = "HG0302";

        /// <summary>A choice mixes values of different types.</summary>
        public const string ChoiceMixedTypes = "HG0303";

        /// <summary>A choice value cannot be converted to the property type.</summary>
        public const string ChoiceValueTypeMismatch = "HG0304";

        /// <summary>A choice of non-numeric values sets <c>Ordered = true</c>.</summary>
        public const string ChoiceOrderedNotNumeric = "HG0305";

        /// <summary>A hyperparameter name is empty or whitespace.</summary>
        public const string NameEmpty = "HG0401";

        /// <summary>Two hyperparameters of one model have the same name.</summary>
        public const string NameDuplicate = "HG0402";

        /// <summary>An <c>[ActiveWhen]</c> parent is not a hyperparameter property of the model.</summary>
        public const string ConditionParentNotFound = "HG0501";

        /// <summary>An <c>[ActiveWhen]</c> value is one the parent can never take.</summary>
        public const string ConditionValueUnreachable = "HG0502";

        /// <summary>The <c>[ActiveWhen]</c> conditions of a model form a cycle.</summary>
        public const string ConditionCycle = "HG0503";

        /// <summary>An <c>[ActiveWhen]</c> parent is a continuous <c>[FloatRange]</c>.</summary>
        public const string ConditionOnContinuousParent = "HG0504";

        /// <summary>An <c>[ActiveWhen]</c> parent is declared after the property in the same class.</summary>
        public const string ConditionParentDeclaredLater = "HG0505";

        /// <summary>A property has <c>[ActiveWhen]</c> but no search attribute.</summary>
        public const string ConditionWithoutSearchAttribute = "HG0506";
    }
}
