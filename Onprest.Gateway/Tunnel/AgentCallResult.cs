using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>The outcome of one call through the tunnel.</summary>
public abstract record AgentCallResult
{
    private AgentCallResult()
    {
    }

    /// <summary>A validated success: <paramref name="ResultJson"/> is the agent's <c>result</c> object, byte for byte.</summary>
    public sealed record Success(ReadOnlyMemory<byte> ResultJson, long Count) : AgentCallResult;

    /// <summary>An error answered by the agent (code and message passed through), or produced by the tunnel
    /// itself (<c>GATEWAY_AGENT_OFFLINE</c>, <c>GATEWAY_TIMEOUT</c>, the success-validation failures of docs/tunnel-protocol.md,
    /// or <c>GATEWAY_INVALID_REQUEST</c> / <c>invalid json body</c> for a frame over 16 MiB).</summary>
    public sealed record Failure(PublicError Error) : AgentCallResult;
}
