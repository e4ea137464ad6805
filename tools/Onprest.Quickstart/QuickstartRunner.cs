using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Onprest.Quickstart;

/// <summary>
/// Starts the whole system on this machine: builds both programs, generates development keys with the gateway's own
/// CLI, creates and seeds a SQLite sample database on first run, starts the gateway, waits until it answers
/// <c>/healthz</c>, starts the agent (so its first dial succeeds), waits for the agent connection and prints
/// ready-to-paste calls. Ctrl-C (SIGINT) or SIGTERM stops both programs.
/// </summary>
internal static class QuickstartRunner
{
    private static readonly TimeSpan GatewayStartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AgentConnectLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(QuickstartOptions options, TextWriter stdout, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();

        // Both signals end the wait below; the children are then stopped by their disposal (SIGTERM, then kill).
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var repo = RepositoryLayout.Find();
        var work = Path.GetFullPath(options.WorkFolder ?? Path.Combine(repo.Root, ".quickstart"));
        Directory.CreateDirectory(work);

        try
        {
            await repo.BuildAsync(stdout, stop.Token);
            var keys = await CreateKeysAsync(repo, stop.Token);
            await CreateDatabaseAsync(repo, work, stop.Token);
            var capabilityFile = await WriteCapabilityFileAsync(repo, work, keys.AgentPrivateKey, options.Port, stop.Token);

            if (!PortIsFree(options.Port))
            {
                await stderr.WriteLineAsync($"quickstart: port {options.Port} on 127.0.0.1 is already in use; stop what listens there or pass --port N");
                return 1;
            }

            var baseUrl = $"http://127.0.0.1:{options.Port}";
            await using var gateway = ChildProcess.Start("gateway", repo.GatewayDll, [], new Dictionary<string, string>
            {
                ["GATEWAY_ADDR"] = $"127.0.0.1:{options.Port}",
                ["GATEWAY_PUBLIC_URL"] = baseUrl,
                ["GATEWAY_AGENT_PUBLIC_KEY"] = keys.AgentPublicKey,
                ["GATEWAY_API_KEYS_JSON"] = keys.ApiKeysJson,
            }, stdout);

            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
            if (!await WaitForGatewayAsync(http, gateway, stop.Token))
            {
                await stderr.WriteLineAsync(gateway.HasExited
                    ? $"quickstart: the gateway stopped before it answered on port {options.Port} (see the [gateway] lines above)"
                    : $"quickstart: the gateway did not answer /healthz on port {options.Port} within {GatewayStartLimit.TotalSeconds:0} s");
                return 1;
            }

            // The agent's private logs stay in the work folder, not beside the build output.
            await using var agent = ChildProcess.Start("agent", repo.AgentDll, ["--config", capabilityFile], new Dictionary<string, string>
            {
                ["AGENT_DATA_DIR"] = work,
            }, stdout);
            if (!await WaitForAgentAsync(http, keys.ApiKey, gateway, agent, stop.Token))
            {
                await stderr.WriteLineAsync(agent.HasExited
                    ? "quickstart: the agent stopped (see the [agent] lines above)"
                    : $"quickstart: the agent did not connect within {AgentConnectLimit.TotalSeconds:0} s (see the [agent] lines above)");
                return 1;
            }

            PrintCalls(stdout, baseUrl, keys.ApiKey);
            if (options.SelfTest)
            {
                return await SelfTestAsync(http, keys.ApiKey, stdout, stderr, stop.Token);
            }

            await stdout.WriteLineAsync("Press Ctrl-C to stop the gateway and the agent.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                await stdout.WriteLineAsync("stopping ...");
            }

            return 0;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"quickstart: {e.Message}");
            return 1;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitForGatewayAsync(HttpClient http, ChildProcess gateway, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GatewayStartLimit;
        while (DateTime.UtcNow < deadline && !gateway.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private static async Task<QuickstartKeys> CreateKeysAsync(RepositoryLayout repo, CancellationToken cancellationToken)
    {
        using var secret = JsonDocument.Parse(await RunGatewayCliAsync(repo, ["create-agent-secret"], cancellationToken));
        using var key = JsonDocument.Parse(await RunGatewayCliAsync(repo, ["create-key", "--name", "quickstart", "--capabilities", "*"], cancellationToken));

        var entry = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, string?>
            {
                ["name"] = key.RootElement.GetProperty("name").GetString(),
                ["key_hash"] = key.RootElement.GetProperty("key_hash").GetString(),
                ["capabilities"] = "*",
            },
        });

        return new QuickstartKeys(
            secret.RootElement.GetProperty("agent_private_key").GetString()!,
            secret.RootElement.GetProperty("agent_public_key").GetString()!,
            key.RootElement.GetProperty("api_key").GetString()!,
            entry);
    }

    private static async Task<string> RunGatewayCliAsync(RepositoryLayout repo, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(repo.GatewayDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run onprest-gateway");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"onprest-gateway {arguments[0]} failed");
    }

    private static async Task CreateDatabaseAsync(RepositoryLayout repo, string work, CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, "crm.db");
        if (File.Exists(path))
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = await File.ReadAllTextAsync(Path.Combine(repo.Examples, "seed", "sqlite.sql"), cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> WriteCapabilityFileAsync(RepositoryLayout repo, string work, string agentPrivateKey, int port, CancellationToken cancellationToken)
    {
        var template = await File.ReadAllLinesAsync(Path.Combine(repo.Examples, "capability.sqlite.yaml"), cancellationToken);
        var lines = template.Select(line => line.TrimStart() switch
        {
            var t when t.StartsWith("url:", StringComparison.Ordinal) => $"  url: ws://127.0.0.1:{port}/ws/agent",
            var t when t.StartsWith("agent_private_key:", StringComparison.Ordinal) => $"  agent_private_key: {agentPrivateKey}",
            _ => line,
        });
        var path = Path.Combine(work, "capability.yaml");
        await File.WriteAllLinesAsync(path, lines, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static async Task<bool> WaitForAgentAsync(HttpClient http, string apiKey, ChildProcess gateway, ChildProcess agent, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + AgentConnectLimit;
        while (DateTime.UtcNow < deadline && !gateway.HasExited && !agent.HasExited)
        {
            try
            {
                using var health = JsonDocument.Parse(await http.GetStringAsync("/healthz", cancellationToken));
                if (health.RootElement.TryGetProperty("agent_connected", out var connected) && connected.ValueKind == JsonValueKind.True
                    && await MetadataCachedAsync(http, apiKey, cancellationToken))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>The gateway fetches the agent's metadata right after the connection; calls and tools need it.</summary>
    private static async Task<bool> MetadataCachedAsync(HttpClient http, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private static void PrintCalls(TextWriter stdout, string baseUrl, string apiKey)
    {
        stdout.WriteLine();
        stdout.WriteLine("Onprest is running (gateway, agent and a SQLite sample database).");
        stdout.WriteLine($"API key (development only, all capabilities): {apiKey}");
        stdout.WriteLine();
        stdout.WriteLine("REST:");
        stdout.WriteLine($"  curl -s -X POST {baseUrl}/api/v1/capabilities/get_customer -H 'Authorization: Bearer {apiKey}' -H 'Content-Type: application/json' -d '{{\"customer_id\":1}}'");
        stdout.WriteLine($"  curl -s -X POST {baseUrl}/api/v1/capabilities/list_orders -H 'Authorization: Bearer {apiKey}' -H 'Content-Type: application/json' -d '{{\"customer_id\":1}}'");
        stdout.WriteLine("MCP:");
        stdout.WriteLine($"  curl -s -X POST {baseUrl}/mcp -H 'Authorization: Bearer {apiKey}' -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' -d '{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}}'");
        stdout.WriteLine($"  curl -s -X POST {baseUrl}/mcp -H 'Authorization: Bearer {apiKey}' -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' -d '{{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{{\"name\":\"get_customer\",\"arguments\":{{\"customer_id\":1}}}}}}'");
        stdout.WriteLine("OpenAPI:");
        stdout.WriteLine($"  curl -s {baseUrl}/openapi.json -H 'Authorization: Bearer {apiKey}'");
        stdout.WriteLine();
    }

    private static async Task<int> SelfTestAsync(HttpClient http, string apiKey, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var (path, body, extraHeaders) in new (string, string, bool)[]
        {
            ("/api/v1/capabilities/get_customer", "{\"customer_id\":1}", false),
            ("/api/v1/capabilities/list_orders", "{\"customer_id\":1}", false),
            ("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_customer\",\"arguments\":{\"customer_id\":1}}}", true),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            if (extraHeaders)
            {
                request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            await stdout.WriteLineAsync($"self-test {path}: {(int)response.StatusCode} {text.Trim()}");
            if (!response.IsSuccessStatusCode || !text.Contains("\"rows\":[{", StringComparison.Ordinal))
            {
                failures++;
            }
        }

        using var openApi = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        openApi.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var document = await http.SendAsync(openApi, cancellationToken);
        await stdout.WriteLineAsync($"self-test /openapi.json: {(int)document.StatusCode}");
        if (!document.IsSuccessStatusCode)
        {
            failures++;
        }

        if (failures > 0)
        {
            await stderr.WriteLineAsync($"quickstart: self-test failed ({failures} calls)");
        }

        return failures == 0 ? 0 : 1;
    }

    private sealed record QuickstartKeys(string AgentPrivateKey, string AgentPublicKey, string ApiKey, string ApiKeysJson);
}
