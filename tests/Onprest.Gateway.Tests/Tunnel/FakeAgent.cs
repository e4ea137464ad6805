using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>
/// An agent on a real WebSocket (client side of <see cref="WebSocket.CreateFromStream(Stream, bool, string?, TimeSpan)"/>)
/// whose answers tests script. It records every frame the gateway sends.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    public const string DefaultMetadata = """{"data":{"openapi":"3.1.0","paths":{"/api/v1/capabilities/a":{},"/api/v1/capabilities/b":{}}},"response_kinds":{"a":"select","b":"mutation","c":"other"}}""";

    private readonly RawResponse _http;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private FakeAgent(RawResponse http, WebSocket socket, Func<FakeAgent, JsonElement, string?> answer, bool read)
    {
        _http = http;
        Socket = socket;
        Answer = answer;
        _loop = read ? Task.Run(ReadLoopAsync) : Task.CompletedTask;
    }

    public WebSocket Socket { get; }

    public Func<FakeAgent, JsonElement, string?> Answer { get; set; }

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public Task Loop => _loop;

    public static string DefaultAnswer(FakeAgent agent, JsonElement frame)
    {
        var id = frame.GetProperty("id").GetString();
        if (frame.TryGetProperty("type", out _))
        {
            return null!;
        }

        var capability = frame.GetProperty("capability").GetString();
        return capability == TunnelProtocol.MetaCapability
            ? $$"""{"id":"{{id}}","result":{{DefaultMetadata}}}"""
            : $$$"""{"id":"{{{id}}}","result":{"rows":[{"echo":"{{{capability}}}"}],"count":1}}""";
    }

    /// <summary>Completes a signed v2 handshake; <paramref name="read"/> false = a silent agent that never reads (no pongs).</summary>
    public static async Task<FakeAgent> ConnectAsync(TunnelTestServer server, Func<FakeAgent, JsonElement, string?>? answer = null, bool read = true, NSec.Cryptography.Key? key = null)
    {
        var before = server.PublicTunnel.ConnectedAgents;
        var handshake = await AgentHandshake.NewAsync(server);
        var response = await RawHttp.SendAsync(server.Port, "GET", TunnelProtocol.AgentPath, handshake.UpgradeHeaders(handshake.SignV2(key ?? server.AgentKey)));
        Assert.Equal(101, response.Status);
        var socket = WebSocket.CreateFromStream(response.Stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var agent = new FakeAgent(response, socket, answer ?? DefaultAnswer, read);

        // The 101 reaches the agent just before the gateway attaches the connection.
        for (var i = 0; i < 500 && server.PublicTunnel.ConnectedAgents <= before; i++)
        {
            await Task.Delay(10);
        }

        return agent;
    }

    public async Task SendTextAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            await Socket.SendAsync(payload, type, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public IEnumerable<JsonElement> Cancels => Received.Where(f => f.TryGetProperty("type", out var t) && t.GetString() == "cancel");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Socket.Abort();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        Socket.Dispose();
        _http.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1024 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (length == buffer.Length)
                {
                    throw new InvalidOperationException("the fake agent only reads frames below 1 MiB");
                }

                var frame = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                Received.Enqueue(frame);
                var reply = Answer(this, frame);
                if (reply is not null)
                {
                    _ = SendTextAsync(reply);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
