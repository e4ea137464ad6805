using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Cli;
using Onprest.Agent.Sql;
using Onprest.Agent.Tests.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Agent.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-run-" + Guid.NewGuid().ToString("N"));

    public RunCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_configuration_failure_exits_1_with_only_the_loader_line()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await RunCommand.RunAsync(err => { err.Write("agent init: gateway.url is required\n"); return null; }, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Equal("agent init: gateway.url is required\n", stderr.ToString());
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_exits_1_with_the_fixed_line_and_no_stdout()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var configuration = Configuration(new Uri("ws://127.0.0.1:1/ws/agent"), Path.Combine(_folder, "missing.db"));
        var code = await RunCommand.RunAsync(_ => configuration, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Equal(
            $"agent init: agent startup failed: database could not be opened; sqlite file {Path.Combine(_folder, "missing.db")} does not exist (database.path is relative to the folder of capability.yaml); see agent detail log\n",
            stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task Runs_writes_agent_ready_connects_and_a_stop_closes_with_1000_and_exits_0()
    {
        var database = Path.Combine(_folder, "data.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        await using var gateway = new FakeGateway();
        var stdout = new CapturedLines();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => RunCommand.RunAsync(_ => Configuration(gateway.Url, database), stdout, stderr, stop.Token));
        var socket = await gateway.NextSocketAsync();
        await stdout.WaitForAsync("gateway_connected");
        await stop.CancelAsync();

        var close = await socket.ReceiveAsync(new byte[64], TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close.CloseStatus);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var ready = stdout.Events()[0];
        Assert.Equal("agent_ready", ready.GetProperty("event").GetString());
        Assert.Equal(1, ready.GetProperty("capabilities").GetInt32());
        Assert.Equal("sqlite", ready.GetProperty("driver").GetString());
        Assert.Equal(3, ready.GetProperty("max_concurrent_requests").GetInt32());
        Assert.Equal(["agent_ready", "gateway_connected", "gateway_disconnected"], stdout.Names());
        Assert.Empty(stderr.ToString());
        Assert.DoesNotContain("SELECT", stdout.Text, StringComparison.Ordinal);
    }

    private AgentConfiguration Configuration(Uri gatewayUrl, string database) => new()
    {
        Service = new ServiceInfo("t", "1", ""),
        GatewayUrl = gatewayUrl,
        AgentPrivateKeySeed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        Database = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = database },
        Capabilities =
        [
            new Capability
            {
                Name = "list",
                Sql = "SELECT id FROM items",
                Operation = SqlOperation.Select,
                Prepared = new RewrittenSql("SELECT id FROM items", []),
                Policy = new EffectivePolicy(),
                Parameters = [],
            },
        ],
        ConfigurationFolder = _folder,
        MaxConcurrentRequests = 3,
    };
}
