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

    public bool Validate(HttpRequest request, HandshakeDomain domain)
    {
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
        if (signature is null || !VerifySignature(request, domain, headers, signature))
        {
            return false;
        }

        return _replay.TryConsume(headers.Challenge, headers.Nonce, timestamp);
    }

    private bool VerifySignature(HttpRequest request, HandshakeDomain domain, HandshakeHeaders headers, byte[] signature)
    {
        var path = request.PathBase.Add(request.Path).Value ?? "";
        if (domain == HandshakeDomain.Verify)
        {
            return string.Equals(path, TunnelProtocol.VerifyPath, StringComparison.Ordinal)
                && _verifier.Verify(HandshakeMessage.Verify(headers.Timestamp, headers.Nonce, headers.Challenge), signature);
        }

        return _verifier.Verify(HandshakeMessage.V2(path, headers.Timestamp, headers.Nonce, headers.Challenge, headers.WebSocketKey!), signature)
            || _verifier.Verify(HandshakeMessage.V2N(path, headers.Timestamp, headers.Nonce, headers.Challenge), signature);
    }
}
