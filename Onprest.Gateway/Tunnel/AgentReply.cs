using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// What one connection produced for a call, before success validation (docs/tunnel-protocol.md): an error (from the
/// agent or the transport) or the agent's raw <c>result</c> bytes (null when the response had none).
/// </summary>
internal sealed record AgentReply(PublicError? Error, byte[]? Result)
{
    public static readonly AgentReply Offline = new(PublicErrors.AgentOffline, null);
    public static readonly AgentReply TimedOut = new(PublicErrors.GatewayTimeout, null);

    /// <summary>
    /// The agent closed the connection as drained (docs/agent-pool.md) while the call waited: it never ran. Ends as
    /// 503 like <see cref="Offline"/> unless the pool sends it to another agent.
    /// </summary>
    public static readonly AgentReply NotExecuted = new(PublicErrors.AgentOffline, null);

    public static AgentReply Failed(PublicError error) => new(error, null);

    public static AgentReply Succeeded(byte[]? result) => new(null, result);
}
