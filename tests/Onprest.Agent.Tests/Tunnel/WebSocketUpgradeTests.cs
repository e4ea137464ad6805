using System.Buffers.Text;
using System.Net.WebSockets;
using NSec.Cryptography;
using Onprest.Agent.Tunnel;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tests.Tunnel;

public sealed class WebSocketUpgradeTests
{
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task The_upgrade_carries_a_v2_signature_over_the_key_the_agent_chose()
    {
        await using var gateway = new FakeGateway();
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);
        var handshake = signer.Sign(TunnelProtocol.AgentPath, "the-challenge");
        var (socket, _) = await WebSocketUpgrade.ConnectAsync(GatewayAddress.From(gateway.Url), handshake, TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken);
        using var _socket = socket;

        var request = await gateway.Requests.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/ws/agent", request.Path);
        Assert.Equal($"127.0.0.1:{gateway.Port}", request.Header("host"));
        Assert.Equal("websocket", request.Header("upgrade"));
        Assert.Equal("Upgrade", request.Header("connection"));
        Assert.Equal("13", request.Header("sec-websocket-version"));
        Assert.Equal(0, request.Count("sec-websocket-extensions"));
        Assert.Equal(0, request.Count("sec-websocket-protocol"));
        var key = request.Header("sec-websocket-key")!;
        Assert.Equal(16, Convert.FromBase64String(key).Length);
        Assert.Equal(24, key.Length);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", request.Header("x-agent-timestamp"));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", request.Header("x-agent-nonce"));
        Assert.Equal("the-challenge", request.Header("x-agent-challenge"));
        var signature = request.Header("x-agent-signature")!;
        Assert.Matches("^[A-Za-z0-9_-]{86}$", signature);

        using var key32 = Key.Import(SignatureAlgorithm.Ed25519, Seed, KeyBlobFormat.RawPrivateKey);
        var message = HandshakeMessage.V2("/ws/agent", request.Header("x-agent-timestamp")!, request.Header("x-agent-nonce")!, "the-challenge", key);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(key32.PublicKey, message, Base64Url.DecodeFromChars(signature)));
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Every_handshake_uses_a_fresh_key_and_nonce()
    {
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);
        var first = signer.Sign("/ws/agent", "c");
        var second = signer.Sign("/ws/agent", "c");

        Assert.NotEqual(first.WebSocketKey, second.WebSocketKey);
        Assert.NotEqual(first.Nonce, second.Nonce);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(0)]
    [InlineData(64)]
    public void A_seed_that_is_not_32_bytes_is_unusable(int length)
    {
        var failure = Assert.Throws<TunnelConnectException>(() => HandshakeSigner.Create(new byte[length], TimeProvider.System));
        Assert.Equal("agent private key is unusable", failure.Message);
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", "gateway connect failed: 401 Unauthorized" },
        { "HTTP/1.1 409 Conflict\r\nContent-Length: 0\r\n\r\n", "gateway connect failed: 409 Conflict" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "gateway connect failed: 200 OK" },
        { "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "gateway connect failed: invalid Upgrade header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "gateway connect failed: invalid Upgrade header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "gateway connect failed: invalid Connection header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "gateway connect failed: invalid Connection header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "gateway connect failed: invalid Sec-WebSocket-Accept header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n", "gateway connect failed: invalid Sec-WebSocket-Accept header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "gateway connect failed: invalid Sec-WebSocket-Accept header" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", "gateway connect failed: the gateway negotiated an extension or subprotocol" },
        { "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\n\r\n", "gateway connect failed: the gateway negotiated an extension or subprotocol" },
        { "garbage\r\n\r\n", "gateway connect failed: invalid response" },
        { "HTTP/1.1 101\r\nbroken header line\r\n\r\n", "gateway connect failed: invalid response" },
        { "HTTP/1.1 10 Short\r\n\r\n", "gateway connect failed: invalid response" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Bad_upgrade_answers_fail_with_a_public_text(string answer, string error)
    {
        await using var gateway = new FakeGateway
        {
            UpgradeResponse = request => answer.Replace("{accept}", FakeGateway.Accept(request.Header("sec-websocket-key")!), StringComparison.Ordinal),
        };
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => WebSocketUpgrade.ConnectAsync(GatewayAddress.From(gateway.Url), signer.Sign("/ws/agent", "c"), TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken));
        Assert.Equal(error, failure.Message);
    }

    [Fact]
    public async Task Connection_tokens_are_matched_case_insensitively_in_a_list()
    {
        await using var gateway = new FakeGateway
        {
            UpgradeResponse = request => $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive, UPGRADE\r\nSec-WebSocket-Accept: {FakeGateway.Accept(request.Header("sec-websocket-key")!)}\r\n\r\n",
        };
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);
        var ex = await Record.ExceptionAsync(() => WebSocketUpgrade.ConnectAsync(GatewayAddress.From(gateway.Url), signer.Sign("/ws/agent", "c"), TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.Null(ex);
    }

    [Fact]
    public async Task A_gateway_that_never_answers_the_upgrade_times_out()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => WebSocketUpgrade.ConnectAsync(GatewayAddress.From(new Uri($"ws://127.0.0.1:{port}/ws/agent")), signer.Sign("/ws/agent", "c"), TimeSpan.FromMilliseconds(300), TimeProvider.System, TestContext.Current.CancellationToken));
        Assert.Equal("gateway connect failed: timed out", failure.Message);
    }

    [Fact]
    public async Task An_endless_response_head_is_refused()
    {
        await using var gateway = new FakeGateway { UpgradeResponse = _ => "HTTP/1.1 101 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", 400)) };
        using var signer = HandshakeSigner.Create(Seed, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<TunnelConnectException>(() => WebSocketUpgrade.ConnectAsync(GatewayAddress.From(gateway.Url), signer.Sign("/ws/agent", "c"), TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken));
        Assert.Equal("gateway connect failed: response head too large", failure.Message);
    }
}
