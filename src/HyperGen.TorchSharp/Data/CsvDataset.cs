using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace HyperGen.TorchSharp;

/// <summary>
/// A table of numbers read from a CSV file with a header row: feature columns and one target column (the last one
/// unless another is named).
/// </summary>
/// <remarks>
/// Cells are separated by commas and parsed with the invariant culture. Fields may be quoted with <c>"</c>, but a
/// field cannot span lines. Blank lines are skipped.
/// </remarks>
public sealed class CsvDataset
{
    private readonly float[] _features;
    private readonly double[] _targets;
    private readonly int[] _lines;

    private CsvDataset(string path, string[] featureNames, string targetName, float[] features, double[] targets, int[] lines)
    {
        Path = path;
        FeatureNames = featureNames;
        TargetName = targetName;
        _features = features;
        _targets = targets;
        _lines = lines;
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>The names of the feature columns, in file order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The name of the target column.</summary>
    public string TargetName { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount => _targets.Length;

    /// <summary>The number of feature columns.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The features of every row, row by row (<see cref="RowCount"/> × <see cref="FeatureCount"/>).</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>The target of every row.</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file; its first non-blank line is the header.</param>
    /// <param name="targetColumn">The name of the target column; the last column when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetColumn"/> is not a column of the file.</exception>
    /// <exception cref="CsvFormatException">
    /// The file has no header or no rows, fewer than two columns, a row with a different number of cells than the
    /// header, or a cell that is not a finite number.
    /// </exception>
    public static CsvDataset Load(string path, string? targetColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CSV file '{path}' was not found.", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path, targetColumn);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/> and names it <paramref name="path"/> in errors.</summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static CsvDataset Parse(TextReader reader, string path, string? targetColumn = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        var (header, headerLine) = ReadHeader(reader, path);
        int targetIndex = FindTargetIndex(header, targetColumn, path);
        string[] featureNames = header.Where((_, index) => index != targetIndex).ToArray();

        var features = new List<float>();
        var targets = new List<double>();
        var lines = new List<int>();
        int lineNumber = headerLine;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = SplitLine(line, path, lineNumber);
            if (cells.Count != header.Length)
            {
                throw new CsvFormatException(
                    path,
                    lineNumber,
                    null,
                    $"{path} line {lineNumber} has {cells.Count} cells, but the header has {header.Length} columns. " +
                    "Every row needs one cell per column.");
            }

            for (int column = 0; column < cells.Count; column++)
            {
                double value = ParseCell(cells[column], path, lineNumber, header[column]);
                if (column == targetIndex)
                {
                    targets.Add(value);
                }
                else
                {
                    features.Add((float)value);
                }
            }

            lines.Add(lineNumber);
        }

        if (targets.Count == 0)
        {
            throw new CsvFormatException(path, lineNumber, null, $"{path} has a header but no data rows.");
        }

        return new CsvDataset(path, featureNames, header[targetIndex], features.ToArray(), targets.ToArray(), lines.ToArray());
    }

    /// <summary>Returns the line number (from 1) that row <paramref name="row"/> (from 0) was read from.</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>
    /// Returns the targets as class labels, for classification.
    /// </summary>
    /// <exception cref="CsvFormatException">A target is not a non-negative integer.</exception>
    public long[] GetClassLabels()
    {
        var labels = new long[_targets.Length];
        for (int row = 0; row < _targets.Length; row++)
        {
            double value = _targets[row];
            if (value < 0 || value != Math.Floor(value) || value > int.MaxValue)
            {
                throw new CsvFormatException(
                    Path,
                    _lines[row],
                    TargetName,
                    $"{Path} line {_lines[row]}, column \"{TargetName}\": " +
                    $"{value.ToString(CultureInfo.InvariantCulture)} is not a class label. " +
                    "Classification targets must be integers from 0; use TaskKind.Regression for real-valued targets.");
            }

            labels[row] = (long)value;
        }

        return labels;
    }

    private static (string[] Header, int Line) ReadHeader(TextReader reader, string path)
    {
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] header = SplitLine(line, path, lineNumber).Select(name => name.Trim()).ToArray();
            if (header.Length < 2)
            {
                throw new CsvFormatException(
                    path,
                    lineNumber,
                    null,
                    $"{path} line {lineNumber}: the header has {header.Length} column, " +
                    "but at least one feature column and a target column are needed.");
            }

            return (header, lineNumber);
        }

        throw new CsvFormatException(path, Math.Max(lineNumber, 1), null, $"{path} is empty, but it needs a header row and data rows.");
    }

    private static int FindTargetIndex(string[] header, string? targetColumn, string path)
    {
        if (targetColumn is null)
        {
            return header.Length - 1;
        }

        int index = Array.IndexOf(header, targetColumn);
        if (index < 0)
        {
            throw new ArgumentException(
                $"The target column \"{targetColumn}\" is not in the header of {path}. Columns: {string.Join(", ", header)}.",
                nameof(targetColumn));
        }

        return index;
    }

    private static double ParseCell(string cell, string path, int line, string column)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        string shown = cell.Length == 0 ? "an empty cell" : $"\"{cell}\"";
        throw new CsvFormatException(
            path,
            line,
            column,
            $"{path} line {line}, column \"{column}\": {shown} is not a finite number. " +
            "Every cell after the header must be a number such as 3 or -0.25.");
    }

    /// <summary>Splits one line into cells. A quoted cell may contain commas, and <c>""</c> inside it is a quote.</summary>
    private static List<string> SplitLine(string line, string path, int lineNumber)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new CsvFormatException(
                path,
                lineNumber,
                null,
                $"{path} line {lineNumber} has a quote that is not closed. A quoted cell must end on the line it starts on.");
        }

        cells.Add(cell.ToString().Trim());

        return cells;
    }
}
