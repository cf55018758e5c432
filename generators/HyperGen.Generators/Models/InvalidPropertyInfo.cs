namespace HyperGen.Generators.Models
{
    /// <summary>
    /// A partial property that cannot be a hyperparameter: its search attribute is invalid, it has <c>[ActiveWhen]</c>
    /// without a search attribute, its type does not derive from <c>HyperModel&lt;TModel&gt;</c>, or it is static or
    /// has a <c>set</c> or <c>init</c> accessor. Each of its accessors throws, so that the build reports the analyzer's
    /// diagnostic instead of a missing implementation part, and it declares no hyperparameter.
    /// </summary>
    /// <remarks>Immutable and structurally equatable, like every pipeline model.</remarks>
    /// <param name="PropertyName">
    /// The property name as an identifier, escaped with <c>@</c> when it is a keyword.
    /// </param>
    /// <param name="Modifiers">The declaration's modifiers in source order, such as <c>public partial</c>.</param>
    /// <param name="Type">
    /// The declared property type as C# source, fully qualified with <c>global::</c> and with its nullable annotation.
    /// </param>
    /// <param name="Accessors">
    /// The declared accessors in source order, each with its modifiers, such as <c>get</c> and <c>private set</c>.
    /// </param>
    /// <param name="Message">The message of the exception that the accessors throw.</param>
    internal sealed record InvalidPropertyInfo(
        string PropertyName, string Modifiers, string Type, EquatableArray<string> Accessors, string Message);
}
