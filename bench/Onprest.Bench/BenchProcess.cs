using System.Diagnostics;
using System.Globalization;

namespace Onprest.Bench;

/// <summary>
/// A child process of the benchmark. Its stdout and stderr go straight into a file: the kernel writes them within the
/// child's own system calls and nothing on the measured cores reads them line by line. (Until 2026-12-05 the harness
/// read them through a pipe, one .NET event per line; for the gateway's request log that cost about 150 µs of CPU per
/// request — the "foreign" share of the earlier figures.) The first lines are read back from the file as they arrive,
/// with the time each arrived (the phases of a start), and the last ones when something failed.
/// </summary>
internal sealed class BenchProcess : IAsyncDisposable
{
    private const int FirstLinesKept = 50;
    private static int s_started;
    private readonly Process _process;
    private readonly string _log;
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string Line)> _first = [];
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly Task _following;

    private BenchProcess(Process process, string log)
    {
        _process = process;
        _log = log;
        _following = FollowAsync(_stopFollowing.Token);
    }

    public int Id => _process.Id;

    /// <summary>The last 20 lines the process wrote.</summary>
    public string Tail
    {
        get
        {
            try
            {
                using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(Math.Max(0, stream.Length - 16_384), SeekOrigin.Begin);
                var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return string.Join('\n', lines.TakeLast(20));
            }
            catch (IOException)
            {
                return "";
            }
        }
    }

    /// <summary>When the first of the first 50 lines containing <paramref name="text"/> arrived, after the start.</summary>
    public TimeSpan? FirstSeen(string text)
    {
        lock (_first)
        {
            return _first.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)) is { Line: not null } seen ? seen.At : null;
        }
    }

    public static BenchProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var log = Path.Combine(Path.GetTempPath(), $"onprest-bench-{Environment.ProcessId}-{Interlocked.Increment(ref s_started)}-{Path.GetFileName(file)}.log");

        // The shell only redirects and then becomes the program (exec): the process id, its CPU time and its signals
        // are the program's own.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "log=$1; shift; exec \"$@\" >\"$log\" 2>&1", "sh", log, file])
        {
            info.ArgumentList.Add(argument);
        }

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
        return new BenchProcess(process, log);
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
        await _stopFollowing.CancelAsync();
        await _following;
        _process.Dispose();
        File.Delete(_log);
    }

    /// <summary>Reads the first lines from the log as they are written (every 10 ms), then stops.</summary>
    private async Task FollowAsync(CancellationToken stop)
    {
        var pending = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (!File.Exists(_log))
            {
                await Task.Delay(10, stop);
            }

            await using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            while (true)
            {
                var read = await stream.ReadAsync(chunk, stop);
                if (read == 0)
                {
                    await Task.Delay(10, stop);
                    continue;
                }

                var at = _sinceStart.Elapsed;
                for (var i = 0; i < read; i++)
                {
                    if (chunk[i] != (byte)'\n')
                    {
                        pending.Add(chunk[i]);
                        continue;
                    }

                    lock (_first)
                    {
                        _first.Add((at, System.Text.Encoding.UTF8.GetString(pending.ToArray())));
                        if (_first.Count >= FirstLinesKept)
                        {
                            return;
                        }
                    }

                    pending.Clear();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
