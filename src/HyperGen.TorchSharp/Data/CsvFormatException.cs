using System;

namespace HyperGen.TorchSharp;

/// <summary>Thrown when a CSV file does not hold a header row followed by rows of numbers.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for a position in a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The line number, from 1.</param>
    /// <param name="column">The column name, or null when the whole line is invalid.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public CsvFormatException(string path, int line, string? column, string message)
        : base(message)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The file that failed to parse.</summary>
    public string Path { get; }

    /// <summary>The line number of the invalid row, from 1 (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The name of the column of the invalid cell, or null when the whole line is invalid.</summary>
    public string? Column { get; }
}
