namespace HyperGen.Generators.Models
{
    /// <summary>The C# type of a hyperparameter property and of its values.</summary>
    internal enum ValueKind
    {
        /// <summary><c>string</c>.</summary>
        String,

        /// <summary><c>int</c>.</summary>
        Int,

        /// <summary><c>double</c>.</summary>
        Double,

        /// <summary><c>bool</c>.</summary>
        Boolean,
    }
}
