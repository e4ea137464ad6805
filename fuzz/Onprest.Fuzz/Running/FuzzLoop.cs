using System.Diagnostics;

namespace Onprest.Fuzz.Running;

/// <summary>
/// Runs one property over generated inputs: each input is checked, timed, and any exception the property did not
/// expect is a finding. Time is judged generously and only after a re-run, because the runner is meant to share a
/// busy machine at the lowest priority: an input counts as slow only when its fastest of three runs is over the limit.
/// </summary>
public static class FuzzLoop
{
    public static void Run<T>(
        FuzzReport report,
        long iterations,
        Func<Random, T> generate,
        Action<T, FuzzReport> check,
        Func<T, string> describe,
        TimeSpan perInputLimit)
    {
        var random = new Random(report.Seed);
        for (long i = 0; i < iterations; i++)
        {
            var input = generate(random);
            var elapsed = Timed(input, check, report, describe);
            report.CountInput();
            if (elapsed > perInputLimit)
            {
                var confirmed = Math.Min(Timed(input, check, report, describe, quiet: true).Ticks, Timed(input, check, report, describe, quiet: true).Ticks);
                elapsed = TimeSpan.FromTicks(Math.Min(elapsed.Ticks, confirmed));
                if (elapsed > perInputLimit)
                {
                    report.Fail($"slow: {elapsed.TotalMilliseconds:0} ms for one input (limit {perInputLimit.TotalMilliseconds:0} ms)", describe(input));
                }
            }

            if (elapsed > report.Slowest)
            {
                report.Slowest = elapsed;
            }
        }

        report.Stop();
    }

    private static TimeSpan Timed<T>(T input, Action<T, FuzzReport> check, FuzzReport report, Func<T, string> describe, bool quiet = false)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            check(input, quiet ? new FuzzReport(report.Target, report.Seed) : report);
        }
        catch (Exception ex)
        {
            if (!quiet)
            {
                report.Fail($"unexpected {ex.GetType().Name}: {ex.Message.Split('\n')[0]}", describe(input));
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
