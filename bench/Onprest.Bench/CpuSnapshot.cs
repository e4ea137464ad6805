using System.Globalization;

namespace Onprest.Bench;

/// <summary>
/// The machine's and some processes' CPU time at one instant, read from <c>/proc</c> (Linux): the whole machine's busy
/// and idle time, each observed process's time, and the sum over every PostgreSQL process (the server's backends work
/// for whichever path is measured). Two snapshots around a measured window give where the CPU went.
/// </summary>
internal sealed record CpuSnapshot(long MachineBusyTicks, long MachineTotalTicks, long[] ProcessTicks, long PostgresTicks)
{
    /// <summary>Clock ticks per second of <c>/proc</c> times (USER_HZ; 100 on every Linux distribution we run on).</summary>
    public const double TicksPerSecond = 100;

    public static CpuSnapshot Take(IReadOnlyList<int> processIds)
    {
        var (busy, total) = Machine();
        return new CpuSnapshot(busy, total, processIds.Select(ReadProcessTicks).ToArray(), ReadPostgresTicks());
    }

    /// <summary>The CPU used between two snapshots, in seconds, and the machine's idle share.</summary>
    public static CpuWindow Between(CpuSnapshot before, CpuSnapshot after)
    {
        var total = Math.Max(1, after.MachineTotalTicks - before.MachineTotalTicks);
        var busy = after.MachineBusyTicks - before.MachineBusyTicks;
        return new CpuWindow(
            Processes: after.ProcessTicks.Select((t, i) => (t - before.ProcessTicks[i]) / TicksPerSecond).ToArray(),
            Postgres: (after.PostgresTicks - before.PostgresTicks) / TicksPerSecond,
            MachineBusy: busy / TicksPerSecond,
            IdleShare: 1 - (double)busy / total);
    }

    private static (long Busy, long Total) Machine()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    /// <summary>utime + stime of one process, 0 when it is gone.</summary>
    private static long ReadProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long ReadPostgresTicks()
    {
        long sum = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd() == "postgres")
                {
                    sum += ReadProcessTicks(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return sum;
    }
}

/// <summary>CPU seconds each observed process and PostgreSQL used in a window, the machine's busy seconds and idle share.</summary>
internal sealed record CpuWindow(double[] Processes, double Postgres, double MachineBusy, double IdleShare);
