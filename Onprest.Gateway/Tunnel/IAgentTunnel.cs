namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The gateway's view of the one agent connection (docs/tunnel-protocol.md). REST, MCP and OpenAPI depend only on
/// this; the WebSocket implementation lives beside it, tests use an in-process fake.
/// </summary>
public interface IAgentTunnel
{
    /// <summary>True while at least one authenticated agent connection is open.</summary>
    bool IsConnected { get; }

    /// <summary>How many agent connections are open (docs/agent-pool.md).</summary>
    int ConnectedAgents => IsConnected ? 1 : 0;

    /// <summary>How many agents may connect: one per configured public key.</summary>
    int Slots => 1;

    /// <summary>The finalized metadata the gateway advertises (the most recently connected agent's), or null while none is cached.</summary>
    AgentMetadata? Metadata { get; }

    /// <summary>
    /// Sends <c>{id, capability, params}</c> and waits for the answer, bounded by 30 s from hand-over.
    /// <paramref name="paramsJson"/> is the caller's raw JSON value (object or <c>null</c>), forwarded byte for byte.
    /// <paramref name="callerAborted"/> ends the call early (the frame is dropped or a cancel is sent).
    /// Never throws for agent or transport failures: they are <see cref="AgentCallResult"/> values.
    /// </summary>
    Task<AgentCallResult> CallAsync(string requestId, string capability, ReadOnlyMemory<byte> paramsJson, string? traceParent, string? traceState, CancellationToken callerAborted);

    /// <summary>
    /// As <see cref="CallAsync"/>, for params the edge has already checked to be exactly one JSON value (a REST body
    /// passed by <c>JsonBodyValidator</c>, or MCP <c>arguments</c> taken from a parsed message): the tunnel frames them
    /// without reading them again. Anything else goes through <see cref="CallAsync"/>.
    /// </summary>
    Task<AgentCallResult> CallValidatedAsync(string requestId, string capability, ReadOnlyMemory<byte> validatedParamsJson, string? traceParent, string? traceState, CancellationToken callerAborted) =>
        CallAsync(requestId, capability, validatedParamsJson, traceParent, traceState, callerAborted);
}

/// <summary>What the agent published for the current connection (docs/tunnel-protocol.md).</summary>
/// <param name="OpenApiDocument">The finalized, unfiltered OpenAPI document (docs/api.md, via <see cref="IOpenApiFinalizer"/>), UTF-8 JSON.</param>
/// <param name="ResponseKinds">Capability name → <c>select</c> or <c>mutation</c>, hidden capabilities included.</param>
public sealed record AgentMetadata(ReadOnlyMemory<byte> OpenApiDocument, IReadOnlyDictionary<string, string> ResponseKinds);
