using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace HyperGen.Tests;

/// <summary>
/// One running HyperGen.StudyWorker process: starts it with <c>dotnet</c>, collects its output lines, waits for a
/// line or for its exit, and kills it. Disposing kills a process that is still running.
/// </summary>
internal sealed class StudyWorkerProcess : IDisposable
{
    private static readonly string WorkerPath = typeof(StudyWorkerProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "StudyWorkerPath").Value!;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _errors = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private StudyWorkerProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    /// <summary>The file that the worker appends its trial lines to.</summary>
    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>What the worker wrote to standard error so far, for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The worker's state, log lines and errors, for failure messages.</summary>
    public string Describe()
    {
        string state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        string log = File.Exists(LogPath) ? string.Join(" | ", File.ReadAllLines(LogPath)) : "no log";
        return $"Study worker {Id} {state}; log: {log}; errors: {Errors}";
    }

    /// <summary>Starts a worker on the study <paramref name="project"/> in <paramref name="directory"/>.</summary>
    public static StudyWorkerProcess Start(string directory, string project, string logPath, params string[] options)
    {
        if (!File.Exists(WorkerPath))
        {
            throw new FileNotFoundException($"The study worker is missing at {WorkerPath}. Build tests/HyperGen.StudyWorker first.", WorkerPath);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [WorkerPath, "--directory", directory, "--project", project, "--log", logPath, .. options];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var worker = new StudyWorkerProcess(process, logPath);
        process.OutputDataReceived += (_, e) => worker.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>
    /// Waits until the worker has written <paramref name="count"/> lines that match <paramref name="match"/>, counting
    /// lines written before the call. Returns false when the worker exits first or the timeout passes.
    /// </summary>
    /// <remarks>The wait is asynchronous because the output arrives on thread-pool threads, which a blocked test
    /// thread would hold up on a machine with few cores.</remarks>
    public async Task<bool> WaitForLinesAsync(Func<string, bool> match, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (CountLines(match) >= count)
            {
                return true;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                return CountLines(match) >= count;
            }

            await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(50));
        }

        return false;
    }

    /// <summary>Kills the worker and its children, and waits until it is gone. Returns false when it had already exited.</summary>
    public bool Kill()
    {
        bool wasRunning = !_process.HasExited;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        return wasRunning;
    }

    /// <summary>Pauses the worker with SIGSTOP, as a debugger, a swapped-out machine or a long GC pause would.</summary>
    /// <exception cref="PlatformNotSupportedException">The system is not Linux or macOS.</exception>
    public void Suspend() => Signal(OperatingSystem.IsMacOS() ? 17 : 19);

    /// <summary>Lets a suspended worker run on with SIGCONT.</summary>
    public void Resume() => Signal(OperatingSystem.IsMacOS() ? 19 : 18);

    /// <summary>Waits for the worker to exit by itself and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still ran after <paramref name="timeout"/>; it is killed.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Study worker {Id} still ran after {timeout.TotalSeconds} s and was killed. Its errors: {Errors}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>The lines of the worker's log file, parsed.</summary>
    public IReadOnlyList<WorkerLine> ReadLog() => File.ReadAllLines(LogPath).Select(WorkerLine.Parse).ToArray();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Signal(int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("Pausing a process with a signal needs Linux or macOS.");
        }

        if (SendSignal(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    private int CountLines(Func<string, bool> match)
    {
        lock (_lines)
        {
            return _lines.Count(match);
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _lineArrived.Release();
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.AppendLine(line);
        }
    }
}

/// <summary>
/// One line of a study worker's log: a kind (ready, started, fitted, completed, lost, holding, cancelled, exited)
/// and its values.
/// </summary>
internal sealed record WorkerLine(string Kind, IReadOnlyList<string> Values)
{
    /// <summary>The trial number of a started, fitted, completed or lost line.</summary>
    public int Trial => int.Parse(Values[0], CultureInfo.InvariantCulture);

    /// <summary>The stored score of a completed line.</summary>
    public double Score => double.Parse(Values[1], NumberStyles.Float, CultureInfo.InvariantCulture);

    public static WorkerLine Parse(string line)
    {
        string[] parts = line.Split(' ');
        return new WorkerLine(parts[0], parts[1..]);
    }

    public override string ToString() => string.Join(' ', Values.Prepend(Kind));
}
