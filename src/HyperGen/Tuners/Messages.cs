using System.Globalization;

namespace HyperGen;

/// <summary>Small helpers that keep composed error messages grammatical.</summary>
internal static class Messages
{
    /// <summary>
    /// Returns <paramref name="text"/> trimmed and ending with a full stop, so that another sentence can follow it.
    /// </summary>
    public static string Sentence(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }

        char last = trimmed[^1];
        return last is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    /// <summary>Formats a count with its noun, such as <c>1 trial</c> or <c>3 trials</c>.</summary>
    public static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
