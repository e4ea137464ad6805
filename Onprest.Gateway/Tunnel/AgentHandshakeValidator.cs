using Microsoft.AspNetCore.Http;
using Onprest.Contracts.Tunnel;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The verification steps of docs/tunnel-protocol.md: headers, timestamp window, signature, then the atomic
/// challenge and nonce consumption. Every failure is the same 401 to the caller, so no reason is returned.
/// </summary>
internal sealed class AgentHandshakeValidator
{
    private readonly AgentSignatureVerifier _verifier;
    private readonly HandshakeReplayGuard _replay;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;

    public AgentHandshakeValidator(AgentSignatureVerifier verifier, HandshakeReplayGuard replay, TunnelTimings timings, TimeProvider time)
    {
        _verifier = verifier;
        _replay = replay;
        _timings = timings;
        _time = time;
    }

    public bool Validate(HttpRequest request, HandshakeDomain domain) => Validate(request, domain, out _);

    /// <summary>As <see cref="Validate(HttpRequest, HandshakeDomain)"/>; <paramref name="slot"/> is the index of the agent key that signed.</summary>
    public bool Validate(HttpRequest request, HandshakeDomain domain, out int slot)
    {
        slot = -1;
        var headers = HandshakeHeaders.Read(request.Headers, webSocketKeyRequired: domain == HandshakeDomain.WebSocket);
        if (headers is null)
        {
            return false;
        }

        if (!HandshakeTimestamp.TryParse(headers.Timestamp, out var timestamp)
            || !HandshakeTimestamp.IsFresh(timestamp, _time.GetUtcNow(), _timings.MaxFutureSkew, _timings.MaxAge))
        {
            return false;
        }

        var signature = AgentSignatureVerifier.DecodeSignature(headers.Signature);
        var matched = signature is null ? -1 : MatchSignature(request, domain, headers, signature);
        if (matched < 0 || !_replay.TryConsume(headers.Challenge, headers.Nonce, timestamp))
        {
            return false;
        }

        slot = matched;
        return true;
    }

    private int MatchSignature(HttpRequest request, HandshakeDomain domain, HandshakeHeaders headers, byte[] signature)
    {
        var path = request.PathBase.Add(request.Path).Value ?? "";
        if (domain == HandshakeDomain.Verify)
        {
            return string.Equals(path, TunnelProtocol.VerifyPath, StringComparison.Ordinal)
                ? _verifier.Match(HandshakeMessage.Verify(headers.Timestamp, headers.Nonce, headers.Challenge), signature)
                : -1;
        }

        var v2 = _verifier.Match(HandshakeMessage.V2(path, headers.Timestamp, headers.Nonce, headers.Challenge, headers.WebSocketKey!), signature);
        return v2 >= 0 ? v2 : _verifier.Match(HandshakeMessage.V2N(path, headers.Timestamp, headers.Nonce, headers.Challenge), signature);
    }
}
