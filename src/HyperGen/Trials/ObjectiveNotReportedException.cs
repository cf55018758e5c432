using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Thrown when <c>Fit</c> returns metrics that do not include the objective. The search stops, since every later
/// trial would fail in the same way.
/// </summary>
public sealed class ObjectiveNotReportedException : InvalidOperationException
{
    /// <summary>Creates the exception for an objective and the metric names that were reported.</summary>
    public ObjectiveNotReportedException(string objectiveName, IReadOnlyList<string> reportedMetrics)
        : base(BuildMessage(objectiveName, reportedMetrics))
    {
        ObjectiveName = objectiveName;
        ReportedMetrics = reportedMetrics;
    }

    /// <summary>The objective that was expected.</summary>
    public string ObjectiveName { get; }

    /// <summary>The metric names Fit did report.</summary>
    public IReadOnlyList<string> ReportedMetrics { get; }

    private static string BuildMessage(string objectiveName, IReadOnlyList<string> reportedMetrics)
    {
        string reported = reportedMetrics.Count == 0 ? "no metrics" : string.Join(", ", reportedMetrics.Select(name => "\"" + name + "\""));
        return $"Fit did not report the objective \"{objectiveName}\"; it reported {reported}. " +
            "Set the objective to one of the reported metrics, or make Fit report it.";
    }
}
