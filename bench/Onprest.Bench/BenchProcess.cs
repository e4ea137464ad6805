using System.Diagnostics;
using System.Globalization;

namespace Onprest.Bench;

/// <summary>
/// A child process of the benchmark, its output discarded except the last lines kept for errors and the first lines
/// with the time each arrived (the phases of a start).
/// </summary>
internal sealed class BenchProcess : IAsyncDisposable
{
    private const int FirstLinesKept = 50;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string Line)> _first = [];

    private BenchProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>When the first of the first 50 lines containing <paramref name="text"/> arrived, after the start.</summary>
    public TimeSpan? FirstSeen(string text)
    {
        lock (_tail)
        {
            return _first.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)) is { Line: not null } seen ? seen.At : null;
        }
    }

    public static BenchProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var host = new BenchProcess(process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set size (VmHWM) in MiB, Linux only; null elsewhere.</summary>
    public double? PeakResidentMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no chance to clean up (a lost agent).</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: the program's own clean stop (an agent drains).</summary>
    public void Terminate() => _ = SendSignal(_process.Id, 15);

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            if (_first.Count < FirstLinesKept)
            {
                _first.Add((_sinceStart.Elapsed, line));
            }

            _tail.Enqueue(line);
            while (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }
}
