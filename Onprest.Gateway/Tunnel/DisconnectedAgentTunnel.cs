using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The agent connection of a gateway built without the tunnel endpoints: never connected, no metadata, every
/// call answered <c>GATEWAY_AGENT_OFFLINE</c> exactly as the tunnel does while no agent is connected
/// (tunnel.md §9). Registered with TryAdd, so <c>AddAgentTunnel</c> replaces it.
/// </summary>
internal sealed class DisconnectedAgentTunnel : IAgentTunnel
{
    public bool IsConnected => false;

    public AgentMetadata? Metadata => null;

    public Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted) =>
        Task.FromResult<AgentCallResult>(new AgentCallResult.Failure(PublicErrors.AgentOffline));
}
