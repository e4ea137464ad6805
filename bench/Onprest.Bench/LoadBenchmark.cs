using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Onprest.Bench;

/// <summary>
/// One run, one machine: seeds PostgreSQL (100,000 customers, 500,000 orders), starts the published gateway and
/// agent and the direct baseline, drives get_customer and list_orders at each connection count over REST and MCP
/// through the tunnel and over the baseline, and prints throughput, latency, errors, ratios and peak memory.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class LoadBenchmark
{
    public const int Customers = 100_000;

    /// <summary>Each later round's slice is preceded by this much unmeasured load on the same path.</summary>
    private static readonly TimeSpan RoundWarmup = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var gatewayBinary = Path.GetFullPath(Path.Combine(options.Binaries, "onprest-gateway"));
        var agentBinary = Path.GetFullPath(Path.Combine(options.Binaries, "onprest-agent"));
        if (!File.Exists(gatewayBinary) || !File.Exists(agentBinary))
        {
            Console.Error.WriteLine($"bench: no published binaries in {options.Binaries}; run eng/publish.sh --rid linux-x64 --out {options.Binaries}");
            return 2;
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        await SeedAsync(options);

        var work = Directory.CreateTempSubdirectory("onprest-bench-").FullName;
        var (privateKey, publicKey) = await CreateAgentSecretAsync(gatewayBinary);
        var (apiKey, keyEntry) = await CreateKeyAsync(gatewayBinary);
        var gatewayPort = FreePort();
        var directPort = FreePort();
        var adminPort = FreePort();
        var db = new NpgsqlConnectionStringBuilder(options.Postgres);
        var admin = options.Admin ? new Dictionary<string, string> { ["GATEWAY_ADMIN_ADDR"] = $"127.0.0.1:{adminPort}" } : [];

        await using var gateway = BenchProcess.Start(gatewayBinary, [], new Dictionary<string, string>
        {
            ["GATEWAY_ADDR"] = $"127.0.0.1:{gatewayPort}",
            ["GATEWAY_AGENT_PUBLIC_KEY"] = publicKey,
            ["GATEWAY_API_KEYS_JSON"] = $"[{keyEntry}]",
            ["GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND"] = "1000000",
            ["GATEWAY_RATE_LIMIT_BURST"] = "1000000",
        }.With(options.TunnelEnvironment).With(admin));
        var agentFolder = Path.Combine(work, "agent");
        Directory.CreateDirectory(agentFolder);
        var agentCopy = Path.Combine(agentFolder, "onprest-agent");
        File.Copy(agentBinary, agentCopy);
        File.SetUnixFileMode(agentCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var capabilityFile = Path.Combine(agentFolder, "capability.yaml");
        await File.WriteAllTextAsync(capabilityFile, PostgresCapabilities(gatewayPort, privateKey, db.Host!, db.Port, db.Database!, options.AgentUser, options.AgentPassword));

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}") };
        await WaitAsync(() => Ready(http, "/healthz"), TimeSpan.FromSeconds(20), "gateway", gateway);
        await using var agent = BenchProcess.Start(agentCopy, ["--config", capabilityFile], new Dictionary<string, string>().With(options.TunnelEnvironment), agentFolder);
        await WaitAsync(() => MetadataCached(http, apiKey), TimeSpan.FromSeconds(40), "agent", agent);

        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? new[] { typeof(LoadBenchmark).Assembly.Location } : [];
        // No TLS, as the agent (whose `tls` defaults to disable) and PostGraphile talk to the same loopback server: with
        // Npgsql's default (Prefer) the baseline used to encrypt every message the other paths send in the clear.
        var directConnection = new NpgsqlConnectionStringBuilder(options.Postgres) { Username = options.AgentUser, Password = options.AgentPassword, MaxPoolSize = 64, MaxAutoPrepare = 128, AutoPrepareMinUsages = 2, NoResetOnClose = true, SslMode = SslMode.Disable }.ToString();
        await using var direct = BenchProcess.Start(self, [.. selfArgs, "direct", directPort.ToString(CultureInfo.InvariantCulture), directConnection], new Dictionary<string, string>());
        var directHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{directPort}") };
        await WaitAsync(() => Ready(directHttp, "/healthz"), TimeSpan.FromSeconds(20), "direct baseline", direct);

        // With the admin listener on, a scraper asks for /metrics every second (more often than Prometheus usually would).
        using var scraping = new CancellationTokenSource();
        var scraper = options.Admin ? ScrapeAsync(new Uri($"http://127.0.0.1:{adminPort}/metrics"), scraping.Token) : Task.CompletedTask;
        Console.WriteLine(options.Admin ? $"admin listener: on at 127.0.0.1:{adminPort}, /metrics scraped every second" : "admin listener: off");

        await using var postgraphile = options.Paths.Contains("postgraphile") ? await PostGraphile.StartAsync(options, FreePort()) : null;
        var warmup = TimeSpan.FromSeconds(options.Warmup);
        var slice = TimeSpan.FromSeconds((double)options.Duration / options.Rounds);
        Console.WriteLine($"gateway pid {gateway.Id}, agent pid {agent.Id}, direct pid {direct.Id}{(postgraphile is null ? "" : $", postgraphile pid {postgraphile.Process.Id}")}");
        Console.WriteLine("load generator: wrk, 1 thread, closed loop; latency percentiles from wrk's histogram; figures are medians of the rounds");
        var bearer = "Bearer " + apiKey;
        var rows = new List<Row>();
        foreach (var capability in options.Capabilities)
        {
            const string Params = """{"customer_id":{id}}""";
            foreach (var connections in options.Connections)
            {
                // The paths take turns in rounds, so a drift of the shared machine (other tenants, thermal, the database's
                // caches) lands on all of them alike instead of on whichever ran last.
                var paths = new List<(string Name, Func<TimeSpan, Task<LoadSample>> Run, List<LoadSample> Slices)>();
                if (options.Paths.Contains("direct"))
                {
                    paths.Add(("direct", d => WrkClient.RunAsync(new Uri(directHttp.BaseAddress!, "/" + capability), Params, null, mcp: false, null, connections, d, [direct]), []));
                }

                if (options.Paths.Contains("rest"))
                {
                    paths.Add(("REST", d => WrkClient.RunAsync(new Uri(http.BaseAddress!, "/api/v1/capabilities/" + capability), Params, bearer, mcp: false, null, connections, d, [gateway, agent]), []));
                }

                if (options.Paths.Contains("mcp"))
                {
                    var call = $$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"{{{capability}}}","arguments":{{{Params}}}}}""";
                    paths.Add(("MCP", d => WrkClient.RunAsync(new Uri(http.BaseAddress!, "/mcp"), call, bearer, mcp: true, "\"isError\":true", connections, d, [gateway, agent]), []));
                }

                if (postgraphile is not null)
                {
                    paths.Add(("PostGraphile", d => WrkClient.RunAsync(postgraphile.Url, PostGraphile.Query(capability), null, mcp: false, "\"errors\"", connections, d, [postgraphile.Process]), []));
                }

                for (var round = 0; round < options.Rounds; round++)
                {
                    foreach (var (name, run, slices) in paths)
                    {
                        await run(round == 0 ? warmup : RoundWarmup);
                        var sample = await run(slice);
                        slices.Add(sample);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  round {round + 1}/{options.Rounds} {capability} c={connections} {name}: {sample.RequestsPerSecond:F0} req/s, p50 {sample.P50Ms:F3} ms, p99 {sample.P99Ms:F3} ms, errors {sample.Errors}; " +
                            $"machine idle {sample.IdleShare:P0}, foreign {sample.ForeignShare:P1}, wrk {sample.WrkMicrosPerRequest:F0} µs/req"));
                    }
                }

                rows.Add(new Row(capability, connections, paths.ToDictionary(p => p.Name, p => LoadResult.Of(p.Slices))));
            }
        }

        await scraping.CancelAsync();
        await scraper;
        Print(rows, gateway.PeakResidentMiB(), agent.PeakResidentMiB(), options);
        var startup = await MeasureSqliteStartupAsync(gatewayBinary, agentBinary, work);
        Console.WriteLine($"agent start to agent_connected (SQLite): {startup.TotalMilliseconds:F0} ms");
        return 0;
    }

    private static async Task ScrapeAsync(Uri metrics, CancellationToken stop)
    {
        using var client = new HttpClient();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                using var response = await client.GetAsync(metrics, stop);
                response.EnsureSuccessStatusCode();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }

    private sealed record Row(string Capability, int Connections, Dictionary<string, LoadResult> Paths);

    private static void Print(List<Row> rows, double? gatewayMiB, double? agentMiB, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"{options.Duration}s measured per path: medians of {options.Rounds} interleaved rounds (after {options.Warmup}s warm-up)");
        Console.WriteLine("| capability | conns | path | req/s | p50 ms | p99 ms | errors | req/s vs direct | p50 vs direct | MCP vs REST | CPU µs/req | PostgreSQL µs/req | wrk µs/req | idle | foreign |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var direct = row.Paths.GetValueOrDefault("direct");
            var rest = row.Paths.GetValueOrDefault("REST");
            foreach (var (path, r) in row.Paths)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Capability} | {row.Connections} | {path} | {r.RequestsPerSecond:F0} | {r.P50Ms:F3} | {r.P99Ms:F3} | {r.Errors} | " +
                    $"{(direct is null || path == "direct" ? "" : $"{r.RequestsPerSecond / direct.RequestsPerSecond:F2}x")} | " +
                    $"{(direct is null || path == "direct" ? "" : $"{r.P50Ms / direct.P50Ms:F2}x")} | " +
                    $"{(rest is null || path != "MCP" ? "" : $"{r.RequestsPerSecond / rest.RequestsPerSecond:P0}")} | " +
                    $"{Cpu(r, path)} | {r.PostgresMicrosPerRequest:F0} | {r.WrkMicrosPerRequest:F0} | {r.IdleShare:P0} | {r.ForeignShare:P1} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"peak resident memory: gateway {gatewayMiB:F1} MiB, agent {agentMiB:F1} MiB");
    }

    /// <summary>The serving processes' CPU per request: the baseline's or PostGraphile's own, or the gateway's and the agent's.</summary>
    private static string Cpu(LoadResult r, string path) => r.CpuMicrosPerRequest.Length == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{r.CpuMicrosPerRequest[0]:F0}")
        : string.Create(CultureInfo.InvariantCulture, $"{r.CpuMicrosPerRequest[0] + r.CpuMicrosPerRequest[1]:F0} (gateway {r.CpuMicrosPerRequest[0]:F0} + agent {r.CpuMicrosPerRequest[1]:F0})");

    internal static async Task SeedAsync(BenchOptions options)
    {
        await using var dataSource = NpgsqlDataSource.Create(options.Postgres);
        await using (var check = dataSource.CreateCommand("select count(*) from pg_tables where tablename = 'orders' and schemaname = 'public'"))
        {
            if ((long)(await check.ExecuteScalarAsync())! == 1)
            {
                await using var count = dataSource.CreateCommand("select count(*) from orders");
                if ((long)(await count.ExecuteScalarAsync())! == 500_000)
                {
                    return;
                }
            }
        }

        Console.WriteLine("seeding 100,000 customers and 500,000 orders ...");
        await using var seed = dataSource.CreateCommand($"""
            drop table if exists orders;
            drop table if exists customers;
            create table customers (id bigint primary key, name text not null, email text not null);
            create table orders (id bigint primary key, customer_id bigint not null references customers(id), total numeric(12,2) not null);
            insert into customers select g, 'Customer ' || g, 'customer' || g || '@example.com' from generate_series(1, {Customers}) g;
            insert into orders select g, 1 + (g::bigint * 7919) % {Customers}, (g % 1000) / 10.0 from generate_series(1, 500000) g;
            create index orders_customer_id on orders(customer_id);
            grant select on customers, orders to {options.AgentUser};
            analyze customers; analyze orders;
            """);
        seed.CommandTimeout = 600;
        await seed.ExecuteNonQueryAsync();
    }

    internal static string PostgresCapabilities(int gatewayPort, string privateKey, string host, int port, string database, string user, string password) => $$"""
        runtime:
          max_concurrent_requests: 32
        gateway:
          url: ws://127.0.0.1:{{gatewayPort}}/ws/agent
          agent_private_key: {{privateKey}}
        database:
          driver: postgres
          host: {{host}}
          port: {{port}}
          name: {{database}}
          user: {{user}}
          password: "{{password}}"
        capabilities:
          get_customer:
            sql: select id, name, email from customers where id = :customer_id
            params:
              customer_id: {type: integer, required: true, minimum: 1}
            policy: {max_rows: 1}
            result:
              id: {type: integer}
              name: {type: string}
              email: {type: string}
          list_orders:
            sql: select id, customer_id, total from orders where customer_id = :customer_id order by id desc limit 20
            params:
              customer_id: {type: integer, required: true, minimum: 1}
            policy: {max_rows: 20}
            result:
              id: {type: integer}
              customer_id: {type: integer}
              total: {type: string}
        """;

    private static async Task<TimeSpan> MeasureSqliteStartupAsync(string gatewayBinary, string agentBinary, string work)
    {
        var folder = Path.Combine(work, "sqlite");
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "bench.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "create table if not exists customers (id integer primary key, name text)";
            await command.ExecuteNonQueryAsync();
        }

        var (privateKey, publicKey) = await CreateAgentSecretAsync(gatewayBinary);
        var (apiKey, keyEntry) = await CreateKeyAsync(gatewayBinary);
        var port = FreePort();
        await using var gateway = BenchProcess.Start(gatewayBinary, [], new Dictionary<string, string>
        {
            ["GATEWAY_ADDR"] = $"127.0.0.1:{port}",
            ["GATEWAY_AGENT_PUBLIC_KEY"] = publicKey,
            ["GATEWAY_API_KEYS_JSON"] = $"[{keyEntry}]",
            // The 10 ms readiness polling would otherwise use up the per-source bucket the agent shares (loopback).
            ["GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND"] = "1000000",
            ["GATEWAY_RATE_LIMIT_BURST"] = "1000000",
        });
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitAsync(() => Ready(http, "/healthz"), TimeSpan.FromSeconds(20), "gateway", gateway);
        var agentCopy = Path.Combine(folder, "onprest-agent");
        File.Copy(agentBinary, agentCopy);
        File.SetUnixFileMode(agentCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(folder, "capability.yaml");
        await File.WriteAllTextAsync(config, $"""
            gateway:
              url: ws://127.0.0.1:{port}/ws/agent
              agent_private_key: {privateKey}
            database:
              driver: sqlite
              path: bench.db
            capabilities:
              get_customer:
                sql: select id, name from customers where id = :id
                params:
                  id: {"{"}type: integer, required: true{"}"}
            """);

        var clock = Stopwatch.StartNew();
        await using var agent = BenchProcess.Start(agentCopy, ["--config", config], new Dictionary<string, string>(), folder);
        await WaitAsync(() => AgentConnected(http), TimeSpan.FromSeconds(30), "sqlite agent", agent, pollMs: 10);
        return clock.Elapsed;
    }

    internal static async Task<(string PrivateKey, string PublicKey)> CreateAgentSecretAsync(string gatewayBinary)
    {
        using var json = JsonDocument.Parse(await RunAsync(gatewayBinary, "create-agent-secret"));
        return (json.RootElement.GetProperty("agent_private_key").GetString()!, json.RootElement.GetProperty("agent_public_key").GetString()!);
    }

    internal static async Task<(string ApiKey, string Entry)> CreateKeyAsync(string gatewayBinary)
    {
        using var json = JsonDocument.Parse(await RunAsync(gatewayBinary, "create-key", "--name", "bench", "--capabilities", "*"));
        var entry = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["name"] = "bench",
            ["key_hash"] = json.RootElement.GetProperty("key_hash").GetString(),
            ["capabilities"] = "*",
        });
        return (json.RootElement.GetProperty("api_key").GetString()!, entry);
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    internal static async Task<bool> Ready(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode;
    }

    private static async Task<bool> AgentConnected(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/healthz"));
        return json.RootElement.GetProperty("agent_connected").GetBoolean();
    }

    private static async Task<bool> MetadataCached(HttpClient http, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.Authorization = new("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, BenchProcess process, int pollMs = 100)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(pollMs);
        }

        throw new TimeoutException($"{what} not ready within {timeout}:\n{process.Tail}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Extra environment for the gateway and the agent only (<c>--tunnel-env</c>), to try runtime settings on them alone.</summary>
internal static class EnvironmentExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> environment, IReadOnlyDictionary<string, string> extra)
    {
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }
}
