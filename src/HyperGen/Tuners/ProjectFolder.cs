using System;
using System.IO;

namespace HyperGen;

/// <summary>
/// A project's folder, <c>directory/projectName</c>: the study database <c>study.db</c> (unless another storage is
/// given) and one <c>trial_ID</c> folder per trial with the weights it saved.
/// </summary>
internal sealed class ProjectFolder
{
    public ProjectFolder(string directory, string projectName)
    {
        ValidateProjectName(projectName);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException(
                "TunerOptions.Directory is empty. Set it to the folder that should hold the project, such as \".\" or \"runs\".",
                nameof(directory));
        }

        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, projectName));
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "study.db");

    public string TrialDirectory(Trial trial) => System.IO.Path.Combine(Path, "trial_" + trial.Id);

    public string ModelPath(Trial trial) => System.IO.Path.Combine(TrialDirectory(trial), "model.bin");

    /// <summary>Creates the folder, or explains why it cannot.</summary>
    /// <exception cref="StudyStorageException">The folder cannot be created or written.</exception>
    public void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(Path);
            string probe = System.IO.Path.Combine(Path, ".write-test-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string? file = FileInPath(Path);
            string reason = file is not null
                ? $"'{file}' is a file, so no folder can be created under it."
                : Messages.Sentence(ex.Message);
            throw new StudyStorageException(
                $"Cannot write to the project folder '{Path}': {reason} " +
                "Choose a Directory that is a writable folder, and check that its disk has free space.",
                ex);
        }
    }

    /// <summary>Returns the first part of <paramref name="path"/> that exists as a file, or null when none does.</summary>
    private static string? FileInPath(string path)
    {
        for (string? current = path; !string.IsNullOrEmpty(current); current = System.IO.Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    private static void ValidateProjectName(string projectName)
    {
        if (string.IsNullOrWhiteSpace(projectName))
        {
            throw new ArgumentException("ProjectName is empty. Give the project a folder name such as \"digits\".", nameof(projectName));
        }

        // Separators are rejected, so only a name that is exactly "." or ".." leaves Directory, and "a..b" stays inside.
        char[] separators = [System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar, '/', '\\'];
        bool invalid = projectName.IndexOfAny(separators) >= 0
            || projectName.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0
            || projectName.Trim() is "." or "..";
        if (invalid)
        {
            throw new ArgumentException(
                $"ProjectName \"{projectName}\" is not a plain folder name (it contains a path separator or an invalid character, or it is '.' or '..'). " +
                "Put the parent folders in Directory and use a plain name such as \"digits\".",
                nameof(projectName));
        }
    }
}
