using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A running gateway and agent (the published executables, as separate processes) in front of one database.
/// The agent gets its own copy of the executable so its detail log (beside the executable) is private to the test.
/// </summary>
internal sealed class OnprestSystem : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _gatewayEnvironment;
    private readonly Dictionary<string, string?> _agentEnvironment = [];
    private readonly ProcessHost?[] _agents;

    private OnprestSystem(string folder, DatabaseTarget database, int port, Dictionary<string, string?> gatewayEnvironment, ApiKey all, ApiKey reader, string agentPrivateKey, string agentPublicKey, int agents)
    {
        _agents = new ProcessHost?[agents];
        Folder = folder;
        Database = database;
        Port = port;
        _gatewayEnvironment = gatewayEnvironment;
        AllKey = all;
        ReaderKey = reader;
        AgentPrivateKey = agentPrivateKey;
        AgentPublicKey = agentPublicKey;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Folder { get; }

    public DatabaseTarget Database { get; }

    public int Port { get; }

    public ApiKey AllKey { get; }

    /// <summary>May use <c>get_customer</c> only.</summary>
    public ApiKey ReaderKey { get; }

    public string AgentPrivateKey { get; }

    public string AgentPublicKey { get; }

    public HttpClient Http { get; }

    public ProcessHost Gateway { get; private set; } = null!;

    /// <summary>The first agent's process.</summary>
    public ProcessHost Agent => _agents[0]!;

    public string AgentFolder => AgentFolderAt(0);

    public string CapabilityFile => CapabilityFileAt(0);

    /// <summary>How many agents (keys) this system's gateway accepts; each has its own folder, key and process.</summary>
    public int AgentCount => _agents.Length;

    public ProcessHost AgentAt(int index) => _agents[index]!;

    public string AgentFolderAt(int index) => Path.Combine(Folder, index == 0 ? "agent" : $"agent-{index + 1}");

    public string CapabilityFileAt(int index) => Path.Combine(AgentFolderAt(index), "capability.yaml");

    /// <summary>Every stdout and stderr line the gateway processes of this system wrote, across restarts.</summary>
    public List<string> GatewayOutput { get; } = [];

    /// <param name="gatewayEnvironment">Extra gateway variables (e.g. <c>GATEWAY_ADMIN_ADDR</c>), added to the defaults.</param>
    /// <param name="agentEnvironment">Extra agent variables (e.g. <c>AGENT_METRICS_ADDR</c>).</param>
    /// <param name="agents">More than 1: an agent pool, one key pair and folder per agent; only the first is started.</param>
    public static async Task<OnprestSystem> StartAsync(Func<string, DatabaseTarget> database, int maxConcurrentRequests = 16, IReadOnlyDictionary<string, string?>? gatewayEnvironment = null, IReadOnlyDictionary<string, string?>? agentEnvironment = null, int agents = 1)
    {
        var folder = Directory.CreateTempSubdirectory("onprest-e2e-").FullName;
        var target = database(folder);
        await target.ResetAsync();

        var secrets = new List<(string PrivateKey, string PublicKey)>();
        for (var i = 0; i < agents; i++)
        {
            secrets.Add(await GatewayCli.CreateAgentSecretAsync());
        }

        var (privateKey, publicKey) = secrets[0];
        var all = await GatewayCli.CreateKeyAsync("e2e-all", "*");
        var reader = await GatewayCli.CreateKeyAsync("e2e-reader", "get_customer");
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["GATEWAY_ADDR"] = $"127.0.0.1:{port}",
            ["GATEWAY_PUBLIC_URL"] = $"http://127.0.0.1:{port}",
            ["GATEWAY_AGENT_PUBLIC_KEY"] = string.Join(",", secrets.Select(s => s.PublicKey)),
            // Quoted the way an env file would carry it; the gateway removes one pair of quotes.
            ["GATEWAY_API_KEYS_JSON"] = $"'[{all.ConfigEntry},{reader.ConfigEntry}]'",
            ["GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND"] = "100000",
            ["GATEWAY_RATE_LIMIT_BURST"] = "100000",
        };

        foreach (var (name, value) in gatewayEnvironment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var system = new OnprestSystem(folder, target, port, environment, all, reader, privateKey, publicKey, agents);
        foreach (var (name, value) in agentEnvironment ?? new Dictionary<string, string?>())
        {
            system._agentEnvironment[name] = value;
        }

        for (var i = 0; i < agents; i++)
        {
            var agentFolder = system.AgentFolderAt(i);
            Directory.CreateDirectory(agentFolder);
            var agentCopy = Path.Combine(agentFolder, Path.GetFileName(PublishedBinaries.Agent));
            File.Copy(PublishedBinaries.Agent, agentCopy);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(agentCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await File.WriteAllTextAsync(system.CapabilityFileAt(i), TestCapabilities.Yaml($"ws://127.0.0.1:{port}/ws/agent", secrets[i].PrivateKey, target, agentFolder, maxConcurrentRequests));
        }

        await system.StartGatewayAsync();
        await system.StartAgentAsync();
        return system;
    }

    public async Task StartGatewayAsync()
    {
        Gateway = ProcessHost.Start(PublishedBinaries.Gateway, [], _gatewayEnvironment);
        await Gateway.WaitForStdoutAsync(line => line.Contains("\"gateway_start\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    public Task StartAgentAsync(bool waitForMetadata = true) => StartAgentAsync(0, waitForMetadata);

    /// <summary>Starts agent <paramref name="index"/> (0 = the first) from its own folder with its own key.</summary>
    public async Task StartAgentAsync(int index, bool waitForMetadata = true)
    {
        _agents[index] = ProcessHost.Start(Path.Combine(AgentFolderAt(index), Path.GetFileName(PublishedBinaries.Agent)), ["--config", CapabilityFileAt(index)], _agentEnvironment, AgentFolderAt(index));
        if (waitForMetadata)
        {
            await WaitForMetadataAsync(TimeSpan.FromSeconds(45), index);
        }
    }

    /// <summary>Waits until <c>/openapi.json</c> answers 200: the agent is connected and its metadata cached.</summary>
    public async Task WaitForMetadataAsync(TimeSpan timeout, int index = 0)
    {
        var agent = AgentAt(index);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AllKey.Plaintext);
            try
            {
                using var response = await Http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The gateway may be restarting.
            }

            if (agent.HasExited)
            {
                throw new InvalidOperationException($"agent exited ({agent.ExitCode}): {string.Join(" | ", agent.Stderr)} {string.Join(" | ", agent.Stdout)}");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"metadata not cached within {timeout}; agent stdout: {string.Join(" | ", agent.Stdout)}; stderr: {string.Join(" | ", agent.Stderr)}");
    }

    public async Task<HttpResponseMessage> CallAsync(string capability, string body, ApiKey? key = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/capabilities/{capability}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (key ?? AllKey).Plaintext);
        return await (client ?? Http).SendAsync(request);
    }

    public async Task<(int Status, JsonElement Body)> CallJsonAsync(string capability, string body, ApiKey? key = null)
    {
        using var response = await CallAsync(capability, body, key);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> McpAsync(string json, ApiKey? key = null, string protocolVersion = "2025-06-18")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (key ?? AllKey).Plaintext);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async Task RestartGatewayAsync()
    {
        await StopGatewayAsync();
        await StartGatewayAsync();
    }

    public async Task StopGatewayAsync()
    {
        await Gateway.StopAsync(TimeSpan.FromSeconds(15));
        GatewayOutput.AddRange(Gateway.Stdout);
        GatewayOutput.AddRange(Gateway.Stderr);
    }

    /// <summary>Every gateway line so far, including the running process.</summary>
    public IEnumerable<string> AllGatewayLines() => GatewayOutput.Concat(Gateway.Stdout).Concat(Gateway.Stderr);

    public string ReadAgentDetailLog()
    {
        var path = Path.Combine(AgentFolder, "onprest-agent.log");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        Http.Dispose();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file may still be held briefly by an exiting process.
        }
    }
}
