using System.Globalization;
using Microsoft.Extensions.Logging;

namespace HyperGen.StudyWorker;

/// <summary>
/// The per-process record that the tests read: one line per event, written to the log file and to standard output,
/// and flushed before the call returns so that a killed process loses at most the line it was writing.
/// </summary>
/// <remarks>
/// Lines are <c>ready PID</c>, <c>started TRIAL ATTEMPT</c> when Fit begins, <c>fitted TRIAL</c> when it returns,
/// <c>completed TRIAL SCORE</c> after the tuner stored the result (read from the tuner's log), <c>lost TRIAL</c> when
/// another worker had taken the trial over, <c>holding</c> when the worker stops working (see
/// <see cref="TrialLogProvider"/>), <c>cancelled</c> when the search was cancelled, and <c>exited REASON</c> with the
/// oracle's stop reason when the search returned.
/// </remarks>
internal sealed class TrialLog : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _file;

    public TrialLog(string path)
    {
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
    }

    public void Write(string kind, params object?[] values)
    {
        var texts = values.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture));
        string line = string.Join(' ', texts.Prepend(kind));
        lock (_gate)
        {
            _file.WriteLine(line);
            _file.Flush();
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>
/// Turns the tuner's "trial completed" and "lease lost" log events into <see cref="TrialLog"/> lines, and echoes
/// warnings and errors to standard error.
/// </summary>
/// <remarks>
/// When <c>holdAfter</c> is set, the search thread that logs that many completed trials blocks inside the logger
/// and writes <c>holding</c>. The tuner logs a completed trial right after storing it, so a test that kills the
/// worker then kills it between a stored result and the next claim, however late the kill comes.
/// </remarks>
internal sealed class TrialLogProvider(TrialLog log, int? holdAfter) : ILoggerProvider, ILogger
{
    private const int TrialCompletedEventId = 3;
    private const int LeaseLostEventId = 15;

    private int _completed;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == TrialCompletedEventId)
        {
            log.Write("completed", TrialNumber(state), Property(state, "Score"));
            if (Interlocked.Increment(ref _completed) == holdAfter)
            {
                log.Write("holding");
                Thread.Sleep(Timeout.Infinite);
            }
        }
        else if (eventId.Id == LeaseLostEventId)
        {
            log.Write("lost", TrialNumber(state));
        }

        if (logLevel >= LogLevel.Warning)
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }

    private static int TrialNumber<TState>(TState state) =>
        int.Parse(Convert.ToString(Property(state, "TrialId"), CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);

    private static object? Property<TState>(TState state, string name) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> properties
            ? properties.FirstOrDefault(pair => pair.Key == name).Value
            : throw new InvalidOperationException($"The log event has no structured properties, so its {name} is unknown.");
}
