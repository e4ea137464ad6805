using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Onprest.Bench;

/// <summary>A closed-loop load generator: <c>connections</c> workers, each sending its next request when the last one answered.</summary>
internal static class LoadClient
{
    /// <param name="observed">Processes whose CPU time is sampled at the start and the end of the measured window.</param>
    public static async Task<LoadSample> RunAsync(Uri url, Func<Random, string> body, string? apiKey, bool mcp, int connections, TimeSpan warmup, TimeSpan duration, IReadOnlyList<BenchProcess> observed)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        var cpu = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            var before = observed.Select(p => p.CpuTime()).ToArray();
            await Task.Delay(duration);
            return observed.Select((p, i) => p.CpuTime() - before[i]).ToArray();
        });
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var latencies = new List<long>(100_000);
            var errors = 0;
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= stopAt)
                {
                    break;
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body(random), Encoding.UTF8, "application/json") };
                if (apiKey is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                }

                if (mcp)
                {
                    request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                    request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
                }

                var ok = false;
                try
                {
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    ok = response.IsSuccessStatusCode && text.Contains("\"count\":", StringComparison.Ordinal) && !text.Contains("\"isError\":true", StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                }

                var done = Stopwatch.GetTimestamp();
                if (sent >= measureFrom)
                {
                    latencies.Add(done - sent);
                    if (!ok)
                    {
                        errors++;
                    }
                }
            }

            return (latencies, errors);
        })).ToArray();

        var results = await Task.WhenAll(workers);
        return new LoadSample(results.SelectMany(r => r.latencies).ToArray(), results.Sum(r => r.errors), duration, await cpu);
    }
}

/// <summary>One measured slice: every latency (Stopwatch ticks), failures, the window, and the observed processes' CPU time.</summary>
internal sealed record LoadSample(long[] Latencies, int Errors, TimeSpan Duration, TimeSpan[] Cpu);

/// <summary>
/// One measured run: requests per second, latency percentiles in milliseconds, failed requests, and the CPU time each
/// observed process spent per measured request (µs) — the profile evidence of where a request's cost lands.
/// </summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, int Errors, int Requests, IReadOnlyList<double> CpuMicrosPerRequest)
{
    /// <summary>Merges the slices of one path (the rounds of <see cref="LoadBenchmark"/>) into one result.</summary>
    public static LoadResult Of(IReadOnlyList<LoadSample> slices)
    {
        var all = slices.SelectMany(s => s.Latencies).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        var seconds = slices.Sum(s => s.Duration.TotalSeconds);
        var cpu = Enumerable.Range(0, slices[0].Cpu.Length)
            .Select(i => all.Length == 0 ? double.NaN : slices.Sum(s => s.Cpu[i].TotalMicroseconds) / all.Length)
            .ToArray();
        return new LoadResult(all.Length / seconds, Percentile(0.50), Percentile(0.99), slices.Sum(s => s.Errors), all.Length, cpu);
    }
}
