using System.Text;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;

namespace HyperGen.Generators
{
    /// <summary>Formats model values as C# source text.</summary>
    internal static class CSharpLiterals
    {
        /// <summary>
        /// Formats a constant as a literal of its type: strings quoted and escaped (quotes, backslashes, control and
        /// other non-printable characters), ints as invariant digits, doubles in round-trip form with a decimal point
        /// or exponent so that they stay doubles (<c>1.0</c>, <c>1E-05</c>), and bools as <c>true</c>/<c>false</c>.
        /// </summary>
        public static string Format(ConstantInfo constant) => constant.Kind switch
        {
            ValueKind.String => String(constant.Text),
            ValueKind.Double => Double(constant.Text),
            _ => constant.Text,
        };

        /// <summary>Formats a string as an escaped, quoted C# literal.</summary>
        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>Escapes text for an XML documentation comment.</summary>
        public static string XmlText(string value) =>
            new StringBuilder(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ToString();

        /// <summary>Returns the C# keyword of a value type.</summary>
        public static string TypeKeyword(ValueKind kind) => kind switch
        {
            ValueKind.String => "string",
            ValueKind.Int => "int",
            ValueKind.Double => "double",
            _ => "bool",
        };

        /// <summary>
        /// Turns invariant round-trip text of a double into a double literal. The rules reject non-finite bounds and
        /// fixed values, but a choice may still list <c>double.NaN</c>.
        /// </summary>
        private static string Double(string roundTrip)
        {
            switch (roundTrip)
            {
                case "NaN":
                    return "double.NaN";
                case "Infinity":
                    return "double.PositiveInfinity";
                case "-Infinity":
                    return "double.NegativeInfinity";
            }

            bool hasPointOrExponent = roundTrip.IndexOf('.') >= 0 || roundTrip.IndexOf('E') >= 0;
            return hasPointOrExponent ? roundTrip : roundTrip + ".0";
        }
    }
}
