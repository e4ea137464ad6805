using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tests.Tunnel;

/// <summary>The wire's one WebSocket pump (both the gateway's and the agent's side use it), over a loopback TCP pair.</summary>
public sealed class MessagePumpTests : IAsyncLifetime
{
    private TcpListener? _listener;
    private TcpClient? _client;
    private WebSocket _pumped = null!;
    private WebSocket _peer = null!;

    public async ValueTask InitializeAsync()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _client = new TcpClient();
        await _client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        var accepted = await _listener.AcceptTcpClientAsync();
        _pumped = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        _peer = WebSocket.CreateFromStream(_client.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
    }

    public ValueTask DisposeAsync()
    {
        _pumped.Dispose();
        _peer.Dispose();
        _client?.Dispose();
        _listener?.Stop();
        return ValueTask.CompletedTask;
    }

    private MessagePump Pump(TunnelTimings? timings = null, List<Exception>? failures = null) =>
        new(_pumped, timings ?? TunnelTimings.Default, TimeProvider.System, ex => failures?.Add(ex));

    [Fact]
    public async Task Fragments_arrive_as_one_message_and_the_handler_can_stop_the_reading()
    {
        var pump = Pump();
        var received = new List<string>();
        var reading = pump.ReadAsync(message =>
        {
            received.Add(System.Text.Encoding.UTF8.GetString(message.Span));
            return received.Count < 2;
        });

        await _peer.SendAsync("{\"id\":"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
        await _peer.SendAsync("\"r1\"}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await _peer.SendAsync(new byte[40_000], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal(MessagePumpEnd.Stopped, await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal("{\"id\":\"r1\"}", received[0]);
        Assert.Equal(40_000, received[1].Length);
    }

    [Fact]
    public async Task A_binary_message_ends_the_reading()
    {
        var reading = Pump().ReadAsync(_ => true);
        await _peer.SendAsync(new byte[] { 1 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

        Assert.Equal(MessagePumpEnd.Binary, await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Exactly_16_MiB_is_read_and_one_byte_more_ends_the_reading()
    {
        var lengths = new List<int>();
        var reading = Pump().ReadAsync(message =>
        {
            lengths.Add(message.Length);
            return true;
        });

        await _peer.SendAsync(new byte[TunnelProtocol.MaxMessageBytes], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await _peer.SendAsync(new byte[TunnelProtocol.MaxMessageBytes + 1], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal(MessagePumpEnd.TooLarge, await reading.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal([TunnelProtocol.MaxMessageBytes], lengths);
    }

    [Fact]
    public async Task A_peer_close_is_returned_then_answered_with_1000()
    {
        var pump = Pump();
        var reading = pump.ReadAsync(_ => true);
        await _peer.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(MessagePumpEnd.PeerClosed, await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await pump.AnswerCloseAsync();
        var answer = await _peer.ReceiveAsync(new byte[16], CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, answer.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, _peer.CloseStatus);
    }

    [Fact]
    public async Task Close_sends_1000_and_drops_the_socket_when_the_peer_does_not_answer_within_the_grace()
    {
        var pump = Pump(TunnelTimings.Default with { CloseGrace = TimeSpan.FromMilliseconds(200) });
        var closing = pump.CloseAsync();
        var received = await _peer.ReceiveAsync(new byte[16], CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, _peer.CloseStatus);
        await closing.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketState.Aborted, _pumped.State);
    }

    [Fact]
    public async Task A_write_past_its_deadline_is_reported_and_drops_the_socket()
    {
        var failures = new List<Exception>();
        var pump = Pump(TunnelTimings.Default with { WriteDeadline = TimeSpan.FromMilliseconds(300) }, failures);

        // The peer never reads: the frame cannot leave the socket buffers before the deadline.
        Assert.False(await pump.SendAsync(new byte[64 * 1024 * 1024], CancellationToken.None));
        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Single(failures));
        Assert.Equal(WebSocketState.Aborted, _pumped.State);
    }
}
