using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace HyperGen;

/// <summary>
/// Writes the trials of a study as CSV, one row per trial, or as JSON, one object per trial with everything the
/// storage stores about it. Both formats use the invariant culture, and the same trials always give the same text.
/// Streams and files are written in UTF-8 without a byte order mark.
/// </summary>
/// <remarks>
/// <para>CSV follows RFC 4180: records end with CRLF, and a field that contains a comma, a double quote, CR or LF is
/// enclosed in double quotes, with each double quote doubled. The columns are, in this order: <c>number</c>,
/// <c>status</c>, <c>score</c>, one <c>param_NAME</c> column per parameter, one <c>metric_NAME</c> column per metric,
/// <c>attempts</c>, <c>started_at</c>, <c>ended_at</c>, <c>duration_seconds</c> and <c>error</c>. Parameters and
/// metrics are the union over all trials, in the order they first appear when the trials are read in the given
/// order. A parameter that is inactive in a trial, a missing score and an unfinished trial's end are empty fields,
/// so an inactive parameter and an empty string value look the same; the JSON keeps them apart.</para>
/// <para>Numbers are written so that parsing them gives the same <see cref="double"/> back; NaN and the infinities
/// are written as <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>. Booleans are <c>true</c> and <c>false</c>, and
/// timestamps are ISO 8601 in UTC (<c>2026-01-31T12:00:00.0000000+00:00</c>).</para>
/// <para>JSON writes each parameter with its type: an int as an integer (<c>3</c>), a double always with a fraction
/// or exponent (<c>3.0</c>, <c>1E-05</c>), a boolean as <c>true</c> or <c>false</c>, a string as a string. NaN and
/// the infinities, which JSON numbers cannot express, are written as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>.</para>
/// </remarks>
public static class StudyExport
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="trials"/> as CSV to <paramref name="writer"/>.</summary>
    public static void WriteCsv(IReadOnlyList<StoredTrial> trials, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(writer);
        StudyCsvFormat.Write(trials, writer);
    }

    /// <summary>Writes <paramref name="trials"/> as UTF-8 CSV to <paramref name="stream"/>, leaving it open.</summary>
    public static void WriteCsv(IReadOnlyList<StoredTrial> trials, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, s_utf8, leaveOpen: true);
        WriteCsv(trials, writer);
    }

    /// <summary>
    /// Writes <paramref name="trials"/> as UTF-8 CSV to the file at <paramref name="path"/>, creating its folder when
    /// missing. The file is written under a temporary name and then renamed, so a reader never sees half of it and an
    /// existing file is replaced only when the new one is complete.
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public static void WriteCsv(IReadOnlyList<StoredTrial> trials, string path)
    {
        ArgumentNullException.ThrowIfNull(trials);
        WriteAtomically(path, stream => WriteCsv(trials, stream));
    }

    /// <summary>Writes <paramref name="trials"/> as an indented JSON array to <paramref name="writer"/>.</summary>
    public static void WriteJson(IReadOnlyList<StoredTrial> trials, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        StudyJsonFormat.Write(trials, buffer);
        writer.Write(s_utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Writes <paramref name="trials"/> as an indented UTF-8 JSON array to <paramref name="stream"/>, leaving it open.</summary>
    public static void WriteJson(IReadOnlyList<StoredTrial> trials, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(stream);
        StudyJsonFormat.Write(trials, stream);
    }

    /// <summary>
    /// Writes <paramref name="trials"/> as an indented UTF-8 JSON array to the file at <paramref name="path"/>, in
    /// the same way as <see cref="WriteCsv(IReadOnlyList{StoredTrial}, string)"/>: under a temporary name, then renamed.
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public static void WriteJson(IReadOnlyList<StoredTrial> trials, string path)
    {
        ArgumentNullException.ThrowIfNull(trials);
        WriteAtomically(path, stream => WriteJson(trials, stream));
    }

    /// <summary>Formats a double so that parsing it gives the same value back, and NaN and the infinities by name.</summary>
    internal static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a timestamp as ISO 8601 in UTC, with seven fraction digits.</summary>
    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The seconds from a trial's start to its end, or null while it has not ended.</summary>
    internal static double? DurationSeconds(StoredTrial trial) =>
        trial.EndedAt.HasValue ? (trial.EndedAt.Value - trial.StartedAt).TotalSeconds : null;

    /// <summary>The status as the storage writes it: the lower-case enum name, such as <c>completed</c>.</summary>
    internal static string FormatStatus(TrialStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// Writes a file beside its destination under a unique temporary name, flushes it to the disk, and renames it
    /// over the destination. The temporary file is deleted when writing fails.
    /// </summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than a leftover temporary file, which a later export does not reuse.
        }
    }
}
