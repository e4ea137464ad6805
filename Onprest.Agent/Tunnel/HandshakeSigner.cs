using System.Buffers.Text;
using System.Security.Cryptography;
using NSec.Cryptography;
using Onprest.Contracts.Text;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// Signs the <c>onprest-agent-v2</c> handshake (docs/tunnel-protocol.md): the agent chooses its <c>Sec-WebSocket-Key</c>
/// first, then signs path, timestamp, nonce, challenge and key with its Ed25519 private key.
/// </summary>
internal sealed class HandshakeSigner : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;
    private readonly TimeProvider _time;

    private HandshakeSigner(Key key, TimeProvider time)
    {
        _key = key;
        _time = time;
    }

    /// <summary>Imports the 32-byte seed; throws <see cref="TunnelConnectException"/> when the key is unusable (agent_auth_failed).</summary>
    public static HandshakeSigner Create(byte[] seed, TimeProvider time)
    {
        try
        {
            return new HandshakeSigner(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey), time);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
        {
            throw new TunnelConnectException("agent private key is unusable");
        }
    }

    public SignedHandshake Sign(string path, string challenge)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var now = _time.GetUtcNow();
        var timestamp = Rfc3339.Format(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var signature = Algorithm.Sign(_key, HandshakeMessage.V2(path, timestamp, nonce, challenge, key));
        return new SignedHandshake(key, timestamp, nonce, challenge, Base64Url.EncodeToString(signature));
    }

    /// <summary>The doctor's <c>onprest-agent-verify-v1</c> signature (docs/tunnel-protocol.md).</summary>
    public SignedHandshake SignVerify(string challenge)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var now = _time.GetUtcNow();
        var timestamp = Rfc3339.Format(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var signature = Algorithm.Sign(_key, HandshakeMessage.Verify(timestamp, nonce, challenge));
        return new SignedHandshake("", timestamp, nonce, challenge, Base64Url.EncodeToString(signature));
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>The header values of one signed handshake (docs/tunnel-protocol.md).</summary>
internal sealed record SignedHandshake(string WebSocketKey, string Timestamp, string Nonce, string Challenge, string Signature);
