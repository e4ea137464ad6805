using System.Text;

namespace Onprest.Contracts.Tunnel;

/// <summary>
/// Builds the exact bytes the agent signs (docs/tunnel-protocol.md): UTF-8 lines joined by a single LF,
/// no trailing LF. Shared by both sides so the signer and the verifier can never disagree.
/// </summary>
public static class HandshakeMessage
{
    /// <summary><c>onprest-agent-v2</c>: covers the <c>Sec-WebSocket-Key</c> the agent chose.</summary>
    public static byte[] V2(string path, string timestamp, string nonce, string challenge, string webSocketKey) =>
        Join(TunnelProtocol.SignatureDomainV2, path, timestamp, nonce, challenge, webSocketKey);

    /// <summary><c>onprest-agent-v2n</c>: for clients that cannot choose their WebSocket key.</summary>
    public static byte[] V2N(string path, string timestamp, string nonce, string challenge) =>
        Join(TunnelProtocol.SignatureDomainV2N, path, timestamp, nonce, challenge);

    /// <summary><c>onprest-agent-verify-v1</c>: the doctor's key check against <c>/ws/agent/verify</c>.</summary>
    public static byte[] Verify(string timestamp, string nonce, string challenge) =>
        Join(TunnelProtocol.SignatureDomainVerify, TunnelProtocol.VerifyPath, timestamp, nonce, challenge);

    private static byte[] Join(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));
}
