namespace Onprest.Agent.Tunnel;

/// <summary>The agent's tunnel constants (docs/tunnel.md); only tests shorten them.</summary>
internal sealed record AgentTunnelTimings
{
    public static readonly AgentTunnelTimings Default = new();

    public TimeSpan ChallengeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The wait after the first failed attempt or a healthy session (then doubled per failure).</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A session connected this long counts as healthy even if it answered nothing.</summary>
    public TimeSpan HealthySession { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan WriteDeadline { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromMilliseconds(250);
}
