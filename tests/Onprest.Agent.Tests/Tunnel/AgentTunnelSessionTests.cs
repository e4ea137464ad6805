using System.Net.WebSockets;
using System.Text;
using Onprest.Agent.Dispatch;
using Onprest.Agent.Execution;
using Onprest.Agent.Tests.Dispatch;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;
using Onprest.Tests.Shared;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class AgentTunnelSessionTests
{
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Requests_are_answered_over_the_socket_in_completion_order()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.SendAsync(SessionFixtures.Request("slow"));
        await SessionFixtures.WaitUntilAsync(() => harness.Executor.Running == 1);
        await harness.SendAsync(SessionFixtures.Request("fast", "nope"));

        Assert.Equal("""{"id":"fast","error":{"code":"GATEWAY_CAPABILITY_NOT_FOUND","message":"capability is not defined"}}""", await harness.ReceiveAsync());
        harness.Executor.Release("slow");
        Assert.Equal("""{"id":"slow","result":{"rows":[],"count":0}}""", await harness.ReceiveAsync());
    }

    [Fact]
    public async Task A_binary_message_ends_the_connection()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.Gateway.SendAsync(new byte[] { 1, 2 }, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);

        Assert.Equal("gateway sent a binary message", await harness.Served);
    }

    [Fact]
    public async Task A_message_over_16_MiB_ends_the_connection_and_exactly_16_MiB_is_read()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor { Block = false });
        var exact = new byte[TunnelProtocol.MaxMessageBytes];
        exact.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes(SessionFixtures.Request("big")).CopyTo(exact, 0);
        await harness.Gateway.SendAsync(exact, WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        Assert.Equal("big", SessionFixtures.IdOf(await harness.ReceiveAsync()));

        var chunk = new byte[1024 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        try
        {
            for (var i = 0; i < 16; i++)
            {
                await harness.Gateway.SendAsync(chunk, WebSocketMessageType.Text, false, TestContext.Current.CancellationToken);
            }

            await harness.Gateway.SendAsync(" "u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        }
        catch (WebSocketException)
        {
        }

        Assert.Equal("gateway message exceeds 16777216 bytes", await harness.Served);
    }

    [Fact]
    public async Task An_invalid_wire_id_closes_the_connection_without_a_response()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.SendAsync("""{"id":"","capability":"get","params":{}}""");

        Assert.Equal("connection closed after an invalid gateway frame", await harness.Served);
    }

    [Fact]
    public async Task A_gateway_close_is_answered_with_1000()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.Gateway.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
        var received = await harness.Gateway.ReceiveAsync(new byte[64], TestContext.Current.CancellationToken);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, received.CloseStatus);
        Assert.Equal("gateway closed the connection", await harness.Served);
    }

    [Fact]
    public async Task Sixty_seconds_of_silence_is_a_lost_connection()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor(), TunnelTimings.Default with { SilenceLimit = TimeSpan.FromMilliseconds(400) });

        Assert.Equal("no frame from the gateway for 60s", await harness.Served);
    }

    [Fact]
    public async Task Gateway_pings_alone_keep_a_quiet_connection_alive_and_are_answered()
    {
        await using var harness = await Harness.StartAsync(
            new ScriptedExecutor(),
            TunnelTimings.Default with { SilenceLimit = TimeSpan.FromMilliseconds(600) },
            serverKeepAlive: TimeSpan.FromMilliseconds(100));

        // The gateway side must read for its ping/pong machinery to run.
        var reading = harness.Gateway.ReceiveAsync(new ArraySegment<byte>(new byte[64]), TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.False(harness.Served.IsCompleted);
        Assert.False(reading.IsCompleted);
    }

    [Fact]
    public async Task Pings_are_answered_while_every_worker_is_busy()
    {
        await using var harness = await Harness.StartAsync(
            new ScriptedExecutor(),
            TunnelTimings.Default with { SilenceLimit = TimeSpan.FromMilliseconds(600) },
            serverKeepAlive: TimeSpan.FromMilliseconds(100),
            n: 1,
            pongTimeout: TimeSpan.FromMilliseconds(300));
        await harness.SendAsync(SessionFixtures.Request("busy"));
        await SessionFixtures.WaitUntilAsync(() => harness.Executor.Running == 1);
        var reading = harness.Gateway.ReceiveAsync(new ArraySegment<byte>(new byte[256]), TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        // The gateway side pings every 100 ms and aborts after 300 ms without a pong: still open means answered.
        Assert.False(harness.Served.IsCompleted);
        Assert.False(reading.IsCompleted);
        harness.Executor.ReleaseAll();
        var received = await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
    }

    [Fact]
    public async Task Stopping_cancels_running_calls_then_closes_with_1000_and_sends_no_response()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.SendAsync(SessionFixtures.Request("inflight"));
        await SessionFixtures.WaitUntilAsync(() => harness.Executor.Running == 1);
        await harness.Stop.CancelAsync();

        var received = await harness.Gateway.ReceiveAsync(new byte[256], TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, received.CloseStatus);
        Assert.Equal("agent stopping", await harness.Served);
        Assert.Equal(["inflight"], harness.Executor.Cancelled);
    }

    [Fact]
    public async Task A_lost_connection_cancels_running_calls()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor());
        await harness.SendAsync(SessionFixtures.Request("inflight"));
        await SessionFixtures.WaitUntilAsync(() => harness.Executor.Running == 1);
        harness.Gateway.Abort();

        Assert.Equal("connection lost", await harness.Served);
        Assert.Equal(["inflight"], harness.Executor.Cancelled);
    }

    [Fact]
    public async Task Hundreds_of_requests_in_flight_are_all_answered_once()
    {
        await using var harness = await Harness.StartAsync(new ScriptedExecutor { Block = false }, n: 64);
        var expected = Enumerable.Range(0, 128).Select(i => "id-" + i).ToHashSet();
        foreach (var id in expected)
        {
            await harness.SendAsync(SessionFixtures.Request(id));
        }

        var seen = new HashSet<string>();
        while (seen.Count < expected.Count)
        {
            Assert.True(seen.Add(SessionFixtures.IdOf(await harness.ReceiveAsync())));
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_gateway_that_stops_reading_fails_the_write_deadline_with_gateway_write_failed()
    {
        await using var harness = await Harness.StartAsync(
            new ScriptedExecutor { Block = false },
            TunnelTimings.Default with { WriteDeadline = TimeSpan.FromMilliseconds(300) },
            n: 64,
            executorOverride: new BigResultExecutor());

        // The gateway side never reads: socket buffers fill and a response write misses its deadline.
        for (var i = 0; i < 64; i++)
        {
            await harness.SendAsync(SessionFixtures.Request("big" + i));
        }

        Assert.Equal("frame write exceeded 5s", await harness.Served.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        var failed = await harness.Output.WaitForAsync("gateway_write_failed");
        Assert.Equal("frame write exceeded 5s", failed.GetProperty("error").GetString());
    }

    private sealed class BigResultExecutor : ICapabilityExecutor
    {
        public Task<ExecutionOutcome> ExecuteAsync(Onprest.Agent.Capabilities.Capability capability, object[] boundValues, string requestId, CancellationToken cancellationToken)
        {
            var result = new byte[1024 * 1024];
            result.AsSpan().Fill((byte)' ');
            "{\"count\":0}"u8.CopyTo(result);
            return Task.FromResult<ExecutionOutcome>(new ExecutionOutcome.Success(result));
        }
    }

    /// <summary>A fake gateway socket connected to a real agent session over loopback.</summary>
    [Fact]
    public async Task Pings_and_other_calls_are_answered_while_a_call_validates_slowly()
    {
        // The gateway pings every 100 ms and drops the connection when a pong is 1 s late; the slow validation takes
        // longer than that, so a reader busy validating would lose the connection.
        var configuration = SessionFixtures.Configuration(2, GatewaySessionReaderTests.SlowCapability(), SessionFixtures.Capability("get"));
        await using var harness = await Harness.StartAsync(new ScriptedExecutor { Block = false }, serverKeepAlive: TimeSpan.FromMilliseconds(100), pongTimeout: TimeSpan.FromSeconds(1), configuration: configuration);

        await harness.SendAsync(SessionFixtures.Request("slow", "slow", $$"""{"s":"{{GatewaySessionReaderTests.SlowValue()}}"}"""));
        await harness.SendAsync(SessionFixtures.Request("get", "get"));

        Assert.Equal("get", SessionFixtures.IdOf(await harness.ReceiveAsync()));
        var slow = await harness.ReceiveAsync(TimeSpan.FromSeconds(180));
        Assert.Equal("slow", SessionFixtures.IdOf(slow));
        Assert.Equal("AGENT_VALIDATION_FAILED", SessionFixtures.ErrorCode(slow));
        Assert.False(harness.Served.IsCompleted);
    }

    private sealed class Harness : IAsyncDisposable
    {
        private FakeGateway _fake = null!;

        public WebSocket Gateway { get; private set; } = null!;

        public ScriptedExecutor Executor { get; private set; } = null!;

        public Task<string> Served { get; private set; } = null!;

        public CancellationTokenSource Stop { get; } = new();

        public CapturedLines Output { get; } = new();

        public static async Task<Harness> StartAsync(ScriptedExecutor executor, TunnelTimings? timings = null, TimeSpan? serverKeepAlive = null, int n = 4, TimeSpan? pongTimeout = null, ICapabilityExecutor? executorOverride = null, Onprest.Agent.Capabilities.AgentConfiguration? configuration = null)
        {
            var harness = new Harness { Executor = executor };
            harness._fake = new FakeGateway { ServerKeepAlive = serverKeepAlive ?? TimeSpan.Zero, ServerKeepAliveTimeout = pongTimeout };
            using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);
            var (socket, activity) = await WebSocketUpgrade.ConnectAsync(GatewayAddress.From(harness._fake.Url), signer.Sign("/ws/agent", "c"), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
            harness.Gateway = await harness._fake.NextSocketAsync();
            var sessions = new GatewaySessionFactory(configuration ?? SessionFixtures.Standard(n), executorOverride ?? executor, null);
            var events = new AgentEventWriter(harness.Output, TimeProvider.System);
            var session = new AgentTunnelSession(socket, activity, sessions.Open(), events, timings ?? TunnelTimings.Default, TimeProvider.System);
            harness.Served = Task.Run(() => session.ServeAsync(harness.Stop.Token));
            return harness;
        }

        public Task SendAsync(string text) =>
            Gateway.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        public async Task<string> ReceiveAsync(TimeSpan? patience = null)
        {
            var buffer = new byte[1024 * 1024];
            using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await Gateway.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            Executor.ReleaseAll();
            Gateway.Abort();
            await Served.WaitAsync(TimeSpan.FromSeconds(20));
            await _fake.DisposeAsync();
        }
    }
}
