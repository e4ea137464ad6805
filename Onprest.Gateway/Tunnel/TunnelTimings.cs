namespace Onprest.Gateway.Tunnel;

/// <summary>The timing constants of docs/tunnel-protocol.md, gathered so tests can shorten them.</summary>
internal sealed record TunnelTimings
{
    public static readonly TunnelTimings Default = new();

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan WriteDeadline { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>how long calls in flight may still be answered after a stop request.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan NonceMemory { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pauses between the five metadata attempts (docs/tunnel-protocol.md).</summary>
    public IReadOnlyList<TimeSpan> MetadataRetryPauses { get; init; } =
    [
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(400),
        TimeSpan.FromMilliseconds(800),
    ];
}
