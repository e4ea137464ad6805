namespace Onprest.Contracts.Tunnel;

/// <summary>Fixed values of the agent tunnel (docs/tunnel-protocol.md); its timings are <see cref="TunnelTimings"/>.</summary>
public static class TunnelProtocol
{
    public const string AgentPath = "/ws/agent";
    public const string ChallengePath = "/ws/agent/challenge";
    public const string VerifyPath = "/ws/agent/verify";

    public const string TimestampHeader = "X-Agent-Timestamp";
    public const string NonceHeader = "X-Agent-Nonce";
    public const string ChallengeHeader = "X-Agent-Challenge";
    public const string SignatureHeader = "X-Agent-Signature";
    public const string WebSocketKeyHeader = "Sec-WebSocket-Key";

    public const string SignatureDomainV2 = "onprest-agent-v2";
    public const string SignatureDomainV2N = "onprest-agent-v2n";
    public const string SignatureDomainVerify = "onprest-agent-verify-v1";

    /// <summary>Largest message either side sends or accepts, after reassembly (docs/tunnel-protocol.md).</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Longest wire id, in UTF-8 bytes (docs/agent-databases.md).</summary>
    public const int MaxIdBytes = 128;

    /// <summary>The reserved capability name of the metadata call (docs/tunnel-protocol.md).</summary>
    public const string MetaCapability = "meta";

    /// <summary>
    /// The close description of an agent that stopped cleanly (docs/agent-pool.md): every call it took was answered
    /// before this close, and every frame it received after deciding to stop was dropped without running. A gateway may
    /// therefore send the calls still waiting on that connection to another agent.
    /// </summary>
    public const string DrainedCloseReason = "drained";

}
