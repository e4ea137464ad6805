using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using Onprest.Agent.Sql;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Logging;
using Onprest.Gateway.Telemetry;
using Onprest.Gateway.Tunnel;
using OpenTelemetry.Trace;

namespace Onprest.EndToEnd.Tests.Tunnel;

/// <summary>
/// The real agent tunnel (challenge, signed v2 upgrade, admission, SQLite execution) against the real gateway tunnel
/// on loopback: no fakes on either side of the wire.
/// </summary>
public sealed class AgentGatewayTunnelTests : IAsyncLifetime
{
    private static readonly byte[] Seed = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriterSafe _gatewayOut = new();
    private readonly StringWriterSafe _agentOut = new();
    private readonly CancellationTokenSource _stopAgent = new();
    private WebApplication _gateway = null!;
    private Task<int> _agent = null!;
    private DatabaseCheckResult _database = null!;

    private IAgentTunnel Tunnel => _gateway.Services.GetRequiredService<IAgentTunnel>();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "data.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1,'a'),(2,'b'),(3,'c');";
            command.ExecuteNonQuery();
        }

        using var key = Key.Import(SignatureAlgorithm.Ed25519, Seed, KeyBlobFormat.RawPrivateKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new GatewayEventLog(_gatewayOut, TimeProvider.System));
        builder.Services.AddSingleton<IOpenApiFinalizer, IdentityFinalizer>();
        builder.Services.AddAgentTunnel(new AgentTunnelOptions { AgentPublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey) });
        _gateway = builder.Build();
        _gateway.MapAgentTunnel();
        await _gateway.StartAsync(TestContext.Current.CancellationToken);

        var configuration = Configuration(new Uri($"ws://127.0.0.1:{new Uri(_gateway.Urls.First()).Port}/ws/agent"));
        _database = await DatabaseChecks.RunAsync(configuration, TestContext.Current.CancellationToken);
        Assert.Null(_database.Failure);
        var executor = new CapabilityExecutor(_database.Engine!, null);
        var loop = new GatewayConnectionLoop(configuration.GatewayUrl, Seed, new GatewaySessionFactory(configuration, executor, null), new AgentEventWriter(_agentOut, TimeProvider.System), TunnelTimings.Default, TimeProvider.System);
        _agent = Task.Run(() => loop.RunAsync(_stopAgent.Token));
        await WaitUntilAsync(() => Tunnel.Metadata is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopAgent.CancelAsync();
        await _agent.WaitAsync(TimeSpan.FromSeconds(20));
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_agent_connects_and_publishes_its_metadata()
    {
        var metadata = Tunnel.Metadata!;
        Assert.Equal("select", metadata.ResponseKinds["list_items"]);
        Assert.Equal("mutation", metadata.ResponseKinds["rename_item"]);
        using var document = JsonDocument.Parse(metadata.OpenApiDocument);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("paths").ValueKind);
        Assert.Contains("\"event\":\"agent_connected\"", _gatewayOut.Text, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"openapi_cached\"", _gatewayOut.Text, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"gateway_connected\"", _agentOut.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", Encoding.UTF8.GetString(metadata.OpenApiDocument.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_and_writes_run_through_the_tunnel()
    {
        var read = Assert.IsType<AgentCallResult.Success>(await CallAsync("list_items", "{}"));
        Assert.Equal(3, read.Count);

        var write = Assert.IsType<AgentCallResult.Success>(await CallAsync("rename_item", """{"id":2,"name":"bee"}"""));
        Assert.Equal(1, write.Count);
        var again = Assert.IsType<AgentCallResult.Success>(await CallAsync("list_items", "null"));
        Assert.Contains("bee", Encoding.UTF8.GetString(again.ResultJson.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list_items", "{\"x\":1}", "AGENT_VALIDATION_FAILED", "unknown param: x")]
    [InlineData("rename_item", "{\"id\":\"two\",\"name\":\"b\"}", "AGENT_VALIDATION_FAILED", "id: must be integer")]
    [InlineData("nope", "{}", "GATEWAY_CAPABILITY_NOT_FOUND", "capability is not defined")]
    public async Task Agent_errors_come_back_with_their_code_and_message(string capability, string parameters, string code, string message)
    {
        var failure = Assert.IsType<AgentCallResult.Failure>(await CallAsync(capability, parameters));

        Assert.Equal(code, failure.Error.Code);
        Assert.Equal(message, failure.Error.Message);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_calls_are_matched_to_their_requests()
    {
        // Batches of N (128): admission never answers AGENT_BUSY while at most N calls are outstanding.
        for (var batch = 0; batch < 3; batch++)
        {
            var calls = Enumerable.Range(0, 128).Select(async i =>
            {
                var result = await CallAsync("get_item", $$"""{"id":{{(i % 3) + 1}}}""");
                Assert.True(result is AgentCallResult.Success, result.ToString());
                using var document = JsonDocument.Parse(((AgentCallResult.Success)result).ResultJson);
                Assert.Equal((i % 3) + 1, document.RootElement.GetProperty("rows")[0].GetProperty("id").GetInt64());
            });

            await Task.WhenAll(calls);
        }
    }

    [Fact]
    public async Task A_second_agent_with_the_same_key_is_refused_with_409()
    {
        var output = new StringWriterSafe();
        var configuration = Configuration(new Uri($"ws://127.0.0.1:{new Uri(_gateway.Urls.First()).Port}/ws/agent"));
        using var stop = new CancellationTokenSource();
        var loop = new GatewayConnectionLoop(configuration.GatewayUrl, Seed, new GatewaySessionFactory(configuration, new CapabilityExecutor(_database.Engine!, null), null), new AgentEventWriter(output, TimeProvider.System), TunnelTimings.Default, TimeProvider.System);
        var second = Task.Run(() => loop.RunAsync(stop.Token));
        await WaitUntilAsync(() => output.Text.Contains("gateway_connect_failed", StringComparison.Ordinal));
        await stop.CancelAsync();

        Assert.Equal(0, await second);
        Assert.Contains("\"error\":\"gateway connect failed: 409 Conflict\"", output.Text, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"already_connected\"", _gatewayOut.Text, StringComparison.Ordinal);
        Assert.True(Tunnel.IsConnected);
    }

    [Fact]
    public async Task Stopping_the_agent_closes_cleanly_and_the_gateway_reports_it_offline()
    {
        await _stopAgent.CancelAsync();
        Assert.Equal(0, await _agent.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        await WaitUntilAsync(() => !Tunnel.IsConnected);

        var failure = Assert.IsType<AgentCallResult.Failure>(await CallAsync("list_items", "{}"));
        Assert.Equal("GATEWAY_AGENT_OFFLINE", failure.Error.Code);
        Assert.Contains("\"event\":\"agent_disconnected\"", _gatewayOut.Text, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"agent stopping\"", _agentOut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_call_through_the_tunnel_and_the_agent_to_the_database()
    {
        var spans = new List<Activity>();
        using (var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(OnprestTelemetry.SourceName)
            .AddProcessor(new AllowedAttributesProcessor())
            .AddInMemoryExporter(spans)
            .Build())
        {
            // What the REST and MCP handlers do around a call (Gateway/Rest/CapabilityEndpoint).
            using var call = GatewayTelemetry.StartCall();
            using (var hop = GatewayTelemetry.StartTunnel("get_item", Tunnel))
            {
                var result = await Tunnel.CallAsync(Ulid.NewUlid().ToString(), "get_item", """{"id":2}"""u8.ToArray(), hop.TraceParent, hop.TraceState, CancellationToken.None);
                Assert.IsType<AgentCallResult.Success>(result);
            }

            call?.SetTag(OnprestTelemetry.CapabilityAttribute, "get_item");
            call?.Dispose();
            await WaitUntilAsync(() => { lock (spans) { return spans.Any(s => s.OperationName == "onprest.agent.execute"); } });
            tracing.ForceFlush();
        }

        var gatewayCall = spans.Single(s => s.OperationName == "onprest.gateway.call");
        var tunnelCall = spans.Single(s => s.OperationName == "onprest.tunnel.call");
        var agentExecute = spans.Single(s => s.OperationName == "onprest.agent.execute");
        var dbExecute = spans.Single(s => s.OperationName == "onprest.db.execute");
        Assert.All(spans, span => Assert.Equal(gatewayCall.TraceId, span.TraceId));
        Assert.Equal(gatewayCall.SpanId, tunnelCall.ParentSpanId);
        Assert.Equal(tunnelCall.SpanId, agentExecute.ParentSpanId);
        Assert.Equal(agentExecute.SpanId, dbExecute.ParentSpanId);
        Assert.All(spans, span =>
        {
            Assert.Equal("get_item", span.GetTagItem(OnprestTelemetry.CapabilityAttribute));
            Assert.All(span.TagObjects, tag => Assert.Contains(tag.Key, OnprestTelemetry.AllowedAttributes));
        });
    }

    private Task<AgentCallResult> CallAsync(string capability, string parameters) =>
        Tunnel.CallAsync(Ulid.NewUlid().ToString(), capability, Encoding.UTF8.GetBytes(parameters), null, null, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private AgentConfiguration Configuration(Uri gatewayUrl) => new()
    {
        Service = new ServiceInfo("e2e", "1", ""),
        GatewayUrl = gatewayUrl,
        AgentPrivateKeySeed = Seed,
        Database = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = Path.Combine(_folder, "data.db") },
        Capabilities =
        [
            Select("get_item", "SELECT id, name FROM items WHERE id = @p1", [new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true }], ["id"]),
            Select("list_items", "SELECT id, name FROM items ORDER BY id", [], []),
            new Capability
            {
                Name = "rename_item",
                Sql = "UPDATE items SET name = :name WHERE id = :id",
                Operation = SqlOperation.Update,
                Prepared = new RewrittenSql("UPDATE items SET name = @p1 WHERE id = @p2", ["name", "id"]),
                Policy = new EffectivePolicy { Readonly = false },
                Parameters =
                [
                    new ParameterSpec { Name = "id", Type = ParamType.Integer, Required = true },
                    new ParameterSpec { Name = "name", Type = ParamType.String, Required = true },
                ],
            },
        ],
        ConfigurationFolder = _folder,
        MaxConcurrentRequests = 128,
    };

    private static Capability Select(string name, string sql, IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<string> placeholders) => new()
    {
        Name = name,
        Sql = sql,
        Operation = SqlOperation.Select,
        Prepared = new RewrittenSql(sql, placeholders),
        Policy = new EffectivePolicy(),
        Parameters = parameters,
        Result = [new ResultColumn("id", ParamType.Integer, ""), new ResultColumn("name", ParamType.String, "")],
    };

    private sealed class IdentityFinalizer : IOpenApiFinalizer
    {
        public byte[] Finalize(ReadOnlyMemory<byte> agentDocument) => agentDocument.ToArray();
    }

    private sealed class StringWriterSafe : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }
    }
}
