using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Onprest.Bench;

/// <summary>
/// Two published agents behind one published gateway (docs/agent-pool.md), <c>get_customer</c> at 32 connections:
/// agent A is killed (SIGKILL) and restarted, then agent B is stopped cleanly (SIGTERM) and restarted. Reports the
/// calls that failed around each event, the longest stretch without a successful call, and how long each restarted
/// agent took to rejoin. A failover is about counting, not throughput, so a .NET client that timestamps every call
/// drives it (wrk reports no timeline).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class FailoverBenchmark
{
    private const int Connections = 32;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var gatewayBinary = Path.GetFullPath(Path.Combine(options.Binaries, "onprest-gateway"));
        var agentBinary = Path.GetFullPath(Path.Combine(options.Binaries, "onprest-agent"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        await LoadBenchmark.SeedAsync(options);

        var work = Directory.CreateTempSubdirectory("onprest-failover-").FullName;
        var secrets = new[] { await LoadBenchmark.CreateAgentSecretAsync(gatewayBinary), await LoadBenchmark.CreateAgentSecretAsync(gatewayBinary) };
        var (apiKey, keyEntry) = await LoadBenchmark.CreateKeyAsync(gatewayBinary);
        var port = LoadBenchmark.FreePort();
        var db = new NpgsqlConnectionStringBuilder(options.Postgres);
        await using var gateway = BenchProcess.Start(gatewayBinary, [], new Dictionary<string, string>
        {
            ["GATEWAY_ADDR"] = $"127.0.0.1:{port}",
            ["GATEWAY_AGENT_PUBLIC_KEY"] = string.Join(",", secrets.Select(s => s.PublicKey)),
            ["GATEWAY_API_KEYS_JSON"] = $"[{keyEntry}]",
            ["GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND"] = "1000000",
            ["GATEWAY_RATE_LIMIT_BURST"] = "1000000",
        });
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await LoadBenchmark.WaitAsync(() => LoadBenchmark.Ready(http, "/healthz"), TimeSpan.FromSeconds(20), "gateway", gateway);

        var agents = new Agent[2];
        for (var i = 0; i < 2; i++)
        {
            var folder = Path.Combine(work, "agent-" + (char)('a' + i));
            Directory.CreateDirectory(folder);
            var copy = Path.Combine(folder, "onprest-agent");
            File.Copy(agentBinary, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = Path.Combine(folder, "capability.yaml");
            await File.WriteAllTextAsync(config, LoadBenchmark.PostgresCapabilities(port, secrets[i].PrivateKey, db.Host!, db.Port, db.Database!, options.AgentUser, options.AgentPassword));
            agents[i] = new Agent(copy, config, folder);
            agents[i].Start();
        }

        await WaitForAgentsAsync(http, 2, gateway);
        Console.WriteLine($"gateway pid {gateway.Id}, agents {agents[0].Process!.Id} and {agents[1].Process!.Id}; {Connections} connections, get_customer");

        var calls = new ConcurrentQueue<Call>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Connections).Select(i => Task.Run(() => DriveAsync(port, apiKey, i, clock, calls, stop.Token))).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(5));
        var killedAt = clock.Elapsed;
        agents[0].Process!.Kill();
        await agents[0].Process!.WaitForExitAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var restartA = Stopwatch.StartNew();
        await agents[0].Process!.DisposeAsync();
        agents[0].Start();
        await WaitForAgentsAsync(http, 2, gateway);
        var rejoinA = Rejoin.Of(restartA.Elapsed, agents[0].Process!);

        await Task.Delay(TimeSpan.FromSeconds(4));
        var stoppedAt = clock.Elapsed;
        agents[1].Process!.Terminate();
        await agents[1].Process!.WaitForExitAsync();
        var drainTook = clock.Elapsed - stoppedAt;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var restartB = Stopwatch.StartNew();
        await agents[1].Process!.DisposeAsync();
        agents[1].Start();
        await WaitForAgentsAsync(http, 2, gateway);
        var rejoinB = Rejoin.Of(restartB.Elapsed, agents[1].Process!);
        await Task.Delay(TimeSpan.FromSeconds(3));

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var total = clock.Elapsed;
        foreach (var agent in agents)
        {
            await agent.Process!.DisposeAsync();
        }

        Report([.. calls], total, killedAt, stoppedAt, drainTook, rejoinA, rejoinB);
        return 0;
    }

    private static void Report(Call[] calls, TimeSpan total, TimeSpan killedAt, TimeSpan stoppedAt, TimeSpan drainTook, Rejoin rejoinA, Rejoin rejoinB)
    {
        var ok = calls.Where(c => c.Status == 200).Select(c => c.Finished).Order().ToArray();
        var failed = calls.Where(c => c.Status != 200).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls.Length} calls in {total.TotalSeconds:F1} s ({calls.Length / total.TotalSeconds:F0}/s), {failed.Length} failed"));
        Console.WriteLine();
        Console.WriteLine("| event | calls failed | their errors | longest stretch without a success (±2 s around it) | restarted agent back after | of which: checks done (`agent_ready`) / dialled (`gateway_connected`) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Line("SIGKILL agent A", killedAt, rejoinA);
        Line("SIGTERM agent B (drained)", stoppedAt, rejoinB);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agent B's clean stop took {drainTook.TotalMilliseconds:F0} ms; longest stretch without a success over the whole run: {LongestGap(ok, TimeSpan.Zero, total).Length.TotalMilliseconds:F1} ms, ending at {LongestGap(ok, TimeSpan.Zero, total).End.TotalSeconds:F2} s (A killed at {killedAt.TotalSeconds:F2} s, B stopped at {stoppedAt.TotalSeconds:F2} s)"));

        void Line(string name, TimeSpan at, Rejoin rejoin)
        {
            // A call fails because of the event when it was sent before it and ended within 2 s after it.
            var around = failed.Where(c => c.Finished >= at && c.Finished <= at + TimeSpan.FromSeconds(2)).ToArray();
            var errors = string.Join(", ", around.GroupBy(c => $"{c.Status} {c.Code}").Select(g => $"{g.Count()} × {g.Key}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {around.Length} | {(errors.Length == 0 ? "none" : errors)} | {LongestGap(ok, at - TimeSpan.FromSeconds(2), at + TimeSpan.FromSeconds(2)).Length.TotalMilliseconds:F1} ms | {rejoin.Counted.TotalMilliseconds:F0} ms | {Ms(rejoin.Ready)} / {Ms(rejoin.Connected)} |"));

            static string Ms(TimeSpan? at) => at is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:F0} ms") : "not seen";
        }
    }

    /// <summary>The longest time between two successful calls (or a window edge and one) within [from, to], and when it ended.</summary>
    private static (TimeSpan Length, TimeSpan End) LongestGap(TimeSpan[] sortedSuccesses, TimeSpan from, TimeSpan to)
    {
        var previous = from;
        var longest = TimeSpan.Zero;
        var end = from;
        foreach (var at in sortedSuccesses)
        {
            if (at < from)
            {
                continue;
            }

            if (at > to)
            {
                break;
            }

            if (at - previous > longest)
            {
                longest = at - previous;
                end = at;
            }

            previous = at;
        }

        return to - previous > longest ? (to - previous, to) : (longest, end);
    }

    private static async Task DriveAsync(int port, string apiKey, int worker, Stopwatch clock, ConcurrentQueue<Call> calls, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var random = new Random(worker);
        while (!stop.IsCancellationRequested)
        {
            using var content = new StringContent($$"""{"customer_id":{{random.Next(1, LoadBenchmark.Customers + 1)}}}""", Encoding.UTF8, "application/json");
            try
            {
                using var response = await client.PostAsync("/api/v1/capabilities/get_customer", content, CancellationToken.None);
                var status = (int)response.StatusCode;
                string? code = null;
                if (status != 200)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    code = body.RootElement.GetProperty("error").GetProperty("code").GetString();
                }

                calls.Enqueue(new Call(clock.Elapsed, status, code));
            }
            catch (HttpRequestException ex)
            {
                calls.Enqueue(new Call(clock.Elapsed, 0, ex.GetType().Name));
            }
        }
    }

    private static async Task WaitForAgentsAsync(HttpClient http, int count, BenchProcess gateway) =>
        await LoadBenchmark.WaitAsync(
            async () =>
            {
                using var health = JsonDocument.Parse(await http.GetStringAsync("/healthz"));
                return health.RootElement.GetProperty("agents_connected").GetInt32() == count;
            },
            TimeSpan.FromSeconds(30),
            "agent pool",
            gateway,
            pollMs: 10);

    private sealed record Call(TimeSpan Finished, int Status, string? Code);

    /// <summary>
    /// From starting the new agent process to /healthz counting it, with the agent's own milestones (read from its
    /// stdout events at the end of the run, timed when each line arrived: the gateway can count an agent whose
    /// <c>gateway_connected</c> line is still on its way).
    /// </summary>
    private sealed record Rejoin(TimeSpan Counted, BenchProcess Agent)
    {
        public static Rejoin Of(TimeSpan counted, BenchProcess agent) => new(counted, agent);

        public TimeSpan? Ready => Agent.FirstSeen("\"event\":\"agent_ready\"");

        public TimeSpan? Connected => Agent.FirstSeen("\"event\":\"gateway_connected\"");
    }

    private sealed class Agent(string binary, string config, string folder)
    {
        public BenchProcess? Process { get; private set; }

        public void Start() => Process = BenchProcess.Start(binary, ["--config", config], new Dictionary<string, string>(), folder);
    }
}
