using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>A study as a storage contains it.</summary>
/// <param name="Description">What the study searches and how.</param>
/// <param name="CreatedAt">When the study was created.</param>
/// <param name="Created">True when this call created the study, false when it already existed.</param>
public sealed record StoredStudy(StudyDescription Description, DateTimeOffset CreatedAt, bool Created);

/// <summary>
/// What a study searches and how: the hypermodel, the oracle and its settings, the objective and the search space.
/// Two descriptions with equal <see cref="SpaceHash"/> and <see cref="SettingsHash"/> describe the same search.
/// </summary>
public sealed record StudyDescription
{
    /// <summary>The study's name, unique in its storage.</summary>
    public required string Name { get; init; }

    /// <summary>The hypermodel's name.</summary>
    public required string HyperModel { get; init; }

    /// <summary>The oracle's type name.</summary>
    public required string Oracle { get; init; }

    /// <summary>The seed of the search.</summary>
    public required int Seed { get; init; }

    /// <summary>The objective's name.</summary>
    public required string ObjectiveName { get; init; }

    /// <summary>The objective's direction.</summary>
    public required ObjectiveDirection Direction { get; init; }

    /// <summary>Each parameter of the search space as one line (definition and conditions), in declaration order.</summary>
    public required IReadOnlyList<string> Space { get; init; }

    /// <summary>The oracle's settings by name, values formatted invariantly.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>A SHA-256 of <see cref="Space"/>, in hexadecimal.</summary>
    public string SpaceHash => StudyFingerprint.Hash(Space);

    /// <summary>A SHA-256 of <see cref="Settings"/> (sorted by name) and the objective, in hexadecimal.</summary>
    public string SettingsHash => StudyFingerprint.Hash(StudyFingerprint.SettingLines(this));
}

/// <summary>Thrown when a study that an operation needs does not exist in the storage.</summary>
public sealed class StudyNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyNotFoundException(string studyName, string location)
        : base(
            $"The study '{studyName}' was not found in {location}. Run a search first, or check ProjectName and StudyName. " +
            "A search that started over with Overwrite = true also deletes the study while it runs.")
    {
        StudyName = studyName;
    }

    /// <summary>The study that was not found.</summary>
    public string StudyName { get; }
}

/// <summary>Thrown when a storage cannot read or write; the message names the file and the fix.</summary>
public sealed class StudyStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyStorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
