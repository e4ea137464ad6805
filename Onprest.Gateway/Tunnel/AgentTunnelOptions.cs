namespace Onprest.Gateway.Tunnel;

/// <summary>Settings of the agent tunnel (tunnel.md). The constants of docs/tunnel-protocol.md are not configurable.</summary>
public sealed record AgentTunnelOptions
{
    /// <summary>The raw 32-byte Ed25519 public key from <c>GATEWAY_AGENT_PUBLIC_KEY</c>. Required.</summary>
    public required byte[] AgentPublicKey { get; init; }

    /// <summary><c>GATEWAY_EMIT_OPENAPI_SNAPSHOT</c>: write <c>openapi_snapshot</c> after each <c>openapi_cached</c>.</summary>
    public bool EmitOpenApiSnapshot { get; init; }

    /// <summary>Clock for timestamps, challenge ages and deadlines.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The protocol constants; only tests shorten them.</summary>
    internal TunnelTimings Timings { get; init; } = TunnelTimings.Default;
}
