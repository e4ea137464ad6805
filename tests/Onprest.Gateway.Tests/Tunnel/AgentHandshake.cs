using System.Buffers.Text;
using System.Security.Cryptography;
using NSec.Cryptography;
using Onprest.Contracts.Text;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>The values of one signed handshake; tests change single fields to produce each failure.</summary>
internal sealed record AgentHandshake
{
    public required string Challenge { get; init; }
    public string Nonce { get; init; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
    public required string Timestamp { get; init; }
    public string WebSocketKey { get; init; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    public string Path { get; init; } = TunnelProtocol.AgentPath;

    public static async Task<AgentHandshake> NewAsync(TunnelTestServer server)
    {
        var challenge = await ChallengeAsync(server.Port);
        return new AgentHandshake
        {
            Challenge = challenge,
            Timestamp = Rfc3339Seconds(server.Time.GetUtcNow()),
        };
    }

    public static string Rfc3339Seconds(DateTimeOffset time) =>
        Rfc3339.Format(new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));

    public static async Task<string> ChallengeAsync(int port)
    {
        using var response = await RawHttp.SendAsync(port, "POST", TunnelProtocol.ChallengePath, [("Content-Length", "0")]);
        Assert.Equal(201, response.Status);
        using var body = System.Text.Json.JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("challenge").GetString()!;
    }

    public string SignV2(Key key) => Sign(key, HandshakeMessage.V2(Path, Timestamp, Nonce, Challenge, WebSocketKey));

    public string SignV2N(Key key) => Sign(key, HandshakeMessage.V2N(Path, Timestamp, Nonce, Challenge));

    public string SignVerify(Key key) => Sign(key, HandshakeMessage.Verify(Timestamp, Nonce, Challenge));

    public static string Sign(Key key, byte[] message) => Base64Url.EncodeToString(SignatureAlgorithm.Ed25519.Sign(key, message));

    /// <summary>The full upgrade header list with the given signature.</summary>
    public List<(string Name, string Value)> UpgradeHeaders(string signature) =>
    [
        ("Upgrade", "websocket"),
        ("Connection", "Upgrade"),
        ("Sec-WebSocket-Version", "13"),
        (TunnelProtocol.WebSocketKeyHeader, WebSocketKey),
        (TunnelProtocol.TimestampHeader, Timestamp),
        (TunnelProtocol.NonceHeader, Nonce),
        (TunnelProtocol.ChallengeHeader, Challenge),
        (TunnelProtocol.SignatureHeader, signature),
    ];

    public List<(string Name, string Value)> VerifyHeaders(string signature) =>
    [
        (TunnelProtocol.TimestampHeader, Timestamp),
        (TunnelProtocol.NonceHeader, Nonce),
        (TunnelProtocol.ChallengeHeader, Challenge),
        (TunnelProtocol.SignatureHeader, signature),
        ("Content-Length", "0"),
    ];
}
