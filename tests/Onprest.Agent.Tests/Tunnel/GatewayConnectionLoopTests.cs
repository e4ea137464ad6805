using System.Net.WebSockets;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Tests.Dispatch;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class GatewayConnectionLoopTests
{
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static readonly TunnelTimings Fast = TunnelTimings.Default with { FirstReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Connects_at_once_serves_and_reconnects_after_a_disconnect()
    {
        await using var gateway = new FakeGateway();
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var run = Start(gateway, output, Seed, stop.Token);

        var first = await gateway.NextSocketAsync();
        await output.WaitForAsync("gateway_connected");
        first.Abort();
        var disconnected = await output.WaitForAsync("gateway_disconnected");
        Assert.Equal("connection lost", disconnected.GetProperty("error").GetString());

        var second = await gateway.NextSocketAsync();
        await output.WaitForAsync("gateway_connected", 2);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        var close = await second.ReceiveAsync(new byte[64], TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.All(output.Events(), e => Assert.True(e.TryGetProperty("ts", out _)));
    }

    [Fact]
    public async Task A_failed_challenge_is_reported_and_retried()
    {
        await using var gateway = new FakeGateway();
        gateway.ChallengeResponse = n => n == 1 ? FakeGateway.Http(503, "Service Unavailable", "{\"detail\":\"SECRET\"}") : FakeGateway.Http(201, "Created", "{\"challenge\":\"c\"}");
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var run = Start(gateway, output, Seed, stop.Token);

        var failed = await output.WaitForAsync("gateway_connect_failed");
        Assert.Equal("agent challenge failed: 503 Service Unavailable", failed.GetProperty("error").GetString());
        await output.WaitForAsync("gateway_connected");
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.DoesNotContain("SECRET", output.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "Unauthorized")]
    [InlineData(409, "Conflict")]
    public async Task A_refused_upgrade_is_reported_and_retried(int status, string reason)
    {
        await using var gateway = new FakeGateway();
        var refusals = 0;
        gateway.UpgradeResponse = _ => Interlocked.Increment(ref refusals) == 1 ? FakeGateway.Http(status, reason, "{}") : null;
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var run = Start(gateway, output, Seed, stop.Token);

        var failed = await output.WaitForAsync("gateway_connect_failed");
        Assert.Equal($"gateway connect failed: {status} {reason}", failed.GetProperty("error").GetString());
        await output.WaitForAsync("gateway_connected");
        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task An_unusable_key_is_agent_auth_failed_and_exit_1()
    {
        await using var gateway = new FakeGateway();
        var output = new CapturedLines();
        var loop = new GatewayConnectionLoop(gateway.Url, new byte[31], Factory(), new AgentEventWriter(output, TimeProvider.System), Fast, TimeProvider.System);

        Assert.Equal(1, await loop.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal("agent private key is unusable", loop.FatalReason);
        Assert.Equal(["agent_auth_failed"], output.Names());
    }

    [Fact]
    public async Task A_stop_while_waiting_to_reconnect_exits_0_at_once()
    {
        using var refusing = new RefusingPort();
        var port = refusing.Port;
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var loop = new GatewayConnectionLoop(new Uri($"ws://127.0.0.1:{port}/ws/agent"), Seed, Factory(), new AgentEventWriter(output, TimeProvider.System), TunnelTimings.Default, TimeProvider.System);
        var run = loop.RunAsync(stop.Token);
        await output.WaitForAsync("gateway_connect_failed");
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Hostile_frames_never_stop_the_agent_a_closed_connection_is_dialled_again_and_served()
    {
        await using var gateway = new FakeGateway();
        var output = new CapturedLines();
        using var stop = new CancellationTokenSource();
        var run = Start(gateway, output, Seed, stop.Token);
        string[] hostile =
        [
            """{"id":"a","capability":"get","params":{"\ud800":1}}""",
            """{"id":"a","type":"\ud800"}""",
            """{"id":"b","capability":"\ud800","params":{}}""",
            """{"id":"c","capability":"get","params":{},"traceparent":"\ud800","tracestate":"\ud800"}""",
            """{"id":"\ud800","capability":"get","params":{}}""",
        ];

        var socket = await gateway.NextSocketAsync();
        for (var round = 0; round < 3; round++)
        {
            foreach (var frame in hostile)
            {
                await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
            }

            // The last frame has an unusable id: the agent closes and dials again; the loop never ends.
            socket = await gateway.NextSocketAsync();
            Assert.False(run.IsCompleted);
        }

        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(SessionFixtures.Request("valid")), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal("valid", SessionFixtures.IdOf(System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count)));
        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    private static IGatewaySessionFactory Factory() => new GatewaySessionFactory(SessionFixtures.Standard(2), new ScriptedExecutor { Block = false }, null);

    private static Task<int> Start(FakeGateway gateway, CapturedLines output, byte[] seed, CancellationToken stop)
    {
        var loop = new GatewayConnectionLoop(gateway.Url, seed, Factory(), new AgentEventWriter(output, TimeProvider.System), Fast, TimeProvider.System);
        return Task.Run(() => loop.RunAsync(stop));
    }
}
