namespace Onprest.Gateway.Tunnel;

/// <summary>Which signed message a handshake must carry.</summary>
internal enum HandshakeDomain
{
    /// <summary><c>/ws/agent</c>: <c>onprest-agent-v2</c>, then <c>onprest-agent-v2n</c> (docs/tunnel-protocol.md).</summary>
    WebSocket,

    /// <summary><c>/ws/agent/verify</c>: only <c>onprest-agent-verify-v1</c> (docs/tunnel-protocol.md).</summary>
    Verify,
}
