using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Onprest.Bench;

/// <summary>
/// Drives one path with wrk (a native, event-driven load generator: one thread, keep-alive connections, closed loop)
/// through <c>bench/wrk/post.lua</c>, and samples the machine's and the serving processes' CPU over the same window.
/// wrk runs under bash so that its own CPU time (bash's <c>times</c>) is reported beside everyone else's.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class WrkClient
{
    /// <param name="observed">The processes that serve the path (the baseline, or the gateway and the agent).</param>
    /// <param name="failure">A text that marks a failed answer with status 200, or null to judge by status alone.</param>
    public static async Task<LoadSample> RunAsync(Uri url, string bodyTemplate, string? authorization, bool mcp, string? failure, int connections, TimeSpan duration, IReadOnlyList<BenchProcess> observed)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", "wrk \"$@\"; status=$?; times; exit $status", "wrk",
            "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{duration.TotalSeconds:F0}s", "--timeout", "10s", "-s", WrkScript, url.ToString(),
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["BENCH_BODY"] = bodyTemplate;
        info.Environment["BENCH_AUTH"] = authorization ?? "";
        info.Environment["BENCH_MCP"] = mcp ? "1" : "0";
        info.Environment["BENCH_FAILURE"] = failure ?? "";
        info.Environment["BENCH_CUSTOMERS"] = LoadBenchmark.Customers.ToString(CultureInfo.InvariantCulture);

        var pids = observed.Select(p => p.Id).ToArray();
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        var before = CpuSnapshot.Take(pids);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        var after = CpuSnapshot.Take(pids);
        var window = clock.Elapsed.TotalSeconds;
        await wrk.WaitForExitAsync();
        var text = await output;
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {await errors}\n{text}");
        }

        var resultLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH_RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{text}");
        using var json = JsonDocument.Parse(resultLine["BENCH_RESULT ".Length..]);
        var r = json.RootElement;
        long Get(string name) => r.GetProperty(name).GetInt64();

        var requests = Get("requests");
        var requestsPerSecond = requests / (Get("duration_us") / 1e6);
        var cpu = CpuSnapshot.Between(before, after);
        var wrkSeconds = WrkCpuSeconds(text);
        double PerRequest(double seconds, double over) => seconds / over / requestsPerSecond * 1e6;
        var accounted = cpu.Processes.Sum() + cpu.Postgres + wrkSeconds * window / (Get("duration_us") / 1e6);
        var foreign = Math.Max(0, cpu.MachineBusy - accounted) / (window * Environment.ProcessorCount);
        return new LoadSample(
            requestsPerSecond,
            Get("p50_us") / 1000.0,
            Get("p99_us") / 1000.0,
            Get("socket_errors") + Get("status_errors") + Get("failed"),
            requests,
            cpu.Processes.Select(s => PerRequest(s, window)).ToArray(),
            PerRequest(cpu.Postgres, window),
            PerRequest(wrkSeconds, Get("duration_us") / 1e6),
            cpu.IdleShare,
            foreign);
    }

    private static string WrkScript => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "wrk", "post.lua"));

    /// <summary>The children's user and system time from bash's <c>times</c> (its second line: "0m1.234s 0m0.567s").</summary>
    private static double WrkCpuSeconds(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var children = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Sum(Seconds);

        static double Seconds(string value)
        {
            var m = value.IndexOf('m');
            return int.Parse(value[..m], CultureInfo.InvariantCulture) * 60 + double.Parse(value[(m + 1)..^1], CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// One measured slice of one path: throughput, wrk's latency percentiles (ms), failed answers, and CPU per request (µs)
/// of each serving process, of PostgreSQL and of wrk, with the machine's idle share and the share of CPU that none of
/// them used (another tenant, the benchmark itself) during the slice.
/// </summary>
internal sealed record LoadSample(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Requests, double[] CpuMicrosPerRequest, double PostgresMicrosPerRequest, double WrkMicrosPerRequest, double IdleShare, double ForeignShare);

/// <summary>One path at one connection count: the median of its interleaved slices for every figure, errors summed.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Requests, double[] CpuMicrosPerRequest, double PostgresMicrosPerRequest, double WrkMicrosPerRequest, double IdleShare, double ForeignShare)
{
    public static LoadResult Of(IReadOnlyList<LoadSample> slices)
    {
        double Median(Func<LoadSample, double> value)
        {
            var sorted = slices.Select(value).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return new LoadResult(
            Median(s => s.RequestsPerSecond), Median(s => s.P50Ms), Median(s => s.P99Ms),
            slices.Sum(s => s.Errors), slices.Sum(s => s.Requests),
            Enumerable.Range(0, slices[0].CpuMicrosPerRequest.Length).Select(i => Median(s => s.CpuMicrosPerRequest[i])).ToArray(),
            Median(s => s.PostgresMicrosPerRequest), Median(s => s.WrkMicrosPerRequest), Median(s => s.IdleShare), Median(s => s.ForeignShare));
    }
}
