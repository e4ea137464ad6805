namespace Onprest.Contracts.Tunnel;

/// <summary>
/// The timing constants of docs/tunnel-protocol.md (section 8), for both sides of the tunnel; the defaults are the
/// protocol's values and only tests shorten them.
/// </summary>
public sealed record TunnelTimings
{
    public static readonly TunnelTimings Default = new();

    /// <summary>The gateway's bound on one call (not configurable).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each frame write, on either side; a failed or late write closes the connection.</summary>
    public TimeSpan WriteDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A side that closes drops the socket if the peer has not completed the close within this.</summary>
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The agent treats a connection that brought no frame at all (ping or message) for this long as lost.</summary>
    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the gateway's calls in flight may still be answered after a stop request.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan NonceMemory { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pauses between the five metadata attempts.</summary>
    public IReadOnlyList<TimeSpan> MetadataRetryPauses { get; init; } =
    [
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(400),
        TimeSpan.FromMilliseconds(800),
    ];

    /// <summary>The agent's challenge fetch, as a whole.</summary>
    public TimeSpan ChallengeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The agent's connect, TLS and upgrade, together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The agent's wait after the first failed attempt or a healthy session (then doubled per failure).</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The agent's longest wait between attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An agent session connected this long counts as healthy even if it answered nothing.</summary>
    public TimeSpan HealthySession { get; init; } = TimeSpan.FromSeconds(30);
}
