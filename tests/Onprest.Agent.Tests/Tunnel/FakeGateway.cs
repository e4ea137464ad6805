using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Onprest.Agent.Tests.Tunnel;

/// <summary>
/// A gateway stand-in on a real loopback socket: answers challenge requests and WebSocket upgrades as each test
/// scripts, and hands the server side of accepted WebSockets to the test.
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _challenges;

    public FakeGateway()
    {
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"ws://127.0.0.1:{Port}/ws/agent");

    /// <summary>Answers <c>POST /ws/agent/challenge</c>: the raw HTTP response to send.</summary>
    public Func<int, string> ChallengeResponse { get; set; } = n => Http(201, "Created", $$"""{"challenge":"challenge-{{n}}"}""");

    /// <summary>Answers the upgrade: the raw response head, or null for a correct 101.</summary>
    public Func<RecordedRequest, string?> UpgradeResponse { get; set; } = _ => null;

    public TimeSpan ServerKeepAlive { get; set; } = TimeSpan.Zero;

    /// <summary>Answers <c>POST /ws/agent/verify</c>: the raw HTTP response to send.</summary>
    public Func<RecordedRequest, string> VerifyResponse { get; set; } = _ => Http(200, "OK", "{\"ok\":true}\n");

    /// <summary>When set, the server sends pings (not unsolicited pongs) and aborts if no pong follows in time.</summary>
    public TimeSpan? ServerKeepAliveTimeout { get; set; }

    public Channel<RecordedRequest> Requests { get; } = Channel.CreateUnbounded<RecordedRequest>();

    public Channel<WebSocket> Sockets { get; } = Channel.CreateUnbounded<WebSocket>();

    public static string Http(int status, string reason, string body, string extraHeaders = "") =>
        $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";

    public static string Accept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    public async Task<WebSocket> NextSocketAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await Sockets.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        try
        {
            var request = await ReadRequestAsync(stream);
            await Requests.Writer.WriteAsync(request);
            if (request.Path == "/ws/agent/challenge")
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(ChallengeResponse(Interlocked.Increment(ref _challenges))));
                client.Dispose();
                return;
            }

            if (request.Path == "/ws/agent/verify")
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(VerifyResponse(request)));
                client.Dispose();
                return;
            }

            var scripted = UpgradeResponse(request);
            if (scripted is not null)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(scripted));
                client.Dispose();
                return;
            }

            var key = request.Header("sec-websocket-key") ?? "";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Accept(key)}\r\n\r\n"));
            var options = new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = ServerKeepAlive };
            if (ServerKeepAliveTimeout is { } timeout)
            {
                options.KeepAliveTimeout = timeout;
            }

            var socket = WebSocket.CreateFromStream(stream, options);
            await Sockets.Writer.WriteAsync(socket);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            client.Dispose();
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed");
            }

            bytes.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var first = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => (Name: l[..l.IndexOf(':')].Trim(), Value: l[(l.IndexOf(':') + 1)..].Trim())).ToList();
        var request = new RecordedRequest(first[0], first[1], headers);
        if (int.TryParse(request.Header("content-length"), out var length) && length > 0)
        {
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
        }

        return request;
    }
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers)
{
    public string? Header(string name) => Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).SingleOrDefault();

    public int Count(string name) => Headers.Count(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
}
