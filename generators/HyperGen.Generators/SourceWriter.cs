using System.Text;

namespace HyperGen.Generators
{
    /// <summary>
    /// Builds generated source line by line with four-space indentation and <c>\n</c> line endings on every
    /// platform, so that the output is byte-for-byte deterministic.
    /// </summary>
    internal sealed class SourceWriter
    {
        private const int IndentSize = 4;

        private readonly StringBuilder _builder = new();
        private int _indentLevel;

        /// <summary>Writes one line at the current indentation, without trailing spaces on an empty line.</summary>
        public void WriteLine(string line)
        {
            if (line.Length > 0)
            {
                _builder.Append(' ', _indentLevel * IndentSize).Append(line);
            }

            _builder.Append('\n');
        }

        /// <summary>Writes an empty line.</summary>
        public void WriteLine() => _builder.Append('\n');

        /// <summary>Writes each line of a multi-line text, such as a raw string, at the current indentation.</summary>
        public void WriteLines(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                WriteLine(line);
            }
        }

        /// <summary>Writes <c>{</c> and indents the lines that follow.</summary>
        public void OpenBlock()
        {
            WriteLine("{");
            _indentLevel++;
        }

        /// <summary>Removes one indentation level and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
        public void CloseBlock(string suffix = "")
        {
            _indentLevel--;
            WriteLine("}" + suffix);
        }

        /// <summary>Indents the lines that follow by one more level.</summary>
        public void Indent() => _indentLevel++;

        /// <summary>Removes one indentation level.</summary>
        public void Unindent() => _indentLevel--;

        /// <summary>Returns the text written so far.</summary>
        public override string ToString() => _builder.ToString();
    }
}
