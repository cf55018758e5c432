using Microsoft.Extensions.Logging;

namespace HyperGen;

/// <summary>Settings of a <see cref="Tuner{TModel}"/>.</summary>
public sealed class TunerOptions
{
    /// <summary>The folder that contains projects; the current folder by default.</summary>
    public string Directory { get; init; } = ".";

    /// <summary>The project's folder name inside <see cref="Directory"/>; a plain name, no path separators.</summary>
    public string ProjectName { get; init; } = "untitled_project";

    /// <summary>
    /// Whether to delete an existing project's results and start over. When false, a project folder that already
    /// contains results is left untouched and the search does not start.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>How many times each trial is built and fitted; the metrics are averaged. At least 1.</summary>
    public int ExecutionsPerTrial { get; init; } = 1;

    /// <summary>How many trials may fail in a row before the search stops with an error. At least 1.</summary>
    public int MaxConsecutiveFailedTrials { get; init; } = 3;

    /// <summary>How many trials run at once in this process. At least 1.</summary>
    public int ParallelTrials { get; init; } = 1;

    /// <summary>Where log messages go; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
