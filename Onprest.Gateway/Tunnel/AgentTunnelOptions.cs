namespace Onprest.Gateway.Tunnel;

/// <summary>Settings of the agent tunnel (docs/tunnel-protocol.md). The protocol constants are not configurable.</summary>
public sealed record AgentTunnelOptions
{
    /// <summary>
    /// The raw 32-byte Ed25519 public keys from <c>GATEWAY_AGENT_PUBLIC_KEY</c>, one per agent slot (1 to 16,
    /// docs/agent-pool.md). At least one is required.
    /// </summary>
    public IReadOnlyList<byte[]> AgentPublicKeys { get; init; } = [];

    /// <summary>The single-agent form: sets <see cref="AgentPublicKeys"/> to this one key.</summary>
    public byte[] AgentPublicKey
    {
        get => AgentPublicKeys[0];
        init => AgentPublicKeys = [value];
    }

    /// <summary><c>GATEWAY_EMIT_OPENAPI_SNAPSHOT</c>: write <c>openapi_snapshot</c> after each <c>openapi_cached</c>.</summary>
    public bool EmitOpenApiSnapshot { get; init; }

    /// <summary>Clock for timestamps, challenge ages and deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The protocol constants; only tests shorten them.</summary>
    internal TunnelTimings Timings { get; init; } = TunnelTimings.Default;
}
