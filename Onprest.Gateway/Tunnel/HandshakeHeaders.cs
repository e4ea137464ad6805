using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>The signed handshake headers, each present exactly once and non-empty (docs/tunnel-protocol.md step 2 step 3).</summary>
internal sealed record HandshakeHeaders(string Timestamp, string Nonce, string Challenge, string Signature, string? WebSocketKey)
{
    /// <summary>
    /// Reads the four agent headers and, when <paramref name="webSocketKeyRequired"/>, <c>Sec-WebSocket-Key</c>
    /// (otherwise that header must be absent, as on the verify endpoint). Null when any rule fails.
    /// </summary>
    public static HandshakeHeaders? Read(IHeaderDictionary headers, bool webSocketKeyRequired)
    {
        if (!TryOne(headers, TunnelProtocol.TimestampHeader, out var timestamp)
            || !TryOne(headers, TunnelProtocol.NonceHeader, out var nonce)
            || !TryOne(headers, TunnelProtocol.ChallengeHeader, out var challenge)
            || !TryOne(headers, TunnelProtocol.SignatureHeader, out var signature))
        {
            return null;
        }

        if (!webSocketKeyRequired)
        {
            return headers.ContainsKey(TunnelProtocol.WebSocketKeyHeader)
                ? null
                : new HandshakeHeaders(timestamp, nonce, challenge, signature, null);
        }

        return TryOne(headers, TunnelProtocol.WebSocketKeyHeader, out var key)
            ? new HandshakeHeaders(timestamp, nonce, challenge, signature, key)
            : null;
    }

    private static bool TryOne(IHeaderDictionary headers, string name, out string value)
    {
        value = "";
        if (!headers.TryGetValue(name, out StringValues values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return false;
        }

        value = values[0]!;
        return true;
    }
}
