using System.Text;

namespace HyperGen.Generators
{
    /// <summary>Derives hyperparameter names from property names.</summary>
    internal static class HyperParameterNames
    {
        /// <summary>
        /// Converts a PascalCase or camelCase property name to snake_case, the naming used by KerasTuner and Optuna.
        /// </summary>
        /// <remarks>
        /// An underscore goes before an upper-case letter that follows a lower-case letter or a digit
        /// (<c>LearningRate</c> → <c>learning_rate</c>, <c>Conv2D</c> → <c>conv2_d</c>), and before the last
        /// upper-case letter of an acronym when a lower-case letter follows it (<c>HTTPTimeout</c> →
        /// <c>http_timeout</c>). Digits stay with the word before them (<c>Layer2Units</c> → <c>layer2_units</c>).
        /// Existing underscores are kept and never doubled. Letters are lower-cased with the invariant culture.
        /// </remarks>
        public static string ToSnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                char current = name[i];
                if (i > 0 && char.IsUpper(current) && StartsWord(name, i))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(current));
            }

            return builder.ToString();
        }

        private static bool StartsWord(string name, int index)
        {
            char previous = name[index - 1];
            if (previous == '_')
            {
                return false;
            }

            if (char.IsLower(previous) || char.IsDigit(previous))
            {
                return true;
            }

            bool nextIsLower = index + 1 < name.Length && char.IsLower(name[index + 1]);
            return char.IsUpper(previous) && nextIsLower;
        }
    }
}
