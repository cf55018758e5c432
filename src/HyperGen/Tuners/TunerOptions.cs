using System;
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
    /// Whether to delete the study's stored trials and saved weights and start over. When false (the default), an
    /// existing study is resumed: its finished trials are kept, the oracle continues from them, and trials that were
    /// interrupted run again, until the budget is reached across all runs.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Where the study is stored, or null for an SQLite file <c>study.db</c> in the project folder. Pass an
    /// <see cref="InMemoryStudyStorage"/> to keep nothing on disk. The tuner does not dispose a storage passed here.
    /// </summary>
    public IStudyStorage? Storage { get; init; }

    /// <summary>The study's name in the storage; <see cref="ProjectName"/> when null.</summary>
    public string? StudyName { get; init; }

    /// <summary>
    /// Whether to resume a study whose search space or oracle settings differ from the stored ones, replacing them.
    /// When false (the default), such a resume stops with a <see cref="StudyChangedException"/> that lists the
    /// differences. When the oracle settings changed, the oracle starts its plan afresh (Hyperband from its first
    /// bracket), and the stored trials are kept and count as tried.
    /// </summary>
    public bool AcceptChangedStudy { get; init; }

    /// <summary>
    /// How many more times a trial runs after it fails (Build or Fit threw, or the objective was NaN) or after its
    /// worker died. 0 by default: a failed trial stays failed.
    /// </summary>
    public int MaxRetriesPerTrial { get; init; }

    /// <summary>
    /// How long a running trial stays reserved for its worker without a heartbeat; the heartbeat renews it every
    /// quarter of this. When it expires, because the worker's process died, another worker takes the trial back.
    /// One minute by default; at least one second.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a storage transaction waits for another process's; 30 seconds by default.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times each trial is built and fitted; the metrics are averaged. At least 1.</summary>
    public int ExecutionsPerTrial { get; init; } = 1;

    /// <summary>How many trials may fail in a row before the search stops with an error. At least 1.</summary>
    public int MaxConsecutiveFailedTrials { get; init; } = 3;

    /// <summary>How many trials run at once in this process. At least 1.</summary>
    public int ParallelTrials { get; init; } = 1;

    /// <summary>Where log messages go; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
